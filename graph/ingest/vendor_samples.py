"""Base-library lists written the way patent databases export them (title rows above the
header, CN-prefixed numbers, `` | `` or ``;`` joined names, 授权发明 / 发明申请, 有效 / 失效 / 审中,
designs with a Locarno class and no IPC code), for the tests and ``bench/ingest_vendors.py``.
The layouts follow ``graph/ingest/profiles``; docs/formats.md §1a lists them."""

from __future__ import annotations

import csv
import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from graph.ingest.values import make_app_no


@dataclass
class Listed:
    """One patent as a database lists it, before any layout."""

    digits: str  # 12 digits; the fifth names the type (1 invention, 2 utility model, 3 design)
    title: str
    owners: list[str]
    inventors: list[str]
    filed: date
    granted: date | None
    state: str  # 有效 / 失效 / 审中
    ipc: list[str] = field(default_factory=list)
    locarno: str | None = None
    abstract: str = ""

    @property
    def app_no(self) -> str:
        return make_app_no(self.digits)

    @property
    def kind(self) -> str:
        return {"1": "invention", "2": "utility", "3": "design"}[self.digits[4]]

    def pub_no(self) -> str:
        letter = {"invention": "B" if self.granted else "A", "utility": "U", "design": "S"}
        return f"CN{self.digits[3:4]}{self.digits[6:12]}{letter[self.kind]}"

    def pub_date(self) -> date:
        return self.granted or self.filed + timedelta(days=540)


def patsnap_type(p: Listed) -> str:
    if p.kind == "invention":
        return "授权发明" if p.granted else "发明申请"
    return "实用新型" if p.kind == "utility" else "外观设计"


def incopat_type(p: Listed) -> str:
    if p.kind == "invention":
        return "发明授权" if p.granted else "发明申请"
    return "实用新型" if p.kind == "utility" else "外观设计"


def _events(p: Listed) -> list[str]:
    out = ["公开"] if p.kind == "invention" else []
    if p.kind == "invention":
        out.append("实质审查的生效")
    if p.granted:
        out.append("授权")
    if p.state == "失效":
        out.append("未缴年费专利权终止")
    return out


PATSNAP_HEADER = [
    "序号",
    "公开(公告)号",
    "申请号",
    "标题",
    "[标]当前申请(专利权)人",
    "申请(专利权)人",
    "当前申请(专利权)人数量",
    "发明人",
    "申请日",
    "公开(公告)日",
    "授权日",
    "IPC主分类号",
    "IPC分类号",
    "洛迦诺分类号",
    "专利类型",
    "简单法律状态",
    "法律状态/事件",
    "摘要",
    "被引用专利数量",
]


def patsnap_row(n: int, p: Listed) -> list[Any]:
    owners = " | ".join(p.owners)
    return [
        n,
        p.pub_no(),
        f"CN{p.app_no}",
        p.title,
        owners,
        owners,
        len(p.owners),
        " | ".join(p.inventors),
        datetime.combine(p.filed, datetime.min.time()),  # date cells, as PatSnap writes them
        datetime.combine(p.pub_date(), datetime.min.time()),
        datetime.combine(p.granted, datetime.min.time()) if p.granted else None,
        p.ipc[0] if p.ipc else None,
        " | ".join(p.ipc) or None,
        f"LOC(14) Cl. {p.locarno}" if p.locarno else None,
        patsnap_type(p),
        p.state,
        " | ".join(_events(p)),
        p.abstract or None,
        n % 7,
    ]


INCOPAT_HEADER = [
    "序号",
    "标题",
    "申请号",
    "申请日",
    "公开(公告)号",
    "公开(公告)日",
    "申请人",
    "当前权利人",
    "发明人",
    "IPC主分类",
    "IPC",
    "洛迦诺分类号",
    "专利类型",
    "专利有效性",
    "法律状态",
    "授权公告日",
    "摘要",
    "合享价值度",
]


def _spaced(code: str) -> str:
    """``H01M4/58`` as incoPat prints it: ``H01M 4/58``."""
    return code[:4] + " " + code[4:] if len(code) > 4 else code


def incopat_row(n: int, p: Listed) -> list[Any]:
    return [
        n,
        p.title,
        p.app_no,
        p.filed.isoformat(),
        p.pub_no(),
        p.pub_date().isoformat(),
        "; ".join(p.owners),
        "; ".join(p.owners),
        "; ".join(p.inventors),
        _spaced(p.ipc[0]) if p.ipc else "",
        "; ".join(_spaced(c) for c in p.ipc),
        p.locarno or "",
        incopat_type(p),
        p.state,
        "; ".join(_events(p)),  # the event history: the profile does not read it as the state
        p.granted.isoformat() if p.granted else "",
        p.abstract,
        7 + n % 4,
    ]


