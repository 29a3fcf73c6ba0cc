"""Controlled vocabularies of the programme.

Each enum value is a stable English identifier stored in the graph; ``LABELS``
holds the Chinese label shown to people, and ``FROM_LABEL`` maps the Chinese
wording used in upload files back to the identifier.
"""

from __future__ import annotations

from enum import Enum
from typing import TypeVar

__all__ = [
    "LABELS",
    "RATING_STARS",
    "ChangeKind",
    "EnterpriseKind",
    "EvaluatorKind",
    "ImplStatus",
    "IndustryScheme",
    "InstitutionKind",
    "Intent",
    "IntentDetail",
    "InventoryState",
    "LegalStatus",
    "Maturity",
    "PatentType",
    "PaymentMode",
    "PriceBand",
    "Role",
    "TransactionKind",
    "Willingness",
    "from_label",
    "label",
    "stored",
]

E = TypeVar("E", bound=Enum)


class InstitutionKind(Enum):
    UNIVERSITY = "UNIVERSITY"
    RESEARCH_INSTITUTE = "RESEARCH_INSTITUTE"
    HOSPITAL = "HOSPITAL"


class PatentType(Enum):
    INVENTION = "INVENTION"
    UTILITY_MODEL = "UTILITY_MODEL"
    DESIGN = "DESIGN"


class LegalStatus(Enum):
    VALID = "VALID"
    PENDING = "PENDING"
    EXPIRED = "EXPIRED"
    LAPSED = "LAPSED"
    ABANDONED = "ABANDONED"
    INVALIDATED = "INVALIDATED"
    NOT_IN_FORCE = "NOT_IN_FORCE"  # 失效 with no reason given (patent databases' wording)


class InventoryState(Enum):
    NOT_INVENTORIED = "NOT_INVENTORIED"
    SCREENED_IN = "SCREENED_IN"
    SCREENED_OUT = "SCREENED_OUT"


class ImplStatus(Enum):
    """Level-1 implementation status (专利实施化状态, 一级)."""

    NOT_IMPLEMENTED = "NOT_IMPLEMENTED"
    LICENSED = "LICENSED"
    TRANSFERRED = "TRANSFERRED"
    SELF_INDUSTRIALISED = "SELF_INDUSTRIALISED"
    EVALUATION_REPORT = "EVALUATION_REPORT"
    TO_BE_ABANDONED = "TO_BE_ABANDONED"
    OWNERSHIP_DISPUTE = "OWNERSHIP_DISPUTE"
    UNSUITABLE = "UNSUITABLE"
    CUSTOM = "CUSTOM"


class Intent(Enum):
    """Level-1 conversion intent (转化意愿, 一级)."""

    LICENCE = "LICENCE"
    TRANSFER = "TRANSFER"
    OWN_USE = "OWN_USE"


class IntentDetail(Enum):
    """Level-2 conversion intent (转化意愿, 二级)."""

    OPEN_LICENCE = "OPEN_LICENCE"
    ORDINARY_LICENCE = "ORDINARY_LICENCE"
    EXCLUSIVE_LICENCE = "EXCLUSIVE_LICENCE"
    SOLE_LICENCE = "SOLE_LICENCE"
    PATENT_POOL = "PATENT_POOL"
    TRANSFER = "TRANSFER"
    EQUITY = "EQUITY"
    CUSTOM = "CUSTOM"


class Maturity(Enum):
    """One scale for both maturity lists of the template (4 and 6 stages)."""

    CONCEPT = "CONCEPT"
    RESEARCH = "RESEARCH"
    SAMPLE = "SAMPLE"
    PILOT = "PILOT"
    TRIAL_PRODUCTION = "TRIAL_PRODUCTION"
    MASS_PRODUCTION = "MASS_PRODUCTION"


class PriceBand(Enum):
    NEGOTIABLE = "NEGOTIABLE"
    P0_10 = "P0_10"
    P10_20 = "P10_20"
    P20_30 = "P20_30"
    P30_40 = "P30_40"
    P40_50 = "P40_50"
    P50_60 = "P50_60"
    P60_70 = "P60_70"
    P70_80 = "P70_80"
    P80_90 = "P80_90"
    P90_100 = "P90_100"
    P100_PLUS = "P100_PLUS"


class EnterpriseKind(Enum):
    SRDI = "SRDI"
    HIGH_TECH = "HIGH_TECH"
    SOE = "SOE"
    CENTRAL_SOE = "CENTRAL_SOE"
    IP_ADVANTAGE = "IP_ADVANTAGE"


