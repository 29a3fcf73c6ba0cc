"""Parsing of single cell values: each returns the clean value or raises ``BadValue``.

The messages of ``BadValue`` are the reasons shown to the person who uploaded the file:
Chinese sentences that say what was found and what was expected; its ``code`` is the
stable English identifier of the kind of problem (docs/formats.md, "Problem codes").
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from enum import Enum
from operator import mul
from typing import Any, TypeVar

from graph.errors import InvalidInput
from graph.vocab import LABELS, from_label

__all__ = [
    "ABSURD",
    "BadValue",
    "app_no",
    "app_no_key",
    "contact",
    "credit_code",
    "day",
    "email",
    "enum",
    "ident",
    "integer",
    "ipc",
    "ipc_prefix",
    "is_locarno",
    "locarno",
    "make_app_no",
    "make_credit_code",
    "max_len",
    "number",
    "phone",
    "quarter",
    "shown",
    "split",
    "text",
    "yes_no",
]

E = TypeVar("E", bound=Enum)


class BadValue(InvalidInput, ValueError):
    """A cell whose value does not fit its column: ``code`` (stable, English) and a Chinese
    message."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def shown(value: Any) -> str:
    """A value as quoted in a reason: “…” (at most 40 characters)."""
    s = text(value)
    return f"“{s[:40]}…”" if len(s) > 40 else f"“{s}”"


def text(value: Any) -> str:
    """A cell as text; spreadsheet numbers that are whole print without ``.0``."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


_SPACE = re.compile(r"\s+")
_DIGITS8 = re.compile(r"\d{8}")
_SPLIT = re.compile(r"[；;]")
_SPLIT_COMMA = re.compile(r"[,，]")


def split(value: Any, commas: bool = False) -> list[str]:
    """Several values of one cell: ``；``/``;`` separated (or ``,``/``，`` with ``commas``)."""
    parts = (_SPLIT_COMMA if commas else _SPLIT).split(text(value))
    return [p.strip() for p in parts if p.strip()]


# --- application numbers ---------------------------------------------------------------

_APP_WEIGHTS = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)
_APP_RE = re.compile(r"^(\d{8}|\d{12})\.?([0-9X])$")


def app_no_check_digit(digits: str) -> str:
    """CNIPA check digit of an 8- or 12-digit application number (10 is written ``X``)."""
    total = sum(map(mul, map(int, digits), _APP_WEIGHTS))
    rest = total % 11
    return "X" if rest == 10 else str(rest)


def make_app_no(digits: str) -> str:
    """The key form of an application number from its 8 or 12 digits."""
    return f"{digits}.{app_no_check_digit(digits)}"


def app_no(value: Any) -> str:
    """Normalise an application number to the key form ``202310123456.7``."""
    raw = _SPACE.sub("", text(value)).upper()
    s = raw.removeprefix("CN").removeprefix("ZL")
    m = _APP_RE.match(s)
    if not m:
        raise BadValue(
            "BAD_APP_NO",
            f"申请号格式不正确：{shown(raw)} 应为 CN 加 12 位数字和 1 位校验位，"
            "如 CN202310123456.7",
        )
    digits, check = m.groups()
    expected = app_no_check_digit(digits)
    if check != expected:
        raise BadValue(
            "BAD_APP_NO_CHECK",
            f"申请号校验位不正确：{shown(raw)} 的校验位应为 {expected}，而不是 {check}",
        )
    return f"{digits}.{check}"


def app_no_key(value: Any) -> str:
    """The key a look-up searches for: the normal form when ``value`` is an application
    number (``CN``/``ZL`` prefix, spaces, a missing dot), else the text upper-cased
    without spaces and prefix: a look-up of a malformed number finds nothing, never fails."""
    try:
        return app_no(value)
    except BadValue:
        return _SPACE.sub("", text(value)).upper().removeprefix("CN").removeprefix("ZL")


# --- IPC ---------------------------------------------------------------------------------

_IPC_RE = re.compile(r"^[A-H]\d{2}[A-Z](\d{1,4}(/\d{1,6})?)?$")


def ipc(value: Any) -> str:
    """An IPC code without spaces (``H01M4/58``); a subclass alone is accepted."""
    code = _SPACE.sub("", text(value)).upper()
    if not _IPC_RE.match(code):
        raise BadValue("BAD_IPC", f"IPC 分类号格式不正确：{shown(code)} 应如 H01M4/58 或 H01M")
    return code


# A leading part of an IPC code, as filters and technology needs give one: a section,
# class, subclass, group or a subgroup's first digits (``H``, ``H01``, ``H01M4/5``).
_IPC_PREFIX_RE = re.compile(r"^[A-H](\d{1,2}([A-Z](\d{1,4}(/\d{0,6})?)?)?)?$")


def ipc_prefix(value: Any) -> str | None:
    """``value`` as an IPC prefix without spaces, upper case; None when it is none."""
    code = _SPACE.sub("", text(value)).upper()
    return code if _IPC_PREFIX_RE.match(code) else None


# --- Locarno (designs) -------------------------------------------------------------------

_LOC_RE = re.compile(
    r"^(?:LOC\s*[(（]\s*\d{1,2}\s*[)）]\s*CL\.?\s*)?(\d{1,2})\s*[-–－]\s*(\d{1,2})$"
)


def locarno(value: Any) -> str:
    """A Locarno class of a design (``24-02``); ``LOC(14) Cl. 24-02`` as patent databases
    print it is accepted (the edition is dropped)."""
    raw = text(value)
    m = _LOC_RE.match(raw.upper())
    if not m or not (1 <= int(m.group(1)) <= 32 or int(m.group(1)) == 99):
        raise BadValue(
            "BAD_LOCARNO",
            f"洛迦诺分类号格式不正确：{shown(raw)} 应如 24-02 或 LOC(14) Cl. 24-02",
        )
    return f"{int(m.group(1)):02d}-{int(m.group(2)):02d}"


def is_locarno(value: Any) -> bool:
    try:
        locarno(value)
    except BadValue:
        return False
    return True


# --- dates, numbers, flags ------------------------------------------------------------

_DATE_RE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")
# A time after the date, as a spreadsheet's date cell becomes text in a CSV export
# (``2015-01-01 00:00:00``): the date is the value, the time is dropped.
_TIME_RE = re.compile(r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?)$")


def day(value: Any) -> date:
    """A date from a date cell or ``2024-03-31``, ``2024/3/31``, ``20240331``, ``2024年3月31日``,
    each optionally followed by a time (``2024-03-31 00:00:00``)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    s = raw = text(value)
    if len(s) > 10 and ":" in s:
        s = _TIME_RE.sub("", s)
    if len(s) == 10 and s[4] == s[7] == "-" and s[:4].isdigit() and s[5:7].isdigit():
        try:
            return date.fromisoformat(s)  # the usual form, parsed in C
        except ValueError:
            pass  # the general path below gives the reason
    m = _DATE_RE.match(s)
    if m:
        y, mo, d = (int(g) for g in m.groups())
    elif _DIGITS8.fullmatch(s):
        y, mo, d = int(s[:4]), int(s[4:6]), int(s[6:])
    else:
        raise BadValue("BAD_DATE", f"日期格式不正确：{shown(raw)} 应如 2024-03-31")
    try:
        return date(y, mo, d)
    except ValueError:
        raise BadValue("BAD_DATE", f"日期不存在：{shown(raw)} 不是日历上的日期") from None


