"""A small hand-drawn governance graph whose answers are worked out by hand in the tests.

::

    region:r1 <- senate:a, senate:b          region:r2 <- senate:london
    ccg:X (to 2022-07-01) -SUCCEEDED_BY-> icb:Y (from 2022-07-01, part of region:r1)

    crg:TST (2013-04-01 .. 2016-04-01)
      chair            ada 2013-04-01..2014-04-01, then vacant
      senate-a         bob (acting) 2013-04-01..
      senate-b         vacant
      senate-london-1  cat   senate-london-2  dan   senate-london-3  ada (ada holds two seats)
      ppv (several)    eve, fay
      prof-org-1..3    gus, hal, ivy
      accountable-commissioner   vacant
    board:B (from 2020-01-01)
      ccg-x seat REPRESENTS ccg:X, held by joe 2021-01-01..2023-12-31

    line of sight: provider MD (org:trust, held by kim) -> at MD (vacant) -> ncd (held by lee)
    post:org:other/md reports to no one (a missing link)
    post:org:loop/a -> post:org:loop/b -> post:org:loop/a (a cycle)
"""

from __future__ import annotations

from datetime import date

from govgraph.graph.model import CRG, Body, Edge, EdgeType, NodeKind, Person, Post, Role
from govgraph.graph.store import NetworkXStore

SRC = "fixture"


def d(text: str) -> date:
    return date.fromisoformat(text)


def build() -> NetworkXStore:
    s = NetworkXStore()

    def body(id: str, kind: NodeKind, **kw) -> None:
        s.add_node(Body(id=id, kind=kind, name=id.split(":")[1].upper(), source=SRC, **kw))

    def edge(type: EdgeType, a: str, b: str, **kw) -> None:
        s.add_edge(Edge(type=type, from_id=a, to_id=b, source=SRC, **kw))

    def seat(id: str, org: str, role: Role, *, represents: str | None = None, single: bool = True, **kw) -> None:
        s.add_node(Post(id=id, name=id.rsplit("/", 1)[1], role=role, single_holder=single, source=SRC, **kw))
        edge(EdgeType.POST_IN, id, org)
        if represents:
            edge(EdgeType.REPRESENTS, id, represents)

    def person(slug: str) -> str:
        id = f"person:{slug}"
        if not s.has_node(id):
            s.add_node(Person(id=id, name=slug.capitalize(), source=SRC))
        return id

    def hold(slug: str, post: str, start: str, end: str | None = None, acting: bool = False) -> None:
        edge(EdgeType.HOLDS, person(slug), post, valid_from=d(start), valid_to=d(end) if end else None, acting=acting)

    body("region:r1", NodeKind.REGION)
    body("region:r2", NodeKind.REGION)
    for senate, region in (("senate:a", "region:r1"), ("senate:b", "region:r1"), ("senate:london", "region:r2")):
        body(senate, NodeKind.SENATE)
        edge(EdgeType.PART_OF, senate, region)
    body("ccg:X", NodeKind.CCG, valid_to=d("2022-07-01"))
    body("icb:Y", NodeKind.ICB, valid_from=d("2022-07-01"))
    edge(EdgeType.PART_OF, "icb:Y", "region:r1")
    edge(EdgeType.SUCCEEDED_BY, "ccg:X", "icb:Y", valid_from=d("2022-07-01"))

    crg = "crg:TST"
    s.add_node(
        CRG(id=crg, code="TST", name="Test CRG", valid_from=d("2013-04-01"), valid_to=d("2016-04-01"), source=SRC)
    )
    p = f"post:{crg}"
    seat(f"{p}/chair", crg, Role.CHAIR)
    seat(f"{p}/senate-a", crg, Role.CLINICAL_MEMBER, represents="senate:a")
    seat(f"{p}/senate-b", crg, Role.CLINICAL_MEMBER, represents="senate:b")
    for n in (1, 2, 3):
        seat(f"{p}/senate-london-{n}", crg, Role.CLINICAL_MEMBER, represents="senate:london")
    seat(f"{p}/ppv", crg, Role.PPV, single=False)
    for n in (1, 2, 3):
        seat(f"{p}/prof-org-{n}", crg, Role.PROFESSIONAL_ORGANISATION)
    seat(f"{p}/accountable-commissioner", crg, Role.ACCOUNTABLE_COMMISSIONER)
    hold("ada", f"{p}/chair", "2013-04-01", "2014-04-01")
    hold("bob", f"{p}/senate-a", "2013-04-01", acting=True)
    hold("cat", f"{p}/senate-london-1", "2013-04-01")
    hold("dan", f"{p}/senate-london-2", "2013-04-01")
    hold("ada", f"{p}/senate-london-3", "2013-04-01")
    hold("eve", f"{p}/ppv", "2013-04-01")
    hold("fay", f"{p}/ppv", "2013-06-01")
    for n, who in ((1, "gus"), (2, "hal"), (3, "ivy")):
        hold(who, f"{p}/prof-org-{n}", "2013-04-01")

    body("board:B", NodeKind.BOARD, valid_from=d("2020-01-01"))
    seat("post:board:B/ccg-x", "board:B", Role.CCG_REPRESENTATIVE, represents="ccg:X")
    hold("joe", "post:board:B/ccg-x", "2021-01-01", "2024-01-01")

    for org in ("org:nhse", "org:trust", "org:other", "org:loop"):
        body(org, NodeKind.ORGANISATION)
    seat("post:org:nhse/ncd", "org:nhse", Role.DIRECTOR)
    seat("post:org:nhse/at-md", "org:nhse", Role.MEDICAL_DIRECTOR)
    seat("post:org:trust/md", "org:trust", Role.MEDICAL_DIRECTOR)
    seat("post:org:other/md", "org:other", Role.MEDICAL_DIRECTOR)
    seat("post:org:loop/a", "org:loop", Role.DIRECTOR)
    seat("post:org:loop/b", "org:loop", Role.DIRECTOR)
    edge(EdgeType.REPORTS_TO, "post:org:trust/md", "post:org:nhse/at-md")
    edge(EdgeType.REPORTS_TO, "post:org:nhse/at-md", "post:org:nhse/ncd")
    edge(EdgeType.REPORTS_TO, "post:org:loop/a", "post:org:loop/b")
    edge(EdgeType.REPORTS_TO, "post:org:loop/b", "post:org:loop/a")
    hold("kim", "post:org:trust/md", "2013-04-01")
    hold("lee", "post:org:nhse/ncd", "2013-04-01", "2015-01-01")
    return s


