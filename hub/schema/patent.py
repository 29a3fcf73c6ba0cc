"""``Patent`` (federation entity keyed by ``appNo``) and ``Inventor``.

Scalar fields come from one scoped row; relationships resolve through the request's
DataLoaders, each one batched, scoped statement (``hub/loaders.py``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable
from functools import cache, partial
from typing import TYPE_CHECKING, Annotated, Any, cast

import strawberry
from strawberry.types import Info

from graph.vocab import (
    ImplStatus,
    Intent,
    IntentDetail,
    InventoryState,
    LegalStatus,
    Maturity,
    PatentType,
    PriceBand,
)
from hub.loaders import load_keys, load_many, load_one
from hub.resolvers.numbers import finite
from hub.resolvers.patents import normalise_app_no
from hub.resolvers.projection import NESTED_KEY, prefetched, selected, shaped
from hub.schema.labels import Labelled, labelled, labelled_list
from hub.schema.reference import Industry, IpcClass, Ministry, Province
from hub.schema.related import one, related
from hub.schema.values import ctx, date, strings

if TYPE_CHECKING:
    from hub.schema.activity import Evaluation, Transaction
    from hub.schema.organisation import Institution

__all__ = [
    "EVALUATION",
    "TRANSACTION",
    "EvaluationRef",
    "Inventor",
    "Patent",
    "TransactionRef",
    "resolved",
]

Row = dict[str, Any]

# ``Institution``, ``Evaluation`` and ``Transaction`` live in modules that import this
# one: annotations name them lazily (``strawberry.lazy``), and the fields build them
# through the same lazy references, resolved when a request first needs them.
InstitutionRef = Annotated["Institution", strawberry.lazy("hub.schema.organisation")]
EvaluationRef = Annotated["Evaluation", strawberry.lazy("hub.schema.activity")]
TransactionRef = Annotated["Transaction", strawberry.lazy("hub.schema.activity")]
INSTITUTION: strawberry.LazyType[Any, Any] = strawberry.LazyType(
    "Institution", "hub.schema.organisation"
)
EVALUATION: strawberry.LazyType[Any, Any] = strawberry.LazyType("Evaluation", "hub.schema.activity")
TRANSACTION: strawberry.LazyType[Any, Any] = strawberry.LazyType(
    "Transaction", "hub.schema.activity"
)


@cache
def resolved(lazy: strawberry.LazyType[Any, Any]) -> type[Any]:
    """The type behind a lazy reference, found once: Strawberry's ``resolve_type`` imports
    the module and compares its file with ``__main__``'s (two ``stat`` calls) every time,
    14% of the hub's CPU for 100 ``_entities`` with their institutions."""
    return lazy.resolve_type()


@strawberry.type(
    description="一项转化意愿 with its own 转化意愿 group of the template (P–W): what the "
    "institution offers for this intent"
)
class IntentOffer:
    intent: Labelled[Intent] | None
    detail: Labelled[IntentDetail] | None
    fee_standard: float | None = strawberry.field(description="费用标准, 万元")
    intended_cities: list[str] = strawberry.field(description="意向合作城市 (省-市)")
    intended_enterprises: list[str] = strawberry.field(description="意向合作企业")
    price_band: Labelled[PriceBand] | None
    contact: str | None
    contact_phone: str | None

    @classmethod
    def from_json(cls, text: str) -> IntentOffer:
        o = json.loads(text)
        return cls(
            intent=labelled(Intent, o.get("intent")),
            detail=labelled(IntentDetail, o.get("detail")),
            fee_standard=o.get("feeStandard"),
            intended_cities=strings(o.get("cities")),
            intended_enterprises=strings(o.get("enterprises")),
            price_band=labelled(PriceBand, o.get("priceBand")),
            contact=o.get("contact"),
            contact_phone=o.get("contactPhone"),
        )


