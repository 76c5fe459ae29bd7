from __future__ import annotations

from datetime import date
from importlib import resources
from pathlib import Path

import pytest

from govgraph.errors import GovGraphError, InvalidParameter, NotFound
from govgraph.graph.model import CRG, Body, Edge, EdgeType, NodeKind, Person, Post, Role
from govgraph.graph.store import NetworkXStore
from govgraph.loaders.roster import load_rosters
from govgraph.queries.neighbourhood import DEFAULT_MAX_NODES, Subgraph, focus, overview

DAY = "2016-06-01"
EXAMPLE = Path(str(resources.files("govgraph").joinpath("data/example")))


def chain_store() -> NetworkXStore:
    """person:ann -HOLDS-> post:crg:A/chair -POST_IN-> crg:A -PART_OF-> programme:p -PART_OF->
    portfolio:x, plus person:old, who held the chair until 2015, and an ended CRG."""
    store = NetworkXStore()
    for node in (
        Body(id="portfolio:x", kind=NodeKind.PORTFOLIO, name="X", source="f"),
        Body(id="programme:p", kind=NodeKind.PROGRAMME, name="P", source="f"),
        CRG(id="crg:A", name="A", source="f"),
        CRG(id="crg:GONE", name="Gone", valid_to=date(2015, 1, 1), source="f"),
        Post(id="post:crg:A/chair", name="Chair", role=Role.CHAIR, source="f"),
        Person(id="person:ann", name="Ann", source="f"),
        Person(id="person:old", name="Old", source="f"),
    ):
        store.add_node(node)
    for type, from_id, to_id in (
        (EdgeType.PART_OF, "programme:p", "portfolio:x"),
        (EdgeType.PART_OF, "crg:A", "programme:p"),
        (EdgeType.POST_IN, "post:crg:A/chair", "crg:A"),
    ):
        store.add_edge(Edge(type=type, from_id=from_id, to_id=to_id, source="f"))
    store.add_edge(
        Edge(type=EdgeType.PART_OF, from_id="crg:GONE", to_id="programme:p", valid_to=date(2015, 1, 1), source="f")
    )
    store.add_edge(
        Edge(type=EdgeType.HOLDS, from_id="person:old", to_id="post:crg:A/chair", valid_to=date(2015, 1, 1), source="f")
    )
    store.add_edge(Edge(type=EdgeType.HOLDS, from_id="person:ann", to_id="post:crg:A/chair",
                        valid_from=date(2015, 1, 1), acting=True, source="f"))  # fmt: skip
    return store


def ids(result: Subgraph) -> list[str]:
    return [node.id for node in result.nodes]


@pytest.mark.parametrize(
    ("depth", "expected"),
    [
        (1, ["person:ann", "post:crg:A/chair"]),
        (2, ["person:ann", "post:crg:A/chair", "crg:A"]),
        (3, ["person:ann", "post:crg:A/chair", "crg:A", "programme:p"]),
        (4, ["person:ann", "post:crg:A/chair", "crg:A", "programme:p", "portfolio:x"]),
        (5, ["person:ann", "post:crg:A/chair", "crg:A", "programme:p", "portfolio:x"]),
    ],
)
def test_focus_reaches_depth_steps_nearest_first(depth: int, expected: list[str]) -> None:
    assert ids(focus(chain_store(), "person:ann", depth=depth, as_of=DAY)) == expected


def test_focus_follows_edges_both_ways_and_keeps_those_between_drawn_nodes() -> None:
    result = focus(chain_store(), "crg:A", as_of=DAY)
    assert ids(result) == ["crg:A", "programme:p", "post:crg:A/chair"]
    assert [(e.from_id, e.type, e.to_id) for e in result.edges] == [
        ("crg:A", "PART_OF", "programme:p"),
        ("post:crg:A/chair", "POST_IN", "crg:A"),
    ]
    assert result.focus_id == "crg:A" and result.aggregated == []
    assert result.title == "A (crg:A), 1 step around"


