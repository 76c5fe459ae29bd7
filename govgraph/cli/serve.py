"""``govgraph serve``: the REST service and its documentation, until interrupted."""

from __future__ import annotations

import os
import signal
import threading
import traceback
from pathlib import Path

import click
from pydantic import ValidationError

from govgraph.api import Settings, create_app
from govgraph.api.holder import GraphHolder
from govgraph.api.loading import load_graph
from govgraph.api.server import run
from govgraph.cli._common import data_option, reports_errors, rules_option
from govgraph.errors import GovGraphError


@click.command()
@data_option
@rules_option
@click.option("--host", default=None, help="The address to bind.  [default: GOVGRAPH_HOST or 127.0.0.1]")
@click.option(
    "--port",
    type=click.IntRange(1, 65535),
    default=None,
    help="The port to listen on.  [default: GOVGRAPH_PORT or 8000]",
)
@click.option(
    "--write-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The roster folder writes are saved to (created if missing) and loaded from, on top of the "
    "other rosters.  [default: GOVGRAPH_WRITE_DIR; without either, writes are off]",
)
@click.option("--backend", type=click.Choice(["networkx", "neo4j"]), default=None,
              help="networkx: the graph in this process, loaded from the data; neo4j: a Neo4j database loaded "
                   "with `govgraph load --neo4j`.  [default: GOVGRAPH_BACKEND or networkx]")  # fmt: skip
@click.option(
    "--neo4j",
    "neo4j_uri",
    default=None,
    metavar="URI",
    help="With --backend neo4j: the server.  [default: GOVGRAPH_NEO4J_URI]",
)
@click.option(
    "--user", "neo4j_user", default=None, help="With --backend neo4j: the user.  [default: GOVGRAPH_NEO4J_USER]"
)
@click.option("--password-env", default=None, metavar="VAR",
              help="With --backend neo4j: the environment variable holding the password (never the password "
                   "itself on the command line).  [default: GOVGRAPH_NEO4J_PASSWORD holds it]")  # fmt: skip
@click.option("--database", "neo4j_database", default=None,
              help="With --backend neo4j: the database.  "
                   "[default: GOVGRAPH_NEO4J_DATABASE or the server's default]")  # fmt: skip
@click.option("--access-log/--no-access-log", default=True, show_default=True,
              help="Log a line per request (uvicorn's access log); the benchmarks turn it off.")  # fmt: skip
@reports_errors
def serve(
    data: tuple[str, ...], rules: tuple[str, ...], host: str | None, port: int | None, write_dir: Path | None,
    backend: str | None, neo4j_uri: str | None, neo4j_user: str | None, password_env: str | None,
    neo4j_database: str | None, access_log: bool,
) -> None:  # fmt: skip
    """Serve the pages (at /) and the REST API (under /api, documented at /docs) until
    interrupted.

    Without --data, the rosters in GOVGRAPH_DATA (separated by the path separator) are
    loaded, and without --rules those in GOVGRAPH_RULES. Admin calls (POST /api/admin/reload)
    and writes (POST /api/people, /api/memberships, /api/memberships/end) need the key set
    in GOVGRAPH_API_KEY and are off without one; writes also need --write-dir, whose
    roster is loaded on top of the others, so a restart serves what was written. On Unix,
    SIGHUP reloads the data without stopping; if it fails to load, the graph already
    loaded stays in service.

    With --backend neo4j the service answers from a Neo4j database (see docs/neo4j.md);
    its data was loaded with `govgraph load`, so --data and --write-dir do not apply.
    """
    password = None
    if password_env is not None:
        password = os.environ.get(password_env)
        if password is None:
            raise click.UsageError(f"the environment variable {password_env} (--password-env) is not set")
    neo4j = {"backend": backend, "neo4j_uri": neo4j_uri, "neo4j_user": neo4j_user, "neo4j_password": password,
             "neo4j_database": neo4j_database}  # fmt: skip
    settings = _settings(data, rules, host, port, write_dir, neo4j)
    # Loading here, not in the app's startup, reports bad data as one clean error (exit 2)
    # before anything listens.
    app = create_app(settings, governance=load_graph(settings))
    holder: GraphHolder = app.state.graph
    if hasattr(signal, "SIGHUP"):  # absent on Windows
        signal.signal(signal.SIGHUP, lambda signum, frame: _reload_in_background(holder))
    base = _base_url(settings.host, settings.port)
    click.echo(f"govgraph serving at {base}/  (API documentation: {base}/docs)")
    run(app, settings.host, settings.port, access_log=access_log)  # the server's settings: api/server.py


def _settings(
    data: tuple[str, ...], rules: tuple[str, ...], host: str | None, port: int | None, write_dir: Path | None,
    neo4j: dict[str, str | None],
) -> Settings:  # fmt: skip
    """The environment's settings, with what the command line gives instead."""
    try:
        settings = Settings()
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise click.UsageError(f"bad GOVGRAPH_* environment variable ({problems})") from None
    overrides = {"data": data, "rules": rules, "host": host, "port": port, "write_dir": write_dir, **neo4j}
    try:
        return Settings.model_validate(settings.model_dump() | {k: v for k, v in overrides.items() if v})
    except ValidationError as exc:
        raise click.UsageError("; ".join(str(e["msg"]).removeprefix("Value error, ") for e in exc.errors())) from None


def _base_url(host: str, port: int) -> str:
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def _reload_in_background(holder: GraphHolder) -> None:
    # A signal handler interrupts the event loop; the load runs in a thread so that
    # requests keep being answered (from the old graph) while it does.
    threading.Thread(target=_reload, args=(holder,), name="govgraph-reload", daemon=True).start()


def _reload(holder: GraphHolder) -> None:
    previous = holder.current.loaded_at
    try:
        loaded = holder.reload()
    except GovGraphError as exc:
        click.echo(f"reload failed; still serving the graph loaded at {previous.isoformat()}: {exc}", err=True)
        return
    except Exception:  # a bug, not bad data: the thread must not die with the service unaware
        click.echo(f"reload failed; still serving the graph loaded at {previous.isoformat()}:", err=True)
        click.echo(traceback.format_exc(), err=True)
        return
    click.echo(f"reloaded: {loaded.governance.store.count()} nodes, loaded at {loaded.loaded_at.isoformat()}", err=True)
