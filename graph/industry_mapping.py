"""Putting a patent in industries from its IPC codes, without a database.

Two answers, both transparent and replaceable:

* :func:`sei_for_ipc`: the strategic emerging industry (SEI 2018) level-2 codes by CNIPA's
  《战略性新兴产业分类与国际专利分类参照关系表（2021）》 (bundled as
  ``sei-ipc-concordance-2021-long.csv``). A rule matches an IPC code when one of its
  patterns matches and none of its exclusions does; a code's industries are those of
  every matching rule.
* :func:`gbt4754_for`: the GB/T 4754 section letter. The official IPC→国民经济行业 table
  is not published as data, so the section is derived in this order, first answer wins:
  1. ``ipc-gbt4754.csv`` (columns ``IPC,行业代码``) when present in the reference folder:
     the most specific pattern matching the first IPC code that any pattern matches;
  2. the first SEI code (given, or derived from the IPC codes) through
     :data:`SEI_SECTION` (field default, with level-2 exceptions);
  3. the first IPC code's section/class through :data:`IPC_SECTION` (longest prefix).
  :func:`gbt4754_decision` also says which step decided.

The ingest calls this for every patent (about 1.5M nationally), so the concordance is
compiled once into per-subclass tables and each distinct IPC code is resolved once
(memoised): see ``bench/industry_mapping.py`` for the figures.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple

from graph.errors import InvalidInput
from graph.reference import GBT_FILE, ReferenceDataError, read_rows, resolve

__all__ = [
    "IPC_SECTION",
    "SEI_SECTION",
    "IndustryMapper",
    "InvalidIpcCode",
    "gbt4754_decision",
    "gbt4754_for",
    "normalise_ipc",
    "parse_ipc",
    "sei_for_ipc",
]

CONCORDANCE_FILE = "sei-ipc-concordance-2021-long.csv"
OFFICIAL_GBT_FILE = "ipc-gbt4754.csv"
#: Environment variable naming an operator's reference folder (files there win).
REFERENCE_DIR_ENV = "PATENT_HUB_REFERENCE_DIR"

#: SEI level-1 field → GB/T 4754 section. Patents in the SEI fields are mostly about
#: products, so the manufacturing section C is the default; fields that are services
#: map to their service section.
SEI_FIELD_SECTION: dict[str, str] = {
    "1": "C",  # 新一代信息技术产业 (network and electronic equipment)
    "2": "C",  # 高端装备制造产业
    "3": "C",  # 新材料产业
    "4": "C",  # 生物产业 (medicines, medical devices)
    "5": "C",  # 新能源汽车产业
    "6": "C",  # 新能源产业 (generating equipment)
    "7": "C",  # 节能环保产业 (equipment, recycling = C42)
    "8": "C",  # 数字创意产业 (technical equipment)
    "9": "M",  # 相关服务业 (科学研究和技术服务业)
}
#: SEI level-2 classes whose activities sit in another section than their field's.
SEI_L2_SECTION: dict[str, str] = {
    "1.3": "I",  # 新兴软件和新型信息技术服务 → 信息传输、软件和信息技术服务业
    "1.4": "I",  # 互联网与云计算、大数据服务
    "1.5": "I",  # 人工智能 (software and services)
    "3.7": "M",  # 新材料相关服务
    "4.3": "A",  # 生物农业及相关产业 → 农、林、牧、渔业
    "4.5": "M",  # 其他生物业 (biological services)
    "8.2": "R",  # 数字文化创意活动 → 文化、体育和娱乐业
    "8.3": "M",  # 设计服务 → 专业技术服务业
    "8.4": "R",  # 数字创意与融合服务
    "9.2": "L",  # 其他相关服务 → 租赁和商务服务业
}
SEI_SECTION: dict[str, str] = {**SEI_FIELD_SECTION, **SEI_L2_SECTION}

#: IPC prefix → GB/T 4754 section, longest prefix wins. Most IPC technology is made in
#: factories (C); the exceptions are agriculture, building, mining and computing.
IPC_SECTION: dict[str, str] = {
    "A": "C",  # 人类生活必需 (food, clothing, medicine, devices)
    "A01": "A",  # agriculture, forestry, animal husbandry, fishing
    "B": "C",
    "C": "C",
    "D": "C",
    "E": "E",  # fixed constructions → 建筑业
    "E05": "C",  # locks, fittings (manufactured goods)
    "E06": "C",  # doors, windows, ladders
    "E21": "B",  # earth drilling, mining → 采矿业
    "F": "C",
    "G": "C",
    "G06F": "I",  # electric digital data processing → software and IT services
    "G06N": "I",  # computing models (AI)
    "G06Q": "I",  # data processing for business
    "G16": "I",  # ICT for specific fields
    "H": "C",
}


class InvalidIpcCode(InvalidInput, ValueError):
    """A string that is not an IPC symbol in any of the accepted forms."""


class IpcCode(NamedTuple):
    """An IPC symbol: subclass (``H01M``), main group (``4``), subgroup (``58``)."""

    subclass: str
    group: str | None = None
    subgroup: str | None = None

    def __str__(self) -> str:
        text = self.subclass
        if self.group is not None:
            text += self.group
            if self.subgroup is not None:
                text += "/" + self.subgroup
        return text


_SHORT = re.compile(r"([A-H])(\d{2})([A-Z])(?:(\d{1,4})(?:/(\d{1,6}))?)?")
_LONG = re.compile(r"([A-H]\d{2}[A-Z])(\d{4})(\d{6})")
_VERSION = re.compile(r"\(\d{4}\.\d{2}\)|\[\d{4}\.\d{2}\]")


@lru_cache(maxsize=200_000)
def parse_ipc(code: str) -> IpcCode:
    """Normalise ``H01M 4/58``, ``H01M4/58``, ``h01m4/58 (2006.01)``, ``H01M0004580000``.

    The 14-character form has a 4-digit main group and a 6-digit subgroup padded with
    trailing zeros (``580000`` → ``58``, ``000000`` → ``00``).
    """
    text = _VERSION.sub("", code).upper().replace("／", "/")
    text = "".join(text.split())
    long = _LONG.fullmatch(text)
    if long:
        subgroup = long.group(3).rstrip("0").ljust(2, "0")
        return IpcCode(long.group(1), str(int(long.group(2))), subgroup)
    short = _SHORT.fullmatch(text)
    if not short:
        raise InvalidIpcCode(
            f"{code!r} is not an IPC code (expected e.g. H01M 4/58, H01M4/58 or H01M0004580000)"
        )
    subclass = short.group(1) + short.group(2) + short.group(3)
    group = str(int(short.group(4))) if short.group(4) else None
    return IpcCode(subclass, group, short.group(5))


def normalise_ipc(code: str) -> str:
    """The canonical text of an IPC code, ``H01M4/58``."""
    return str(parse_ipc(code))


# ---------------------------------------------------------------------------------------
# The compiled concordance


@dataclass(frozen=True)
class Pattern:
    """One IPC pattern of a rule: a class (``G16``), subclass, main group or subgroup.

    ``exact`` patterns (``G06F11/14``) match that subgroup only; the others match the
    class, subclass or main group and everything below it. The table's two patterns
    without ``*`` and without a subgroup (``H03M13``, ``G16H``) are read as wildcards:
    an exact main group or subclass would be no IPC symbol a patent carries.
    """

    prefix: str  # class (3 chars) or subclass (4 chars)
    group: str | None
    subgroup: str | None
    subgroup_prefix: bool

    def matches(self, code: IpcCode) -> bool:
        if not code.subclass.startswith(self.prefix):
            return False
        if self.group is None:
            return True
        if code.group != self.group:
            return False
        if self.subgroup is None:
            return True
        if code.subgroup is None:
            return False
        if self.subgroup_prefix:
            return code.subgroup.startswith(self.subgroup)
        return code.subgroup == self.subgroup


def parse_pattern(text: str, wildcard: bool) -> Pattern:
    text = text.strip().rstrip("*")
    if re.fullmatch(r"[A-H]\d{2}", text):
        return Pattern(text, None, None, False)
    code = parse_ipc(text)
    return Pattern(code.subclass, code.group, code.subgroup, wildcard)


@dataclass(frozen=True)
class Rule:
    sei: str
    number: int
    include: tuple[Pattern, ...]
    exclude: tuple[Pattern, ...]


class Concordance:
    """CNIPA's SEI–IPC table compiled into per-class and per-subclass candidate lists."""

    def __init__(self, path: Path) -> None:
        self.path = path
        parts: dict[tuple[str, int], tuple[list[Pattern], list[Pattern]]] = defaultdict(
            lambda: ([], [])
        )
        for row in read_rows(path, ("二级代码", "规则序号", "关系", "IPC分类号", "通配")):
            sei = row.require("二级代码")
            if not re.fullmatch(r"\d\.\d{1,2}", sei):
                raise row.error("二级代码", f"{sei!r} 不是战略性新兴产业二级代码")
            number = row.require("规则序号")
            if not number.isdigit():
                raise row.error("规则序号", f"{number!r} 不是规则序号")
            relation = row.require("关系")
            if relation not in ("包含", "排除"):
                raise row.error("关系", f"{relation!r} 不是 包含 或 排除")
            try:
                pattern = parse_pattern(row.require("IPC分类号"), row.get("通配") == "是")
            except InvalidIpcCode as exc:
                raise row.error("IPC分类号", str(exc)) from None
            include, exclude = parts[(sei, int(number))]
            (include if relation == "包含" else exclude).append(pattern)
        self.rules = [
            Rule(sei, number, tuple(inc), tuple(exc))
            for (sei, number), (inc, exc) in parts.items()
            if inc
        ]
        # For each class/subclass key: (rule index, pattern, excluded?) to test.
        self._candidates: dict[str, list[tuple[int, Pattern, bool]]] = defaultdict(list)
        for index, rule in enumerate(self.rules):
            for pattern in rule.include:
                self._candidates[pattern.prefix].append((index, pattern, False))
            for pattern in rule.exclude:
                self._candidates[pattern.prefix].append((index, pattern, True))
        self.codes = sorted({r.sei for r in self.rules}, key=sei_sort_key)

    def sei_for(self, code: IpcCode) -> tuple[str, ...]:
        """SEI level-2 codes of one IPC code (sorted)."""
        included: set[int] = set()
        excluded: set[int] = set()
        for key in (code.subclass, code.subclass[:3]):
            for index, pattern, is_exclusion in self._candidates.get(key, ()):
                if pattern.matches(code):
                    (excluded if is_exclusion else included).add(index)
        hits = {self.rules[i].sei for i in included - excluded}
        return tuple(sorted(hits, key=sei_sort_key))


