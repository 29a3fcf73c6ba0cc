"""The ``patent-hub`` command line.

Each sub-command is a thin shell over one module; the modules are imported lazily so
that ``patent-hub neo4j status`` does not pay for the GraphQL schema.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from graph.db import Graph
from graph.errors import PatentHubError

__all__ = ["main"]

Handler = Callable[[argparse.Namespace], int]


def _neo4j(args: argparse.Namespace) -> int:
    from graph import neo4j_server

    action = {
        "start": neo4j_server.start,
        "stop": neo4j_server.stop,
        "status": neo4j_server.status,
    }[args.action]
    print(action().describe())
    return 0


def _db(args: argparse.Namespace) -> int:
    with Graph() as graph:
        if args.action == "migrate":
            from graph.migrate import migrate

            applied = migrate(graph)
            print(f"schema up to date: {applied} statements applied")
        elif args.action == "stats":
            from graph.stats import stats

            print(json.dumps(stats(graph), ensure_ascii=False, indent=2))
        elif args.action == "wipe":
            from graph.migrate import wipe

            wipe(graph)
            print("database emptied")
        elif args.action == "rollups" and args.check:
            from graph.rollups import check

            drift = check(graph)
            for d in drift[:50]:
                print(f"drift: {d}")
            print(f"{len(drift)} roll-ups or dormant flags differ from a full recount")
            return 1 if drift else 0
        elif args.action == "rollups":
            from graph.rollups import rebuild

            print(f"statistics roll-ups rebuilt for {rebuild(graph)} institutions")
    return 0


def _load(args: argparse.Namespace) -> int:
    if args.what == "bulk":
        from hub.bulk_cli import run_bulk

        return run_bulk(args)
    with Graph() as graph:
        if args.what == "reference":
            from graph.reference import ReferenceDataError, load_reference

            try:
                summary = load_reference(graph, args.dir)
            except ReferenceDataError as exc:
                print(f"错误：{exc}（未载入任何数据）", file=sys.stderr)
                return 2
        elif args.write_only is not None:
            from graph.demo import write_demo_files

            summary = write_demo_files(graph, args.write_only, patents=args.patents, seed=args.seed)
        else:
            from graph.demo import load_demo

            summary = load_demo(graph, patents=args.patents, seed=args.seed)
    print(json.dumps(summary, ensure_ascii=False, indent=2))
    return 0


def _import(args: argparse.Namespace) -> int:
    from graph.ingest.run import run_import

    with Graph() as graph:
        return run_import(
            graph,
            kind=args.kind,
            path=args.file,
            dry_run=args.dry_run,
            institution=args.institution,
            profile=args.profile,
            unit=args.unit,
            strict=args.strict,
            accept_valid=args.accept_valid,
            account=args.account,
        )


def _units(args: argparse.Namespace) -> int:
    from graph.units import add, list_units

    with Graph() as graph:
        if args.action == "add":
            u = add(graph, args.institution, args.name, args.alias)
            aliases = "、".join(u["aliases"]) or "-"
            print(f"{u['id']}\t{u['name']}\t{u['institution']}\taliases: {aliases}")
        else:
            for u in list_units(graph, args.institution):
                aliases = "、".join(u["aliases"] or []) or "-"
                print(
                    f"{u['id']}\t{u['name']}\t{u['institution']}\t"
                    f"aliases: {aliases}\tpatents: {u['patents']}"
                )
    return 0


def _serve(args: argparse.Namespace) -> int:
    from hub.serve import serve

    serve(host=args.host, port=args.port, workers=args.workers)
    return 0


def _token(args: argparse.Namespace) -> int:
    from hub.auth.tokens import issue_dev_token

    print(issue_dev_token(role=args.role, scope=args.scope, ttl=args.ttl, unit=args.unit))
    return 0


def _accounts(args: argparse.Namespace) -> int:
    from hub.auth import clients

    with Graph() as graph:
        if args.action == "create":
            client_id, secret = clients.create_client(
                graph, role=args.role, scope=args.scope, name=args.name
            )
            print(
                f"client_id:     {client_id}\nclient_secret: {secret}\n"
                "(the secret is shown only once)"
            )
            return 0
        if args.action == "list":
            for row in clients.list_clients(graph):
                state = "disabled" if row["disabled"] else "active"
                scope = row["scope"] or "-"
                print(f"{row['clientId']}\t{row['role']}\t{scope}\t{state}\t{row['name']}")
            return 0
        if args.action == "rotate-secret":
            rotated = clients.rotate_secret(graph, args.client_id)
            if rotated is None:
                print(f"error: no client {args.client_id}", file=sys.stderr)
                return 1
            print(f"client_id:     {args.client_id}\nclient_secret: {rotated}")
            print("(the secret is shown only once; the old one no longer works)")
            return 0
        disabled = args.action == "disable"
        if not clients.set_disabled(graph, args.client_id, disabled):
            print(f"error: no client {args.client_id}", file=sys.stderr)
            return 1
        print(
            f"{args.client_id} {'disabled' if disabled else 'enabled'}; its tokens are "
            f"{'refused' if disabled else 'accepted'} within a few seconds"
        )
        return 0


def _read_password(args: argparse.Namespace) -> str:
    if not args.password_stdin:
        raise SystemExit("error: give the password on standard input with --password-stdin")
    return sys.stdin.readline().rstrip("\r\n")


def _users(args: argparse.Namespace) -> int:
    from hub.auth import users

    with Graph() as graph:
        if args.action == "create":
            user = users.create_user(
                graph,
                username=args.username,
                role=args.role,
                password=_read_password(args),
                scope=args.scope,
                unit=args.unit,
                name=args.name,
            )
            where = f" {user.scope}" if user.scope else ""
            unit = f" unit {user.unit}" if user.unit else ""
            print(f"created {user.username} ({user.name}): {user.role.value}{where}{unit}")
        elif args.action == "list":
            _print_users(users.list_users(graph), args.json)
        elif args.action in {"disable", "enable"}:
            users.set_disabled(graph, args.username, disabled=args.action == "disable")
            print(f"{args.username}: {args.action}d")
        elif args.action == "demo":
            return _demo_people(graph, args.port)
        elif args.action == "reset-password":
            users.reset_password(graph, args.username, _read_password(args))
            print(f"{args.username}: password reset, earlier sessions ended")
    return 0


def _demo_people(graph: Graph, port: int) -> int:
    from graph.vocab import label
    from hub.demo_people import create_demo_people

    people, path = create_demo_people(graph)
    print(f"控制台: http://127.0.0.1:{port}/  演示账户（每个角色一人）:")
    for p in people:
        unit = f"，单位 {p.unit}" if p.unit else ""
        print(f"  {p.username:<18} {label(p.role)}：{p.stands_for}{unit}")
    print(f"密码写在 {path}（仅本用户可读；再次运行会重新生成）")
    return 0


def _print_users(rows: list[dict[str, object]], as_json: bool) -> None:
    if as_json:
        print(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
        return
    print("username\tname\trole\tscope\tunit\tsource\tstate\tlast login")
    for r in rows:
        state = "disabled" if r["disabled"] else "enabled"
        if r.get("lockedUntil"):
            state += ", locked"
        cells = [r["username"], r["name"], r["role"], r["scope"], r["unit"], r["source"]]
        cells += [state, r["lastLoginAt"]]
        print("\t".join("-" if c is None else str(c) for c in cells))


def _connectors(args: argparse.Namespace) -> int:
    from connectors.cli import main as connectors_main

    return connectors_main(args)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="patent-hub", description="存量专利盘活 data hub")
    sub = p.add_subparsers(dest="command", required=True)

    neo = sub.add_parser("neo4j", help="the project's own Neo4j server")
    neo.add_argument("action", choices=["start", "stop", "status"])
    neo.set_defaults(handler=_neo4j)

    db = sub.add_parser("db", help="schema and statistics of the graph")
    db.add_argument("action", choices=["migrate", "stats", "wipe", "rollups"])
    db.add_argument(
        "--check",
        action="store_true",
        help="rollups: compare with a full recount (rolled back), exit 1 on drift",
    )
    db.set_defaults(handler=_db)

    load = sub.add_parser("load", help="reference or demo data")
    load_sub = load.add_subparsers(dest="what", required=True)
    ref = load_sub.add_parser("reference", help="provinces, ministries, institutions, industries")
    ref.add_argument("--dir", type=Path, default=None, help="a folder of newer official files")
    demo = load_sub.add_parser("demo", help="a deterministic demo data set")
    demo.add_argument("--patents", type=int, default=3000)
    demo.add_argument("--seed", type=int, default=2024)
    demo.add_argument(
        "--write-only",
        type=Path,
        default=None,
        metavar="DIR",
        help="write the standard files and their manifest to DIR, import nothing",
    )
    bulk = load_sub.add_parser(
        "bulk", help="build an empty database from standard files with neo4j-admin import"
    )
    bulk.add_argument(
        "files", nargs="*", help="KIND=PATH, or a manifest.json of `load demo --write-only`"
    )
    bulk.add_argument("--reference", type=Path, default=None, help="reference data folder")
    bulk.add_argument("--replace", action="store_true", help="drop what the database holds")
    bulk.add_argument("--work", type=Path, default=None, help="folder for the CSV files")
    bulk.add_argument(
        "--finish",
        type=Path,
        default=None,
        metavar="DIR",
        help="after neo4j-admin ran on another server: empty lists, schema, roll-ups",
    )
    load.set_defaults(handler=_load)

    imp = sub.add_parser("import", help="a file in a standard format")
    imp.add_argument(
        "kind",
        choices=["patents", "inventory", "evaluations", "transactions", "enterprises", "experts"],
        help="the format of the file (docs/formats.md)",
    )
    imp.add_argument("file", type=Path)
    imp.add_argument("--dry-run", action="store_true", help="validate only, write nothing")
    imp.add_argument("--institution", help="id or name of the institution (inventory)")
    imp.add_argument(
        "--profile",
        help="patents: the database the file was exported from (cnipa, incopat, patsnap, "
        "innojoy, himmpat); recognised from the headers when not given",
    )
    imp.add_argument(
        "--unit", help="id or name of a unit of --institution: its rows only (inventory)"
    )
    imp.add_argument(
        "--strict",
        action="store_true",
        help="rows otherwise skipped with a warning (no institution owns the patent) are errors",
    )
    imp.add_argument(
        "--accept-valid",
        action="store_true",
        help="write the valid records and report the rest (default: all or nothing)",
    )
    imp.add_argument(
        "--account",
        metavar="CLIENT_ID",
        help="write as this OAuth client: its role and scope bound what is written (audited)",
    )
    imp.set_defaults(handler=_import)

    serve = sub.add_parser("serve", help="the GraphQL hub over HTTP")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1)
    serve.set_defaults(handler=_serve)

    units = sub.add_parser("units", help="units of an institution (研究生院, 学院, 医学部 …)")
    unit_sub = units.add_subparsers(dest="action", required=True)
    unit_add = unit_sub.add_parser("add", help="register a unit, or add aliases to it")
    unit_add.add_argument("institution", help="id or name of the institution")
    unit_add.add_argument("name", help="the unit's name (e.g. 医学部), or its full name")
    unit_add.add_argument(
        "--alias", action="append", default=[], help="another name of the unit (repeatable)"
    )
    unit_list = unit_sub.add_parser("list", help="the units, with their patents")
    unit_list.add_argument("institution", nargs="?", default=None, help="id or name")
    units.set_defaults(handler=_units)

    token = sub.add_parser("token", help="a signed development token")
    token.add_argument("--role", required=True)
    token.add_argument("--scope", default=None)
    token.add_argument(
        "--unit", default=None, help="a unit id of the INSTITUTION scope (a unit account)"
    )
    token.add_argument("--ttl", type=int, default=3600)
    token.set_defaults(handler=_token)

    acc = sub.add_parser("accounts", help="OAuth 2 machine clients")
    acc_sub = acc.add_subparsers(dest="action", required=True)
    create = acc_sub.add_parser("create")
    create.add_argument("--role", required=True)
    create.add_argument("--scope", default=None)
    create.add_argument("--name", default=None)
    acc_sub.add_parser("list", help="every client: id, role, scope, state, name")
    for action, what in (
        ("disable", "refuse the client's token requests and its tokens"),
        ("enable", "accept the client again"),
        ("rotate-secret", "a new secret; the old one stops working"),
    ):
        acc_sub.add_parser(action, help=what).add_argument("client_id")
    acc.set_defaults(handler=_accounts)

    people = sub.add_parser("users", help="people's console accounts")
    people_sub = people.add_subparsers(dest="action", required=True)
    ucreate = people_sub.add_parser("create", help="a person's account")
    ucreate.add_argument("--username", required=True)
    ucreate.add_argument("--role", required=True)
    ucreate.add_argument("--scope", default=None, help="the identifier bounding the role")
    ucreate.add_argument("--unit", default=None, help="a unit's id (INSTITUTION role)")
    ucreate.add_argument("--name", default=None, help="the person's name (姓名)")
    ucreate.add_argument("--password-stdin", action="store_true", help="read the password")
    ulist = people_sub.add_parser("list", help="every account, without passwords")
    ulist.add_argument("--json", action="store_true")
    for action in ("disable", "enable"):
        people_sub.add_parser(action).add_argument("--username", required=True)
    udemo = people_sub.add_parser("demo", help="one demo person per role (after load demo)")
    udemo.add_argument("--port", type=int, default=8000, help="the port the console is served on")
    ureset = people_sub.add_parser("reset-password", help="a new password; sessions end")
    ureset.add_argument("--username", required=True)
    ureset.add_argument("--password-stdin", action="store_true")
    people.set_defaults(handler=_users)

    from connectors.cli import add_parser as connectors_parser

    connectors_parser(sub).set_defaults(handler=_connectors)
    return p


def _driver_log_to_file() -> None:
    """The Neo4j driver's warnings go to ``var/log/patent-hub.log``, not the terminal
    (a command shows its steps, progress and summary; ``serve`` logs as JSON)."""
    from graph.config import var_dir

    path = var_dir() / "log" / "patent-hub.log"
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    driver_log = logging.getLogger("neo4j")
    driver_log.addHandler(handler)
    driver_log.propagate = False


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if argv is None and args.command != "serve":
        _driver_log_to_file()
    handler: Handler = args.handler
    try:
        return handler(args)
    except PatentHubError as exc:  # refused or unavailable, for a reason it states
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