CNIPA_HEADER = [
    "申请号",
    "申请日",
    "公开（公告）号",
    "公开（公告）日",
    "发明名称",
    "申请（专利权）人",
    "发明人",
    "IPC分类号",
    "外观设计洛迦诺分类号",
    "法律状态",
    "授权公告日",
    "摘要",
]


def cnipa_row(n: int, p: Listed) -> list[Any]:
    return [
        f"CN{p.app_no}",
        p.filed.strftime("%Y.%m.%d"),
        p.pub_no(),
        p.pub_date().strftime("%Y.%m.%d"),
        p.title,
        ";".join(p.owners),
        ";".join(p.inventors),
        ";".join(f"{c}(2006.01)I" for c in p.ipc),
        p.locarno or "",
        p.state,
        p.granted.strftime("%Y.%m.%d") if p.granted else "",
        p.abstract,
    ]


@dataclass(frozen=True)
class Layout:
    name: str
    header: list[str]
    row: Callable[[int, Listed], list[Any]]
    titles: list[str]  # rows above the header


LAYOUTS = {
    "patsnap": Layout(
        "patsnap",
        PATSNAP_HEADER,
        patsnap_row,
        ["智慧芽专利数据导出", "检索式：ANCS:(浙江工业大学 OR 浙江大学)", ""],
    ),
    "incopat": Layout("incopat", INCOPAT_HEADER, incopat_row, []),
    "cnipa": Layout("cnipa", CNIPA_HEADER, cnipa_row, ["专利检索及分析系统 检索结果列表"]),
}


def write_xlsx(path: Path, layout: str, patents: Iterable[Listed]) -> Path:
    spec = LAYOUTS[layout]
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("专利列表")
    for title in spec.titles:
        ws.append([title] if title else [])
    ws.append(spec.header)
    for n, p in enumerate(patents, start=1):
        ws.append(spec.row(n, p))
    wb.save(path)
    return path


def write_csv(
    path: Path, layout: str, patents: Iterable[Listed], encoding: str = "utf-8-sig"
) -> Path:
    spec = LAYOUTS[layout]
    with path.open("w", encoding=encoding, newline="") as f:
        out = csv.writer(f)
        for title in spec.titles:
            out.writerow([title] if title else [])
        out.writerow(spec.header)
        for n, p in enumerate(patents, start=1):
            out.writerow(["" if v is None else v for v in spec.row(n, p)])
    return path


_WORDS = list("一种基于智能复合高效低温柔性纳米材料装置方法系统传感器电池催化剂涂层控制检测")
_SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华"
_IPC = ["H01M4/58", "G06N3/08", "C22C21/10", "B64D1/18", "A61K31/00", "G01N33/48", "C08L67/02"]
_LOCARNO = ["24-02", "14-03", "10-04", "26-05"]


def generate(
    n: int, owners: Sequence[str], seed: int = 7, start: int = 0, designs: bool = True
) -> list[Listed]:
    """``n`` patents of the institutions ``owners``: 60 % inventions (half granted), 30 %
    utility models, 10 % designs (Locarno class, no IPC; utility models instead when not
    ``designs``); 有效 / 失效 / 审中 as filed."""
    rnd = random.Random(seed)
    out = []
    for i in range(start, start + n):
        r = i % 10
        kind = "1" if r < 6 else "2" if r < 9 or not designs else "3"
        year = 2015 + i % 9
        digits = f"{year}{kind}{i:07d}"
        filed = date(year, 1 + i % 12, 1 + i % 28)
        granted = None if (kind == "1" and i % 2) else filed + timedelta(days=300 + i % 400)
        state = "审中" if granted is None else ("失效" if i % 5 == 0 else "有效")
        who = [owners[i % len(owners)]] + ([owners[(i + 1) % len(owners)]] if i % 6 == 0 else [])
        out.append(
            Listed(
                digits=digits,
                title="".join(rnd.sample(_WORDS, 4)),
                owners=who,
                inventors=[
                    rnd.choice(_SURNAMES) + rnd.choice(_GIVEN) + rnd.choice(_GIVEN)
                    for _ in range(1 + i % 4)
                ],
                filed=filed,
                granted=granted,
                state=state,
                ipc=[] if kind == "3" else [_IPC[i % 7], _IPC[(i + 3) % 7]],
                locarno=_LOCARNO[i % 4] if kind == "3" else None,
                abstract="本发明公开了" + "".join(rnd.sample(_WORDS, 6)) + "。",
            )
        )
    return out
