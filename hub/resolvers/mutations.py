"""The workflow steps: input validation, scoped look-up of the target, one write
transaction with its audit entry; each answers the row its GraphQL result is made of.

Order of checks, so that answers never leak: role (FORBIDDEN, the field's permission
class in ``hub.schema.mutations``, before any of this runs) → input (BAD_USER_INPUT)
→ target visible to the caller (NOT_FOUND otherwise, exactly as for a missing one) →
the caller's right on a visible target (FORBIDDEN) → state of the target (CONFLICT).

The inputs are read through Protocols of the attributes a step uses, which the GraphQL
input types of ``hub.schema.mutations`` satisfy: this module never imports the schema.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any, Protocol

from graph.ingest import values
from graph.ingest.inventory import IMPLEMENTED, INTENT_DETAILS, SCREEN_OUT
from graph.vocab import (
    ImplStatus,
    Intent,
    IntentDetail,
    Maturity,
    PaymentMode,
    PriceBand,
    Role,
    TransactionKind,
    Willingness,
    stored,
)
from graph.writes import holders, may_touch
from hub.context import Context
from hub.errors import BadUserInput, Conflict, Forbidden, NotFound
from hub.resolvers.audit import Tx, audited

__all__ = [
    "assign_experts",
    "open_licence",
    "push_patents",
    "record_inventory",
    "register_transaction",
    "state_tech_need",
    "submit_evaluation",
]

MAX_BATCH = 500
MAX_TEXT = 2000

Row = dict[str, Any]


class InventoryInput(Protocol):
    app_no: str
    impl_statuses: list[ImplStatus]
    impl_amount: float | None
    intents: list[Intent]
    intent_details: list[IntentDetail]
    maturity: Maturity | None
    rating: int | None
    product_desc: str | None
    prospect_desc: str | None
    price_band: PriceBand | None
    fee_standard: float | None
    contact: str | None
    contact_phone: str | None
    department: str | None


class EvaluationInput(Protocol):
    app_no: str
    prospect: int
    willingness: Willingness
    score: float | None
    maturity: Maturity | None
    improvement_needs: str | None
    price_expectation: float | None
    comment: str | None


class PushItem(Protocol):
    app_no: str
    score: float
    reasons: list[str]


class TransactionInput(Protocol):
    app_no: str
    kind: TransactionKind
    buyer_credit_code: str
    date: date
    registered: bool
    id: str | None
    payment_mode: PaymentMode | None
    amount: float | None
    entry_fee: float | None
    royalty_rate: float | None
    instalments: int | None


def bad(argument: str, reason: str) -> BadUserInput:
    return BadUserInput(f"{argument}: {reason}", argument=argument)


def app_no(value: str, argument: str = "appNo") -> str:
    try:
        return values.app_no(value)
    except values.BadValue as exc:
        raise bad(argument, str(exc)) from None


def text(value: str | None, argument: str, limit: int = 500, required: bool = False) -> str | None:
    cleaned = (value or "").strip()
    if not cleaned:
        if required:
            raise bad(argument, "required, but empty")
        return None
    if len(cleaned) > limit:
        raise bad(argument, f"{len(cleaned)} characters, at most {limit}")
    return cleaned


def amount(value: float | None, argument: str, high: float | None = None) -> float | None:
    if value is None:
        return None
    if not math.isfinite(value) or value > values.ABSURD:
        raise bad(argument, f"{value} is not a plausible number (at most {values.ABSURD:,.0f})")
    if value < 0 or (high is not None and value > high):
        bounds = f"0–{high}" if high is not None else "≥ 0"
        raise bad(argument, f"{value} is out of range ({bounds})")
    return float(value)


def quarter(day: date) -> str:
    return f"{day.year}Q{(day.month - 1) // 3 + 1}"


async def visible_patent(tx: Tx, key: str) -> dict[str, Any]:
    rows = await tx.run("mutations/patent", appNo=key)
    if not rows:
        raise NotFound(f"no patent {key}", appNo=key)
    return rows[0]


def own(ctx: Context, patent: dict[str, Any]) -> None:
    """An institution acts on its own patents only (it may SEE open-licence ones): the
    write rules every write path shares (``graph.writes``)."""
    owners = holders(patent["holders"], patent["units"])
    if not may_touch(ctx.principal.account(), owners):
        raise Forbidden(f"patent {patent['patent']['appNo']} is not a patent of your institution")


# --- recordInventory ---------------------------------------------------------------------


def inventory_props(i: InventoryInput) -> dict[str, Any]:
    """The template's rules, on one patent (see ``graph.ingest.inventory``)."""
    statuses = list(dict.fromkeys(i.impl_statuses))
    if not statuses:
        raise bad("implStatuses", "at least one implementation status is required")
    if ImplStatus.NOT_IMPLEMENTED in statuses and any(s in IMPLEMENTED for s in statuses):
        raise bad(
            "implStatuses",
            "NOT_IMPLEMENTED cannot go with LICENSED/TRANSFERRED/SELF_INDUSTRIALISED",
        )
    screened_out = any(s in SCREEN_OUT for s in statuses)
    implemented = any(s in IMPLEMENTED for s in statuses)
    if implemented and i.impl_amount is None:
        raise bad(
            "implAmount",
            "the amount (万元) is required with LICENSED/TRANSFERRED/SELF_INDUSTRIALISED",
        )
    if not implemented and i.impl_amount is not None:
        raise bad("implAmount", "only given with LICENSED/TRANSFERRED/SELF_INDUSTRIALISED")
    application = {
        "intents": i.intents,
        "intentDetails": i.intent_details,
        "maturity": i.maturity,
        "rating": i.rating,
        "productDesc": i.product_desc,
        "prospectDesc": i.prospect_desc,
        "priceBand": i.price_band,
        "feeStandard": i.fee_standard,
    }
    if screened_out:
        for name, value in application.items():
            if value not in (None, []):
                raise bad(
                    name,
                    "must stay empty: the patent is screened out "
                    "(TO_BE_ABANDONED / OWNERSHIP_DISPUTE / UNSUITABLE)",
                )
    else:
        if i.maturity is None:
            raise bad("maturity", "required for a screened-in patent")
        if i.rating is None or not 1 <= i.rating <= 5:
            raise bad("rating", f"a self-rating of 1–5 stars is required, not {i.rating}")
        if i.rating >= 3:
            for name, value in (("productDesc", i.product_desc), ("prospectDesc", i.prospect_desc)):
                if not (value or "").strip():
                    raise bad(name, f"required with a {i.rating}-star rating (not for one or two)")
        for d in i.intent_details:
            if d.value != "CUSTOM" and not any(d in INTENT_DETAILS[n] for n in i.intents):
                raise bad("intentDetails", f"{d.value} belongs to none of the intents given")
    phone = None
    if i.contact_phone:
        try:
            phone = values.phone(i.contact_phone)
        except values.BadValue as exc:
            raise bad("contactPhone", str(exc)) from None
    return {
        "inventoryState": "SCREENED_OUT" if screened_out else "SCREENED_IN",
        "implStatuses": [s.value for s in statuses],
        "implAmount": amount(i.impl_amount, "implAmount"),
        "implemented": implemented,
        "intents": list(dict.fromkeys(n.value for n in i.intents)),
        "intentDetails": list(dict.fromkeys(d.value for d in i.intent_details)),
        "maturity": stored(i.maturity),
        "rating": i.rating,
        "productDesc": text(i.product_desc, "productDesc"),
        "prospectDesc": text(i.prospect_desc, "prospectDesc"),
        "priceBand": stored(i.price_band),
        "feeStandard": amount(i.fee_standard, "feeStandard"),
        "contact": text(i.contact, "contact", 50),
        "contactPhone": phone,
        "department": text(i.department, "department", 100),
    }


