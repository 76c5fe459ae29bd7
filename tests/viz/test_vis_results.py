"""``to_vis_data`` for representation, line of sight and changes, on the hand-drawn fixture
of ``tests/queries/fixture.py`` (its picture says what each answer should be), against
golden files and literal answers."""

from __future__ import annotations

from pathlib import Path

import pytest

from govgraph.graph.store import NetworkXStore
from govgraph.loaders.reference import load_reference
from govgraph.queries.changes import changes
from govgraph.queries.line_of_sight import line_of_sight
from govgraph.queries.representation import representation
from govgraph.queries.rules import Rule, load_rules
from govgraph.viz import BREAK_COLOUR, MAX_CHANGES_DRAWN, SEAT_COLOURS, render_html, to_vis_data
from govgraph.viz.vis import VisGraph
from tests.queries import fixture
from tests.viz.test_vis_data import check_golden, payload

NCD = "post:org:nhse/ncd"


@pytest.fixture(scope="module")
def store() -> NetworkXStore:
    return fixture.build()


@pytest.fixture(scope="module")
def rules(tmp_path_factory: pytest.TempPathFactory) -> list[Rule]:
    path: Path = tmp_path_factory.mktemp("rules") / "fixture.yaml"
    path.write_text(fixture.RULES_YAML)
    return load_rules([path], with_builtin=False)


def nodes_by_id(vis: VisGraph) -> dict[str, object]:
    return {node.id: node for node in vis.nodes}


def test_representation_matches_golden(store: NetworkXStore, rules: list[Rule]) -> None:
    check_golden(
        "representation-crg-TST-2014",
        payload(to_vis_data(representation(store, "crg:TST", as_of="2014-06-01", rules=rules))),
    )


def test_line_of_sight_matches_golden(store: NetworkXStore) -> None:
    check_golden(
        "line-of-sight-trust-md-2014",
        payload(to_vis_data(line_of_sight(store, "post:org:trust/md", as_of="2014-01-01", target=NCD))),
    )


def test_changes_match_golden(store: NetworkXStore, rules: list[Rule]) -> None:
    check_golden("changes-2014-2022", payload(to_vis_data(changes(store, "2014-01-01", "2022-12-31", rules=rules))))


def test_representation_colours_seats_by_state_and_hangs_shortfalls_on_their_area(
    store: NetworkXStore, rules: list[Rule]
) -> None:
    # On 2014-06-01 the chair has fallen vacant, senate-b was never filled, and London has its three.
    vis = to_vis_data(representation(store, "crg:TST", as_of="2014-06-01", rules=rules))
    nodes = {node.id: node for node in vis.nodes}
    assert vis.title == "Representation of Test CRG (crg:TST)" and vis.focus_id == "crg:TST"
    assert nodes["post:crg:TST/senate-a"].color == SEAT_COLOURS["filled"]
    assert "held by Bob (acting)" in nodes["post:crg:TST/senate-a"].title
    assert nodes["post:crg:TST/senate-b"].color == SEAT_COLOURS["vacant"]
    assert "vacant on 2014-06-01" in nodes["post:crg:TST/senate-b"].title
    assert "role: clinical-member" in nodes["post:crg:TST/senate-b"].title
    # Holders' names are on the diagram; a vacant seat is a white square that says so.
    assert nodes["post:crg:TST/senate-a"].label == "Bob (acting)"
    assert (nodes["post:crg:TST/senate-b"].label, nodes["post:crg:TST/senate-b"].shape) == ("vacant", "square")
    assert {id: node.label for id, node in nodes.items() if node.color == SEAT_COLOURS["missing"]} == {
        "chair+missing:chair": "chair: has 0, needs\nexactly 1",
        "professions+missing:professional-organisation": "professional-\norganisation: has 3,\nneeds at most 2",
        "senates+missing:senate:b": "has 0, needs at least\n1",
    }
    shortfall = nodes["senates+missing:senate:b"]
    assert (shortfall.shape, shortfall.target, shortfall.title[0]) == ("diamond", None, "B: has 0, needs at least 1")
    assert "vacant seats that would meet it: post:crg:TST/senate-b" in shortfall.title
    # A shortfall of an area hangs under it, a role's sits in the role's row.
    hangs = {(edge.from_, edge.to) for edge in vis.edges if edge.title.startswith("missing")}
    assert hangs == {("senates+missing:senate:b", "senate:b")}
    assert nodes["chair+missing:chair"].y == nodes["heading:chair"].y
    assert nodes["professions+missing:professional-organisation"].y == nodes["heading:professional-organisation"].y
    # Seats stand under the areas they speak for; London's three under London.
    london = {edge.from_ for edge in vis.edges if edge.to == "senate:london" and edge.title == "REPRESENTS"}
    assert london == {f"post:crg:TST/senate-london-{n}" for n in (1, 2, 3)}
    assert {nodes[id].x for id in london} == {nodes["senate:london"].x}
    assert all(nodes[id].y > nodes["senate:london"].y for id in london)
    assert nodes["senate:london"].label == "LONDON" and nodes["senate:london"].target == "senate:london"
    assert [entry.label for entry in vis.legend][:5] == [
        "Senate",
        "CRG",
        "Filled seat (holder named)",
        "Vacant seat",
        "Missing: what a failing rule finds",
    ]


