"""Unit codes inside a sentence written for people (a notification, a refusal), replaced by the
names people know the units by."""

from __future__ import annotations

import re
from collections.abc import Mapping

_CODE = re.compile(r"(?<![A-Za-z0-9._-])[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?(?![A-Za-z0-9_-])")


def codes_in(text: str) -> set[str]:
    """Every word of `text` that could be a unit code."""
    return set(_CODE.findall(text))


def with_names(text: str, names: Mapping[str, str]) -> str:
    """`text` with each known unit code replaced by its name; other words are kept."""
    return _CODE.sub(lambda found: names.get(found.group(0), found.group(0)), text)
