"""Reading an uploaded table (.xlsx or .csv) into numbered rows, shared by every upload.

Rows keep the number Excel shows (the header is row 1, blank rows are skipped but still
counted), so each importer can name the exact cell a person has to fix.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from openpyxl import load_workbook
from pydantic import BaseModel, ConfigDict

from domain.cases.import_cells import blank

Table = list[tuple[int, Sequence[object]]]


class RowError(BaseModel):
    """One problem in Excel terms: row as Excel numbers it, column header as the file writes it."""

    model_config = ConfigDict(frozen=True)

    row: int  # as Excel numbers it (header is row 1); 0 when the whole file is refused
    column: str  # the header as written in the file; "" when the whole file is refused
    message: str


class FileProblem(Exception):
    """The whole file is refused; nothing in it is read further."""

    def __init__(self, *messages: str):
        super().__init__("；".join(messages))
        self.messages = messages


class UnsupportedFile(FileProblem):
    """The file is of a kind the importer does not read at all (HTTP 415 rather than 422)."""


def _filled_rows(rows: Iterable[tuple[int, Sequence[object]]], max_rows: int) -> Table:
    """Skips blank rows, and stops reading as soon as the file is over the limit."""
    kept: Table = []
    for number, values in rows:
        if not all(blank(value) for value in values):
            kept.append((number, values))
            if len(kept) > max_rows + 1:  # + the header row
                raise FileProblem(f"数据超过 {max_rows} 行上限，请拆分为多个文件导入")
    return kept


def _csv_rows(content: bytes, max_rows: int) -> Table:
    try:
        text = content.decode("utf-8-sig")  # strict: GB18030 bytes are almost never valid UTF-8
    except UnicodeDecodeError:
        try:
            text = content.decode("gb18030")  # what Excel writes for "CSV" on Chinese Windows
        except UnicodeDecodeError as error:
            raise FileProblem("无法识别 CSV 文件编码，请另存为 UTF-8 或 GB18030 编码") from error
    try:
        return _filled_rows(enumerate(csv.reader(io.StringIO(text, newline="")), start=1), max_rows)
    except csv.Error as error:
        raise FileProblem(f"CSV 文件格式错误：{error}") from error


def _xlsx_rows(content: bytes, max_rows: int) -> Table:
    if not content:
        raise FileProblem("文件是空的")
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # a damaged upload fails in zipfile, XML or openpyxl code alike
        raise FileProblem("无法读取 Excel 文件：文件已损坏或不是 .xlsx 格式") from error
    try:
        sheet = workbook.worksheets[0]
        # Some exporters write a wrong <dimension>; read-only mode would silently cut rows off.
        sheet.reset_dimensions()
        numbered = enumerate(sheet.iter_rows(min_row=1, values_only=True), start=1)
        return _filled_rows(numbered, max_rows)
    except FileProblem:
        raise
    except Exception as error:  # read-only mode parses lazily, so damage can surface here too
        raise FileProblem("无法读取 Excel 文件：文件已损坏或不是 .xlsx 格式") from error
    finally:
        workbook.close()


def read_table(content: bytes, filename: str, *, suffixes: Sequence[str], max_rows: int) -> Table:
    """The filled rows of the file's first sheet, header first; FileProblem if unreadable.

    `suffixes` are the kinds the caller accepts ("xlsx", "csv"), judged by the file name
    because browsers send .xlsx as application/octet-stream as often as not.
    """
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if suffix not in suffixes:
        raise UnsupportedFile("仅支持 " + " 或 ".join(f".{s}" for s in suffixes) + " 文件")
    if suffix == "csv":
        return _csv_rows(content, max_rows)
    return _xlsx_rows(content, max_rows)
