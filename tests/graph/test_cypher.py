"""The Cypher the Neo4j store sends: labels only from the enums, values only as parameters,
batches of the size asked, the as-of rule, and the subgraphs some queries are pulled into."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

import pytest

from govgraph.errors import NotFound
from govgraph.graph import cypher
from govgraph.graph.model import EdgeType, NodeKind, Person
from govgraph.graph.store import NetworkXStore
from govgraph.queries import changes, coverage, gaps, overload, show

HOSTILE = "CRG {id: 'x'}) DETACH DELETE (n"


def every_statement() -> list[str]:
    kinds: list[NodeKind | None] = [*NodeKind, None]
    types: list[EdgeType | None] = [*EdgeType, None]
    return [
        *cypher.constraint_statements(),
        *cypher.drop_schema_statements(),
        *(cypher.merge_nodes(kind) for kind in NodeKind),
        *(cypher.merge_edges(type) for type in EdgeType),
        cypher.write_meta(),
        cypher.read_meta(),
        cypher.delete_nodes(),
        cypher.delete_meta(),
        cypher.node_by_id(),
        cypher.posts_with_role(),
        cypher.neighbourhood(),
        *(cypher.nodes_of(kind) for kind in kinds),
        *(cypher.node_ids(kind) for kind in kinds),
        *(cypher.count_nodes(kind) for kind in kinds),
        *(cypher.out_edges(type) for type in types),
        *(cypher.in_edges(type) for type in types),
        *(cypher.edges_of(type) for type in types),
        *cypher.slice_statements(),
    ]


@pytest.mark.parametrize("kind", list(NodeKind))
def test_a_label_is_the_kind_itself(kind: NodeKind) -> None:
    assert cypher.label(kind) == kind.value == cypher.label(kind.value)
    assert f"(n:GovGraph:{kind.value} {{id: row.id}})" in cypher.merge_nodes(kind)


@pytest.mark.parametrize(
    "builder", [cypher.label, cypher.nodes_of, cypher.merge_nodes, cypher.count_nodes, cypher.node_ids]
)
def test_a_label_outside_the_enum_is_refused(builder) -> None:
    with pytest.raises(ValueError, match="is not a valid NodeKind"):
        builder(HOSTILE)


@pytest.mark.parametrize(
    "builder", [cypher.rel_type, cypher.merge_edges, cypher.out_edges, cypher.in_edges, cypher.edges_of]
)
def test_a_relationship_type_outside_the_enum_is_refused(builder) -> None:
    with pytest.raises(ValueError, match="is not a valid EdgeType"):
        builder("POST_IN]->(b) DETACH DELETE b //")


def test_statements_name_only_enum_labels_and_types() -> None:
    allowed = {cypher.BASE_LABEL, cypher.META_LABEL} | {k.value for k in NodeKind} | {t.value for t in EdgeType}
    for text in every_statement():
        names = set(re.findall(r"[(\[]\w*:([A-Za-z_|:]+)", text))
        used = {part for name in names for part in re.split(r"[|:]", name) if part}
        assert used <= allowed, text


def test_statements_carry_values_only_as_parameters() -> None:
    known = {"$rows", "$json", "$id", "$as_of", "$role", "$limit", "$start", "$end", "$include"}
    for text in every_statement():
        assert set(re.findall(r"\$\w+", text)) <= known, text
        # The one quoted value in any statement is the metadata node's fixed id.
        assert re.findall(r"'[^']*'", text) in ([], ["'meta'"]), text


def test_a_node_row_keeps_every_value_out_of_the_statement() -> None:
    attrs = {"id": "crg:X", "kind": "CRG", "name": "O'Brien\n}) DETACH DELETE n", "source": "s", "new_in_2013": True}
    row = cypher.node_row(attrs)
    assert row == {"id": "crg:X", "props": {"id": "crg:X", "name": attrs["name"], "source": "s", "new_in_2013": True}}
    assert cypher.node_attrs(row["props"], ["GovGraph", "CRG"]) == attrs
    assert "O'Brien" not in cypher.merge_nodes("CRG")


def test_an_edge_row_merges_on_its_key_and_reads_back_as_stored() -> None:
    attrs = {"type": "HOLDS", "valid_from": "2014-01-01", "valid_to": "2015-01-01", "source": "s", "acting": True}
    row = cypher.edge_row("person:ada", "post:board:alpha/chair", attrs)
    assert row["key"] == row["props"]["key"] == "HOLDS@2014-01-01"
    assert (row["from_id"], row["to_id"]) == ("person:ada", "post:board:alpha/chair")
    assert "type" not in row["props"]  # the relationship type carries it
    assert cypher.edge_attrs("HOLDS", row["props"]) == attrs
    assert "MERGE (a)-[r:HOLDS {key: row.key}]->(b) SET r = row.props" in cypher.merge_edges(EdgeType.HOLDS)


def test_every_node_and_edge_reads_back_as_written(reference: NetworkXStore) -> None:
    # What Neo4j would hand back for each row written: the props, and the labels MERGE set.
    for kind, batch in cypher.node_batches(reference, 1_000):
        for row in batch:
            assert cypher.node_attrs(row["props"], [cypher.BASE_LABEL, cypher.label(kind)]) == reference.node(row["id"])
    for type, batch in cypher.edge_batches(reference, 1_000):
        for row in batch:
            stored = reference.graph.edges[row["from_id"], row["to_id"], row["key"]]
            assert cypher.edge_attrs(cypher.rel_type(type), row["props"]) == stored


def test_a_node_needs_exactly_one_kind_label() -> None:
    with pytest.raises(ValueError, match="not exactly one node kind"):
        cypher.node_attrs({"id": "crg:X"}, ["GovGraph"])
    with pytest.raises(ValueError, match="not exactly one node kind"):
        cypher.node_attrs({"id": "crg:X"}, ["GovGraph", "CRG", "Board"])


def test_constraints_make_ids_unique_on_govgraphs_own_labels_only() -> None:
    statements = cypher.constraint_statements()
    assert "CREATE CONSTRAINT govgraph_id IF NOT EXISTS FOR (n:GovGraph) REQUIRE n.id IS UNIQUE" in statements
    assert "CREATE CONSTRAINT govgraphmeta_id IF NOT EXISTS FOR (n:GovGraphMeta) REQUIRE n.id IS UNIQUE" in statements
    # A constraint on a kind's label (:Person) would bind other applications' nodes too.
    assert not any(f"(n:{kind.value})" in text for text in statements for kind in NodeKind)
    assert all("IF NOT EXISTS" in s for s in statements)
    assert len(cypher.drop_schema_statements()) == len(statements)


def test_every_node_pattern_carries_govgraphs_own_label() -> None:
    # Reads and deletes never touch another application's nodes in a shared database.
    for text in every_statement():
        for pattern in re.findall(r"\((\w+):([A-Za-z:]+)", text):
            labels = pattern[1].split(":")
            assert cypher.BASE_LABEL in labels or labels == [cypher.META_LABEL], text


@pytest.mark.parametrize(
    ("n", "size", "sizes"), [(0, 3, []), (1, 3, [1]), (3, 3, [3]), (7, 3, [3, 3, 1]), (5, 1, [1] * 5)]
)
def test_batched(n: int, size: int, sizes: list[int]) -> None:
    batches = list(cypher.batched(range(n), size))
    assert [len(b) for b in batches] == sizes
    assert [x for b in batches for x in b] == list(range(n))


def test_a_batch_holds_at_least_one_row() -> None:
    with pytest.raises(ValueError, match="at least one row"):
        list(cypher.batched([1], 0))


@pytest.mark.parametrize("size", [1, 250, 1_000, 100_000])
def test_batches_write_every_node_and_edge_once_grouped_by_kind_and_type(reference: NetworkXStore, size: int) -> None:
    node_batches = list(cypher.node_batches(reference, size))
    edge_batches = list(cypher.edge_batches(reference, size))
    assert all(0 < len(batch) <= size for _, batch in node_batches + edge_batches)
    assert all(reference.node(row["id"])["kind"] == kind for kind, batch in node_batches for row in batch)
    assert sorted(row["id"] for _, batch in node_batches for row in batch) == sorted(reference.graph.nodes)
    written = Counter((row["from_id"], row["to_id"], row["key"]) for _, batch in edge_batches for row in batch)
    assert written == Counter(list(reference.graph.edges(keys=True)))
    assert all(row["key"].startswith(f"{type}@") for type, batch in edge_batches for row in batch)
    per_kind = Counter(kind for kind, batch in node_batches for _ in batch)
    assert per_kind == Counter({kind: reference.count(kind) for kind in NodeKind if reference.count(kind)})


def test_the_as_of_predicate_is_the_half_open_rule() -> None:
    text = cypher.as_of_predicate("r")
    assert text == (
        "($as_of IS NULL OR ((r.valid_from IS NULL OR r.valid_from <= $as_of) "
        "AND (r.valid_to IS NULL OR $as_of < r.valid_to)))"
    )
    # Every read filters by it, on the node or edge it returns.
    assert cypher.as_of_predicate("n") in cypher.nodes_of(NodeKind.CRG)
    assert cypher.as_of_predicate("r") in cypher.out_edges(EdgeType.HOLDS)
    assert cypher.as_of_predicate("r") in cypher.edges_of(None)


def test_the_overlap_predicate_is_the_as_of_rule_over_a_window() -> None:
    assert cypher.overlap_predicate("p") == (
        "((p.valid_from IS NULL OR p.valid_from <= $end) AND (p.valid_to IS NULL OR $start < p.valid_to))"
    )
    with pytest.raises(ValueError, match="not a Cypher variable"):
        cypher.as_of_predicate("n.x OR true")


# -- the subgraphs pulled for some queries ------------------------------------------------
# ``slice_statements`` and ``neighbourhood`` are restated here over a networkx store, and
# the queries the Neo4j store answers from them must give the same answers on the
# restatement as on the whole graph. The integration tests check the Cypher against a
# server; these check that what it selects is enough.


def day_slice(store: NetworkXStore, start: str, end: str, include: tuple[str, ...] = ()) -> NetworkXStore:
    """What ``slice_statements`` select: every node but people, every edge but holdings,
    and the people and holdings overlapping [start, end], and ``include``."""

    def overlaps(attrs: dict) -> bool:
        return (attrs.get("valid_from") is None or attrs["valid_from"] <= end) and (
            attrs.get("valid_to") is None or start < attrs["valid_to"]
        )

    part = NetworkXStore(meta=dict(store.meta))
    graph = store.graph
    holdings = [(u, v, a) for u, v, a in graph.edges(data=True) if a["type"] == EdgeType.HOLDS and overlaps(a)]
    for id, attrs in graph.nodes(data=True):
        if attrs["kind"] != NodeKind.PERSON or overlaps(attrs) or id in include or any(u == id for u, _, _ in holdings):
            part.add_node_attrs(dict(attrs))
    for u, v, attrs in graph.edges(data=True):
        if attrs["type"] != EdgeType.HOLDS:
            part.add_edge_attrs(u, v, dict(attrs))
    for u, v, attrs in holdings:
        part.add_edge_attrs(u, v, dict(attrs))
    return part


def neighbourhood(store: NetworkXStore, id: str) -> NetworkXStore:
    """What ``cypher.neighbourhood`` selects."""
    part = NetworkXStore(meta=dict(store.meta))
    part.add_node_attrs(dict(store.node(id)))
    edges = [*store.out_edges(id), *store.in_edges(id)]
    for edge in edges:
        for end in (edge.from_id, edge.to_id):
            part.add_node_attrs(dict(store.node(end)))
    for edge in edges:
        part.add_edge_attrs(edge.from_id, edge.to_id, dict(edge.attrs))
    return part


@pytest.fixture(scope="module")
def with_roster() -> NetworkXStore:
    import govgraph

    return govgraph.load().store  # the example roster: people, holdings, acting and ex officio seats


DAYS = ["2013-06-01", "2014-01-01", "2016-01-01", "2019-06-01", "2023-01-01"]


@pytest.mark.parametrize("day", DAYS)
def test_a_day_slice_answers_gaps_coverage_and_overload_as_the_whole_graph(
    with_roster: NetworkXStore, day: str
) -> None:
    part = day_slice(with_roster, day, day)
    assert part.number_of_edges() < with_roster.number_of_edges()  # holdings of other days left out
    assert gaps(part, as_of=day) == gaps(with_roster, as_of=day)
    for by in ("senate", "region", "hub", "icb"):
        assert coverage(part, of="crg", by=by, as_of=day) == coverage(with_roster, of="crg", by=by, as_of=day)
        assert coverage(part, of="board", by=by, as_of=day) == coverage(with_roster, of="board", by=by, as_of=day)
    assert overload(part, min_seats=1, as_of=day) == overload(with_roster, min_seats=1, as_of=day)


def test_a_day_slice_answers_gaps_about_a_subject_only_when_included() -> None:
    import govgraph

    store = govgraph.load().store
    store.add_node(Person(id="person:gone", name="Gone Before", valid_to=date(2015, 1, 1), source="test"))
    day = "2016-01-01"
    with pytest.raises(NotFound):  # a person who no longer exists is not in the day's slice...
        gaps(day_slice(store, day, day), as_of=day, subject="person:gone")
    part = day_slice(store, day, day, include=("person:gone",))  # ...unless named
    assert gaps(part, as_of=day, subject="person:gone") == gaps(store, as_of=day, subject="person:gone")


@pytest.mark.parametrize(
    ("start", "end"), [("2013-06-01", "2015-06-01"), ("2014-01-01", "2014-01-01"), ("2015-01-01", "2023-01-01")]
)
def test_a_window_slice_answers_changes_as_the_whole_graph(with_roster: NetworkXStore, start: str, end: str) -> None:
    assert changes(day_slice(with_roster, start, end), start, end) == changes(with_roster, start, end)


@pytest.mark.parametrize("id", ["crg:CFS", "region:london", "post:crg:CFS/chair", "ccg:00L", "icb:QE1"])
@pytest.mark.parametrize("day", [None, "2014-01-01", "2023-01-01"])
def test_a_neighbourhood_answers_show_as_the_whole_graph(with_roster: NetworkXStore, id: str, day: str | None) -> None:
    assert show(neighbourhood(with_roster, id), id, as_of=day) == show(with_roster, id, as_of=day)


def test_a_person_with_holdings_shows_the_same_from_a_neighbourhood(with_roster: NetworkXStore) -> None:
    person = next(e.from_id for e in with_roster.edges(EdgeType.HOLDS))
    assert show(neighbourhood(with_roster, person), person) == show(with_roster, person)
