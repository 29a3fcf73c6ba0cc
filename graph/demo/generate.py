"""The demo data set as rows of the standard upload formats (docs/formats.md).

Everything comes from one ``random.Random(seed)`` (and per-entity generators seeded from
the seed and the entity's index), so a seed gives the same rows on every machine. Rows
are produced in one streaming pass over institutions: a patent, its inventory rows, its
evaluations and its deals are decided together, so they agree with each other (a patent
marked 已许可 has a licence deal, an open-licence patent intends 拟开放许可, an
evaluation's prospect follows the patent's self-rating). Only one institution's patents
are in memory at a time, which is what lets ``--patents 1500000`` run.

Small sets still show every state: the first inventoried patents take, in turn, every
implementation status, intent, maturity label, rating and price band, and the first
deals every transaction kind and payment mode (``Coverage``).
"""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from dataclasses import field as dataclass_field
from datetime import date, timedelta
from functools import cache
from typing import Any, Protocol

from graph.demo.fields import FIELDS, TechField
from graph.demo.people import (
    DEPARTMENT_OF_KIND,
    HOSPITAL_DEPARTMENTS,
    INSTITUTE_DEPARTMENTS,
    ROAD_NAMES,
    mobile,
    person_name,
    zihao,
)
from graph.demo.world import City, Inst, World
from graph.ingest.values import make_app_no, make_credit_code
from graph.vocab import (
    LABELS,
    EnterpriseKind,
    ImplStatus,
    PaymentMode,
    PriceBand,
    TransactionKind,
    Willingness,
)

__all__ = ["Directory", "Generator", "Row", "Sizes"]

Row = dict[str, Any]
NF = len(FIELDS)
FIELD_INDEX = {f.name: i for i, f in enumerate(FIELDS)}
TODAY = date(2024, 12, 31)  # "now" of the demo: the end of the programme's first year

# --- value lists of the template --------------------------------------------------------

MATURITY_4 = (
    "样品、实验阶段",
    "试生产、应用开发阶段",
    "小批量生产、工程应用阶段",
    "批量生产、成熟应用阶段",
)
MATURITY_6 = ("技术构思", "正在研发", "已有样品", "通过小试", "通过中试", "可以量产")
RATINGS = ("五星", "四星", "三星", "二星", "一星")
PRICE_BANDS = tuple(LABELS[p] for p in PriceBand)
LICENSED_L2 = (
    "已签订开放许可合同",
    "已签订普通许可合同",
    "已签订排他许可合同",
    "已签订独占许可合同",
    "已列入开放许可计划",
    "已列入普通许可计划",
    "已列入排他许可计划",
    "已列入独占许可计划",
    "已由被许可人实现产业化",
    "已通过技术服务合同或技术开发合同约定由合作企业实现产业化",
    "已参与专利池运营",
)
PRODUCT_L2 = ("已由被许可人实现产业化", "已通过技术服务合同或技术开发合同约定由合作企业实现产业化")
TRANSFERRED_L2 = ("已签订转让合同", "已作价入股", "已列入转让计划")
DEAL_OF_L2 = {
    "已签订开放许可合同": TransactionKind.OPEN_LICENCE,
    "已签订普通许可合同": TransactionKind.ORDINARY_LICENCE,
    "已签订排他许可合同": TransactionKind.SOLE_LICENCE,
    "已签订独占许可合同": TransactionKind.EXCLUSIVE_LICENCE,
    "已参与专利池运营": TransactionKind.POOL,
    "已签订转让合同": TransactionKind.TRANSFER,
    "已作价入股": TransactionKind.EQUITY,
}
SCREENED_OUT_TEXT = {
    ImplStatus.TO_BE_ABANDONED: ("技术已被替代，拟不再缴纳年费", "保护范围过窄，无转化价值", ""),
    ImplStatus.OWNERSHIP_DISPUTE: ("与合作单位存在权属争议", "涉及职务发明认定争议"),
    ImplStatus.UNSUITABLE: ("涉及国家秘密事项", "技术路线已淘汰", "仅用于科研教学", ""),
}
CUSTOM_STATUS = ("已完成中试验证", "正在与企业洽谈许可", "已形成技术标准")
# Intent pairs (转化意愿一级, 二级) with weights; the last ones use own text (自定义).
INTENTS: tuple[tuple[str, str, float], ...] = (
    ("拟许可", "拟开放许可", 0.14),
    ("拟许可", "拟普通许可", 0.25),
    ("拟许可", "拟排他许可", 0.06),
    ("拟许可", "拟独占许可", 0.06),
    ("拟许可", "拟参与专利池运营", 0.04),
    ("拟转让", "拟转让", 0.25),
    ("拟转让", "拟作价入股", 0.08),
    ("拟自行应用或产业化", "", 0.08),
    ("拟许可", "拟交叉许可", 0.02),
    ("拟自行应用或产业化", "拟与企业共建中试基地", 0.02),
)
DEAL_OF_INTENT = {
    "拟开放许可": TransactionKind.OPEN_LICENCE,
    "拟普通许可": TransactionKind.ORDINARY_LICENCE,
    "拟排他许可": TransactionKind.SOLE_LICENCE,
    "拟独占许可": TransactionKind.EXCLUSIVE_LICENCE,
    "拟参与专利池运营": TransactionKind.POOL,
    "拟转让": TransactionKind.TRANSFER,
    "拟作价入股": TransactionKind.EQUITY,
}
INTENT_OF_DEAL = {kind: detail for detail, kind in DEAL_OF_INTENT.items()}
MODES_OF_DEAL: dict[TransactionKind, tuple[PaymentMode, ...]] = {
    TransactionKind.TRANSFER: (PaymentMode.LUMP_SUM, PaymentMode.INSTALMENTS),
    TransactionKind.EQUITY: (PaymentMode.LUMP_SUM,),
    TransactionKind.EXCLUSIVE_LICENCE: (
        PaymentMode.ENTRY_FEE_ROYALTY,
        PaymentMode.LUMP_SUM,
        PaymentMode.INSTALMENTS,
    ),
    TransactionKind.SOLE_LICENCE: (PaymentMode.ENTRY_FEE_ROYALTY, PaymentMode.LUMP_SUM),
    TransactionKind.ORDINARY_LICENCE: (
        PaymentMode.LUMP_SUM,
        PaymentMode.ROYALTY,
        PaymentMode.ENTRY_FEE_ROYALTY,
    ),
    TransactionKind.OPEN_LICENCE: (PaymentMode.ROYALTY, PaymentMode.LUMP_SUM),
    TransactionKind.POOL: (PaymentMode.ENTRY_FEE_ROYALTY, PaymentMode.ROYALTY),
}
TITLES = ("教授", "研究员", "正高级工程师", "高级工程师", "副教授", "副研究员", "主任医师")
# Economic weight of provinces for enterprises and experts (coarse, by GDP tier).
PROVINCE_WEIGHT = {
    "44": 10, "32": 10, "33": 8, "37": 7, "11": 6, "31": 6, "51": 5, "41": 5, "42": 5,
    "35": 4, "43": 4, "34": 4, "50": 3, "61": 3, "13": 3, "36": 3, "21": 3, "12": 2,
}  # fmt: skip


