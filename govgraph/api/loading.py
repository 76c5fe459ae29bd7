"""What the service loads: the built-in dataset, its rosters and its write roster, or a Neo4j database."""

from __future__ import annotations

import functools
import gc
import re
import warnings
from pathlib import Path

from govgraph.api.settings import Settings
from govgraph.governance import EXAMPLE_ROSTER, Governance, load
from govgraph.graph.neo4j_store import Neo4jStore
from govgraph.loaders._tables import RosterWarning
from govgraph.loaders.roster import NOTHING_TO_LOAD
from govgraph.loaders.writer import ensure_roster_folder
from govgraph.queries._columns import prepare
from govgraph.queries.rules import load_rules

__all__ = ["load_graph"]


def load_graph(settings: Settings, *, write_roster: Path | None = None) -> Governance:
    """The graph the service serves. With the neo4j backend, the database as loaded (a
    connection; nothing is read until a query asks). Otherwise the built-in dataset, then the rosters of
    ``settings.data`` (the example roster when there are none), then the write roster,
    loaded together as one roster load, and the built-in rules with ``settings.rules``.

    The write roster is ``settings.write_dir``, created with empty tables if missing, or
    ``write_roster`` when given: a staged copy of it that a write is checking.

    Raises
    ------
    LoadError
        listing every problem in every roster (or rule file); nothing is loaded.
    """
    if settings.backend == "neo4j":
        assert settings.neo4j_uri and settings.neo4j_user and settings.neo4j_password  # Settings checks them
        store = _neo4j_store(
            settings.neo4j_uri, settings.neo4j_user, settings.neo4j_password.get_secret_value(), settings.neo4j_database
        )
        store.refresh()  # a reload serves what `govgraph load` wrote since
        return Governance(store, rules=load_rules(settings.rules))
    if write_roster is None and settings.write_dir is not None:
        ensure_roster_folder(settings.write_dir)
        write_roster = settings.write_dir
    rosters = list(settings.data)
    gc.collect()  # what is garbage already is freed, not frozen below (cheap: a served graph is frozen)
    if write_roster is None:
        governance = load(rosters or None, rules=list(settings.rules))
    else:
        # The write roster goes on top of what the service would serve without it.
        with warnings.catch_warnings():
            # The service's own write folder starts with its tables empty: that is its normal
            # state until the first write, not a roster someone forgot to fill.
            warnings.filterwarnings("ignore", re.escape(f"{write_roster}: {NOTHING_TO_LOAD}"), RosterWarning)
            governance = load([*(rosters or [EXAMPLE_ROSTER]), write_roster], rules=list(settings.rules))
    # The whole graph's seat tables, which every question about a body's seats reads, are
    # built now, before the graph is served, rather than by its first request.
    prepare(governance.store)
    # The graph and its tables, out of the garbage collector's sight: a full collection
    # walks every object it tracks, which at 1.25 million memberships took 6 to 7 s, with
    # no request answered meanwhile. They live until a reload replaces them and hold no
    # reference cycles (tests/api/test_frozen_graph.py), so reference counting alone frees
    # them then.
    gc.freeze()
    return governance


@functools.cache
def _neo4j_store(uri: str, user: str, password: str, database: str | None) -> Neo4jStore:
    # One store, and so one driver (its connection pool), per server for the process's
    # life: each reload reuses it rather than leaving another driver open.
    return Neo4jStore.connect(uri, user, password, database=database)
