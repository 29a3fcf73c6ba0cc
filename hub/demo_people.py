"""One demo person per role, for trying the console after ``make demo``.

The people are drawn from the loaded demo data (the two provinces with the most
patents, the biggest institution of the first, its ministry, an enterprise, an
expert, a unit if the graph has units). Each gets a fresh random password, written
with the usernames to ``var/demo-people.txt`` (mode 600); running it again
recreates them with new passwords, so the file is always the truth.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from graph.config import var_dir
from graph.cypher import load
from graph.db import Graph
from graph.errors import PatentHubError
from graph.vocab import Role, label
from hub.auth.users import create_user

__all__ = ["NoDemoData", "create_demo_people"]

PEOPLE_FILE = "demo-people.txt"


@dataclass(frozen=True)
class DemoPerson:
    username: str
    name: str
    role: Role
    scope: str | None
    unit: str | None
    stands_for: str


class NoDemoData(PatentHubError, RuntimeError):
    """The graph has no demo data to draw the people from."""


def plan(graph: Graph) -> list[DemoPerson]:
    rows = graph.read(load("demo/people"))
    if not rows or not rows[0]["provinces"]:
        raise NoDemoData("the graph holds no patents: run `patent-hub load demo` first")
    r = rows[0]
    provinces, names = r["provinces"], r["provinceNames"]
    people = [DemoPerson("demo.national", "国家平台管理员", Role.NATIONAL, None, None, "全国")]
    if r["ministry"]:
        people.append(
            DemoPerson(
                "demo.ministry", "主管部门管理员", Role.MINISTRY, r["ministry"], None, r["ministry"]
            )
        )
    for i, (code, name) in enumerate(zip(provinces, names, strict=False)):
        people.append(
            DemoPerson(f"demo.province{i + 1}", f"{name}管理员", Role.PROVINCE, code, None, name)
        )
    people.append(
        DemoPerson(
            "demo.institution",
            "机构管理员",
            Role.INSTITUTION,
            r["institution"],
            None,
            r["institutionName"],
        )
    )
    if r["unit"] and r["unitInstitution"]:
        people.append(
            DemoPerson(
                "demo.unit",
                "院系专利专员",
                Role.INSTITUTION,
                r["unitInstitution"],
                r["unit"],
                r["unitName"] or r["unit"],
            )
        )
    if r["enterprise"]:
        people.append(
            DemoPerson(
                "demo.enterprise",
                "企业联系人",
                Role.ENTERPRISE,
                r["enterprise"],
                None,
                r["enterpriseName"] or r["enterprise"],
            )
        )
    if r["expert"]:
        people.append(
            DemoPerson(
                "demo.expert",
                r["expertName"] or "评估专家",
                Role.EXPERT,
                r["expert"],
                None,
                r["expertName"] or r["expert"],
            )
        )
    return people


def password() -> str:
    return secrets.token_urlsafe(12)


def create_demo_people(graph: Graph, var: Path | None = None) -> tuple[list[DemoPerson], Path]:
    """Creates (or resets) the demo people; returns them and the password file."""
    people = plan(graph)
    lines = ["# 演示账户（make demo 生成；再次运行会重置密码）", "# 用户名\t密码\t角色\t范围"]
    for person in people:
        secret = password()
        graph.write(load("accounts/delete_user"), {"username": person.username})
        create_user(
            graph,
            person.username,
            person.role.value,
            secret,
            scope=person.scope,
            unit=person.unit,
            name=person.name,
        )
        lines.append(f"{person.username}\t{secret}\t{label(person.role)}\t{person.stands_for}")
    path = (var or var_dir()) / PEOPLE_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    path.chmod(0o600)
    return people, path
