"""Reading a units file (YAML) into validated specs, with errors a person can act on."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import ValidationError

from domain.units.model import UnitsFile


class UnitsFileError(ValueError):
    """The file cannot be loaded; `errors` holds one Chinese line per problem, with its path."""

    def __init__(self, errors: list[str]):
        super().__init__("；".join(errors))
        self.errors = errors


def _location(loc: tuple[int | str, ...]) -> str:
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path


def parse_units(text: str) -> UnitsFile:
    """Validate the YAML text of a units file."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise UnitsFileError([f"YAML 格式错误：{error}"]) from error
    try:
        return UnitsFile.model_validate(data)
    except ValidationError as error:
        raise UnitsFileError(
            [f"{_location(e['loc'])}: {e['msg']}" for e in error.errors()]
        ) from error


def read_units_file(path: Path) -> UnitsFile:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise UnitsFileError([f"无法读取文件 {path}：{error.strerror}"]) from error
    return parse_units(text)
