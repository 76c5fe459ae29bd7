"""A small hand-drawn graph for the look-ahead queries, with its answers worked by hand.

::

    senate:a, senate:b

    crg:LA (from 2016-04-01)
      chair                     ann  2024-01-01 .. 2026-12-31 (valid_to 2027-01-01)
      senate-a                  bea  2020-01-01 .. 2026-11-30, re-appointed from 2026-12-01 ..
      senate-b                  cal  2025-06-01 .. 2026-09-30 (valid_to 2026-10-01)
      ppv (several)             dee  2019-01-01 ..
      accountable-commissioner  vacant

    board:POC (from 2016-04-01)
      chair                     jon  2021-03-01 ..
      crg-la-chair  (member)    ex officio: whoever holds post:crg:LA/chair
      commissioner              ex officio: whoever holds post:crg:LA/accountable-commissioner
      ppv-1                     vacant
      ppv-2                     eli  2022-01-01 .. 2026-10-31 (valid_to 2026-11-01), then kit from 2026-11-01

    line of sight: post:org:trust/md (fin) -> post:org:nhse/rmd (gil, valid_to 2026-12-15)
                   -> post:org:nhse/ncd (hoy)

The rules (``RULES_YAML``), and how each stands on 2026-09-01:

    la-senates        a clinical member for each senate        passes (bea, cal)
    la-chair          exactly one chair                         passes (ann)
    la-commissioner   exactly one accountable commissioner      FAILS (vacant)
    la-size           3 to 4 members                            passes (ann, bea, cal, dee: 4)
    poc-members       exactly one member (role member)          passes (ann, ex officio)
    poc-commissioner  exactly one accountable commissioner      FAILS (follows a vacant seat)
    poc-ppv           at least two PPV members                  FAILS (eli: 1)
    poc-size          5 to 9 members                            FAILS (jon, ann, eli: 3)
    poc-chair         exactly one chair of the board            passes (jon)
    line              trust MD's line of sight reaches the NCD  passes (fin, gil, hoy)
"""

from __future__ import annotations

from datetime import date

from govgraph.graph.model import CRG, Body, Edge, EdgeType, NodeKind, Person, Post, Role
from govgraph.graph.store import NetworkXStore

SRC = "lookahead fixture"


def d(text: str) -> date:
    return date.fromisoformat(text)


def build() -> NetworkXStore:
    s = NetworkXStore()

    def edge(type: EdgeType, a: str, b: str, **kw) -> None:
        s.add_edge(Edge(type=type, from_id=a, to_id=b, source=SRC, **kw))

    def seat(id: str, org: str, role: Role, *, represents: str | None = None, single: bool = True) -> str:
        s.add_node(Post(id=id, name=id.rsplit("/", 1)[1], role=role, single_holder=single, source=SRC))
        edge(EdgeType.POST_IN, id, org)
        if represents:
            edge(EdgeType.REPRESENTS, id, represents)
        return id

    def hold(slug: str, post: str, start: str, end: str | None = None) -> None:
        id = f"person:{slug}"
        if not s.has_node(id):
            s.add_node(Person(id=id, name=slug.capitalize(), source=SRC))
        edge(EdgeType.HOLDS, id, post, valid_from=d(start), valid_to=d(end) if end else None)

    for senate in ("senate:a", "senate:b"):
        s.add_node(Body(id=senate, kind=NodeKind.SENATE, name=senate.upper(), source=SRC))

    s.add_node(CRG(id="crg:LA", code="LA", name="Look-ahead CRG", valid_from=d("2016-04-01"), source=SRC))
    chair = seat("post:crg:LA/chair", "crg:LA", Role.CHAIR)
    seat("post:crg:LA/senate-a", "crg:LA", Role.CLINICAL_MEMBER, represents="senate:a")
    seat("post:crg:LA/senate-b", "crg:LA", Role.CLINICAL_MEMBER, represents="senate:b")
    seat("post:crg:LA/ppv", "crg:LA", Role.PPV, single=False)
    commissioner = seat("post:crg:LA/accountable-commissioner", "crg:LA", Role.ACCOUNTABLE_COMMISSIONER)
    hold("ann", chair, "2024-01-01", "2027-01-01")
    hold("bea", "post:crg:LA/senate-a", "2020-01-01", "2026-12-01")
    hold("bea", "post:crg:LA/senate-a", "2026-12-01")
    hold("cal", "post:crg:LA/senate-b", "2025-06-01", "2026-10-01")
    hold("dee", "post:crg:LA/ppv", "2019-01-01")

    s.add_node(Body(id="board:POC", kind=NodeKind.BOARD, name="Look-ahead PoC board", valid_from=d("2016-04-01"),
                    source=SRC))  # fmt: skip
    seat("post:board:POC/chair", "board:POC", Role.CHAIR)
    edge(EdgeType.EX_OFFICIO, seat("post:board:POC/crg-la-chair", "board:POC", Role.MEMBER), chair)
    edge(EdgeType.EX_OFFICIO, seat("post:board:POC/commissioner", "board:POC", Role.ACCOUNTABLE_COMMISSIONER),
         commissioner)  # fmt: skip
    seat("post:board:POC/ppv-1", "board:POC", Role.PPV)
    seat("post:board:POC/ppv-2", "board:POC", Role.PPV)
    hold("jon", "post:board:POC/chair", "2021-03-01")
    hold("eli", "post:board:POC/ppv-2", "2022-01-01", "2026-11-01")
    hold("kit", "post:board:POC/ppv-2", "2026-11-01")

    for org in ("org:nhse", "org:trust"):
        s.add_node(Body(id=org, kind=NodeKind.ORGANISATION, name=org.upper(), source=SRC))
    seat("post:org:nhse/ncd", "org:nhse", Role.DIRECTOR)
    seat("post:org:nhse/rmd", "org:nhse", Role.MEDICAL_DIRECTOR)
    seat("post:org:trust/md", "org:trust", Role.MEDICAL_DIRECTOR)
    edge(EdgeType.REPORTS_TO, "post:org:trust/md", "post:org:nhse/rmd")
    edge(EdgeType.REPORTS_TO, "post:org:nhse/rmd", "post:org:nhse/ncd")
    hold("fin", "post:org:trust/md", "2013-04-01")
    hold("gil", "post:org:nhse/rmd", "2013-04-01", "2026-12-15")
    hold("hoy", "post:org:nhse/ncd", "2013-04-01")
    return s


