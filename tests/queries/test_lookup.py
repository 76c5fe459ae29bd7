"""show, search and stats (govgraph.queries.lookup) on a hand-drawn store:

person:ann -HOLDS (2014-01-01 to 2015-01-01, acting)-> post:crg:CFS/chair -POST_IN-> crg:CFS
crg:CFSX ("Cystic Fibrosis Extra", from 2016-04-01)
"""

from __future__ import annotations

from datetime import date

import pytest

from govgraph.errors import NotFound
from govgraph.graph.model import CRG, Edge, EdgeType, NodeKind, Person, Post, Role
from govgraph.graph.store import NetworkXStore
from govgraph.queries.lookup import search, show, stats


@pytest.fixture(scope="module")
def store() -> NetworkXStore:
    store = NetworkXStore(meta={"sources": ["hand-drawn"]})
    store.add_node(CRG(id="crg:CFS", name="Cystic Fibrosis", valid_from=date(2013, 4, 1), source="t"))
    store.add_node(CRG(id="crg:CFSX", name="Cystic Fibrosis Extra", valid_from=date(2016, 4, 1), source="t"))
    store.add_node(Post(id="post:crg:CFS/chair", name="Chair", role=Role.CHAIR, source="t"))
    store.add_node(Person(id="person:ann", name="Ann Fibrosis-Smith", source="t"))
    store.add_edge(Edge(type=EdgeType.POST_IN, from_id="post:crg:CFS/chair", to_id="crg:CFS", source="t"))
    store.add_edge(Edge(type=EdgeType.HOLDS, from_id="person:ann", to_id="post:crg:CFS/chair", acting=True,
                        valid_from=date(2014, 1, 1), valid_to=date(2015, 1, 1), source="roster row 2"))  # fmt: skip
    return store


def test_show_lists_relations_both_ways_on_the_day(store: NetworkXStore) -> None:
    detail = show(store, "post:crg:CFS/chair", as_of="2014-06-01")
    assert [(r.type, r.direction, r.id, r.acting, r.source) for r in detail.relations] == [
        ("HOLDS", "in", "person:ann", True, "roster row 2"),
        ("POST_IN", "out", "crg:CFS", False, "t"),
    ]
    assert [r.id for r in show(store, "post:crg:CFS/chair", as_of="2015-01-01").relations] == ["crg:CFS"]
    assert len(show(store, "post:crg:CFS/chair").relations) == 2  # no day: the whole history


def test_show_says_when_the_node_does_not_exist_on_the_day(store: NetworkXStore) -> None:
    assert show(store, "crg:CFSX", as_of="2015-01-01").active is False
    with pytest.raises(NotFound, match="did you mean 'crg:CFS'"):
        show(store, "crg:CSF")


def test_search_ranks_an_exact_id_then_names_that_start_with_the_text(store: NetworkXStore) -> None:
    # "crg:cfs" is crg:CFS's id exactly; the chair's id and crg:CFSX's only contain it, and
    # among those the order is by name ("Chair" before "Cystic Fibrosis Extra").
    assert [hit.id for hit in search(store, "crg:cfs")] == ["crg:CFS", "post:crg:CFS/chair", "crg:CFSX"]
    # "Ann Fibrosis-Smith" starts with "ann"; no other name does, and none contains it.
    assert [hit.id for hit in search(store, "ANN")] == ["person:ann"]
    # "fibrosis" starts no name: all three only contain it, so they come by name.
    assert [hit.id for hit in search(store, "fibrosis")] == ["person:ann", "crg:CFS", "crg:CFSX"]
    assert [hit.id for hit in search(store, "cystic", as_of="2014-01-01")] == ["crg:CFS"]
    assert [hit.id for hit in search(store, "cystic", kind=NodeKind.PERSON)] == []
    assert search(store, "  ") == []


def test_stats_count_what_exists_on_the_day(store: NetworkXStore) -> None:
    counted = stats(store, as_of="2014-06-01")
    assert (counted.nodes["CRG"], counted.nodes["Post"], counted.nodes["Person"]) == (1, 1, 1)
    assert counted.edges == {"HOLDS": 1, "POST_IN": 1}
    assert (str(counted.earliest), str(counted.latest), counted.sources) == ("2013-04-01", "2016-04-01", ["hand-drawn"])


def test_stats_say_which_counted_nodes_no_source_describes_on_the_day() -> None:
    """The ten hubs of 2015 have no end in any source; 004 last describes them for 2015/16
    (hubs.csv, attested_to 2016-03-31). They are still counted after that, since nothing
    ends them, and stats say that no source describes them then."""
    from govgraph.loaders import load_reference

    reference = load_reference()
    within = stats(reference, as_of="2016-03-31")
    assert within.nodes["Hub"] == 10
    assert [n.kind for n in within.not_known if n.kind == "Hub"] == []

    after = stats(reference, as_of="2016-04-01")
    assert after.nodes["Hub"] == 10
    (hubs,) = [n for n in after.not_known if n.kind == "Hub"]
    assert (hubs.count, hubs.of, hubs.last_described) == (10, 10, [date(2016, 3, 31)])
    assert hubs.text == (
        "10 of 10 Hub nodes counted are not known on 2016-04-01: no source describes them after 2016-03-31"
    )


def test_stats_of_a_store_with_no_attested_records_list_nothing_unknown(store: NetworkXStore) -> None:
    assert stats(store, as_of="2014-06-01").not_known == []
