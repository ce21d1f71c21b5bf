"""Bulletins as a reader sees them: LibreOffice (Debian's libreoffice-writer-nogui) renders the
.docx to PDF, pdfplumber reads pages, words and table cells back."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pdfplumber

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "bulletins"
A4 = (595.3, 841.9)  # pt


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    assert found, "LibreOffice (Debian: libreoffice-writer-nogui) renders the bulletins: make test"
    return found


def render(docx: bytes, name: str, work: Path) -> Path:
    """The PDF of `docx`, with its own LibreOffice profile so parallel runs never collide; a
    copy of both files stays in test-artifacts/bulletins/ for a reader."""
    source = work / f"{name}.docx"
    source.write_bytes(docx)
    profile = (work / "lo-profile").as_uri()
    subprocess.run(
        [soffice(), f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(work), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    pdf = work / f"{name}.pdf"
    assert pdf.exists(), f"LibreOffice made no PDF of {name}"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(source, ARTIFACTS / source.name)
    shutil.copy(pdf, ARTIFACTS / pdf.name)
    return pdf


def words(pdf: Path) -> list[str]:
    """Every word of every page: a table cell's text on one line is one word (cells stand
    apart), so a name broken over two lines shows up as two pieces of it."""
    with pdfplumber.open(pdf) as document:
        return [w["text"] for page in document.pages for w in page.extract_words()]


def pages(pdf: Path) -> list[tuple[float, float, str]]:
    """(width, height, text) of each page."""
    with pdfplumber.open(pdf) as document:
        return [(p.width, p.height, p.extract_text() or "") for p in document.pages]