async def record_inventory(ctx: Context, i: InventoryInput) -> Row:
    """``{appNo, inventoryState, transferable}``."""
    key = app_no(i.app_no)
    props = inventory_props(i)

    async def step(tx: Tx) -> Row:
        own(ctx, await visible_patent(tx, key))
        return (await tx.run("mutations/record_inventory", appNo=key, props=props))[0]

    return await audited(ctx, "recordInventory", key, props, step)


# --- submitEvaluation --------------------------------------------------------------------


async def submit_evaluation(ctx: Context, i: EvaluationInput) -> Row:
    """``{id, appNo}``."""
    key = app_no(i.app_no)
    if not 1 <= i.prospect <= 5:
        raise bad("prospect", f"1–5, not {i.prospect}")
    props = {
        "prospect": i.prospect,
        "willingness": i.willingness.value,
        "score": amount(i.score, "score", 100),
        "maturity": stored(i.maturity),
        "improvementNeeds": text(i.improvement_needs, "improvementNeeds", MAX_TEXT),
        "priceExpectation": amount(i.price_expectation, "priceExpectation"),
        "comment": text(i.comment, "comment", MAX_TEXT),
    }
    kind = ctx.principal.role.value
    evaluator = ctx.principal.scope
    new_id = f"EV-{uuid.uuid4().hex[:16]}"

    async def step(tx: Tx) -> Row:
        patent = await visible_patent(tx, key)
        if ctx.principal.role is Role.EXPERT and not patent["assigned"]:
            raise Forbidden(f"patent {key} is not assigned to you")
        same = dict(appNo=key, evaluator=evaluator, kind=kind)
        if await tx.run("mutations/evaluation_exists", **same):
            raise Conflict(f"you have already evaluated patent {key}", appNo=key)
        rows = await tx.run("mutations/submit_evaluation", id=new_id, props=props, **same)
        if not rows:
            raise Forbidden("this account has no evaluator record in the hub")
        return {"id": rows[0]["id"], "appNo": key}

    return await audited(ctx, "submitEvaluation", key, {**props, "id": new_id}, step)


