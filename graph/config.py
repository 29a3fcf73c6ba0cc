"""Where the graph lives, from the environment.

With ``NEO4J_URI`` set the hub uses that server (self-hosted, a cluster or Aura) and
starts nothing; without it the project's own Neo4j runs under ``var/neo4j``.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

__all__ = ["ROOT", "Neo4jSettings", "neo4j_settings", "var_dir"]

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Neo4jSettings:
    uri: str
    user: str
    password: str
    database: str
    local: bool
    home: Path
    port: int


def var_dir() -> Path:
    return Path(os.environ.get("PATENT_HUB_VAR", ROOT / "var")).resolve()


def local_home() -> Path:
    return var_dir() / "neo4j"


def _local_password(home: Path) -> str:
    """The local server's password: chosen once, kept beside its data."""
    path = home / "password"
    if path.exists():
        return path.read_text().strip()
    home.mkdir(parents=True, exist_ok=True)
    password = secrets.token_urlsafe(18)
    path.write_text(password)
    path.chmod(0o600)
    return password


def neo4j_settings() -> Neo4jSettings:
    env = os.environ
    port = int(env.get("PATENT_HUB_NEO4J_PORT", "7687"))
    home = local_home()
    uri = env.get("NEO4J_URI")
    if uri:
        return Neo4jSettings(
            uri=uri,
            user=env.get("NEO4J_USER", "neo4j"),
            password=env.get("NEO4J_PASSWORD", ""),
            database=env.get("NEO4J_DATABASE", "neo4j"),
            local=False,
            home=home,
            port=port,
        )
    return Neo4jSettings(
        uri=f"neo4j://127.0.0.1:{port}",
        user="neo4j",
        password=env.get("NEO4J_PASSWORD") or _local_password(home),
        database=env.get("NEO4J_DATABASE", "neo4j"),
        local=True,
        home=home,
        port=port,
    )