# Numbers beyond any real amount, count or rate: a row-level problem, never a stored value
# that a statistic later fails on (GraphQL's Float has no NaN or infinity).
ABSURD = 1e12
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d{1,3})?$")


def number(value: Any, low: float | None = 0, high: float | None = None) -> float:
    """A finite number (万元, percent, score) of at most ``ABSURD`` in size; ``low``/``high``
    bound it inclusively. ``inf``, ``nan``, ``1e999`` are refused with the row."""
    if isinstance(value, bool):
        raise BadValue("BAD_NUMBER", f"不是数字：{shown(value)}")
    if isinstance(value, int | float):
        n = float(value) if abs(value) <= ABSURD else math.inf
    else:
        s = text(value).replace(",", "")
        if not _NUMBER.match(s):
            raise BadValue("BAD_NUMBER", f"不是数字：{shown(s)}")
        n = float(s)
    if not math.isfinite(n) or abs(n) > ABSURD:
        raise BadValue(
            "NUMBER_TOO_LARGE", f"数值不合理：{shown(value)} 的绝对值至多为 {ABSURD:,.0f}"
        )
    if (low is not None and n < low) or (high is not None and n > high):
        bounds = f"{low if low is not None else '-∞'}–{high if high is not None else '∞'}"
        raise BadValue("OUT_OF_RANGE", f"数值超出范围：{shown(value)} 应在 {bounds} 之间")
    return n


def integer(value: Any, low: int | None = 0, high: int | None = None) -> int:
    n = number(value, low, high)
    if not n.is_integer():
        raise BadValue("NOT_INTEGER", f"应为整数，而不是 {shown(value)}")
    return int(n)