# --- assignExperts / pushPatents ---------------------------------------------------------


def batch(items: list[str], argument: str) -> list[str]:
    if not items:
        raise bad(argument, "give at least one")
    if len(items) > MAX_BATCH:
        raise bad(argument, f"{len(items)} given, at most {MAX_BATCH}")
    return list(dict.fromkeys(items))


async def assign_experts(ctx: Context, app_nos: list[str], expert_ids: list[str]) -> Row:
    """``{assignments, created}``."""
    keys = batch([app_no(a, "appNos") for a in app_nos], "appNos")
    ids = batch([x.strip() for x in expert_ids if x.strip()], "expertIds")

    async def step(tx: Tx) -> Row:
        seen = {r["appNo"] for r in await tx.run("mutations/patents", appNos=keys)}
        missing = [k for k in keys if k not in seen]
        if missing:
            raise NotFound(f"no patent {', '.join(missing)}", appNos=missing)
        found = {r["id"] for r in await tx.run("mutations/experts", ids=ids)}
        absent = [x for x in ids if x not in found]
        if absent:
            raise NotFound(f"no expert {', '.join(absent)}", expertIds=absent)
        by = ctx.principal.subject
        return (await tx.run("mutations/assign_experts", appNos=keys, ids=ids, by=by))[0]

    args = {"appNos": keys, "expertIds": ids}
    return await audited(ctx, "assignExperts", ",".join(keys), args, step)


async def push_patents(ctx: Context, credit_code: str, items: Sequence[PushItem]) -> Row:
    """``{creditCode, pushed}``."""
    code = credit_code.strip().upper()
    if not code:
        raise bad("creditCode", "required, but empty")
    if not items:
        raise bad("items", "give at least one patent")
    if len(items) > MAX_BATCH:
        raise bad("items", f"{len(items)} given, at most {MAX_BATCH}")
    clean = []
    for n, item in enumerate(items):
        reasons = [r.strip() for r in item.reasons if r.strip()]
        if len(reasons) > 20 or any(len(r) > 200 for r in reasons):
            raise bad(f"items[{n}].reasons", "at most 20 reasons of 200 characters")
        clean.append(
            {
                "appNo": app_no(item.app_no, f"items[{n}].appNo"),
                "score": amount(item.score, f"items[{n}].score", 100),
                "reasons": reasons,
            }
        )

    async def step(tx: Tx) -> Row:
        if not await tx.run("mutations/enterprise", creditCode=code):
            raise NotFound(f"no enterprise {code}", creditCode=code)
        keys = [str(c["appNo"]) for c in clean]
        rows = {r["appNo"]: r for r in await tx.run("mutations/patents", appNos=keys)}
        missing = [k for k in keys if k not in rows]
        if missing:
            raise NotFound(f"no patent {', '.join(missing)}", appNos=missing)
        closed = [k for k in keys if not rows[k]["transferable"]]
        if closed:
            raise Conflict(f"not in the transferable catalogue: {', '.join(closed)}", appNos=closed)
        row = (
            await tx.run(
                "mutations/push_patents", creditCode=code, items=clean, by=ctx.principal.subject
            )
        )[0]
        return {"creditCode": code, "pushed": row["pushed"]}

    return await audited(ctx, "pushPatents", code, {"items": clean}, step)


# --- registerTransaction -----------------------------------------------------------------

LICENCES = {
    TransactionKind.EXCLUSIVE_LICENCE,
    TransactionKind.SOLE_LICENCE,
    TransactionKind.ORDINARY_LICENCE,
    TransactionKind.OPEN_LICENCE,
}


def transaction_props(i: TransactionInput) -> dict[str, Any]:
    if i.date > date.today():
        raise bad("date", f"{i.date} is in the future")
    mode = i.payment_mode
    if mode is PaymentMode.ENTRY_FEE_ROYALTY and (i.entry_fee is None or i.royalty_rate is None):
        raise bad("entryFee", "entry fee and royalty rate are required with ENTRY_FEE_ROYALTY")
    if mode is PaymentMode.ROYALTY and i.royalty_rate is None:
        raise bad("royaltyRate", "required with ROYALTY")
    if mode is PaymentMode.INSTALMENTS and (i.instalments is None or i.instalments < 2):
        raise bad("instalments", "at least 2 with INSTALMENTS")
    if mode is PaymentMode.LUMP_SUM and i.amount is None:
        raise bad("amount", "required with LUMP_SUM")
    return {
        "kind": i.kind.value,
        "paymentMode": stored(mode),
        "amount": amount(i.amount, "amount"),
        "entryFee": amount(i.entry_fee, "entryFee"),
        "royaltyRate": amount(i.royalty_rate, "royaltyRate", 100),
        "instalments": i.instalments,
        "date": i.date,
        "quarter": quarter(i.date),
        "registered": i.registered,
    }