def test_a_body_no_rule_fails_has_no_missing_nodes(store: NetworkXStore, rules: list[Rule]) -> None:
    vis = to_vis_data(representation(store, "board:B", as_of="2021-06-01", rules=rules))
    assert all(node.group != "missing" for node in vis.nodes)
    assert "Missing from" not in [entry.label for entry in vis.legend]
    # The representation's own reason: no rule of the fixture's is in force for the board then.
    assert vis.notes == ["Not assessed: no rule in force for board:B on 2021-06-01."]
    passing = to_vis_data(
        representation(store, "crg:TST", as_of="2015-06-01", rules=[r for r in rules if r.id == "ppv"])
    )
    assert passing.notes == ["Passes the 1 rule in force for it."]


def test_line_of_sight_is_drawn_in_rows_with_breaks_in_red(store: NetworkXStore) -> None:
    vis = to_vis_data(line_of_sight(store, "post:org:trust/md", as_of="2014-01-01", target=NCD))
    nodes = {node.id: node for node in vis.nodes}
    # A top-down tree: the National Clinical Director on top, the trust's medical director at the bottom.
    assert nodes[NCD].y < nodes["post:org:nhse/at-md"].y < nodes["post:org:trust/md"].y
    assert nodes[NCD].x == nodes["post:org:nhse/at-md"].x == nodes["post:org:trust/md"].x
    assert nodes["post:org:nhse/at-md"].color == BREAK_COLOUR
    assert nodes["post:org:nhse/at-md"].label.endswith("BREAK: vacant")
    assert nodes["post:org:trust/md"].color != BREAK_COLOUR
    assert [(edge.from_, edge.to) for edge in vis.edges] == [
        ("post:org:trust/md", "post:org:nhse/at-md"),
        ("post:org:nhse/at-md", NCD),
    ]


@pytest.mark.parametrize(
    ("start", "break_node", "label"),
    [("post:org:other/md", "post:org:other/md+missing_link", "Missing link"), ("post:org:loop/a", None, None)],
)
def test_missing_links_and_cycles_are_drawn(
    store: NetworkXStore, start: str, break_node: str | None, label: str | None
) -> None:
    vis = to_vis_data(line_of_sight(store, start, as_of="2014-01-01", target=NCD))
    nodes = {node.id: node for node in vis.nodes}
    if break_node is not None:
        assert (nodes[break_node].label, nodes[break_node].color) == (label, BREAK_COLOUR)
        assert nodes[break_node].y < nodes[start].y  # the missing link is above the post
        assert {(edge.from_, edge.to, edge.dashes) for edge in vis.edges} == {(start, break_node, True)}
    else:  # a -> b, and b back to a in red
        assert {(edge.from_, edge.to, edge.color == BREAK_COLOUR) for edge in vis.edges} == {
            ("post:org:loop/a", "post:org:loop/b", False),
            ("post:org:loop/b", "post:org:loop/a", True),
        }