def test_focus_is_as_of_the_day() -> None:
    store = chain_store()
    assert ids(focus(store, "post:crg:A/chair", as_of="2014-06-01")) == ["post:crg:A/chair", "crg:A", "person:old"]
    assert ids(focus(store, "programme:p", as_of="2014-06-01")) == ["programme:p", "portfolio:x", "crg:A", "crg:GONE"]
    assert ids(focus(store, "programme:p", as_of=DAY)) == ["programme:p", "portfolio:x", "crg:A"]


def test_a_seat_says_who_holds_it_on_the_day() -> None:
    store = chain_store()
    seat = focus(store, "post:crg:A/chair", as_of=DAY).nodes[0]
    assert seat.role == "chair"
    assert seat.detail == ["Post post:crg:A/chair", "role: chair", "held by Ann (acting)", "source: f"]
    store.add_node(Post(id="post:crg:A/vice-chair", name="Vice chair", role=Role.VICE_CHAIR, source="f"))
    assert "vacant on 2016-06-01" in focus(store, "post:crg:A/vice-chair", as_of=DAY).nodes[0].detail


def test_an_ex_officio_seat_is_held_by_whoever_holds_the_post_it_follows() -> None:
    # post:crg:B/chair-of-A follows post:crg:A/chair (EX_OFFICIO), which Ann holds (acting)
    # from 2015 and Old held before: the seat is theirs on each day, never vacant.
    store = chain_store()
    store.add_node(CRG(id="crg:B", name="B", source="f"))
    store.add_node(Post(id="post:crg:B/chair-of-A", name="Chair of A", role=Role.MEMBER, source="f"))
    store.add_edge(Edge(type=EdgeType.POST_IN, from_id="post:crg:B/chair-of-A", to_id="crg:B", source="f"))
    store.add_edge(
        Edge(type=EdgeType.EX_OFFICIO, from_id="post:crg:B/chair-of-A", to_id="post:crg:A/chair", source="f")
    )
    seat = focus(store, "post:crg:B/chair-of-A", as_of=DAY).nodes[0]
    assert "held by Ann (acting; ex officio, as holder of post:crg:A/chair)" in seat.detail
    earlier = focus(store, "post:crg:B/chair-of-A", as_of="2014-06-01").nodes[0]
    assert "held by Old (ex officio, as holder of post:crg:A/chair)" in earlier.detail


def test_an_ex_officio_seat_of_the_specialised_cancer_crg_is_drawn_filled(fresh_reference: NetworkXStore) -> None:
    # Seed 001 para 19: the Specialised Cancer CRG is made of other CRGs' chairs; the example
    # roster (govgraph/data/example/memberships.csv) gives the UGI chair to Dr Tobias Mockworth
    # from 2013-04-01 to 2016-03-31, so on 2014-06-01 the SCR seat that follows it is his.
    store = load_rosters(fresh_reference, [EXAMPLE])
    seat = focus(store, "post:crg:SCR/chair-of-UGI", as_of="2014-06-01").nodes[0]
    assert "held by Dr Tobias Mockworth (ex officio, as holder of post:crg:UGI/chair)" in seat.detail
    assert not any(line.startswith("vacant") for line in seat.detail)


def test_a_node_gone_on_the_day_is_drawn_alone_and_says_so() -> None:
    result = focus(chain_store(), "crg:GONE", depth=3, as_of=DAY)
    assert ids(result) == ["crg:GONE"] and result.edges == []
    assert result.nodes[0].detail == ["CRG crg:GONE", "from the start until 2015-01-01 (exclusive)",
                                      "not in existence on 2016-06-01", "source: f"]  # fmt: skip


@pytest.mark.parametrize("depth", [0, -1, 6])
def test_depth_out_of_range_is_refused(depth: int) -> None:
    with pytest.raises(InvalidParameter, match=f"depth must be between 1 and 5, not {depth}") as caught:
        focus(chain_store(), "crg:A", depth=depth)
    assert isinstance(caught.value, ValueError) and isinstance(caught.value, GovGraphError)


def test_unknown_id_suggests_the_closest() -> None:
    with pytest.raises(NotFound, match="did you mean 'crg:A'"):
        focus(chain_store(), "crg:B")


