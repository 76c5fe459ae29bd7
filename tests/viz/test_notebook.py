"""``to_pyvis``: the diagram a page shows, as a pyvis ``Network`` for notebooks."""

from __future__ import annotations

import re

import govgraph
from govgraph.viz import to_pyvis, to_vis_data

NORTHBY_MD = "post:org:northby-example-hospitals/medical-director"


def test_a_result_becomes_the_same_diagram_as_a_pyvis_network() -> None:
    gg = govgraph.load()
    result = gg.representation("crg:BCS", as_of="2014-06-01")
    vis = to_vis_data(result)
    net = to_pyvis(result)
    nodes = {node["id"]: node for node in net.nodes}
    assert list(nodes) == [node.id for node in vis.nodes]
    # Same place, colour, shape and label as the page: physics off, positions from Python.
    for node in vis.nodes:
        drawn = nodes[node.id]
        assert (drawn["x"], drawn["y"], drawn["color"], drawn["shape"], drawn["label"]) == (
            node.x, node.y, node.color, node.shape, node.label,
        )  # fmt: skip
    assert net.options.physics.enabled is False
    assert {(edge["from"], edge["to"]) for edge in net.edges} == {(edge.from_, edge.to) for edge in vis.edges}


def test_its_page_loads_nothing_from_the_network() -> None:
    net = to_pyvis(govgraph.load().line_of_sight(NORTHBY_MD, as_of="2014-06-01"))
    page = net.generate_html(notebook=True)
    assert re.findall(r'(?:src|href)="([^"]*)"', page) == []
    assert "new vis.Network(" in page and "Dr Amara Specimenworth" in page