def sei_sort_key(code: str) -> tuple[int, ...]:
    return tuple(int(p) for p in code.split("."))


class OfficialTable:
    """An operator's IPC → 国民经济行业 table (``IPC,行业代码``), most specific row wins."""

    def __init__(self, path: Path, sections: dict[str, str]) -> None:
        self.path = path
        self.section_by_key: dict[str, str] = {}
        for row in read_rows(path, ("IPC", "行业代码")):
            raw = row.require("IPC").rstrip("*").strip()
            try:
                key = raw if re.fullmatch(r"[A-H](\d{2})?", raw) else normalise_ipc(raw)
            except InvalidIpcCode as exc:
                raise row.error("IPC", str(exc)) from None
            industry = row.require("行业代码")
            section = sections.get(industry)
            if section is None:
                raise row.error("行业代码", f"{industry!r} 不是 GB/T 4754-2017 代码")
            self.section_by_key[key] = section

    def section_for(self, code: IpcCode) -> str | None:
        keys = [code.subclass[0], code.subclass[:3], code.subclass]
        if code.group is not None:
            keys.append(code.subclass + code.group)
            if code.subgroup is not None:
                keys.append(str(code))
        for key in reversed(keys):
            hit = self.section_by_key.get(key)
            if hit:
                return hit
        return None


