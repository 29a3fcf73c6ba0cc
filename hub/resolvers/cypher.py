"""Statements of ``graph/cypher/queries/`` made ready for one role.

Statement files may hold three kinds of placeholder, all replaced by Cypher text that
lives in the repository (never by user input, which travels as parameters):

- ``{{scope.<entity>}}``: the role's scope predicate (``graph/scope.py``);
  ``{{scope.<entity>:<variable>}}`` the same over another variable, for a related node
  whose key the row returns (a key is as private as its node);
- ``{{private.<entity>}}``: whether the role may read the entity's contact, phone and
  money fields (``graph/cypher/queries/private/<entity>.cypher``, one section per role);
- ``{{include.<name>}}``: another file of ``graph/cypher/queries/``, e.g. a projection;
- ``{{nested.patent}}``: where the subqueries of the relations a ``Patent`` row carries go
  (``hub.resolvers.projection.Shape``); nothing when the row carries none.

Fragment files hold ``// @<name>`` sections (filters, sort keys), read with ``section``.
"""

from __future__ import annotations

import re
from functools import cache

from graph import cypher, scope
from graph.vocab import Role

__all__ = ["render", "section", "sections", "statement"]

TOKEN = re.compile(r"\{\{(scope|private|include|nested)\.([\w/]+)(?::(\w+))?\}\}")


def sections(name: str) -> dict[str, str]:
    """The ``// @<name>`` sections of ``graph/cypher/queries/<name>.cypher``."""
    return cypher.sections(f"queries/{name}")


def section(name: str, key: str) -> str:
    text = sections(name).get(key)
    if text is None:
        raise KeyError(f"graph/cypher/queries/{name}.cypher has no section @{key}")
    return text


def private(entity: str, role: Role) -> str:
    """Predicate: the role may read the private fields of this ``entity`` row."""
    return f"({section(f'private/{entity}', role.value)})"


@cache
def statement(name: str, role: Role, patent_row: str | None = None, calls: str = "") -> str:
    """``graph/cypher/queries/<name>.cypher`` with its placeholders filled for ``role``.

    ``patent_row`` (repository Cypher, see ``hub.resolvers.projection``) stands in for
    ``{{include.patent/row}}`` when a slim row is enough, and ``calls`` for
    ``{{nested.patent}}``.
    """
    return render(cypher.load(f"queries/{name}"), role, patent_row, calls)


def render(text: str, role: Role, patent_row: str | None = None, calls: str = "") -> str:
    def fill(match: re.Match[str]) -> str:
        kind, arg = match.group(1), match.group(2)
        if kind == "nested":
            return render(calls, role) if calls else ""
        if kind == "scope":
            variable = match.group(3)
            if variable:
                return scope.predicate_as(arg, role, variable)
            return scope.predicate(arg, role)
        if kind == "private":
            return private(arg, role)
        if arg == "patent/row" and patent_row is not None:
            return render(patent_row, role)
        return render(cypher.load(f"queries/{arg}"), role)

    return TOKEN.sub(fill, text)