RULES_YAML = """
rules:
  - id: senates
    description: one per senate, three for London
    applies_to: {kind: CRG}
    check: {shape: covers_each, area_kind: Senate, role: clinical-member, minimum: 1, minimums: {senate:london: 3}}
    source: fixture para 1
  - id: size
    description: between 8 and 9 members
    applies_to: {kind: CRG}
    check: {shape: count_between, minimum: 8, maximum: 9}
    source: fixture para 2
  - id: chair
    description: one chair
    applies_to: {kind: CRG}
    check: {shape: exactly, role: chair, count: 1}
    source: fixture para 3
  - id: professions
    description: at most two professional organisations
    applies_to: {kind: CRG}
    check: {shape: at_most, role: professional-organisation, count: 2}
    in_force: {from: 2013-04-01, to: 2015-01-01}
    source: fixture para 4
  - id: ppv
    description: patient voice
    applies_to: {kind: CRG}
    check: {shape: count_between, role: ppv, minimum: 1}
    source: fixture para 5
  - id: line
    description: provider line of sight
    applies_to: {kind: Post, role: medical-director, org_kind: Organisation, exclude: [post:org:nhse/at-md]}
    check: {shape: chain_unbroken, to: post:org:nhse/ncd}
    source: fixture para 6
"""


def build_terms() -> NetworkXStore:
    """A second hand-drawn graph for the rules about who may hold a seat, and for what the
    sources attest. Every CRG runs 2013-04-01 up to 2020-04-01; end dates are exclusive.

    ::

        crg:C1..C4 -ACCOUNTABLE_TO-> board:P (from 2013-04-01)
          chairs    C1 ann from 2013-04-01 (three years are up on 2016-04-01)
                    C2 ben 2013-04-01..2015-04-01, re-appointed 2015-04-01.. (one re-appointment)
                    C3 cal from 2014-01-01          C4 vacant
          accountable commissioner   eli on all four CRGs
          collaborating commissioner fin on C1, C2, C3; C4's seat vacant
        board:P chair   dee 2013-04-01..2014-04-01 (chairs no CRG), then ann from 2014-04-01
        board:Q (from 2015-04-01, attested to 2016-03-31) chair gus from 2015-04-01
        board:R (from 2013-04-01), only an old rule applies to it
        line of sight: org:T's md (held by hal) -REPORTS_TO-> its top (held by ivy); the link
                       is attested to 2016-03-31
    """
    s = NetworkXStore()

    def edge(type: EdgeType, a: str, b: str, **kw) -> None:
        s.add_edge(Edge(type=type, from_id=a, to_id=b, source=SRC, **kw))

    def seat(body: str, role: Role) -> str:
        id = f"post:{body}/{role.value}"
        s.add_node(Post(id=id, name=role.value, role=role, source=SRC))
        edge(EdgeType.POST_IN, id, body)
        return id

    def hold(slug: str, post: str, start: str, end: str | None = None) -> None:
        id = f"person:{slug}"
        if not s.has_node(id):
            s.add_node(Person(id=id, name=slug.capitalize(), source=SRC))
        edge(EdgeType.HOLDS, id, post, valid_from=d(start), valid_to=d(end) if end else None)

    s.add_node(Body(id="board:P", kind=NodeKind.BOARD, name="P", valid_from=d("2013-04-01"), source=SRC))
    s.add_node(Body(id="board:Q", kind=NodeKind.BOARD, name="Q", valid_from=d("2015-04-01"),
                    attested_to=d("2016-03-31"), source=SRC))  # fmt: skip
    s.add_node(Body(id="board:R", kind=NodeKind.BOARD, name="R", valid_from=d("2013-04-01"), source=SRC))
    for n in (1, 2, 3, 4):
        crg = f"crg:C{n}"
        s.add_node(CRG(id=crg, code=f"C{n}", name=f"C{n}", valid_from=d("2013-04-01"), valid_to=d("2020-04-01"),
                       source=SRC))  # fmt: skip
        edge(EdgeType.ACCOUNTABLE_TO, crg, "board:P")
        seat(crg, Role.CHAIR)
        hold("eli", seat(crg, Role.ACCOUNTABLE_COMMISSIONER), "2013-04-01")
        collaborating = seat(crg, Role.COLLABORATING_COMMISSIONER)
        if n != 4:
            hold("fin", collaborating, "2013-04-01")
    hold("ann", "post:crg:C1/chair", "2013-04-01")
    hold("ben", "post:crg:C2/chair", "2013-04-01", "2015-04-01")
    hold("ben", "post:crg:C2/chair", "2015-04-01")
    hold("cal", "post:crg:C3/chair", "2014-01-01")
    p_chair = seat("board:P", Role.CHAIR)
    hold("dee", p_chair, "2013-04-01", "2014-04-01")
    hold("ann", p_chair, "2014-04-01")
    hold("gus", seat("board:Q", Role.CHAIR), "2015-04-01")
    seat("board:R", Role.PPV)
    s.add_node(Body(id="org:T", kind=NodeKind.ORGANISATION, name="T", source=SRC))
    md, top = seat("org:T", Role.MEDICAL_DIRECTOR), seat("org:T", Role.DIRECTOR)
    edge(EdgeType.REPORTS_TO, md, top, attested_to=d("2016-03-31"))
    hold("hal", md, "2013-04-01")
    hold("ivy", top, "2013-04-01")
    return s


