"""Reference data: provinces, ministries, institutions and industry classifications.

The facts ship with the package in ``graph/reference/`` (provenance in its ``SOURCES.md``),
so a clean clone needs nothing outside the repository. An operator may pass a folder of
newer official files with the same names; each file missing there falls back to the
bundled copy. Every file is parsed and checked before anything is written, so a malformed
file raises :class:`ReferenceDataError` (file, line, column, reason) and leaves the graph
as it was. Loading is idempotent: nodes are MERGEd on their keys in batches.

The pure helpers at the bottom (``provinces()``, ``province_code_by_name()``,
``city_code()``, ``institutions()``, ``supervising_ministry()``) read the bundled files
once and are what other modules use to resolve names to codes without a database.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from graph import cypher
from graph.db import Graph
from graph.errors import InvalidInput
from graph.vocab import IndustryScheme, InstitutionKind

__all__ = [
    "DATA_DIR",
    "GBT_FILE",
    "ReferenceDataError",
    "UnknownSupervisor",
    "city_code",
    "institutions",
    "load_reference",
    "province_code_by_name",
    "provinces",
    "read_reference",
    "read_rows",
    "resolve",
    "supervising_ministry",
]

DATA_DIR = Path(__file__).resolve().parent / "reference"
BATCH = 1000

PROVINCES_FILE = "provinces-gbt2260.csv"
DEPARTMENTS_FILE = "supervising-departments.csv"
MINISTRIES_FILE = "ministries.csv"
UNIVERSITIES_FILE = "institutions-moe.csv"
INSTITUTES_FILE = "institutes-hospitals.csv"
PILOT_FILE = "ip-pilot-universities.csv"
GBT_FILE = "industries-gbt4754-2017.csv"
GBT_SECTIONS_FILE = "industries-gbt4754-sections.csv"
SEI_L1_FILE = "strategic-emerging-industries-2018.csv"
SEI_L2_FILE = "strategic-emerging-industries-2018-l2.csv"
SEI_L3_FILE = "strategic-emerging-industries-2018-l3.csv"
CITIES_FILE = "divisions-cities.csv"
COUNTIES_FILE = "divisions-counties.csv"

GBT_LEVELS = {"门类": 1, "大类": 2, "中类": 3, "小类": 4}
UNIVERSITY_LEVELS = {"本科", "专科"}
PILOT_KINDS = {"示范": "demonstration", "试点": "pilot"}
#: Supervising bodies that are provincial-level but not a province's name.
PROVINCIAL_BODIES = {"新疆生产建设兵团": "65"}
#: Endings that mark a local government or its education department.
LOCAL_ENDINGS = ("教育厅", "教委", "教育委员会", "教育局", "人民政府", "省", "市", "自治区")


class ReferenceDataError(InvalidInput, ValueError):
    """A reference file that cannot be used, with the place of the problem."""

    def __init__(self, path: Path | str, line: int | None, column: str | None, reason: str):
        self.path = Path(path)
        self.line = line
        self.column = column
        self.reason = reason
        where = str(self.path)
        if line is not None:
            where += f"，第 {line} 行"
        if column is not None:
            where += f"，{column} 列"
        super().__init__(f"{where}：{reason}")


class UnknownSupervisor(InvalidInput, ValueError):
    """A 主管部门 that is neither a known central body nor recognisably local."""


# ---------------------------------------------------------------------------------------
# Reading files


@dataclass(frozen=True)
class Row:
    """One data row of a CSV file, remembering where it came from for error messages."""

    path: Path
    line: int
    values: Mapping[str, str]

    def get(self, column: str) -> str:
        return self.values.get(column, "").strip()

    def require(self, column: str) -> str:
        value = self.get(column)
        if not value:
            raise self.error(column, "值为空")
        return value

    def error(self, column: str | None, reason: str) -> ReferenceDataError:
        return ReferenceDataError(self.path, self.line, column, reason)

    def key(
        self, column: str, pattern: str, malformed: str, seen: set[str], what: str = "标识"
    ) -> re.Match[str]:
        """The row's key in ``column``: required, of the form ``pattern`` (``malformed``
        says what it should be) and given once in the file (``seen``, the keys so far;
        ``what`` names it in the error)."""
        key = self.require(column)
        match = re.fullmatch(pattern, key)
        if not match:
            raise self.error(column, f"{key!r} {malformed}")
        if key in seen:
            raise self.error(column, f"{what} {key} 重复")
        seen.add(key)
        return match


def resolve(name: str, directory: Path | None = None) -> Path:
    """The operator's file ``name`` in ``directory`` if it is there, else the bundled one."""
    if directory is not None:
        if not directory.is_dir():
            raise ReferenceDataError(directory, None, None, "不是文件夹")
        candidate = directory / name
        if candidate.is_file():
            return candidate
    return DATA_DIR / name


