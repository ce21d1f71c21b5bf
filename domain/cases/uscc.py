"""统一社会信用代码 (GB 32100-2015): 18 characters and a check digit, to catch typos at intake."""

from __future__ import annotations

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # no I, O, S, V, Z
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def check_character(first17: str) -> str:
    """The 18th character for the first 17."""
    total = sum(ALPHABET.index(c) * w for c, w in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def uscc_problem(code: str) -> str | None:
    """None when `code` is a valid code, else why not (Chinese)."""
    if len(code) != 18:
        return f"统一社会信用代码应为 18 位（实际 {len(code)} 位）"
    bad = [c for c in code if c not in ALPHABET]
    if bad:
        return f"统一社会信用代码含非法字符：{''.join(dict.fromkeys(bad))}"
    if check_character(code[:17]) != code[17]:
        return "统一社会信用代码校验位不正确"
    return None
