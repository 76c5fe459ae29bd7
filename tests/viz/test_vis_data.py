"""``to_vis_data`` payloads against golden files, and user text kept as plain text.

Golden files are refreshed only when ``GOVGRAPH_UPDATE_GOLDEN=1`` is set; otherwise a
difference fails the test, so a change to a diagram's data is always a reviewed change.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from govgraph.graph.store import NetworkXStore
from govgraph.loaders import load_reference
from govgraph.queries.neighbourhood import focus, overview
from govgraph.viz import render_html, to_vis_data
from govgraph.viz.neighbourhood import aggregated_overview, overview_diagram
from govgraph.viz.vis import VisGraph
from tests.viz._stores import HOSTILE_ID, HOSTILE_NAME, HOSTILE_SEAT

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("GOVGRAPH_UPDATE_GOLDEN") == "1"


def payload(vis: VisGraph) -> dict[str, Any]:
    return vis.model_dump(mode="json", by_alias=True)


def check_golden(name: str, actual: dict[str, Any]) -> None:
    path = GOLDEN / f"{name}.json"
    if UPDATE:
        path.write_text(json.dumps(actual, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    assert path.exists(), f"{path} is missing: run with GOVGRAPH_UPDATE_GOLDEN=1 to create it"
    assert actual == json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("name", "build"),
    [
        ("overview-2014", lambda s: overview(s, as_of="2014-06-01")),
        ("overview-2016", lambda s: overview(s, as_of="2016-06-01")),
        ("focus-crg-ABC-2014", lambda s: focus(s, "crg:ABC", as_of="2014-06-01")),
        ("focus-crg-ABC-depth-2-2016", lambda s: focus(s, "crg:ABC", depth=2, as_of="2016-06-01")),
        (
            "focus-programme-trauma-capped",
            lambda s: focus(s, "programme:trauma", depth=3, as_of="2016-06-01", max_nodes=3),
        ),
    ],
)
def test_payload_matches_golden(small_store: NetworkXStore, name: str, build: Any) -> None:
    check_golden(name, payload(to_vis_data(build(small_store))))


def test_payload_is_deterministic(small_store: NetworkXStore) -> None:
    first = payload(to_vis_data(focus(small_store, "crg:ABC", depth=3, as_of="2016-06-01")))
    again = payload(to_vis_data(focus(small_store, "crg:ABC", depth=3, as_of="2016-06-01")))
    assert json.dumps(first) == json.dumps(again)
    assert [n["id"] for n in first["nodes"]] == sorted(n["id"] for n in first["nodes"])


def test_edges_use_vis_network_field_names(small_store: NetworkXStore) -> None:
    edges = payload(to_vis_data(focus(small_store, "crg:ABC", as_of="2016-06-01")))["edges"]
    assert {"from": "crg:ABC", "to": "programme:trauma", "title": "PART_OF"} in [
        {key: edge[key] for key in ("from", "to", "title")} for edge in edges
    ]
    assert all(edge["arrows"] == "to" for edge in edges)


def test_email_is_not_in_the_tooltip(small_store: NetworkXStore) -> None:
    vis = to_vis_data(focus(small_store, "post:crg:ABC/chair", as_of="2016-06-01"))
    (jane,) = [n for n in vis.nodes if n.id == "person:jane-doe"]
    assert jane.title == ["Jane Doe", "Person person:jane-doe", "source: fixture"]
    assert "jane@example.org" not in vis.model_dump_json()


def test_collapsed_nodes_have_no_page(small_store: NetworkXStore) -> None:
    vis = to_vis_data(focus(small_store, "programme:trauma", as_of="2016-06-01", max_nodes=2))
    collapsed = [n for n in vis.nodes if n.shape == "box"]
    assert collapsed and all(n.target is None for n in collapsed)
    assert vis.notes


def test_hostile_name_stays_plain_text_in_the_payload(hostile_store: NetworkXStore) -> None:
    vis = to_vis_data(focus(hostile_store, HOSTILE_SEAT, as_of="2014-01-01"))
    (person,) = [n for n in vis.nodes if n.id == HOSTILE_ID]
    assert person.label == '<img src=x\nonerror="window.__xss=1">'
    assert person.title[0] == HOSTILE_NAME
    assert "employer: <b>bold</b> & co" in person.title
    (seat,) = [n for n in vis.nodes if n.id == HOSTILE_SEAT]
    assert f"held by {HOSTILE_NAME}" in seat.title


def test_hostile_name_cannot_close_the_data_script(hostile_store: NetworkXStore) -> None:
    result = focus(hostile_store, HOSTILE_SEAT, as_of="2014-01-01")
    page = render_html(to_vis_data(result), title=f"Seat held by {HOSTILE_NAME}")
    assert HOSTILE_NAME not in page
    assert "<b>bold" not in page
    assert '\\u003cimg src=x onerror=\\"window.__xss=1\\"\\u003e' in page
    # The title goes through autoescaping; the data's copy is JSON with <, >, & escaped.
    assert "<title>Seat held by &lt;img src=x onerror=&#34;window.__xss=1&#34;&gt;</title>" in page


def test_overview_rows_bodies_beside_their_programme(small_store: NetworkXStore) -> None:
    # Worked from the fixture: on 2016-06-01 Trauma holds Alpha Bravo Care, the CRG with the
    # long name and the board; Old Programme ended in 2015. The bodies share Trauma's row.
    vis = to_vis_data(overview(small_store, as_of="2016-06-01"))
    at = {node.id: (node.x, node.y) for node in vis.nodes}
    assert set(at) == {"portfolio:acute", "programme:trauma", "crg:ABC", "crg:NEW", "board:poc-trauma"}
    row = at["programme:trauma"][1]
    assert {at[id][1] for id in ("crg:ABC", "crg:NEW", "board:poc-trauma")} == {row}
    assert all(at[id][0] > at["programme:trauma"][0] for id in ("crg:ABC", "crg:NEW", "board:poc-trauma"))
    # Only the programme's line to its portfolio is drawn: a body's would cross its neighbours' labels.
    assert [(e.from_, e.to) for e in vis.edges] == [("programme:trauma", "portfolio:acute")]


@pytest.mark.parametrize(
    "build",
    [
        lambda s: overview(s, as_of="2014-06-01"),
        lambda s: focus(s, "crg:ABC", depth=3, as_of="2016-06-01"),
        lambda s: focus(s, "programme:trauma", depth=2, as_of="2014-06-01"),
    ],
)
def test_no_two_nodes_are_drawn_on_top_of_each_other(small_store: NetworkXStore, build: Any) -> None:
    vis = to_vis_data(build(small_store))
    points = [(node.x, node.y) for node in vis.nodes]
    assert (
        min(abs(a[0] - b[0]) + abs(a[1] - b[1]) for i, a in enumerate(points) for b in points[i + 1 :]) >= 80
    )  # a label's height: closer, and two labels would overlap


def test_a_big_overview_is_aggregated_by_programme() -> None:
    """Past the cap, each programme's CRGs (and boards) are one node saying how many, which
    opens the programme's page; nothing is lost: the counts are the query's PART_OF edges."""
    view = overview(load_reference(), as_of="2014-06-01")
    kinds = {node.id: node.kind for node in view.nodes}
    # Counted from the query's own edges, independently of the diagram.
    expected = Counter(
        (e.to_id, kinds[e.from_id]) for e in view.edges if e.type == "PART_OF" and kinds[e.from_id] in ("CRG", "Board")
    )
    assert not aggregated_overview(view)  # the built-in dataset is drawn body by body
    assert aggregated_overview(view, max_bodies=50)
    vis = overview_diagram(view, max_bodies=50)
    collapsed = {node.id: node for node in vis.nodes if node.shape == "box"}
    assert {(id.split("+")[0], collapsed[id].group): int(collapsed[id].label.split()[0].replace(",", ""))
            for id in collapsed} == dict(expected)  # fmt: skip
    assert all(node.target == id.split("+")[0] for id, node in collapsed.items())  # opens the programme's page
    assert not [node for node in vis.nodes if node.group in ("CRG", "Board") and node.shape != "box"]
    assert sum(expected.values()) > 50 and len(vis.nodes) == len(view.nodes) - sum(expected.values()) + len(expected)
    assert any(note.startswith("Aggregated by programme:") for note in vis.notes)
    assert "Aggregated by programme:" in render_html(vis)  # the note is on the page