async def register_transaction(ctx: Context, i: TransactionInput) -> Row:
    """``{id, quarter}``."""
    key = app_no(i.app_no)
    buyer = i.buyer_credit_code.strip().upper()
    if not buyer:
        raise bad("buyerCreditCode", "required, but empty")
    ident = text(i.id, "id", 64) or f"TX-{uuid.uuid4().hex[:16]}"
    props = transaction_props(i)

    async def step(tx: Tx) -> Row:
        patent = await visible_patent(tx, key)
        if ctx.principal.role is Role.INSTITUTION:
            own(ctx, patent)
        if not patent["patent"]["institutionId"]:
            raise Conflict(f"patent {key} has no owning institution to sell it", appNo=key)
        if not await tx.run("mutations/enterprise_exists", creditCode=buyer):
            raise NotFound(f"no enterprise {buyer}", buyerCreditCode=buyer)
        if await tx.run("mutations/transaction_exists", id=ident):
            raise Conflict(f"transaction {ident} is already registered", id=ident)
        if patent["transferred"]:
            raise Conflict(f"patent {key} has already been transferred", appNo=key)
        if (
            i.kind in (TransactionKind.EXCLUSIVE_LICENCE, TransactionKind.SOLE_LICENCE)
            and (patent["patent"]["openLicence"])
        ):
            raise Conflict(
                f"patent {key} is under an open licence: no exclusive or sole licence", appNo=key
            )
        return (
            await tx.run(
                "mutations/register_transaction", appNo=key, buyer=buyer, id=ident, props=props
            )
        )[0]

    args = {**props, "id": ident, "appNo": key, "buyer": buyer}
    return await audited(ctx, "registerTransaction", ident, args, step)


# --- open licences -----------------------------------------------------------------------


async def open_licence(ctx: Context, app_no_: str, open_: bool, fee: float | None) -> Row:
    """``{appNo, openLicence}``."""
    action = "declareOpenLicence" if open_ else "withdrawOpenLicence"
    key = app_no(app_no_)
    fee = amount(fee, "fee")
    if not open_ and fee is not None:
        raise bad("fee", "not used when withdrawing")

    async def step(tx: Tx) -> Row:
        patent = await visible_patent(tx, key)
        own(ctx, patent)
        state = bool(patent["patent"]["openLicence"])
        if open_ and state:
            raise Conflict(f"patent {key} is already under an open licence", appNo=key)
        if not open_ and not state:
            raise Conflict(f"patent {key} is not under an open licence", appNo=key)
        if open_ and patent["patent"]["legalStatus"] != "VALID":
            raise Conflict(f"patent {key} is not in force: no open licence", appNo=key)
        if open_ and patent["exclusive"]:
            raise Conflict(
                f"patent {key} has an exclusive or sole licence: no open licence", appNo=key
            )
        return (await tx.run("mutations/open_licence", appNo=key, open=open_, fee=fee))[0]

    return await audited(ctx, action, key, {"fee": fee}, step)


# --- stateTechNeed -----------------------------------------------------------------------


async def state_tech_need(ctx: Context, need: str, ipc_prefixes: list[str]) -> Row:
    """``{id}``."""
    body = text(need, "text", MAX_TEXT, required=True)
    assert body is not None
    if len(body) < 4:
        raise bad("text", "too short to match on (at least 4 characters)")
    prefixes = []
    for n, raw in enumerate(ipc_prefixes):
        prefix = values.ipc_prefix(raw)
        if prefix is None:
            raise bad(f"ipcPrefixes[{n}]", f"{raw!r} is not an IPC prefix (e.g. H01M or H01M4/58)")
        prefixes.append(prefix)
    code = ctx.principal.scope
    new_id = f"TN-{uuid.uuid4().hex[:16]}"

    async def step(tx: Tx) -> Row:
        rows = await tx.run(
            "mutations/state_need", creditCode=code, id=new_id, text=body, ipcPrefixes=prefixes
        )
        if not rows:
            raise Forbidden("this account has no enterprise record in the hub")
        return {"id": rows[0]["id"]}

    args = {"id": new_id, "text": body, "ipcPrefixes": prefixes}
    return await audited(ctx, "stateTechNeed", new_id, args, step)