@strawberry.federation.type(
    keys=["appNo"],
    description="A patent of the base library (存量专利) with its inventory (盘点) record.",
)
class Patent:
    app_no: str = strawberry.field(description="申请号, normalised (no CN prefix, upper case)")
    title: str | None
    abstract: str | None
    type: Labelled[PatentType] | None
    filing_date: dt.date | None
    grant_date: dt.date | None
    grant_year: int | None
    legal_status: Labelled[LegalStatus] | None
    ipc_main: str | None
    ipc_codes: list[str]
    locarno_class: str | None = strawberry.field(
        description="洛迦诺分类号 of a design (外观设计), e.g. 24-02; designs have no IPC code"
    )
    owner_names: list[str] = strawberry.field(
        description="专利权人 as filed, registered or not (unregistered co-owners kept by name)"
    )
    institution_ids: list[str] = strawberry.field(
        description="every owning institution, the first one (institutionId) first"
    )
    unit_ids: list[str] = strawberry.field(
        description="units (研究生院, 学院, 医学部 …) of its owners the patent belongs to"
    )
    state_funded: bool | None
    open_licence: bool | None
    transferable: bool | None
    institution_id: str | None
    province_code: str | None
    ministry_code: str | None
    inventory_state: Labelled[InventoryState] | None
    inventoried_at: dt.date | None = strawberry.field(description="盘点日期")
    department: str | None
    maintenance_years: int | None
    combination_name: str | None
    combination_app_nos: list[str]
    combination_desc: str | None
    impl_statuses: list[Labelled[ImplStatus]]
    impl_details: list[str]
    impl_amount: float | None = strawberry.field(description="万元; owner, overseers, parties")
    impl_products: list[str] = strawberry.field(
        description="products of its implementation and industrialisation, as inventoried"
    )
    implemented: bool | None
    evaluation_result: str | None
    intents: list[Labelled[Intent]]
    intent_details: list[Labelled[IntentDetail]]
    fee_standard: float | None = strawberry.field(description="万元; owner, overseers, parties")
    intended_cities: list[str]
    intended_enterprises: list[str]
    intent_offers: list[IntentOffer] = strawberry.field(
        description="each intent with its own fee, cities, enterprises, price and contact "
        "(owner, overseers, parties; empty for others)"
    )
    price_band: Labelled[PriceBand] | None = strawberry.field(
        description="owner, overseers, parties"
    )
    contact: str | None = strawberry.field(description="owner, overseers, parties")
    contact_phone: str | None = strawberry.field(description="owner, overseers, parties")
    maturity: Labelled[Maturity] | None
    rating: int | None = strawberry.field(description="self-rating, 1–5 stars")
    product_desc: str | None
    prospect_desc: str | None
    declared_industry: str | None
    declared_sei: str | None
    ipc_field: str | None
    remark: str | None
    # Relations the row already carries (``hub.resolvers.projection.Shape``).
    nested: strawberry.Private[dict[tuple[str, str], Any]] = dataclasses.field(default_factory=dict)

    @classmethod
    def from_row(cls, row: Row) -> Patent:
        """Only the keys the row holds are converted (a slim projection of ``appNo`` and
        ``title`` converts two); every other attribute is that of an empty row."""
        values = {**_EMPTY, **{name: [] for name in _LISTS}}
        for key, value in row.items():
            found = _FROM_ROW.get(key)
            if found is not None:
                values[found[0]] = found[1](value)
        values["nested"] = row.get(NESTED_KEY) or {}
        if not values["institution_ids"] and values["institution_id"]:
            values["institution_ids"] = [str(values["institution_id"])]
        return cls(**values)

    @classmethod
    async def resolve_references(cls, info: Info[Any, Any], keys: list[str]) -> list[Any]:
        normalised = [normalise_app_no(key) for key in keys]
        rows = await load_keys(ctx(info), "patent/by_key", normalised, shaped(info))
        return [cls.from_row(row) if row else None for row in rows]

    @strawberry.field(description="The owning institution, if the caller may see it.")
    def institution(self, info: Info[Any, Any]) -> InstitutionRef | None:
        # Not ``async``: a row that carries the institution answers without a coroutine
        # per row; otherwise the loader's awaitable is returned (graphql-core awaits it).
        carried, row = prefetched(self.nested, info)
        if not carried:
            return cast(Any, self._institution(info))
        return _institution(row)

    async def _institution(self, info: Info[Any, Any]) -> InstitutionRef | None:
        return _institution(await load_one(ctx(info), "institution/by_key", self.institution_id))

    @strawberry.field
    async def province(self, info: Info[Any, Any]) -> Province | None:
        return await one(info, "province/by_key", self.province_code, Province.from_row)

    @strawberry.field
    async def ministry(self, info: Info[Any, Any]) -> Ministry | None:
        return await one(info, "ministry/by_key", self.ministry_code, Ministry.from_row)

    @strawberry.field(description="Inventors in the order of the filing.")
    def inventors(self, info: Info[Any, Any]) -> list[Inventor]:
        carried, rows = prefetched(self.nested, info)  # sync as ``institution`` is
        if not carried:
            return cast(Any, self._inventors(info))
        return [Inventor.from_row(r) for r in rows]

    async def _inventors(self, info: Info[Any, Any]) -> list[Inventor]:
        return await related(info, "patent/inventors", self.app_no, Inventor.from_row)

    @strawberry.field(description="Industries (GB/T 4754 and 战新 SEI 2018) of the patent.")
    async def industries(self, info: Info[Any, Any]) -> list[Industry]:
        return await related(info, "patent/industries", self.app_no, Industry.from_row)

    @strawberry.field(description="IPC subclasses; the main one first.")
    async def ipc_classes(self, info: Info[Any, Any]) -> list[IpcClass]:
        return await related(info, "patent/ipc", self.app_no, IpcClass.from_row)

    @strawberry.field(description="Evaluations of this patent the caller may see, newest first.")
    async def evaluations(self, info: Info[Any, Any]) -> list[EvaluationRef]:
        make: type[Evaluation] = resolved(EVALUATION)
        return await related(info, "patent/evaluations", self.app_no, make.from_row)

    @strawberry.field(description="Transfers and licences of this patent the caller may see.")
    async def transactions(self, info: Info[Any, Any]) -> list[TransactionRef]:
        make: type[Transaction] = resolved(TRANSACTION)
        return await related(info, "patent/transactions", self.app_no, make.from_row)