class Decision(NamedTuple):
    """A GB/T 4754 section and the step that chose it (``OFFICIAL``/``SEI``/``IPC``)."""

    section: str | None
    rule: str | None
    basis: str | None


class IndustryMapper:
    """The mapping tables of one reference folder (operator files first, else bundled)."""

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory
        self.concordance = Concordance(resolve(CONCORDANCE_FILE, directory))
        official = resolve(OFFICIAL_GBT_FILE, directory)
        self.official: OfficialTable | None = None
        if official.is_file():
            sections = {
                row.require("代码"): row.require("门类")
                for row in read_rows(resolve(GBT_FILE, directory), ("代码", "门类"))
            }
            self.official = OfficialTable(official, sections)
        self._sei_cache: dict[str, tuple[str, ...]] = {}

    def _codes(self, ipc_codes: Sequence[str], strict: bool) -> list[IpcCode]:
        out: list[IpcCode] = []
        for text in ipc_codes:
            try:
                out.append(parse_ipc(text))
            except InvalidIpcCode:
                if strict:
                    raise
        return out

    def _sei_one(self, code: IpcCode) -> tuple[str, ...]:
        key = str(code)
        hit = self._sei_cache.get(key)
        if hit is None:
            hit = self.concordance.sei_for(code)
            self._sei_cache[key] = hit
        return hit

    def sei_for_ipc(self, ipc_codes: Sequence[str], strict: bool = True) -> list[str]:
        found: dict[str, None] = {}
        for code in self._codes(ipc_codes, strict):
            for sei in self._sei_one(code):
                found[sei] = None
        return sorted(found, key=sei_sort_key)

    def gbt4754_decision(
        self, ipc_codes: Sequence[str], sei_codes: Sequence[str] = (), strict: bool = True
    ) -> Decision:
        codes = self._codes(ipc_codes, strict)
        if self.official is not None:
            for code in codes:
                section = self.official.section_for(code)
                if section:
                    return Decision(section, "OFFICIAL", str(code))
        seis = list(sei_codes)
        if not seis:
            for code in codes:
                seis = list(self._sei_one(code))
                if seis:
                    break
        for sei in seis:
            section = SEI_SECTION.get(sei) or SEI_SECTION.get(sei.split(".", 1)[0])
            if section is None:
                raise ValueError(f"{sei!r} is not an SEI 2018 code (expected e.g. 5.2)")
            return Decision(section, "SEI", sei)
        for code in codes:
            for length in (4, 3, 1):
                section = IPC_SECTION.get(code.subclass[:length])
                if section:
                    return Decision(section, "IPC", code.subclass[:length])
        return Decision(None, None, None)


