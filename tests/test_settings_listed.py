"""Every setting the code reads is listed in the README's *Configuration* section."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("hub", "graph", "connectors")
# The project's own settings, and the one of a library that the code reads itself
# (prometheus_client's folder for the metrics of several workers, hub/observability.py).
NAME = re.compile(r"\b((?:PATENT_HUB|NEO4J)_[A-Z0-9_]*[A-Z0-9]|PROMETHEUS_MULTIPROC_DIR)\b")
# Set by the project for Neo4j's own tools (neo4j-admin), never read from the user.
PASSED_ON = {"NEO4J_HOME", "NEO4J_CONF"}
# Read as <prefix>_MAX_FAILURES and <prefix>_FAILURE_WINDOW (hub/auth/ratelimit.py).
PREFIXES = {"PATENT_HUB_OAUTH_CLIENT", "PATENT_HUB_OAUTH_ADDRESS"}


def names_in_code() -> set[str]:
    found: set[str] = set()
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            found.update(NAME.findall(path.read_text(encoding="utf-8")))
    for prefix in PREFIXES & found:
        found.discard(prefix)
        found |= {f"{prefix}_MAX_FAILURES", f"{prefix}_FAILURE_WINDOW"}
    return found - PASSED_ON


def listed_in_readme() -> set[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| `([A-Z0-9_]+)` \|", section, flags=re.MULTILINE))


def test_every_setting_read_is_listed() -> None:
    read = names_in_code()
    assert {"NEO4J_URI", "PATENT_HUB_VAR", "PATENT_HUB_OIDC_ISSUER"} <= read
    assert sorted(read - listed_in_readme()) == []


def test_every_setting_listed_is_read() -> None:
    assert sorted(listed_in_readme() - names_in_code()) == []