TERMS_RULES_YAML = """
rules:
  - id: tenure
    description: a CRG chair at most three years, never re-appointed
    applies_to: {kind: CRG}
    check: {shape: tenure, role: chair, max_years: 3, max_reappointments: 0}
    source: fixture para 7
  - id: drawn
    description: the board chair is one of its CRGs' chairs
    applies_to: {kind: Board, ids: [board:P]}
    check: {shape: drawn_from, role: chair, from_role: chair, via: ACCOUNTABLE_TO, from_kind: CRG}
    source: fixture para 8
  - id: load
    description: an accountable commissioner for two or three CRGs
    applies_to: {kind: CRG}
    check: {shape: per_person, role: accountable-commissioner, minimum: 2, maximum: 3}
    source: fixture para 9
  - id: collab
    description: at least one collaborating commissioner
    applies_to: {kind: CRG}
    check: {shape: count_between, role: collaborating-commissioner, minimum: 1}
    source: fixture para 10
  - id: qchair
    description: Q has one chair
    applies_to: {kind: Board, ids: [board:Q]}
    check: {shape: exactly, role: chair, count: 1}
    source: fixture para 11
  - id: old
    description: R had a PPV member until 2014
    applies_to: {kind: Board, ids: [board:R]}
    check: {shape: count_between, role: ppv, minimum: 1}
    in_force: {to: 2014-01-01}
    source: fixture para 12
  - id: ghost
    description: a rule about a CRG that is not in the graph
    applies_to: {kind: CRG, ids: [crg:C9]}
    check: {shape: exactly, role: chair, count: 1}
    source: fixture para 13
"""