def read_rows(path: Path, required: Sequence[str]) -> list[Row]:
    """The rows of a UTF-8 CSV file with a header, checked for shape and columns."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ReferenceDataError(path, None, None, f"无法读取（{exc.strerror}）") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ReferenceDataError(path, line, None, "不是有效的 UTF-8 文本") from None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[Row] = []
    try:
        header = [h.strip() for h in next(reader, [])]
        if not header or header == [""]:
            raise ReferenceDataError(path, 1, None, "文件为空（需要表头行）")
        for column in required:
            if column not in header:
                raise ReferenceDataError(
                    path, 1, column, f"缺少必需的列（表头为 {','.join(header)}）"
                )
        for record in reader:
            line = reader.line_num
            if not any(v.strip() for v in record):
                continue
            if len(record) != len(header):
                column = header[len(record)] if len(record) < len(header) else str(len(record))
                raise ReferenceDataError(
                    path,
                    line,
                    column,
                    f"应有 {len(header)} 个字段，实有 {len(record)} 个",
                )
            rows.append(Row(path, line, dict(zip(header, record, strict=True))))
    except csv.Error as exc:
        raise ReferenceDataError(path, reader.line_num, None, f"CSV 格式错误（{exc}）") from None
    return rows


# ---------------------------------------------------------------------------------------
# Parsed reference data


@dataclass(frozen=True)
class Institution:
    id: str
    name: str
    kind: str
    provinceCode: str
    city: str
    ministryCode: str | None
    level: str | None = None
    remark: str | None = None
    aliases: tuple[str, ...] = ()
    pilot: bool = False
    demonstration: bool = False

    @property
    def localRun(self) -> bool:
        return self.ministryCode is None

    def as_params(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "provinceCode": self.provinceCode,
            "city": self.city,
            "ministryCode": self.ministryCode,
            "localRun": self.localRun,
            "level": self.level,
            "remark": self.remark,
            "aliases": list(self.aliases),
            "pilot": self.pilot,
            "demonstration": self.demonstration,
        }


@dataclass(frozen=True)
class Industry:
    id: str
    scheme: str
    code: str
    name: str
    level: int
    parent: str | None = None
    section: str | None = None
    description: str | None = None
    items: tuple[str, ...] | None = None

    def as_params(self) -> dict[str, Any]:
        props: dict[str, Any] = {
            "scheme": self.scheme,
            "code": self.code,
            "name": self.name,
            "level": self.level,
            "section": self.section,
            "description": self.description,
            "items": list(self.items) if self.items is not None else None,
        }
        return {"id": self.id, "parent": self.parent, "props": props}


@dataclass
class ReferenceData:
    provinces: list[dict[str, str]] = field(default_factory=list)
    ministries: list[dict[str, Any]] = field(default_factory=list)
    institutions: list[Institution] = field(default_factory=list)
    industries: list[Industry] = field(default_factory=list)


def parse_provinces(directory: Path | None) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    seen: set[str] = set()
    for row in read_rows(resolve(PROVINCES_FILE, directory), ("代码", "名称", "简称")):
        code = row.key("代码", r"\d{2}", "不是两位 GB/T 2260 代码", seen, "省份代码").group()
        out.append({"code": code, "name": row.require("名称"), "short": row.get("简称")})
    return out


def parse_ministries(directory: Path | None) -> list[dict[str, Any]]:
    """Supervising departments of the seed, then every central body of the MOE list."""
    merged: dict[str, dict[str, Any]] = {}
    for name in (DEPARTMENTS_FILE, MINISTRIES_FILE):
        for row in read_rows(resolve(name, directory), ("代码", "名称")):
            code = row.require("代码")
            if not re.fullmatch(r"[A-Z]{2,8}", code):
                raise row.error("代码", f"{code!r} 不是 2–8 位大写字母代码")
            aliases = [a.strip() for a in re.split(r"[；;]", row.get("别名")) if a.strip()]
            previous = merged.get(code, {})
            merged[code] = {
                "code": code,
                "name": row.require("名称"),
                "description": row.get("说明") or previous.get("description"),
                "aliases": sorted(set(previous.get("aliases", [])) | set(aliases)),
            }
    return list(merged.values())


def _supervisor_index(ministries: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    index: dict[str, str] = {}
    for m in ministries:
        index[m["name"]] = m["code"]
        for alias in m.get("aliases", ()):
            index[alias] = m["code"]
    return index


def classify_supervisor(
    value: str, central: Mapping[str, str], province_names: Iterable[str]
) -> str | None:
    """The ministry code of a 主管部门 value, or None when the institution is locally run.

    Rule: the value is split on whitespace (the MOE list writes joint supervision as
    ``上海市 中国科学院``); if any part is a central body's name or alias, that body
    supervises (joint central-local supervision counts as central). Otherwise every
    part must be recognisably local: it begins with a province's name (``河南省教育厅``,
    ``重庆市教委``), is the 新疆生产建设兵团 or its 教育局, or ends in 教育厅/教委/教育局/
    人民政府/省/市/自治区. Anything else is an unknown body and raises
    :class:`UnknownSupervisor`, so a new central body in a newer list is never silently
    taken as local.
    """
    text = value.strip()
    if not text:
        raise UnknownSupervisor("主管部门 is empty")
    if text in central:
        return central[text]
    parts = text.split()
    for part in parts:
        if part in central:
            return central[part]
    provinces = tuple(province_names)
    for part in parts:
        local = (
            part.startswith(provinces)
            or part.startswith(tuple(PROVINCIAL_BODIES))
            or part.endswith(LOCAL_ENDINGS)
        )
        if not local:
            raise UnknownSupervisor(
                f"主管部门 {value!r}：{part!r} 既不是已知的中央部门（可加入 {MINISTRIES_FILE}），"
                "也不是省、市或教育部门"
            )
    return None


def parse_universities(
    directory: Path | None,
    provinces: Sequence[Mapping[str, str]],
    ministries: Sequence[Mapping[str, Any]],
) -> list[Institution]:
    path = resolve(UNIVERSITIES_FILE, directory)
    code_by_name = {p["name"]: p["code"] for p in provinces}
    central = _supervisor_index(ministries)
    out: list[Institution] = []
    seen: set[str] = set()
    columns = ("学校名称", "学校标识码", "主管部门", "所在省份", "所在地", "办学层次")
    for row in read_rows(path, (*columns, "备注")):
        ident = row.key("学校标识码", r"\d{10}", "不是 10 位学校标识码", seen).group()
        province = row.require("所在省份")
        if province not in code_by_name:
            raise row.error("所在省份", f"{province!r} 不是 {PROVINCES_FILE} 中的省份")
        level = row.require("办学层次")
        if level not in UNIVERSITY_LEVELS:
            raise row.error("办学层次", f"{level!r} 不是 本科 或 专科")
        try:
            ministry = classify_supervisor(row.require("主管部门"), central, code_by_name)
        except UnknownSupervisor as exc:
            raise row.error("主管部门", str(exc)) from None
        out.append(
            Institution(
                id=ident,
                name=row.require("学校名称"),
                kind=InstitutionKind.UNIVERSITY.value,
                provinceCode=code_by_name[province],
                city=row.get("所在地") or province,
                ministryCode=ministry,
                level=level,
                remark=row.get("备注") or None,
            )
        )
    return out


def apply_pilot_flags(directory: Path | None, universities: list[Institution]) -> list[Institution]:
    """Mark national IP pilot / demonstration universities (by current MOE name)."""
    by_name = {u.name: i for i, u in enumerate(universities)}
    result = list(universities)
    for row in read_rows(resolve(PILOT_FILE, directory), ("学校名称", "类别")):
        name = row.require("学校名称")
        if name not in by_name:
            raise row.error("学校名称", f"{name!r} 不是 {UNIVERSITIES_FILE} 中的学校")
        kind = row.require("类别")
        if kind not in PILOT_KINDS:
            raise row.error("类别", f"{kind!r} 不是 示范 或 试点")
        i = by_name[name]
        u = result[i]
        former = tuple(a for a in re.split(r"[；;]", row.get("曾用名")) if a.strip())
        result[i] = Institution(
            **{
                **u.__dict__,
                "aliases": tuple(dict.fromkeys(u.aliases + former)),
                "pilot": u.pilot or kind == "试点",
                "demonstration": u.demonstration or kind == "示范",
            }
        )
    return result


def parse_institutes(
    directory: Path | None,
    provinces: Sequence[Mapping[str, str]],
    ministries: Sequence[Mapping[str, Any]],
) -> list[Institution]:
    codes = {p["code"] for p in provinces}
    ministry_codes = {m["code"] for m in ministries}
    prefixes = {
        "RI": InstitutionKind.RESEARCH_INSTITUTE.value,
        "HO": InstitutionKind.HOSPITAL.value,
    }
    out: list[Institution] = []
    seen: set[str] = set()
    path = resolve(INSTITUTES_FILE, directory)
    for row in read_rows(path, ("标识", "名称", "类型", "主管部门代码", "省级代码", "所在地")):
        match = row.key("标识", r"(RI|HO)-\d{4}", "不是 RI-nnnn 或 HO-nnnn", seen)
        ident = match.group()
        kind = row.require("类型")
        if kind != prefixes[match.group(1)]:
            raise row.error("类型", f"{kind!r} 与标识 {ident} 不符")
        ministry = row.get("主管部门代码") or None
        if ministry is not None and ministry not in ministry_codes:
            raise row.error("主管部门代码", f"{ministry!r} 不是 {MINISTRIES_FILE} 中的代码")
        province = row.require("省级代码")
        if province not in codes:
            raise row.error("省级代码", f"{province!r} 不是省份代码")
        aliases = tuple(a.strip() for a in re.split(r"[；;]", row.get("别名")) if a.strip())
        out.append(
            Institution(
                id=ident,
                name=row.require("名称"),
                kind=kind,
                provinceCode=province,
                city=row.require("所在地"),
                ministryCode=ministry,
                aliases=aliases,
            )
        )
    return out


def parse_gbt4754(directory: Path | None) -> list[Industry]:
    path = resolve(GBT_FILE, directory)
    rows = read_rows(path, ("代码", "名称", "上级代码", "层级", "门类"))
    out: list[Industry] = []
    codes: set[str] = set()
    for row in rows:
        code = row.require("代码")
        if code in codes:
            raise row.error("代码", f"代码 {code} 重复")
        codes.add(code)
        level_name = row.require("层级")
        if level_name not in GBT_LEVELS:
            raise row.error("层级", f"{level_name!r} 不是 {'/'.join(GBT_LEVELS)} 之一")
        level = GBT_LEVELS[level_name]
        pattern = r"[A-T]" if level == 1 else rf"\d{{{level}}}"
        if not re.fullmatch(pattern, code):
            raise row.error("代码", f"{code!r} 不是 GB/T 4754 的{level_name}代码")
        parent = row.get("上级代码") or None
        if (parent is None) != (level == 1):
            raise row.error("上级代码", "只有门类没有上级代码")
        out.append(
            Industry(
                id=f"GBT4754:{code}",
                scheme=IndustryScheme.GBT4754.value,
                code=code,
                name=row.require("名称"),
                level=level,
                parent=f"GBT4754:{parent}" if parent else None,
                section=row.require("门类"),
                description=row.get("说明") or None,
            )
        )
    for row, industry in zip(rows, out, strict=True):
        if industry.parent and industry.parent.split(":", 1)[1] not in codes:
            raise row.error("上级代码", f"上级 {industry.parent} 不在文件中")
    divisions: dict[str, str] = {}
    for row in read_rows(resolve(GBT_SECTIONS_FILE, directory), ("门类代码", "门类名称")):
        divisions[row.require("门类代码")] = row.get("大类代码范围")
    return [
        Industry(**{**i.__dict__, "description": i.description or divisions.get(i.code)})
        if i.level == 1
        else i
        for i in out
    ]


def parse_sei(directory: Path | None) -> list[Industry]:
    scheme = IndustryScheme.SEI2018.value
    out: list[Industry] = []
    fields: set[str] = set()
    for row in read_rows(resolve(SEI_L1_FILE, directory), ("代码", "名称")):
        code = row.require("代码")
        if not re.fullmatch(r"\d", code):
            raise row.error("代码", f"{code!r} 不是一位领域代码")
        fields.add(code)
        out.append(Industry(f"SEI2018:{code}", scheme, code, row.require("名称"), 1))
    items: dict[str, list[str]] = {}
    for row in read_rows(resolve(SEI_L3_FILE, directory), ("二级代码", "包含内容（部分）")):
        items.setdefault(row.require("二级代码"), []).append(row.require("包含内容（部分）"))
    for row in read_rows(resolve(SEI_L2_FILE, directory), ("一级代码", "二级代码", "二级名称")):
        code = row.require("二级代码")
        parent = row.require("一级代码")
        if not re.fullmatch(rf"{re.escape(parent)}\.\d{{1,2}}", code):
            raise row.error("二级代码", f"{code!r} 不是领域 {parent} 下的二级代码")
        if parent not in fields:
            raise row.error("一级代码", f"领域 {parent} 不在 {SEI_L1_FILE} 中")
        listed = items.get(code)
        if listed is None:
            listed = [s for s in re.split(r"[；;]", row.get("包含内容（部分）")) if s.strip()]
        out.append(
            Industry(
                f"SEI2018:{code}",
                scheme,
                code,
                row.require("二级名称"),
                2,
                parent=f"SEI2018:{parent}",
                items=tuple(listed),
            )
        )
    return out


def read_reference(directory: Path | None = None) -> ReferenceData:
    """Parse and check every reference file (the operator's where given, else bundled)."""
    provinces = parse_provinces(directory)
    ministries = parse_ministries(directory)
    universities = apply_pilot_flags(
        directory, parse_universities(directory, provinces, ministries)
    )
    institutes = parse_institutes(directory, provinces, ministries)
    ids = {u.id for u in universities}
    clash = [i.id for i in institutes if i.id in ids]
    if clash:
        where = resolve(INSTITUTES_FILE, directory)
        raise ReferenceDataError(where, None, "标识", f"与高校的学校标识码重复：{clash}")
    return ReferenceData(
        provinces=provinces,
        ministries=ministries,
        institutions=universities + institutes,
        industries=parse_gbt4754(directory) + parse_sei(directory),
    )


# ---------------------------------------------------------------------------------------
# Loading into the graph


def _batches(rows: Sequence[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), BATCH):
        yield list(rows[start : start + BATCH])


def load_reference(graph: Graph, directory: Path | None = None) -> dict[str, int]:
    """Load (or refresh) the reference data; returns the node count of each label.

    All files are checked first, then everything is written in one transaction, so a
    bad file changes nothing. Loading never deletes nodes: an institution absent from a
    newer list stays (patents may hang on it); its properties are simply not refreshed.
    """
    data = read_reference(directory)
    institutions = [i.as_params() for i in data.institutions]
    industries = [i.as_params() for i in data.industries]
    steps: list[tuple[str, list[dict[str, Any]]]] = [
        ("reference/provinces", data.provinces),
        ("reference/ministries", data.ministries),
        ("reference/institutions", institutions),
        ("reference/institution_links", institutions),
        (
            "ingest/owner_names_link",
            [{"id": i["id"], "names": [i["name"], *i["aliases"]]} for i in institutions],
        ),
        ("reference/industries", industries),
        ("reference/industry_parents", [i for i in industries if i["parent"]]),
    ]
    with graph.transaction() as tx:
        for name, rows in steps:
            query = cypher.load(name)
            for batch in _batches(rows):
                tx.run(query, {"rows": batch}).consume()
    counts = graph.read(cypher.load("reference/counts"))[0]
    return {str(k): int(v) for k, v in counts.items()}


# ---------------------------------------------------------------------------------------
# Pure helpers over the bundled files


@cache
def bundled() -> ReferenceData:
    """The bundled reference data, parsed once per process."""
    return read_reference(None)


@cache
def provinces() -> dict[str, str]:
    """GB/T 2260 code → full name, e.g. ``{"11": "北京市", …}``."""
    return {p["code"]: p["name"] for p in parse_provinces(None)}


_PROVINCE_SUFFIXES = ("壮族自治区", "回族自治区", "维吾尔自治区", "自治区", "省", "市")


@cache
def _province_lookup() -> dict[str, str]:
    lookup: dict[str, str] = {}
    for p in parse_provinces(None):
        code, name = p["code"], p["name"]
        lookup[code] = code
        lookup[name] = code
        if p["short"]:
            lookup[p["short"]] = code
        for suffix in _PROVINCE_SUFFIXES:
            if name.endswith(suffix):
                lookup[name[: -len(suffix)]] = code
                break
    return lookup


def province_code_by_name(name: str) -> str | None:
    """The province code for a full name (广西壮族自治区), stem (广西), short form (桂)
    or code; None when it names no province."""
    return _province_lookup().get(name.strip())


@cache
def ministries() -> dict[str, str]:
    """Ministry code → name for every central body."""
    return {m["code"]: m["name"] for m in parse_ministries(None)}


def supervising_ministry(value: str) -> str | None:
    """The central/local rule on one 主管部门 value (see :func:`classify_supervisor`)."""
    return classify_supervisor(
        value, _supervisor_index(parse_ministries_cached()), provinces().values()
    )


@cache
def parse_ministries_cached() -> tuple[dict[str, Any], ...]:
    return tuple(parse_ministries(None))


def institutions() -> list[Institution]:
    """Every bundled institution (universities, institutes, hospitals) as loaded."""
    return list(bundled().institutions)


@cache
def city_codes() -> dict[str, str]:
    """``省-市`` text → division code, for the template's 意向合作城市.

    Prefectures give 4-digit codes (``广东省-广州市`` → ``4401``); a municipality is
    written with itself or 市辖区 (``北京市-北京市`` → ``1101``); counties directly under
    a province (``河南省-济源市``) give their 6-digit code.
    """
    out: dict[str, str] = {}
    for row in read_rows(DATA_DIR / CITIES_FILE, ("代码", "名称", "省级代码", "省级名称")):
        province, city, code = row.get("省级名称"), row.get("名称"), row.get("代码")
        if city == "市辖区":
            out[f"{province}-{province}"] = code
        if "直辖" not in city:
            out[f"{province}-{city}"] = code
    for row in read_rows(DATA_DIR / COUNTIES_FILE, ("代码", "名称", "地级名称", "省级名称")):
        if "直辖县级" in row.get("地级名称"):
            out.setdefault(f"{row.get('省级名称')}-{row.get('名称')}", row.get("代码"))
    return out


def city_code(text: str) -> str | None:
    """The division code of a ``省-市`` text, tolerant of stems (广东-广州) and dashes."""
    parts = [p for p in re.split(r"\s*[-－—–/]\s*", text.strip()) if p]
    if len(parts) != 2:
        return None
    code = province_code_by_name(parts[0])
    if code is None:
        return None
    province = provinces()[code]
    table = city_codes()
    for city in (parts[1], parts[1] + "市", parts[1] + "地区", parts[1] + "自治州"):
        hit = table.get(f"{province}-{city}")
        if hit:
            return hit
    return None