class TransactionKind(Enum):
    TRANSFER = "TRANSFER"
    EXCLUSIVE_LICENCE = "EXCLUSIVE_LICENCE"
    SOLE_LICENCE = "SOLE_LICENCE"
    ORDINARY_LICENCE = "ORDINARY_LICENCE"
    OPEN_LICENCE = "OPEN_LICENCE"
    EQUITY = "EQUITY"
    POOL = "POOL"


class PaymentMode(Enum):
    LUMP_SUM = "LUMP_SUM"
    ENTRY_FEE_ROYALTY = "ENTRY_FEE_ROYALTY"
    ROYALTY = "ROYALTY"
    INSTALMENTS = "INSTALMENTS"


class EvaluatorKind(Enum):
    ENTERPRISE = "ENTERPRISE"
    EXPERT = "EXPERT"


class Willingness(Enum):
    """Willingness to cooperate stated in an evaluation (合作意愿)."""

    STRONG = "STRONG"
    MODERATE = "MODERATE"
    WEAK = "WEAK"
    NONE = "NONE"


class IndustryScheme(Enum):
    GBT4754 = "GBT4754"
    SEI2018 = "SEI2018"


class Role(Enum):
    NATIONAL = "NATIONAL"
    MINISTRY = "MINISTRY"
    PROVINCE = "PROVINCE"
    INSTITUTION = "INSTITUTION"
    ENTERPRISE = "ENTERPRISE"
    EXPERT = "EXPERT"
    ANONYMOUS = "ANONYMOUS"


class ChangeKind(Enum):
    """What made a patent's content change (the change feed, ``graph/feed.py``)."""

    PATENT = "PATENT"
    INVENTORY = "INVENTORY"
    EVALUATION = "EVALUATION"
    TRANSACTION = "TRANSACTION"
    MUTATION = "MUTATION"
    REFRESH = "REFRESH"


LABELS: dict[Enum, str] = {
    InstitutionKind.UNIVERSITY: "高校",
    InstitutionKind.RESEARCH_INSTITUTE: "科研机构",
    InstitutionKind.HOSPITAL: "医疗卫生机构",
    PatentType.INVENTION: "发明",
    PatentType.UTILITY_MODEL: "实用新型",
    PatentType.DESIGN: "外观设计",
    LegalStatus.VALID: "有效",
    LegalStatus.PENDING: "审中",
    LegalStatus.EXPIRED: "届满终止",
    LegalStatus.LAPSED: "未缴年费终止",
    LegalStatus.ABANDONED: "放弃",
    LegalStatus.INVALIDATED: "无效宣告",
    LegalStatus.NOT_IN_FORCE: "失效",
    InventoryState.NOT_INVENTORIED: "未盘点",
    InventoryState.SCREENED_IN: "已入库",
    InventoryState.SCREENED_OUT: "未入库",
    ImplStatus.NOT_IMPLEMENTED: "尚未实施",
    ImplStatus.LICENSED: "已许可",
    ImplStatus.TRANSFERRED: "已转让",
    ImplStatus.SELF_INDUSTRIALISED: "已自行产业化",
    ImplStatus.EVALUATION_REPORT: "实用新型专利、外观设计专利已有专利权评价报告",
    ImplStatus.TO_BE_ABANDONED: "即将放弃专利权",
    ImplStatus.OWNERSHIP_DISPUTE: "涉及权属纠纷",
    ImplStatus.UNSUITABLE: "其他不适宜转化的情况",
    ImplStatus.CUSTOM: "自定义",
    Intent.LICENCE: "拟许可",
    Intent.TRANSFER: "拟转让",
    Intent.OWN_USE: "拟自行应用或产业化",
    IntentDetail.OPEN_LICENCE: "拟开放许可",
    IntentDetail.ORDINARY_LICENCE: "拟普通许可",
    IntentDetail.EXCLUSIVE_LICENCE: "拟排他许可",
    IntentDetail.SOLE_LICENCE: "拟独占许可",
    IntentDetail.PATENT_POOL: "拟参与专利池运营",
    IntentDetail.TRANSFER: "拟转让",
    IntentDetail.EQUITY: "拟作价入股",
    IntentDetail.CUSTOM: "自定义",
    Maturity.CONCEPT: "技术构思",
    Maturity.RESEARCH: "正在研发",
    Maturity.SAMPLE: "已有样品（样品、实验阶段）",
    Maturity.PILOT: "通过小试（试生产、应用开发阶段）",
    Maturity.TRIAL_PRODUCTION: "通过中试（小批量生产、工程应用阶段）",
    Maturity.MASS_PRODUCTION: "可以量产（批量生产、成熟应用阶段）",
    PriceBand.NEGOTIABLE: "具体面议",
    PriceBand.P0_10: "0-10万",
    PriceBand.P10_20: "10-20万",
    PriceBand.P20_30: "20-30万",
    PriceBand.P30_40: "30-40万",
    PriceBand.P40_50: "40-50万",
    PriceBand.P50_60: "50-60万",
    PriceBand.P60_70: "60-70万",
    PriceBand.P70_80: "70-80万",
    PriceBand.P80_90: "80-90万",
    PriceBand.P90_100: "90-100万",
    PriceBand.P100_PLUS: "100万以上",
    EnterpriseKind.SRDI: "专精特新中小企业",
    EnterpriseKind.HIGH_TECH: "高新技术企业",
    EnterpriseKind.SOE: "国有企业",
    EnterpriseKind.CENTRAL_SOE: "中央企业",
    EnterpriseKind.IP_ADVANTAGE: "知识产权优势企业",
    TransactionKind.TRANSFER: "转让",
    TransactionKind.EXCLUSIVE_LICENCE: "独占许可",
    TransactionKind.SOLE_LICENCE: "排他许可",
    TransactionKind.ORDINARY_LICENCE: "普通许可",
    TransactionKind.OPEN_LICENCE: "开放许可",
    TransactionKind.EQUITY: "作价入股",
    TransactionKind.POOL: "专利池",
    PaymentMode.LUMP_SUM: "一次性支付",
    PaymentMode.ENTRY_FEE_ROYALTY: "入门费加提成",
    PaymentMode.ROYALTY: "提成支付",
    PaymentMode.INSTALMENTS: "分期支付",
    EvaluatorKind.ENTERPRISE: "企业",
    EvaluatorKind.EXPERT: "专家",
    Willingness.STRONG: "强烈",
    Willingness.MODERATE: "一般",
    Willingness.WEAK: "较弱",
    Willingness.NONE: "无",
    IndustryScheme.GBT4754: "国民经济行业分类（GB/T 4754-2017）",
    IndustryScheme.SEI2018: "战略性新兴产业分类（2018）",
    Role.NATIONAL: "国家平台",
    Role.MINISTRY: "主管部门",
    Role.PROVINCE: "省级知识产权局",
    Role.INSTITUTION: "高校和科研机构",
    Role.ENTERPRISE: "企业",
    Role.EXPERT: "专家",
    Role.ANONYMOUS: "公众",
}