def _same(value: Any) -> Any:
    return value


def _offers(value: Any) -> list[IntentOffer]:
    return [IntentOffer.from_json(t) for t in strings(value)]


# Row key -> (attribute of ``Patent``, its value from the stored one).
_FROM_ROW: dict[str, tuple[str, Callable[[Any], Any]]] = {
    "appNo": ("app_no", _same),
    "title": ("title", _same),
    "abstract": ("abstract", _same),
    "type": ("type", partial(labelled, PatentType)),
    "filingDate": ("filing_date", date),
    "grantDate": ("grant_date", date),
    "grantYear": ("grant_year", _same),
    "legalStatus": ("legal_status", partial(labelled, LegalStatus)),
    "ipcMain": ("ipc_main", _same),
    "ipcCodes": ("ipc_codes", strings),
    "locarnoClass": ("locarno_class", _same),
    "ownerNames": ("owner_names", strings),
    "institutionIds": ("institution_ids", strings),
    "unitIds": ("unit_ids", strings),
    "stateFunded": ("state_funded", _same),
    "openLicence": ("open_licence", _same),
    "transferable": ("transferable", _same),
    "institutionId": ("institution_id", _same),
    "provinceCode": ("province_code", _same),
    "ministryCode": ("ministry_code", _same),
    "inventoryState": (
        "inventory_state",
        lambda v: labelled(InventoryState, v or "NOT_INVENTORIED"),
    ),
    "inventoriedAt": ("inventoried_at", date),
    "department": ("department", _same),
    "maintenanceYears": ("maintenance_years", _same),
    "combinationName": ("combination_name", _same),
    "combinationAppNos": ("combination_app_nos", strings),
    "combinationDesc": ("combination_desc", _same),
    "implStatuses": ("impl_statuses", partial(labelled_list, ImplStatus)),
    "implDetails": ("impl_details", strings),
    "implAmount": ("impl_amount", finite),
    "implProducts": ("impl_products", strings),
    "implemented": ("implemented", _same),
    "evaluationResult": ("evaluation_result", _same),
    "intents": ("intents", partial(labelled_list, Intent)),
    "intentDetails": ("intent_details", partial(labelled_list, IntentDetail)),
    "feeStandard": ("fee_standard", finite),
    "intendedCities": ("intended_cities", strings),
    "intendedEnterprises": ("intended_enterprises", strings),
    "intentOffers": ("intent_offers", _offers),
    "priceBand": ("price_band", partial(labelled, PriceBand)),
    "contact": ("contact", _same),
    "contactPhone": ("contact_phone", _same),
    "maturity": ("maturity", partial(labelled, Maturity)),
    "rating": ("rating", _same),
    "productDesc": ("product_desc", _same),
    "prospectDesc": ("prospect_desc", _same),
    "declaredIndustry": ("declared_industry", _same),
    "declaredSei": ("declared_sei", _same),
    "ipcField": ("ipc_field", _same),
    "remark": ("remark", _same),
}
# The attributes of an empty row; the lists among them are made afresh for every patent.
_EMPTY: dict[str, Any] = {name: convert(None) for name, convert in _FROM_ROW.values()}
_LISTS = [name for name, value in _EMPTY.items() if isinstance(value, list)]


def _institution(row: Row | None) -> Institution | None:
    make: type[Institution] = resolved(INSTITUTION)
    return make.from_row(row) if row else None


@strawberry.type(description="An inventor as named on the patents of one institution.")
class Inventor:
    id: str
    name: str
    institution_id: str | None

    @classmethod
    def from_row(cls, row: Row) -> Inventor:
        return cls(
            id=row["id"], name=row.get("name") or "", institution_id=row.get("institutionId")
        )

    @strawberry.field(description="This inventor's patents the caller may see.")
    async def patents(self, info: Info[Any, Any]) -> list[Patent]:
        rows = await load_many(ctx(info), "inventor/patents", self.id, selected(info))
        return [Patent.from_row(r) for r in rows]

    @strawberry.field
    async def institution(self, info: Info[Any, Any]) -> InstitutionRef | None:
        return _institution(await load_one(ctx(info), "institution/by_key", self.institution_id))