# Subjects that are made (a material, a drug, a seed) get 制备方法 titles; others do not.
MATERIAL_ENDINGS = (
    "材料", "剂", "膜", "合金", "钢", "电解质", "纤维", "胶膜", "载体", "极片", "隔膜",
    "电解液", "骨料", "抗体", "药物", "疫苗", "提取物", "配方", "板材", "锻件", "叶片",
    "硅钢", "内胆", "电极", "双极板", "负极", "结构", "基板", "品种", "标记", "基因", "事件",
)  # fmt: skip


class Sink(Protocol):
    """Where the rows go: files (``graph.demo.files``) or a list in a test."""

    def patent(self, row: Row) -> None: ...
    def inventory(self, inst: Inst, rows: list[Row]) -> None: ...
    def evaluation(self, row: Row) -> None: ...
    def transaction(self, row: Row) -> None: ...


@dataclass(frozen=True)
class Sizes:
    patents: int
    enterprises: int
    experts: int

    @staticmethod
    def of(patents: int) -> Sizes:
        """Ratios of the national figures (PRODUCT.md "Scale"): 1.5M patents, 500k
        enterprises, a few thousand experts; never below what every province needs."""
        return Sizes(patents, max(155, patents // 3), max(93, patents // 300))


class Coverage:
    """Values every data set must show at least once, handed out first."""

    def __init__(self, values: list[Any]) -> None:
        self.pending = list(values)

    def take(self, fits: Any = None) -> Any | None:
        for i, v in enumerate(self.pending):
            if fits is None or fits(v):
                return self.pending.pop(i)
        return None


def weighted(rng: random.Random, items: list[tuple[Any, float]]) -> Any:
    return rng.choices([i for i, _ in items], weights=[w for _, w in items])[0]


class Choice:
    """A weighted choice prepared once (hot paths run once per patent)."""

    def __init__(self, items: list[tuple[Any, float]]) -> None:
        self.values = [i for i, _ in items]
        self.cum: list[float] = []
        total = 0.0
        for _, w in items:
            total += w
            self.cum.append(total)

    def __call__(self, rng: random.Random) -> Any:
        return rng.choices(self.values, cum_weights=self.cum)[0]


GRANT_YEAR = Choice([(y, 1 + (y - 2012) * 0.35) for y in range(2012, 2025)] + [(2025, 2.0)])
TEAM_SIZE = Choice([(2, 0.25), (3, 0.3), (4, 0.22), (5, 0.15), (6, 0.08)])
INTENT_COUNT = Choice([(0, 0.12), (1, 0.63), (2, 0.25)])
INTENT_PAIR = Choice([((a, b), w) for a, b, w in INTENTS])
RATING = Choice([("五星", 0.06), ("四星", 0.22), ("三星", 0.4), ("二星", 0.22), ("一星", 0.1)])
PRICE = Choice(
    [(PRICE_BANDS[0], 4.0)] + [(p, 1.0 / (i + 1)) for i, p in enumerate(PRICE_BANDS[1:])]
)
EVALUATIONS = Choice([(0, 0.35), (1, 0.3), (2, 0.18), (3, 0.1), (4, 0.04), (5, 0.03)])


def _statuses(utility: bool) -> Choice:
    return Choice(
        [
            (ImplStatus.NOT_IMPLEMENTED, 0.58),
            (ImplStatus.LICENSED, 0.05),
            (ImplStatus.TRANSFERRED, 0.03),
            (ImplStatus.SELF_INDUSTRIALISED, 0.03),
            (ImplStatus.EVALUATION_REPORT if utility else ImplStatus.NOT_IMPLEMENTED, 0.04),
            (ImplStatus.CUSTOM, 0.03),
            (ImplStatus.TO_BE_ABANDONED, 0.1),
            (ImplStatus.UNSUITABLE, 0.08),
            (ImplStatus.OWNERSHIP_DISPUTE, 0.03),
        ]
    )


STATUS = {True: _statuses(True), False: _statuses(False)}


# --- enterprises and experts -------------------------------------------------------------


@dataclass(frozen=True)
class Enterprise:
    index: int
    credit_code: str
    name: str
    province: str
    field: TechField
    row: Row


@dataclass(frozen=True)
class Expert:
    index: int
    id: str
    field: TechField
    row: Row


@dataclass
class Directory:
    """Enterprises and experts by technical field, so a patent meets its own industry."""

    world: World
    sizes: Sizes
    seed: int
    _provinces: list[str] = field(default_factory=list)

    _enterprises: dict[int, Enterprise] = field(default_factory=dict)
    _experts: dict[int, Expert] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._provinces = sorted(self.world.provinces)

    def _province(self, rng: random.Random, index: int, forced_below: int) -> str:
        if index < forced_below:
            return self._provinces[index % len(self._provinces)]
        return weighted(rng, [(p, PROVINCE_WEIGHT.get(p, 1.5)) for p in self._provinces])

    def _city(self, rng: random.Random, province: str) -> City:
        cities = self.world.cities_of(province)
        return weighted(rng, [(c, 4.0 if i == 0 else 1.0) for i, c in enumerate(cities)])

    def enterprise(self, index: int) -> Enterprise:
        """Enterprise ``index`` (recomputed from the seed; a bounded cache saves time)."""
        hit = self._enterprises.get(index)
        if hit is None:
            if len(self._enterprises) > 50_000:
                self._enterprises.clear()
            hit = self._enterprises[index] = self._enterprise(index)
        return hit

    def expert(self, index: int) -> Expert:
        hit = self._experts.get(index)
        if hit is None:
            hit = self._experts[index] = self._expert(index)
        return hit

    def _enterprise(self, index: int) -> Enterprise:
        rng = random.Random(f"enterprise:{self.seed}:{index}")
        f = FIELDS[index % NF]
        province = self._province(rng, index, 2 * len(self._provinces))
        city = self._city(rng, province)
        kinds: list[EnterpriseKind] = []
        if index < len(EnterpriseKind):
            kinds.append(list(EnterpriseKind)[index])
        else:
            for kind, p in (
                (EnterpriseKind.HIGH_TECH, 0.55),
                (EnterpriseKind.SRDI, 0.28),
                (EnterpriseKind.IP_ADVANTAGE, 0.08),
                (EnterpriseKind.SOE, 0.06),
                (EnterpriseKind.CENTRAL_SOE, 0.015),
            ):
                if rng.random() < p:
                    kinds.append(kind)
        if EnterpriseKind.CENTRAL_SOE in kinds and EnterpriseKind.SRDI in kinds:
            kinds.remove(EnterpriseKind.SRDI)
        place = city.name.removesuffix("市") if len(city.name) > 2 else city.name
        word = rng.choice(f.firm_words)
        if EnterpriseKind.CENTRAL_SOE in kinds:
            name = f"中国{zihao(index)}{word}集团有限公司"
        elif EnterpriseKind.SOE in kinds:
            name = f"{place}{zihao(index)}{word}集团有限公司"
        else:
            name = f"{place}{zihao(index)}{word}{rng.choice(('科技', '技术', ''))}"
            name += rng.choice(("有限公司", "有限公司", "股份有限公司"))
        # A bijection of the index onto 7 hex digits: codes are unique by construction.
        body = f"{(index * 48271 + self.seed) % (1 << 28):07X}"
        code = make_credit_code(f"91{city.code}00MA{body}")
        industries = [f.industry]
        if rng.random() < 0.3:
            industries.append(FIELDS[(index * 7 + 3) % NF].industry)
        s = rng.choice(f.subjects)
        row: Row = {
            "统一社会信用代码": code,
            "企业名称": name,
            "曾用名": "",
            "企业类型": "；".join(LABELS[k] for k in kinds),
            "省级代码": province,
            "地级代码": city.code,
            "地址": f"{self.world.provinces[province]}"
            + ("" if city.name == self.world.provinces[province] else city.name)
            + f"{rng.choice(ROAD_NAMES)}路{rng.randint(1, 999)}号",
            "联系人": person_name(rng),
            "联系电话": mobile(rng),
            "所属行业": "；".join(dict.fromkeys(industries)),
            "技术需求": (
                f"寻求{s}相关技术合作，重点提升{rng.choice(f.effects)}，用于{rng.choice(f.scenes)}。"
                if rng.random() < 0.4
                else ""
            ),
        }
        return Enterprise(index, code, name, province, f, row)

    def _expert(self, index: int) -> Expert:
        rng = random.Random(f"expert:{self.seed}:{index}")
        f = FIELDS[index % NF]
        province = self._province(rng, index, 3 * len(self._provinces))
        pid = f"ZJ{province}{index:06d}"
        local = [i for i in self.world.institutions if i.province == province and i.level != "专科"]
        organisation = (
            rng.choice(local).name
            if local and rng.random() < 0.7
            else f"{self.world.provinces[province]}{f.name}产业技术研究院"
        )
        row: Row = {
            "专家编号": pid,
            "姓名": person_name(rng),
            "职称": rng.choice(TITLES),
            "工作单位": organisation,
            "推荐省份代码": province,
            "专业领域": f"{f.sei}；{f.industry}",
            "联系电话": mobile(rng),
            "电子邮箱": f"expert{index:06d}@experts.example.org",
        }
        return Expert(index, pid, f, row)

    def enterprises(self) -> Iterator[Row]:
        for i in range(self.sizes.enterprises):
            yield self._enterprise(i).row

    def experts(self) -> Iterator[Row]:
        for i in range(self.sizes.experts):
            yield self._expert(i).row

    def pick_enterprise(self, rng: random.Random, f: TechField) -> Enterprise:
        """An enterprise of the field (its index is the field's position modulo NF)."""
        k = FIELD_INDEX[f.name]
        n = max(1, (self.sizes.enterprises - 1 - k) // NF + 1)
        return self.enterprise(min(k + NF * rng.randrange(n), self.sizes.enterprises - 1))

    def pick_expert(self, rng: random.Random, f: TechField) -> Expert:
        k = FIELD_INDEX[f.name]
        n = max(1, (self.sizes.experts - 1 - k) // NF + 1)
        return self.expert(min(k + NF * rng.randrange(n), self.sizes.experts - 1))


# --- institutions: who gets how many patents, in which fields ---------------------------

FOCUS_KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("医", ("生物医药", "医疗器械", "医学影像与诊断")),
    ("药", ("生物医药", "医学影像与诊断")),
    ("农", ("农业育种", "智慧农业与食品", "节能环保")),
    ("林", ("农业育种", "新材料", "节能环保")),
    ("海洋", ("海洋工程", "节能环保")),
    ("海事", ("海洋工程", "智能制造")),
    ("航空", ("航空航天", "智能制造", "新材料")),
    ("航天", ("航空航天", "5G通信", "智能制造")),
    ("交通", ("轨道交通", "智能制造", "人工智能")),
    ("铁道", ("轨道交通", "智能制造")),
    ("电力", ("风电与智能电网", "光伏", "氢能与燃料电池")),
    ("电子", ("半导体", "集成电路设计", "5G通信")),
    ("邮电", ("5G通信", "信息安全", "大数据与云计算")),
    ("信息", ("人工智能", "大数据与云计算", "信息安全")),
    ("计算", ("人工智能", "大数据与云计算", "集成电路设计")),
    ("石油", ("资源循环利用", "节能环保", "新材料")),
    ("矿", ("资源循环利用", "先进钢铁与有色金属")),
    ("地质", ("资源循环利用", "检验检测与仪器")),
    ("化", ("新材料", "锂电池", "节能环保")),
    ("材料", ("新材料", "先进钢铁与有色金属", "锂电池")),
    ("金属", ("先进钢铁与有色金属", "新材料")),
    ("冶金", ("先进钢铁与有色金属", "资源循环利用")),
    ("钢铁", ("先进钢铁与有色金属",)),
    ("物理", ("半导体", "光伏", "检验检测与仪器")),
    ("光", ("光伏", "半导体", "检验检测与仪器")),
    ("能源", ("锂电池", "氢能与燃料电池", "光伏")),
    ("自动化", ("智能制造", "人工智能")),
    ("机械", ("智能制造", "新能源汽车")),
    ("汽车", ("新能源汽车", "锂电池")),
    ("理工", ("智能制造", "新材料", "人工智能")),
    ("工业", ("智能制造", "新材料", "新能源汽车")),
    ("工程", ("智能制造", "新材料")),
    ("科技", ("人工智能", "新材料", "智能制造")),
    ("传媒", ("数字创意",)),
    ("艺术", ("数字创意",)),
    ("环境", ("节能环保", "资源循环利用")),
    ("水产", ("智慧农业与食品",)),
    ("食品", ("智慧农业与食品", "检验检测与仪器")),
)
_FIELD_NAMES = {f.name: f for f in FIELDS}


def focus_fields(rng: random.Random, inst: Inst) -> list[tuple[TechField, float]]:
    """The 2-6 fields an institution works in, weighted, guessed from its name and kind."""
    names: list[str] = []
    if inst.kind == "HOSPITAL":
        names += ["医疗器械", "医学影像与诊断", "生物医药"]
    for word, fields in FOCUS_KEYWORDS:
        if word in inst.name:
            names += [n for n in fields if n not in names]
    broad = inst.kind == "UNIVERSITY" and ("大学" in inst.name and len(names) < 3)
    extra = rng.randint(2, 4) if broad or not names else rng.randint(0, 1)
    pool = [f.name for f in FIELDS if f.name not in names]
    names += rng.sample(pool, extra)
    names = names[:6]
    return [(_FIELD_NAMES[n], 1.0 / (rank + 1)) for rank, n in enumerate(names)]


NON_TECHNICAL = (
    "财经", "经济", "政法", "外国语", "外语", "体育", "艺术", "音乐", "美术", "戏剧", "传媒",
    "警察", "公安", "外交", "商学", "金融", "法学", "政治", "旅游", "舞蹈", "电影", "社会科学",
)  # fmt: skip


def institution_weight(inst: Inst) -> float:
    """How much an institution patents: strong universities and CAS institutes most."""
    if inst.kind == "RESEARCH_INSTITUTE":
        w = 25.0 if inst.ministry == "CAS" else 15.0
    elif inst.kind == "HOSPITAL":
        w = 5.0
    elif inst.ministry in ("MOE", "MIIT"):
        w = 40.0
    elif inst.ministry == "CAS":
        w = 30.0
    elif inst.ministry:
        w = 6.0
    else:
        w = 6.0 if inst.level != "专科" else 0.5
    if any(word in inst.name for word in NON_TECHNICAL):
        w *= 0.08
    elif "师范" in inst.name:
        w *= 0.4
    if inst.demonstration:
        w *= 2.5
    elif inst.pilot:
        w *= 1.6
    return w


def allocate(
    rng: random.Random, institutions: tuple[Inst, ...], patents: int
) -> list[tuple[Inst, int]]:
    """Which institutions hold how many patents: a weighted choice covering every province
    and the main supervising ministries, then shares by weight (largest remainder)."""
    if not institutions:
        raise ValueError("no institutions in the graph: load the reference data first")
    weight = {
        i.id: institution_weight(i) * min(2.0, max(0.5, rng.lognormvariate(0, 0.5)))
        for i in institutions
    }
    k = min(len(institutions), max(40, patents // 40), patents)
    chosen: dict[str, Inst] = {}
    by_province: dict[str, list[Inst]] = {}
    by_ministry: dict[str, list[Inst]] = {}
    for inst in institutions:
        by_province.setdefault(inst.province, []).append(inst)
        by_ministry.setdefault(inst.ministry or "LOCAL", []).append(inst)
    musts = [max(v, key=lambda i: weight[i.id]) for _, v in sorted(by_province.items())]
    for m in ("MOE", "MIIT", "CAS", "NHC", "MARA", "LOCAL"):
        if m in by_ministry:
            musts.append(max(by_ministry[m], key=lambda i: weight[i.id]))
    for inst in musts:
        if len(chosen) < k:
            chosen[inst.id] = inst
    # Weighted sampling without replacement (Efraimidis-Spirakis keys).
    keyed = sorted(institutions, key=lambda i: -math.log(rng.random() or 1e-12) / weight[i.id])
    for inst in keyed:
        if len(chosen) >= k:
            break
        chosen.setdefault(inst.id, inst)
    members = sorted(chosen.values(), key=lambda i: i.id)
    total = sum(weight[i.id] for i in members)
    exact = [patents * weight[i.id] / total for i in members]
    counts = [max(1, int(x)) for x in exact]
    order = sorted(range(len(members)), key=lambda j: exact[j] - int(exact[j]), reverse=True)
    j = 0
    while sum(counts) < patents:
        counts[order[j % len(order)]] += 1
        j += 1
    while sum(counts) > patents:
        big = max(range(len(counts)), key=lambda x: counts[x])
        counts[big] -= 1
    return [(m, c) for m, c in zip(members, counts, strict=True) if c > 0]


# --- the patent stream --------------------------------------------------------------------


@cache
def _core_weights(n: int) -> list[float]:
    """Cumulative weights of a lab's members: the first ones are on most patents."""
    out, total = [], 0.0
    for i in range(n):
        total += 1 / math.sqrt(i + 1)
        out.append(total)
    return out


@dataclass
class Lab:
    """A research group: its field and its people, who patent together again and again."""

    tech: TechField
    people: list[str]
    weight: float
    recent: list[str] = dataclass_field(default_factory=list)  # application numbers


@dataclass
class Tally:
    patents: int = 0
    inventory_rows: int = 0
    inventoried: int = 0
    evaluations: int = 0
    transactions: int = 0
    institutions: int = 0


CO_OWNED = 0.03  # the share of patents with more than one registered owner


def _partners(institutions: tuple[Inst, ...]) -> dict[str, tuple[Inst, ...]]:
    """Institutions a patent may be co-owned with, by province ('' = all): those whose
    name is unique, so the 专利权人 cell names one institution."""
    names = Counter(i.name for i in institutions)
    unique = [i for i in institutions if names[i.name] == 1]
    out: dict[str, list[Inst]] = {"": unique}
    for i in unique:
        out.setdefault(i.province, []).append(i)
    return {k: tuple(v) for k, v in out.items()}


class Generator:
    """One pass over the institutions, writing every kind of row into a ``Sink``."""

    def __init__(self, world: World, patents: int, seed: int) -> None:
        self.world = world
        self.seed = seed
        self.sizes = Sizes.of(patents)
        self.rng = random.Random(seed)
        self.directory = Directory(world, self.sizes, seed)
        self.serials: dict[tuple[int, int], int] = {}
        self.deal_no = 0
        self.tally = Tally()
        self.status_cover = Coverage(
            [s for s in ImplStatus if s is not ImplStatus.CUSTOM] + [ImplStatus.CUSTOM]
        )
        self.intent_cover = Coverage(list(range(len(INTENTS))))
        self.maturity_cover = Coverage([*MATURITY_4, *MATURITY_6])
        self.rating_cover = Coverage(list(RATINGS))
        self.price_cover = Coverage(list(PRICE_BANDS))
        self.deal_cover = Coverage(list(TransactionKind))
        self.mode_cover = Coverage(list(PaymentMode))
        self.progress_cover = Coverage(["full", "zero", "behind"])
        # Co-owners come from a stream of their own, so the rest of a seed's set is the
        # same with or without them.
        self.co_rng = random.Random(seed * 7919 + 1)
        self.partners = _partners(world.institutions)

    # -- numbers --

    def _app_no(self, year: int, type_digit: int) -> str:
        key = (year, type_digit)
        serial = self.serials.get(key)
        serial = self.rng.randint(100_000, 400_000) if serial is None else serial
        serial += self.rng.randint(1, 6)
        self.serials[key] = serial
        return make_app_no(f"{year:04d}{type_digit}{serial:07d}")

    # -- institutions --

    def run(self, sink: Sink) -> Tally:
        for inst, n in allocate(self.rng, self.world.institutions, self.sizes.patents):
            self._institution(sink, inst, n)
        return self.tally

    def _progress(self, inst: Inst) -> float:
        """The share of an institution's patents inventoried by the end of 2024: the
        pilot and demonstration universities are done, others more or less behind."""
        forced = self.progress_cover.take()
        mode = forced or (
            "full"
            if inst.demonstration or inst.pilot or self.rng.random() < 0.25
            else weighted(self.rng, [("zero", 0.12), ("behind", 0.25), ("partial", 0.63)])
        )
        return {
            "full": 1.0,
            "zero": 0.0,
            "behind": self.rng.uniform(0.1, 0.35),
            "partial": self.rng.uniform(0.45, 0.95),
        }[mode]

    def _institution(self, sink: Sink, inst: Inst, n: int) -> None:
        rng = self.rng
        self.tally.institutions += 1
        focus = focus_fields(rng, inst)
        pool = max(4, int(2.6 * n))  # about two distinct inventors per patent in the end
        labs: list[Lab] = []
        names: set[str] = set()
        while len(names) < pool:
            size = rng.randint(3, 11)
            people: list[str] = []
            while len(people) < size:
                name = person_name(rng)
                if name not in names:
                    names.add(name)
                    people.append(name)
            labs.append(Lab(weighted(rng, focus), people, rng.paretovariate(1.3)))
        share = self._progress(inst)
        contacts = [person_name(rng) for _ in range(rng.randint(1, 3))]
        phone = (
            f"0{rng.randint(10, 999)}-{rng.randint(60_000_000, 89_999_999)}"
            if rng.random() < 0.6
            else mobile(rng)
        )
        rows: list[Row] = []
        weights = [lab.weight for lab in labs]
        for _ in range(n):
            lab = rng.choices(labs, weights=weights)[0]
            patent = self._patent(inst, lab)
            inventoried = rng.random() < share
            inv = self._inventory(inst, lab, patent, contacts, phone) if inventoried else None
            if inv is None and rng.random() < 0.02:
                patent["开放许可"] = "是"
            deals = self._deals(inst, lab, patent, inv)
            if inv is not None:
                rows.extend(inv.rows)
                self.tally.inventoried += 1
            sink.patent(patent)
            self.tally.patents += 1
            for deal in deals:
                sink.transaction(deal)
                self.tally.transactions += 1
            for ev in self._evaluations(patent, lab, inv):
                sink.evaluation(ev)
                self.tally.evaluations += 1
            lab.recent = [*lab.recent[-4:], patent["申请号"]]
        if rows:
            sink.inventory(inst, rows)
            self.tally.inventory_rows += len(rows)

    # -- base library --

    def _patent(self, inst: Inst, lab: Lab) -> Row:
        rng = self.rng
        f = lab.tech
        utility = rng.random() < 0.13
        year = GRANT_YEAR(rng)
        last_day = date(2025, 6, 30) if year == 2025 else date(year, 12, 31)
        granted = date(year, 1, 1) + timedelta(
            days=rng.randrange((last_day - date(year, 1, 1)).days)
        )
        lag = rng.uniform(0.4, 1.2) if utility else rng.uniform(1.3, 4.0)
        filed = granted - timedelta(days=int(lag * 365))
        app = self._app_no(filed.year, 2 if utility else 1)
        main = f.ipc[0] if rng.random() < 0.4 else rng.choice(f.ipc)
        codes = [main, *rng.sample([c for c in f.ipc if c != main], rng.randint(0, 2))]
        if rng.random() < 0.1:
            codes.append(rng.choice(FIELDS[rng.randrange(NF)].ipc))
        size = TEAM_SIZE(rng)
        size = min(size, len(lab.people))
        lead = lab.people[0] if rng.random() < 0.75 else lab.people[1 % len(lab.people)]
        others = [p for p in lab.people if p != lead]
        core = rng.choices(others, cum_weights=_core_weights(len(others)), k=size * 2)
        team = list(dict.fromkeys([lead, *core]))[:size]
        title, abstract = self._text(f, utility)
        funded = rng.random() < (0.3 if inst.kind == "HOSPITAL" else 0.5)
        return {
            "申请号": app,
            "专利名称": title,
            "专利类型": "实用新型" if utility else "发明",
            "申请日": filed.isoformat(),
            "授权日": granted.isoformat(),
            "法律状态": "有效",
            "专利权人": "；".join(self._owners(inst)),
            "发明人": "；".join(team),
            "IPC主分类号": main,
            "IPC分类号": "；".join(dict.fromkeys(codes)),
            "摘要": abstract,
            "是否财政资助": "是" if funded else "否",
            "开放许可": "否",
        }

    def _owners(self, inst: Inst) -> list[str]:
        """The 专利权人 of a patent: about one in thirty is co-owned with one or two other
        institutions, most often of the same province (joint labs, affiliated hospitals)."""
        rng = self.co_rng
        if rng.random() >= CO_OWNED or not self.partners:
            return [inst.name]
        names = [inst.name]
        for _ in range(1 if rng.random() < 0.85 else 2):
            local = self.partners.get(inst.province, ())
            pool = local if local and rng.random() < 0.6 else self.partners[""]
            other = rng.choice(pool)
            if other.name not in names:
                names.append(other.name)
        return names

    def _text(self, f: TechField, utility: bool) -> tuple[str, str]:
        rng = self.rng
        s, t, t2 = rng.choice(f.subjects), *rng.sample(f.techniques, 2)
        sc, system = rng.choice(f.scenes), rng.choice(f.systems)
        e1, e2 = rng.sample(f.effects, 2)
        if utility:
            title = rng.choice((f"一种{system}", f"一种用于{sc}的{system}", f"一种{s}检测装置"))
            if title.endswith("方法检测装置"):
                title = f"一种{system}"
            noun, lead = "装置", "本实用新型"
        elif s.endswith(("方法", "工艺")):
            title = rng.choice(
                (f"一种{s}", f"一种基于{t}的{s}", f"一种{s}及系统", f"一种面向{sc}的{s}")
            )
            noun, lead = "方法", "本发明"
        elif rng.random() < 0.2 or not s.endswith(MATERIAL_ENDINGS):
            title = rng.choice(
                (
                    f"基于{t}的{system}",
                    f"一种{system}及其控制方法",
                    f"一种{s}",
                    f"一种基于{t}的{s}",
                    f"一种用于{sc}的{s}",
                )
            )
            noun, lead = ("系统" if system in title else "装置"), "本发明"
        else:
            title = rng.choice(
                (
                    f"一种{s}及其制备方法",
                    f"一种{s}的制备方法",
                    f"一种基于{t}的{s}",
                    f"一种{s}及其在{sc}中的应用",
                )
            )
            noun, lead = ("方法" if "方法" in title else "产品"), "本发明"
        claimed = title if title.startswith("一种") else "一种" + title
        sentences = [
            f"{lead}公开了{claimed}，属于{f.name}技术领域。",
            f"该{noun}采用{t}技术，并结合{t2}对关键环节进行优化"
            + rng.choice(("。", "，结构简单、易于实施。", f"，可与现有{f.name}产线兼容。")),
            f"与现有技术相比，{lead}显著提高了{e1}和{e2}。",
        ]
        if rng.random() < 0.6:
            sentences.append(f"可广泛应用于{sc}等领域。")
        if rng.random() < 0.3:
            sentences.pop(1)
        return title, "".join(sentences)

    # -- inventory --

    def _inventory(
        self, inst: Inst, lab: Lab, patent: Row, contacts: list[str], phone: str
    ) -> Inventory:
        rng = self.rng
        f = lab.tech
        utility = patent["专利类型"] == "实用新型"
        forced = self.status_cover.take(lambda s: s is not ImplStatus.EVALUATION_REPORT or utility)
        first = forced or STATUS[utility](rng)
        statuses = [first]
        implemented = {ImplStatus.LICENSED, ImplStatus.TRANSFERRED, ImplStatus.SELF_INDUSTRIALISED}
        if first in implemented and rng.random() < 0.2:
            statuses.append(rng.choice(sorted(implemented - {first}, key=lambda s: s.value)))
        screened_out = first in SCREENED_OUT_TEXT
        inv = Inventory(screened_out=screened_out)
        status_rows: list[tuple[str, str, Any]] = []
        for status in statuses:
            status_rows.append(self._status_cells(status, f, inv))
        base: Row = {
            "申请号": patent["申请号"],
            "专利名称": patent["专利名称"],
            "法律状态": patent["法律状态"],
            "维持年限": max(1, 2024 - int(patent["申请日"][:4])),
            "发明人": patent["发明人"].replace("；", ","),
            "所属学院": self._department(inst, f),
            "是否属于财政资助科研项目形成专利": patent["是否财政资助"],
        }
        if rng.random() < 0.03:
            base["备注"] = "已提交年费减缴申请"
        intents: list[tuple[str, str]] = []
        if not screened_out:
            if lab.recent and rng.random() < 0.04:
                base["组合专利名称"] = f"{rng.choice(f.subjects)}专利组合"[:50]
                base["组合专利信息"] = ",".join(lab.recent[-3:])
                base["组合专利描述"] = f"围绕{f.name}关键技术形成的专利组合，覆盖材料、工艺与应用。"
            forced_intent = self.intent_cover.take()
            count = INTENT_COUNT(rng)
            picks = [] if forced_intent is None else [INTENTS[forced_intent][:2]]
            while len(picks) < count:
                pair = INTENT_PAIR(rng)
                if pair not in picks:
                    picks.append(pair)
            intents = picks
            rating = self.rating_cover.take() or RATING(rng)
            inv.stars = 5 - RATINGS.index(rating)
            maturity = self.maturity_cover.take() or rng.choice(
                MATURITY_4 if rng.random() < 0.6 else MATURITY_6
            )
            s, sc = rng.choice(f.subjects), rng.choice(f.scenes)
            base |= {
                "意向价格": self.price_cover.take() or PRICE(rng),
                "联系人": rng.choice(contacts),
                "联系方式": phone,
                "技术成熟度": maturity,
                "专利价值分级自评": rating,
                "国民经济行业分类": self.world.sections[f.section],
                "战新分类": self.world.sei_names[f.sei],
            }
            if inv.stars >= 3 or rng.random() < 0.3:
                base["本专利对应产品、技术优势、性能指标"] = (
                    f"本专利对应产品为{s}，采用{rng.choice(f.techniques)}，"
                    f"{rng.choice(f.effects)}优于同类产品，关键指标达到国内先进水平。"
                )
                base["产业化前景描述"] = (
                    f"可应用于{sc}，市场需求旺盛，"
                    f"预计产业化后年产值可达{rng.randint(5, 200) * 100}万元。"
                )
            if rng.random() < 0.7:
                base["本专利所属技术领域（IPC）"] = patent["IPC分类号"].replace("；", ",")
            if any(a == "拟许可" for a, _ in intents) and rng.random() < 0.4:
                base["费用标准（万元）"] = round(rng.uniform(1, 50), 1)
            if intents and rng.random() < 0.6:
                own = self.world.cities_of(inst.province)
                cities = [rng.choice(own), *rng.sample(self.world.cities, rng.randint(0, 2))]
                base["意向合作城市"] = ",".join(dict.fromkeys(c.pair for c in cities))
            if intents and rng.random() < 0.25:
                firms = [self.directory.pick_enterprise(rng, f) for _ in range(rng.randint(1, 2))]
                base["意向合作企业"] = ",".join(dict.fromkeys(e.name for e in firms))
        inv.intents = intents
        inv.statuses = statuses
        for k in range(max(len(status_rows), len(intents))):
            row: Row = dict(base) if k == 0 else {}
            if k < len(status_rows):
                level1, level2, amount = status_rows[k]
                row["一级实施状态"] = level1
                if level2:
                    row["二级状态描述"] = level2
                if amount != "":
                    row["金额（万元）/评价结果/产品名称"] = amount
            if k < len(intents):
                row["转化意愿（一级）"] = intents[k][0]
                if intents[k][1]:
                    row["转化意愿（二级）"] = intents[k][1]
            inv.rows.append(row)
        if any(b == "拟开放许可" for _, b in intents) and rng.random() < 0.6:
            patent["开放许可"] = "是"
        return inv

    def _status_cells(
        self, status: ImplStatus, f: TechField, inv: Inventory
    ) -> tuple[str, str, Any]:
        """Level-1 label, level-2 text and the N cell of one implementation status."""
        rng = self.rng
        if status in SCREENED_OUT_TEXT:
            return LABELS[status], rng.choice(SCREENED_OUT_TEXT[status]), ""
        if status is ImplStatus.CUSTOM:
            return rng.choice(CUSTOM_STATUS), "", ""
        if status is ImplStatus.NOT_IMPLEMENTED:
            return LABELS[status], rng.choice(("", "", "无需填写")), ""
        if status is ImplStatus.EVALUATION_REPORT:
            result = rng.choice(("全部权利要求具备授权条件", "部分权利要求具备新颖性和创造性"))
            return LABELS[status], "", result
        amount = round(rng.lognormvariate(3.3, 1.1), 1)
        if status is ImplStatus.LICENSED:
            level2 = rng.choice(LICENSED_L2)
            if level2 in PRODUCT_L2:
                return LABELS[status], level2, f"{rng.choice(f.subjects)}产品"
        elif status is ImplStatus.TRANSFERRED:
            level2 = rng.choice(TRANSFERRED_L2)
        else:
            level2 = rng.choice(("", "在校办企业实现量产", "通过自建中试线实现产业化"))
        if level2 in DEAL_OF_L2:
            inv.contracts.append((DEAL_OF_L2[level2], amount))
        return LABELS[status], level2, amount

    def _department(self, inst: Inst, f: TechField) -> str:
        if inst.kind == "HOSPITAL":
            return self.rng.choice(HOSPITAL_DEPARTMENTS)
        if inst.kind == "RESEARCH_INSTITUTE":
            return self.rng.choice(INSTITUTE_DEPARTMENTS)
        return self.rng.choice(DEPARTMENT_OF_KIND[f.kind])

    # -- deals --

    def _deals(self, inst: Inst, lab: Lab, patent: Row, inv: Inventory | None) -> list[Row]:
        rng = self.rng
        deals: list[tuple[TransactionKind, float | None]] = []
        if inv is not None:
            deals += [(k, a) for k, a in inv.contracts]
            if inv.transferable:
                # Coverage first, then about 5% of the catalogue finds a buyer in 2024.
                forced = self.deal_cover.take() if self.deal_cover.pending else None
                if forced is not None or rng.random() < 0.03:
                    detail = rng.choice([b for _, b in inv.intents])
                    kind = forced or DEAL_OF_INTENT.get(detail, TransactionKind.ORDINARY_LICENCE)
                    wanted = INTENT_OF_DEAL[kind]
                    if all(b != wanted for _, b in inv.intents):  # the deal had been intended
                        level1 = "拟转让" if wanted in ("拟转让", "拟作价入股") else "拟许可"
                        inv.intents.append((level1, wanted))
                        inv.rows.append({"转化意愿（一级）": level1, "转化意愿（二级）": wanted})
                    deals.append((kind, None))
        if patent["开放许可"] == "是" and rng.random() < 0.2:
            deals += [(TransactionKind.OPEN_LICENCE, None)] * rng.randint(1, 2)
        if any(kind is TransactionKind.OPEN_LICENCE for kind, _ in deals):
            patent["开放许可"] = "是"  # an open-licence deal needs the declared open licence
        rows = []
        for kind, amount in deals:
            rows.append(self._deal(inst, lab, patent, kind, amount))
        return rows

    def _deal(
        self, inst: Inst, lab: Lab, patent: Row, kind: TransactionKind, amount: float | None
    ) -> Row:
        rng = self.rng
        self.deal_no += 1
        modes = MODES_OF_DEAL[kind]
        mode = self.mode_cover.take(lambda m: m in modes) or rng.choice(modes)
        buyer = self.directory.pick_enterprise(rng, lab.tech)
        day = date(2024, 1, 2) + timedelta(days=rng.randrange(360))
        registered = rng.random() < 0.8
        if registered:
            prefix = "ZR" if kind in (TransactionKind.TRANSFER, TransactionKind.EQUITY) else "X"
            deal_id = f"{prefix}2024{inst.province}{self.seed % 1000:03d}{self.deal_no:07d}"
        else:
            deal_id = f"HT-{inst.id}-2024-{self.seed % 1000:03d}{self.deal_no:06d}"
        apps = [patent["申请号"]]
        if kind is TransactionKind.POOL and lab.recent:
            apps += lab.recent[-rng.randint(1, min(3, len(lab.recent))) :]
        price = amount if amount is not None else round(rng.lognormvariate(3.0, 1.0), 1)
        if kind is TransactionKind.OPEN_LICENCE:
            price = round(min(price, rng.uniform(0.5, 20)), 1)
        row: Row = {
            "交易编号": deal_id,
            "申请号": "；".join(dict.fromkeys(apps)),
            "交易类型": LABELS[kind],
            "让与方": inst.id if rng.random() < 0.7 else inst.name,
            "受让方统一社会信用代码": buyer.credit_code,
            "支付方式": LABELS[mode],
            "合同日期": day.isoformat(),
            "是否已登记备案": "是" if registered else "否",
        }
        if mode in (PaymentMode.LUMP_SUM, PaymentMode.INSTALMENTS):
            row["金额（万元）"] = price
        if mode is PaymentMode.ENTRY_FEE_ROYALTY:
            row["入门费（万元）"] = price
        if mode in (PaymentMode.ENTRY_FEE_ROYALTY, PaymentMode.ROYALTY):
            row["提成比例（%）"] = round(rng.uniform(1, 8), 1)
        if mode is PaymentMode.INSTALMENTS:
            row["分期数"] = rng.randint(2, 6)
        if rng.random() < 0.1:
            row["备注"] = (
                "专利池许可，含后续改进专利" if kind is TransactionKind.POOL else "经双方协商一致"
            )
        return row

    # -- evaluations --

    def _evaluations(self, patent: Row, lab: Lab, inv: Inventory | None) -> list[Row]:
        rng = self.rng
        if inv is None:
            n = 1 if rng.random() < 0.05 else 0
        elif inv.transferable:
            n = EVALUATIONS(rng)
        elif not inv.screened_out:
            n = 1 if rng.random() < 0.25 else 0
        else:
            n = 0
        quality = (inv.stars if inv is not None and inv.stars else rng.randint(2, 4)) + rng.gauss(
            0, 0.4
        )
        rows = []
        f = lab.tech
        for k in range(n):
            prospect = min(5, max(1, round(quality + rng.gauss(0, 0.7))))
            day = date(2024, 3, 1) + timedelta(days=rng.randrange(290))
            by_firm = rng.random() < 0.65
            willing = (
                weighted(rng, [(Willingness.STRONG, prospect - 2.5), (Willingness.MODERATE, 1.5)])
                if prospect >= 3
                else weighted(rng, [(Willingness.WEAK, 1.0), (Willingness.NONE, 0.6)])
            )
            row: Row = {
                "评价编号": f"PJ-{patent['申请号']}-{k + 1}",
                "申请号": patent["申请号"],
                "评价方类型": "企业" if by_firm else "专家",
                "评价日期": day.isoformat(),
                "产业化前景": prospect,
                "技术成熟度": rng.choice(MATURITY_4 + MATURITY_6),
                "合作意愿": LABELS[willing],
                "评分": min(100, max(0, round(prospect * 17 + rng.gauss(5, 6)))),
            }
            if by_firm:
                row["统一社会信用代码"] = self.directory.pick_enterprise(rng, f).credit_code
            else:
                row["专家编号"] = self.directory.pick_expert(rng, f).id
            if rng.random() < 0.6:
                row["技术改进需求"] = f"希望进一步提升{rng.choice(f.effects)}，并降低量产成本。"
            if by_firm and prospect >= 3:
                row["意向价格（万元）"] = round(rng.lognormvariate(3.0, 0.8), 1)
            if rng.random() < 0.3:
                row["备注"] = rng.choice(
                    ("建议开展中试验证", "可与本企业现有产品线结合", "需补充性能测试数据")
                )
            rows.append(row)
        return rows


@dataclass
class Inventory:
    """What one patent's inventory decided, for the deals and evaluations that follow."""

    screened_out: bool
    rows: list[Row] = field(default_factory=list)
    statuses: list[ImplStatus] = field(default_factory=list)
    intents: list[tuple[str, str]] = field(default_factory=list)
    contracts: list[tuple[TransactionKind, float]] = field(default_factory=list)
    stars: int = 0

    @property
    def transferable(self) -> bool:
        return not self.screened_out and bool(self.intents)
