"""Rows of a GraphQL answer as a table: columns, Chinese headers and cell values.

A row is one object of the list being exported; nested objects become dotted
columns (``institution.name``), an enum pair ``{value, label}`` becomes its Chinese
label, lists are joined with ``、``, booleans are 是/否.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["Column", "columns_of", "flatten", "header"]

JOIN = "、"
MAX_COLUMNS = 200

# Chinese headers of the schema's field names; a dotted column looks for its full
# path first (``institution.name``), then its last part.
HEADERS: dict[str, str] = {
    "appNo": "申请号",
    "title": "专利名称",
    "abstract": "摘要",
    "type": "专利类型",
    "filingDate": "申请日",
    "grantDate": "授权公告日",
    "grantYear": "授权年份",
    "legalStatus": "法律状态",
    "ipcMain": "主分类号",
    "ipcCodes": "IPC 分类号",
    "ownerNames": "专利权人",
    "stateFunded": "财政资助",
    "openLicence": "开放许可",
    "transferable": "可转化",
    "institutionId": "机构代码",
    "provinceCode": "省份代码",
    "ministryCode": "主管部门代码",
    "inventoryState": "盘点状态",
    "inventoriedAt": "盘点时间",
    "department": "院系",
    "maintenanceYears": "维持年限",
    "implStatuses": "实施状态",
    "implAmount": "实施金额（万元）",
    "implemented": "已实施",
    "intents": "转化意愿",
    "intentDetails": "转化方式",
    "feeStandard": "许可费标准（万元）",
    "priceBand": "价格区间",
    "contact": "联系人",
    "contactPhone": "联系电话",
    "maturity": "技术成熟度",
    "rating": "自评星级",
    "institution.name": "所属机构",
    "province.name": "省份",
    "ministry.name": "主管部门",
    "inventors.name": "发明人",
    "industries.name": "所属产业",
    "name": "名称",
    "id": "编号",
    "code": "代码",
    "kind": "类别",
    "creditCode": "统一社会信用代码",
    "count": "数量",
    "total": "总数",
    "totalCount": "总数",
    "inventoried": "已盘点",
    "screenedIn": "入库",
    "screenedOut": "不入库",
    "due": "应完成",
    "behind": "落后",
    "behindBy": "落后数量",
    "share": "占比",
    "rate": "比率",
    "quarter": "季度",
    "transfers": "转让",
    "licences": "许可",
    "amount": "金额（万元）",
    "date": "日期",
    "at": "时间",
    "score": "匹配分",
    "action": "操作",
    "target": "对象",
    "actorRole": "操作者角色",
    "actorScope": "操作者范围",
    "actorSubject": "操作者",
    "role": "角色",
    "scope": "范围",
    "status": "状态",
    "label": "名称",
    "key": "类别",
}


@dataclass(frozen=True)
class Column:
    field: str
    header: str


def header(field: str) -> str:
    return HEADERS.get(field) or HEADERS.get(field.rsplit(".", 1)[-1]) or field


def _is_pair(value: Any) -> bool:
    return isinstance(value, dict) and "label" in value and set(value) <= {"value", "label"}


def _text(value: Any) -> Any:
    """One cell: a scalar as it is, an enum pair as its label, a list joined."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "是" if value else "否"
    if _is_pair(value):
        return value["label"]
    if isinstance(value, list):
        parts = [_text(v) for v in value]
        return JOIN.join(str(p) for p in parts if p is not None and p != "")
    if isinstance(value, dict):
        for key in ("label", "name", "title", "id", "appNo", "code"):
            if key in value and not isinstance(value[key], (dict, list)):
                return _text(value[key])
        return JOIN.join(str(_text(v)) for v in value.values() if v is not None)
    return value


def flatten(row: Any, prefix: str = "") -> dict[str, Any]:
    """``{"institution": {"name": …}}`` → ``{"institution.name": …}``; lists of
    objects become one column per field, their values joined."""
    if not isinstance(row, dict) or _is_pair(row):
        return {prefix or "value": _text(row)}
    out: dict[str, Any] = {}
    for key, value in row.items():
        name = f"{prefix}.{key}" if prefix else key
        if isinstance(value, dict) and not _is_pair(value):
            out.update(flatten(value, name))
        elif (
            isinstance(value, list)
            and value
            and all(isinstance(v, dict) and not _is_pair(v) for v in value)
        ):
            columns: dict[str, list[Any]] = {}
            for item in value:
                for sub, cell in flatten(item, name).items():
                    columns.setdefault(sub, []).append(cell)
            for sub, cells in columns.items():
                out[sub] = JOIN.join(str(c) for c in cells if c is not None and c != "")
        else:
            out[name] = _text(value)
    return out


def columns_of(rows: list[dict[str, Any]]) -> list[Column]:
    """Every column in the order the fields were first selected."""
    seen: dict[str, None] = {}
    for row in rows:
        for key in row:
            seen.setdefault(key, None)
        if len(seen) >= MAX_COLUMNS:
            break
    return [Column(field, header(field)) for field in list(seen)[:MAX_COLUMNS]]