_YES = {"是", "Y", "YES", "1", "TRUE"}
_NO = {"否", "N", "NO", "0", "FALSE"}


def yes_no(value: Any) -> bool:
    s = text(value).upper()
    if s in _YES:
        return True
    if s in _NO:
        return False
    raise BadValue("BAD_YES_NO", f"应填“是”或“否”，而不是 {shown(value)}")


def enum(kind: type[E], value: Any) -> E:
    """The member of ``kind`` whose Chinese label is ``value``; the reason lists the labels."""
    hit = from_label(kind, text(value))
    if hit is None:
        allowed = " / ".join(LABELS[m] for m in kind if m in LABELS)
        raise BadValue("NOT_IN_LIST", f"不是可选值：{shown(value)} 应为 {allowed} 之一")
    return hit


# --- codes of organisations and people ----------------------------------------------------

_CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def credit_check_char(first17: str) -> str:
    """GB 32100-2015 check character of a 统一社会信用代码."""
    total = sum(_CREDIT_CHARS.index(c) * w for c, w in zip(first17, _CREDIT_WEIGHTS, strict=True))
    return _CREDIT_CHARS[(31 - total % 31) % 31]


def make_credit_code(first17: str) -> str:
    return first17 + credit_check_char(first17)


def credit_code(value: Any) -> str:
    code = _SPACE.sub("", text(value)).upper()
    if len(code) != 18 or any(c not in _CREDIT_CHARS for c in code):
        raise BadValue(
            "BAD_CREDIT_CODE",
            f"统一社会信用代码格式不正确：{shown(code)} 应为 18 位，"
            "由数字和 A-H、J-N、P、Q、R、T、U、W、X、Y 组成",
        )
    expected = credit_check_char(code[:17])
    if code[17] != expected:
        raise BadValue(
            "BAD_CREDIT_CODE_CHECK",
            f"统一社会信用代码校验位不正确：{shown(code)} 的最后一位应为 {expected}",
        )
    return code


_PHONE_RE = re.compile(r"^\+?[\d\- ()（）转]{7,24}$")


def _matching(value: Any, pattern: re.Pattern[str], code: str, reason: str) -> str:
    """``value`` as text if ``pattern`` matches it, else ``BadValue(code)`` with ``reason``
    (``{}`` stands for the value as shown)."""
    s = text(value)
    if not pattern.match(s):
        raise BadValue(code, reason.format(shown(s)))
    return s


def phone(value: Any) -> str:
    return _matching(value, _PHONE_RE, "BAD_PHONE", "电话号码格式不正确：{}")


_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_MOBILE_RE = re.compile(r"^(?:\+?86[- ]?)?1[3-9]\d(?:[- ]?\d{4}){2}$")
_LANDLINE_RE = re.compile(
    r"^(?:[(（]?0\d{2,3}[)）]?[- ]?)?[2-9]\d{6,7}(?:\s*(?:转|-|#|分机|ext\.?|EXT\.?)\s*\d{1,6})?$"
)


def contact(value: Any) -> str:
    """联系方式 as the template's institutions give it: a mobile number (13912345678,
    +86 139 1234 5678), a landline with area code and extension (0571-88881234转8001,
    010-62781234-123) or an e-mail address."""
    s = text(value)
    if _MOBILE_RE.match(s) or _LANDLINE_RE.match(s) or _EMAIL_RE.match(s):
        return s
    raise BadValue(
        "BAD_CONTACT",
        f"联系方式格式不正确：{shown(s)} 应为手机号、固定电话（如 0571-88881234转8001）或电子邮箱",
    )


def email(value: Any) -> str:
    return _matching(value, _EMAIL_RE, "BAD_EMAIL", "电子邮箱格式不正确：{}")


_ID_RE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z\-_/.]{0,63}$")


def ident(value: Any) -> str:
    """An identifier chosen by the uploader (evaluation, transaction, expert)."""
    return _matching(
        value,
        _ID_RE,
        "BAD_IDENTIFIER",
        "编号格式不正确：{} 只能由字母、数字和 - _ / . 组成，至多 64 个字符",
    )


def max_len(value: Any, limit: int) -> str:
    s = text(value)
    if len(s) > limit:
        raise BadValue("TOO_LONG", f"内容过长：共 {len(s)} 个字符，至多 {limit} 个")
    return s


def quarter(d: date) -> str:
    return f"{d.year}Q{(d.month - 1) // 3 + 1}"