RULES_YAML = """
rules:
  - id: la-senates
    description: a clinical member for each senate
    applies_to: {kind: CRG}
    check: {shape: covers_each, area_kind: Senate, role: clinical-member, minimum: 1}
    source: lookahead fixture para 1
  - id: la-chair
    description: one chair
    applies_to: {kind: CRG}
    check: {shape: exactly, role: chair, count: 1}
    source: lookahead fixture para 2
  - id: la-commissioner
    description: one accountable commissioner
    applies_to: {kind: CRG}
    check: {shape: exactly, role: accountable-commissioner, count: 1}
    source: lookahead fixture para 3
  - id: la-size
    description: three or four members
    applies_to: {kind: CRG}
    check: {shape: count_between, minimum: 3, maximum: 4}
    source: lookahead fixture para 4
  - id: poc-members
    description: one CRG chair on the board
    applies_to: {kind: Board}
    check: {shape: exactly, role: member, count: 1}
    source: lookahead fixture para 5
  - id: poc-commissioner
    description: one accountable commissioner on the board
    applies_to: {kind: Board}
    check: {shape: exactly, role: accountable-commissioner, count: 1}
    source: lookahead fixture para 6
  - id: poc-ppv
    description: two PPV partners
    applies_to: {kind: Board}
    check: {shape: count_between, role: ppv, minimum: 2}
    source: lookahead fixture para 7
  - id: poc-size
    description: five to nine members
    applies_to: {kind: Board}
    check: {shape: count_between, minimum: 5, maximum: 9}
    source: lookahead fixture para 8
  - id: poc-chair
    description: one chair of the board
    applies_to: {kind: Board}
    check: {shape: exactly, role: chair, count: 1}
    source: lookahead fixture para 9
  - id: line
    description: the trust medical director's line of sight reaches the NCD
    applies_to: {kind: Post, ids: [post:org:trust/md]}
    check: {shape: chain_unbroken, to: post:org:nhse/ncd}
    source: lookahead fixture para 10
"""

#: With the tenure shape: the board's chair serves at most six years in a row (jon, chair
#: since 2021-03-01 with no end, reaches it on 2027-03-01), a clinical member seven (bea,
#: in senate-a since 2020-01-01 through her re-appointment, reaches it on 2027-01-01).
TENURE_YAML = """
  - id: poc-chair-tenure
    description: a board chair serves at most six years
    applies_to: {kind: Board}
    check: {shape: tenure, role: chair, max_years: 6}
    source: lookahead fixture para 11
  - id: clinical-member-tenure
    description: a clinical member serves at most seven years
    applies_to: {kind: CRG}
    check: {shape: tenure, role: clinical-member, max_years: 7}
    source: lookahead fixture para 12
"""