def test_changes_group_what_appeared_ended_and_fell_vacant(store: NetworkXStore, rules: list[Rule]) -> None:
    vis = to_vis_data(changes(store, "2014-01-01", "2022-12-31", rules=rules))
    assert (vis.as_of, vis.from_date) == ("2022-12-31", "2014-01-01")
    groups = {node.id: node.label for node in vis.nodes if node.target is None}
    assert groups["change:fell-vacant"].startswith("Fell vacant\n(")
    # What changed stands in its sort's block, under the heading, and says why when hovered.
    nodes = {node.id: node for node in vis.nodes}
    chair = nodes["post:crg:TST/chair"]
    assert any(line.startswith("fell vacant") for line in chair.title)
    assert chair.y > nodes["change:fell-vacant"].y
    ended = {node.id for node in vis.nodes if any(line.startswith("ended") for line in node.title)}
    assert {"crg:TST", "ccg:X"} <= ended
    succeeded = [edge for edge in vis.edges if edge.title.startswith("SUCCEEDED_BY")]
    assert [(edge.from_, edge.to, edge.dashes) for edge in succeeded] == [("ccg:X", "icb:Y", True)]
    # People who joined or left reach the seats they left, dashed.
    left = {(edge.from_, edge.to, edge.dashes) for edge in vis.edges if edge.title.startswith("left")}
    assert ("person:ada", "post:crg:TST/chair", True) in left


def test_changes_cap_each_sort_and_say_so() -> None:
    # The day the 2013 structure began: hundreds of bodies appear at once.
    result = changes(load_reference(), "2013-03-31", "2013-04-01", rules=[])
    vis = to_vis_data(result)
    assert len(result.bodies_created) > MAX_CHANGES_DRAWN
    assert sum(any(line.startswith("appeared") for line in node.title) for node in vis.nodes) == MAX_CHANGES_DRAWN
    assert (
        f"Appeared: the first {MAX_CHANGES_DRAWN} of {len(result.bodies_created):,} are drawn; the table lists them all."
        in vis.notes
    )
    assert (
        next(node.label for node in vis.nodes if node.id == "change:appeared")
        == f"Appeared\n({len(result.bodies_created):,})"
    )


def test_every_edge_joins_drawn_nodes_and_ids_are_unique(store: NetworkXStore, rules: list[Rule]) -> None:
    for result in (
        representation(store, "crg:TST", as_of="2014-06-01", rules=rules),
        line_of_sight(store, "person:kim", as_of="2014-01-01", target=NCD),
        line_of_sight(store, "post:org:loop/a", as_of="2014-01-01", target=NCD),
        changes(store, "2013-01-01", "2024-01-01", rules=rules),
    ):
        vis = to_vis_data(result)
        ids = [node.id for node in vis.nodes]
        assert len(ids) == len(set(ids))
        assert len({edge.id for edge in vis.edges}) == len(vis.edges)
        assert {edge.from_ for edge in vis.edges} | {edge.to for edge in vis.edges} <= set(ids)


def test_a_diagram_page_takes_its_title_and_window_from_the_data(store: NetworkXStore, rules: list[Rule]) -> None:
    page = render_html(to_vis_data(changes(store, "2014-01-01", "2022-12-31", rules=rules)))
    assert "<h1>Changes from 2014-01-01 to 2022-12-31</h1>" in page
    assert '<p id="as-of">As of <time datetime="2022-12-31">2022-12-31</time></p>' in page
    assert '<p id="since">Changes after <time datetime="2014-01-01">2014-01-01</time></p>' in page