def senate_with_seats(count: int) -> NetworkXStore:
    """A senate spoken for by ``count`` seats, each on its own board."""
    store = NetworkXStore()
    store.add_node(Body(id="senate:s", kind=NodeKind.SENATE, name="S", source="f"))
    for n in range(count):
        board, post = f"board:b{n:05}", f"post:board:b{n:05}/member"
        store.add_node(Body(id=board, kind=NodeKind.BOARD, name=f"Board {n}", source="f"))
        store.add_node(Post(id=post, name=f"Member {n}", role=Role.MEMBER, source="f"))
        store.add_edge(Edge(type=EdgeType.POST_IN, from_id=post, to_id=board, source="f"))
        store.add_edge(Edge(type=EdgeType.REPRESENTS, from_id=post, to_id="senate:s", source="f"))
    return store


def test_overflow_is_collapsed_by_kind_per_node_and_stops_the_walk() -> None:
    result = focus(senate_with_seats(10), "senate:s", depth=2, as_of=DAY, max_nodes=4)
    assert ids(result) == ["senate:s", "post:board:b00000/member", "post:board:b00001/member",
                           "post:board:b00002/member", "senate:s+in:REPRESENTS:Post"]  # fmt: skip
    collapsed = result.nodes[-1]
    assert (collapsed.kind, collapsed.name, collapsed.collapsed) == ("Post", "+7 Post nodes", 7)
    assert ("senate:s+in:REPRESENTS:Post", "REPRESENTS", "senate:s") in [
        (e.from_id, e.type, e.to_id) for e in result.edges
    ]
    assert result.aggregated == [
        "The diagram is capped at 4 nodes and reached the cap 1 step from senate:s: nothing further away is drawn.",
        "7 Post nodes joined to senate:s by REPRESENTS: shown as one node.",
    ]


def test_a_senate_with_thousands_of_seats_is_capped() -> None:
    result = focus(senate_with_seats(5_000), "senate:s", depth=2, as_of=DAY)
    real = [node for node in result.nodes if not node.collapsed]
    assert len(real) == DEFAULT_MAX_NODES
    assert [(node.name, node.collapsed) for node in result.nodes if node.collapsed] == [("+3,001 Post nodes", 3_001)]


def test_max_nodes_below_one_is_refused() -> None:
    with pytest.raises(InvalidParameter, match="max_nodes must be at least 1, not 0"):
        focus(chain_store(), "crg:A", max_nodes=0)


def test_overview_of_the_small_store_by_day() -> None:
    assert ids(overview(chain_store(), as_of="2014-06-01")) == ["portfolio:x", "programme:p", "crg:A", "crg:GONE"]
    result = overview(chain_store(), as_of=DAY)
    assert ids(result) == ["portfolio:x", "programme:p", "crg:A"]
    assert {(e.from_id, e.to_id) for e in result.edges} == {("programme:p", "portfolio:x"), ("crg:A", "programme:p")}


@pytest.mark.parametrize(
    ("day", "counts", "crg_edge"),
    [
        (
            "2013-06-01",
            {"Portfolio": 3, "Programme": 5, "CRG": 73, "Board": 6},
            ("crg:CFS", "programme:internal-medicine"),
        ),
        # reference/crgs_after_2016_partial.csv names 30 CRGs from 2016-04-01 (builtin/crgs_after_2016.csv);
        # Paediatric Medicine's programme is not stated, so 29 hang under a programme.
        ("2016-06-01", {"Portfolio": 3, "Programme": 6, "CRG": 29}, ("crg:hiv", "programme:blood-and-infection")),
    ],
)
def test_overview_of_the_reference_dataset(
    reference: NetworkXStore, day: str, counts: dict[str, int], crg_edge: tuple[str, str]
) -> None:
    result = overview(reference, as_of=day)
    kinds = [node.kind for node in result.nodes]
    assert {kind: kinds.count(kind) for kind in counts} == counts
    assert set(kinds) == {"Portfolio", "Programme", "CRG", "Board"}
    assert {edge.type for edge in result.edges} == {"PART_OF"}
    assert crg_edge in [(e.from_id, e.to_id) for e in result.edges]