LABELS.update(
    {
        ChangeKind.PATENT: "基础信息变更",
        ChangeKind.INVENTORY: "盘点结果变更",
        ChangeKind.EVALUATION: "评价变更",
        ChangeKind.TRANSACTION: "交易变更",
        ChangeKind.MUTATION: "在线操作变更",
        ChangeKind.REFRESH: "核对发现变更",
    }
)

# Wording of the inventory template that differs from the labels above.
_EXTRA_WORDING: dict[str, Enum] = {
    "已有样品": Maturity.SAMPLE,
    "样品、实验阶段": Maturity.SAMPLE,
    "通过小试": Maturity.PILOT,
    "试生产、应用开发阶段": Maturity.PILOT,
    "通过中试": Maturity.TRIAL_PRODUCTION,
    "小批量生产、工程应用阶段": Maturity.TRIAL_PRODUCTION,
    "可以量产": Maturity.MASS_PRODUCTION,
    "批量生产、成熟应用阶段": Maturity.MASS_PRODUCTION,
    "实用新型专利、外观设计专利已有专利权评价报告": ImplStatus.EVALUATION_REPORT,
}

MATURITY_STAGE: dict[Maturity, int] = {m: i + 1 for i, m in enumerate(Maturity)}

RATING_STARS: dict[str, int] = {"五星": 5, "四星": 4, "三星": 3, "二星": 2, "一星": 1}


def label(value: Enum) -> str:
    return LABELS[value]


def stored(member: Enum | None) -> str | None:
    """The identifier the graph stores for ``member``; None (an empty or bad cell) stays None."""
    return None if member is None else str(member.value)


_BY_LABEL: dict[type[Enum], dict[str, Enum]] = {}


def from_label(enum: type[E], text: str) -> E | None:
    """The member of ``enum`` whose Chinese wording is ``text``, if any (the first member
    so worded; the wordings of each enum are indexed once, imports look up millions)."""
    text = text.strip()
    by_label = _BY_LABEL.get(enum)
    if by_label is None:
        by_label = {}
        for member in enum:
            wording = LABELS.get(member)
            if wording is not None:
                by_label.setdefault(wording, member)
        _BY_LABEL[enum] = by_label
    found = by_label.get(text)
    if found is not None:
        return found  # type: ignore[return-value]
    hit = _EXTRA_WORDING.get(text)
    if isinstance(hit, enum):
        return hit
    return None
