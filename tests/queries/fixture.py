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