@cache
def default_mapper() -> IndustryMapper:
    """The mapper over ``$PATENT_HUB_REFERENCE_DIR`` (if set) and the bundled files."""
    folder = os.environ.get(REFERENCE_DIR_ENV)
    directory = Path(folder) if folder else None
    if directory is not None and not directory.is_dir():
        raise ReferenceDataError(directory, None, None, f"{REFERENCE_DIR_ENV} 不是文件夹")
    return IndustryMapper(directory)


def sei_for_ipc(ipc_codes: Sequence[str], strict: bool = True) -> list[str]:
    """SEI 2018 level-2 codes of a patent's IPC codes, by the CNIPA 2021 concordance.

    Raises :class:`InvalidIpcCode` for a malformed code unless ``strict`` is false, in
    which case such codes are skipped.
    """
    return default_mapper().sei_for_ipc(ipc_codes, strict)


def gbt4754_for(
    ipc_codes: Sequence[str], sei_codes: Sequence[str] = (), strict: bool = True
) -> str | None:
    """The GB/T 4754 section letter of a patent (see the module doc for the steps)."""
    return default_mapper().gbt4754_decision(ipc_codes, sei_codes, strict).section


def gbt4754_decision(
    ipc_codes: Sequence[str], sei_codes: Sequence[str] = (), strict: bool = True
) -> Decision:
    """Like :func:`gbt4754_for`, with the step and the code that decided."""
    return default_mapper().gbt4754_decision(ipc_codes, sei_codes, strict)
