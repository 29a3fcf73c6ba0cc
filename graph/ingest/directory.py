"""Industry and province codes as the directories give them, checked against the reference
data."""

from __future__ import annotations

import re
from typing import Any

from graph.ingest import values
from graph.ingest.refdata import reference

__all__ = ["industry_id", "province_code"]

_GBT = re.compile(r"^([A-T]|\d{2,4})$")
_SEI = re.compile(r"^\d(\.\d{1,2})?$")


def industry_id(value: Any, known: set[str], gbt_only: bool = False) -> str:
    """``C``/``38``/``3841`` → ``GBT4754:…``; ``1``/``1.2`` → ``SEI2018:…`` (prefixed ids too)."""
    s = values.text(value).upper()
    if ":" in s:
        scheme, _, code = s.partition(":")
        candidate = f"{'SEI2018' if scheme == 'SEI2018' else 'GBT4754'}:{code}"
    elif _GBT.match(s):
        candidate = f"GBT4754:{s}"
    elif _SEI.match(s) and not gbt_only:
        candidate = f"SEI2018:{s}"
    else:
        kinds = "GB/T 4754 行业代码" if gbt_only else "GB/T 4754 行业代码或战略性新兴产业代码"
        raise values.BadValue(
            "BAD_INDUSTRY",
            f"不是 {kinds}：{values.shown(s)}（如 C、3841" + ("" if gbt_only else "、1.2") + "）",
        )
    if gbt_only and not candidate.startswith("GBT4754:"):
        raise values.BadValue("BAD_INDUSTRY", f"不是 GB/T 4754 行业代码：{values.shown(s)}")
    if candidate not in known:
        raise values.BadValue("UNKNOWN_INDUSTRY", f"行业不存在：参考数据中没有 {values.shown(s)}")
    return candidate


def province_code(value: Any) -> str:
    """A GB/T 2260 province code of the reference data (``33``)."""
    s = values.text(value)
    if s not in reference().provinces:
        reason = f"省份代码不正确：{values.shown(s)} 不是 GB/T 2260 省级代码（如 33）"
        raise values.BadValue("UNKNOWN_PROVINCE", reason)
    return s
