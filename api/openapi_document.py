"""The OpenAPI document written to a file, from which the web workspace generates its client."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from api.app import create_app
from infra.settings import Settings


def write_openapi(target: Path) -> None:
    """No server is contacted: the document comes from the routes alone."""
    document = create_app(Settings()).openapi()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    write_openapi(Path(sys.argv[1]))
