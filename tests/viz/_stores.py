"""Stores the diagram and page tests draw: a small hand-drawn one, and the reference dataset
(alone, or with the example roster) with a person whose name is an HTML injection attempt.
``conftest.py`` offers them as fixtures."""

from __future__ import annotations

from datetime import date

import govgraph
from govgraph.governance import Governance
from govgraph.graph.model import CRG, Body, Edge, EdgeType, NodeKind, Person, Post, Role
from govgraph.graph.store import NetworkXStore
from govgraph.loaders.reference import load_reference

#: Runs script if it ever reaches the page as markup; a test then finds ``window.__xss`` set.
HOSTILE_NAME = '<img src=x onerror="window.__xss=1">'
HOSTILE_ID = "person:hostile"
HOSTILE_SEAT = "post:crg:CFS/chair"
#: In the example roster, a seat several people hold, on a CRG that already fails its size
#: rule: one more holder there leaves the roster's documented gaps as they are.
HOSTILE_EXAMPLE_SEAT = "post:crg:RSP/ppv"


def small_store() -> NetworkXStore:
    """One portfolio, a programme that ends in 2015, one that lasts, their CRGs and a board,
    and a CRG with two seats, one held (acting) by a person with an email address."""
    store = NetworkXStore()
    src = "fixture"
    early, late = date(2013, 4, 1), date(2015, 3, 1)
    for node in (
        Body(id="portfolio:acute", kind=NodeKind.PORTFOLIO, name="Acute", valid_from=early, source=src),
        Body(id="programme:trauma", kind=NodeKind.PROGRAMME, name="Trauma", valid_from=early, source=src),
        Body(id="programme:old", kind=NodeKind.PROGRAMME, name="Old Programme", valid_from=early, valid_to=late, source=src),
        Body(id="board:poc-trauma", kind=NodeKind.BOARD, name="Trauma Programme of Care Board", valid_from=early, source=src),
        Body(id="senate:london", kind=NodeKind.SENATE, name="London Clinical Senate", valid_from=early, source=src),
        CRG(id="crg:ABC", name="Alpha Bravo Care", code="ABC", valid_from=early, source=src),
        CRG(id="crg:OLD", name="Old CRG", valid_from=early, valid_to=late, source=src),
        CRG(id="crg:NEW", name="A Clinical Reference Group With A Very Long Name Indeed", valid_from=late, source=src),
        Post(id="post:crg:ABC/chair", name="Clinical Chair", role=Role.CHAIR, valid_from=early, source=src),
        Post(id="post:crg:ABC/senate-london", name="Clinical member for London", role=Role.CLINICAL_MEMBER,
             valid_from=early, source=src),
        Person(id="person:jane-doe", name="Jane Doe", email="jane@example.org", source=src),
    ):  # fmt: skip
        store.add_node(node)
    for type, from_id, to_id, start, end in (
        (EdgeType.PART_OF, "programme:trauma", "portfolio:acute", early, None),
        (EdgeType.PART_OF, "programme:old", "portfolio:acute", early, late),
        (EdgeType.PART_OF, "crg:ABC", "programme:trauma", early, None),
        (EdgeType.PART_OF, "crg:NEW", "programme:trauma", late, None),
        (EdgeType.PART_OF, "crg:OLD", "programme:old", early, late),
        (EdgeType.PART_OF, "board:poc-trauma", "programme:trauma", early, None),
        (EdgeType.ACCOUNTABLE_TO, "crg:ABC", "board:poc-trauma", early, None),
        (EdgeType.POST_IN, "post:crg:ABC/chair", "crg:ABC", early, None),
        (EdgeType.POST_IN, "post:crg:ABC/senate-london", "crg:ABC", early, None),
        (EdgeType.REPRESENTS, "post:crg:ABC/senate-london", "senate:london", early, None),
    ):
        store.add_edge(Edge(type=type, from_id=from_id, to_id=to_id, valid_from=start, valid_to=end, source=src))
    store.add_edge(Edge(type=EdgeType.HOLDS, from_id="person:jane-doe", to_id="post:crg:ABC/chair",
                        valid_from=date(2014, 1, 1), acting=True, source=src))  # fmt: skip
    return store


def hostile_store() -> NetworkXStore:
    """The reference dataset plus a person named ``HOSTILE_NAME`` holding the CFS CRG's chair."""
    store = load_reference()
    store.add_node(Person(id=HOSTILE_ID, name=HOSTILE_NAME, employer="<b>bold</b> & co", source="test roster row 2"))
    store.add_edge(Edge(type=EdgeType.HOLDS, from_id=HOSTILE_ID, to_id=HOSTILE_SEAT, valid_from=date(2013, 4, 1),
                        source="test roster row 2"))  # fmt: skip
    return store


def hostile_example() -> Governance:
    """``govgraph.load()`` (the example roster) plus a person named ``HOSTILE_NAME`` holding
    ``HOSTILE_EXAMPLE_SEAT`` from 2013-04-01."""
    governance = govgraph.load()
    governance.store.add_node(
        Person(id=HOSTILE_ID, name=HOSTILE_NAME, employer="<b>bold</b> & co", source="test roster row 2")
    )
    governance.store.add_edge(Edge(type=EdgeType.HOLDS, from_id=HOSTILE_ID, to_id=HOSTILE_EXAMPLE_SEAT,
                                   valid_from=date(2013, 4, 1), source="test roster row 2"))  # fmt: skip
    return governance
