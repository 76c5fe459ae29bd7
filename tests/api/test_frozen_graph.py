"""The served graph is out of the garbage collector's full passes, and still freed when a
reload replaces it: a full collection of a 2-million-node graph took 6 to 7 s, during
which the service answered nothing (README, Performance)."""

from __future__ import annotations

import gc
import weakref

from govgraph.api.loading import load_graph
from govgraph.api.settings import Settings
from govgraph.governance import load
from govgraph.queries._columns import SeatColumns
from govgraph.queries._day import SeatTables


def test_the_loaded_graph_is_frozen() -> None:
    governance = load_graph(Settings())
    try:
        nodes = governance.store.graph._node  # networkx's node table: one of the graph's largest objects
        assert not any(tracked is nodes for tracked in gc.get_objects())
    finally:
        gc.unfreeze()


def test_the_seat_tables_are_built_before_the_graph_is_served_and_frozen_with_it() -> None:
    governance = load_graph(Settings())
    try:
        tables = SeatTables.of(governance.store)
        assert tables is not None
        assert not any(tracked is tables.seats for tracked in gc.get_objects())
    finally:
        gc.unfreeze()


def test_a_graph_holds_no_reference_cycles_so_a_frozen_one_is_still_freed() -> None:
    # What the service keeps of a graph (the Governance, its store, the networkx graph in
    # it, its seat tables and their arrays) must go with the last reference, without the
    # collector.
    gc.collect()
    governance = load()
    tables = SeatTables.of(governance.store)
    assert tables is not None
    SeatColumns.of(tables)
    gone = weakref.ref(governance.store), weakref.ref(tables)
    gc.disable()
    try:
        del governance, tables
        assert [ref() for ref in gone] == [None, None]
    finally:
        gc.enable()
