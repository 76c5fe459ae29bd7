"""The look-ahead queries on the hand-drawn fixture of tests/queries/lookahead_fixture.py
(its docstring draws it and says how each rule stands on 2026-09-01); every gold answer
is worked out by hand in the comments."""

from __future__ import annotations

import pytest
from networkx.readwrite import json_graph

from govgraph.errors import InvalidParameter, NotFound
from govgraph.governance import Governance
from govgraph.graph.model import EdgeType, NodeKind, Person
from govgraph.graph.store import GraphStore
from govgraph.queries._hypothetical import APPOINTEE, Hypothetical, appointing, leaving
from govgraph.queries.lookahead import recruit, upcoming, what_if
from govgraph.queries.rules import load_rules
from tests.queries import lookahead_fixture as fixture


@pytest.fixture(scope="module")
def store():
    return fixture.build()


@pytest.fixture(scope="module")
def rules(tmp_path_factory):
    path = tmp_path_factory.mktemp("rules") / "lookahead.yaml"
    path.write_text(fixture.RULES_YAML)
    return load_rules([path], with_builtin=False)


def keys(verdicts) -> list[tuple[str, str]]:
    return [(v.rule_id, v.subject_id) for v in verdicts]


# -- upcoming ----------------------------------------------------------------------------------


def test_upcoming_lists_each_ending_with_the_verdicts_it_breaks(store, rules) -> None:
    result = upcoming(store, as_of="2026-09-01", within_days=180, rules=rules)
    # 2026-09-01 + 180 days: 29 to 30 Sep, +31 Oct, +30 Nov, +31 Dec, +31 Jan, +28 Feb = 2027-02-28.
    assert str(result.until) == "2027-02-28"
    got = [(str(v.vacates_on), v.seat.post_id, v.person_id, v.next_holders, keys(v.fails)) for v in result.vacancies]
    assert got == [
        # cal leaves senate-b: senate:b has no clinical member. Size: ann, bea, dee = 3, still within 3..4.
        ("2026-10-01", "post:crg:LA/senate-b", "person:cal", [], [("la-senates", "crg:LA")]),
        # eli leaves ppv-2 and kit takes it the same day: poc-ppv fails with eli (1 of 2) and
        # with kit (1 of 2), so nothing fails *because* eli leaves.
        ("2026-11-01", "post:board:POC/ppv-2", "person:eli", ["person:kit"], []),
        # gil leaves the regional MD post: the trust MD's line of sight breaks there.
        ("2026-12-15", "post:org:nhse/rmd", "person:gil", [], [("line", "post:org:trust/md")]),
        # ann leaves the chair: no chair; members bea, dee = 2 < 3 (cal left in October);
        # the board's ex officio seat empties, so its one member (role member) goes too.
        # poc-size fails with or without ann (jon, kit [+ ann] < 5): not listed.
        (
            "2027-01-01",
            "post:crg:LA/chair",
            "person:ann",
            [],
            [("la-chair", "crg:LA"), ("la-size", "crg:LA"), ("poc-members", "board:POC")],
        ),
    ]
    ann = result.vacancies[-1]
    assert [(x.seat.post_id, x.seat.body_id, x.via) for x in ann.also_vacates] == [
        ("post:board:POC/crg-la-chair", "board:POC", "post:crg:LA/chair")
    ]
    assert {v.why.value for v in result.vacancies} == {"end"}
    # bea's first holding of senate-a ends on 2026-12-01, but she is re-appointed that day:
    # not a vacancy, so not listed.
    assert [f.source for f in ann.fails] == [
        "lookahead fixture para 2",
        "lookahead fixture para 4",
        "lookahead fixture para 5",
    ]


@pytest.mark.parametrize(("within", "last"), [(105, "post:org:nhse/rmd"), (104, "post:board:POC/ppv-2")])
def test_the_window_includes_its_last_day(store, rules, within, last) -> None:
    # 2026-09-01 + 105 days = 2026-12-15 (29 + 31 + 30 + 15), gil's day; 104 stops a day short.
    result = upcoming(store, as_of="2026-09-01", within_days=within, rules=rules)
    assert result.vacancies[-1].seat.post_id == last


def test_a_holding_already_ended_on_as_of_is_not_upcoming(store, rules) -> None:
    # On 2026-10-01 cal no longer holds senate-b (valid_to is exclusive); 2026-10-01 + 31
    # days = 2026-11-01, eli's day.
    result = upcoming(store, as_of="2026-10-01", within_days=31, rules=rules)
    assert [v.person_id for v in result.vacancies] == ["person:eli"]


@pytest.mark.parametrize("within", [-1, 3654])
def test_within_out_of_range_is_refused(store, rules, within) -> None:
    with pytest.raises(InvalidParameter, match="within_days"):
        upcoming(store, as_of="2026-09-01", within_days=within, rules=rules)


# -- what_if -----------------------------------------------------------------------------------


def test_what_if_the_chair_leaves(store, rules) -> None:
    result = what_if(store, leaves="person:ann", on="2026-10-15", rules=rules)
    assert [s.post_id for s in result.seats] == ["post:crg:LA/chair"]
    assert [(x.seat.post_id, x.seat.body_id, x.via) for x in result.ex_officio] == [
        ("post:board:POC/crg-la-chair", "board:POC", "post:crg:LA/chair")
    ]
    # On 2026-10-15, as on 2027-01-01 above: chair, size (bea, dee) and the board's member.
    # la-senates fails that day with or without ann (senate-b vacant since 10-01): not listed.
    assert keys(result.fails) == [("la-chair", "crg:LA"), ("la-size", "crg:LA"), ("poc-members", "board:POC")]
    assert result.fails[1].found == 2


def test_what_if_a_link_in_the_line_of_sight_leaves(store, rules) -> None:
    result = what_if(store, leaves="person:gil", on="2026-10-15", rules=rules)
    assert keys(result.fails) == [("line", "post:org:trust/md")]
    assert [b.post_id for b in result.fails[0].breaks] == ["post:org:nhse/rmd"]


def test_what_if_someone_who_holds_nothing_yet_leaves(store, rules) -> None:
    # kit starts on 2026-11-01: on 2026-10-15 there is nothing to leave.
    result = what_if(store, leaves="person:kit", on="2026-10-15", rules=rules)
    assert (result.seats, result.ex_officio, result.fails) == ([], [], [])


def test_what_if_refuses_what_is_not_a_person(store, rules) -> None:
    with pytest.raises(InvalidParameter, match="post:crg:LA/chair is a Post, not a person"):
        what_if(store, leaves="post:crg:LA/chair", on="2026-10-15", rules=rules)
    with pytest.raises(NotFound, match="person:ana"):
        what_if(store, leaves="person:ana", on="2026-10-15", rules=rules)


# -- recruit -----------------------------------------------------------------------------------


def test_recruit_ranks_vacant_seats_by_the_failures_they_fix(store, rules) -> None:
    result = recruit(store, as_of="2026-09-01", rules=rules)
    assert result.failing == 4  # la-commissioner, poc-commissioner, poc-ppv, poc-size
    got = [(c.seat.post_id, keys(c.fixes), keys(c.new_failures)) for c in result.candidates]
    assert got == [
        # a new accountable commissioner also fills the board's ex officio seat: two fixes;
        # but crg:LA then has ann, bea, cal, dee and the newcomer, 5 > 4 members.
        (
            "post:crg:LA/accountable-commissioner",
            [("la-commissioner", "crg:LA"), ("poc-commissioner", "board:POC")],
            [("la-size", "crg:LA")],
        ),
        ("post:board:POC/ppv-1", [("poc-ppv", "board:POC")], []),
    ]
    # The board has jon, ann, eli: one more member makes 4, still short of 5.
    assert keys(result.unfixed) == [("poc-size", "board:POC")]


def test_ex_officio_seats_are_not_candidates(store, rules) -> None:
    result = recruit(store, as_of="2026-09-01", rules=rules)
    assert "post:board:POC/commissioner" not in {c.seat.post_id for c in result.candidates}


# -- the shared graph stays as it was ---------------------------------------------------------


def test_no_query_changes_the_graph(rules) -> None:
    store = fixture.build()
    before = json_graph.node_link_data(store.graph, edges="edges")
    upcoming(store, as_of="2026-09-01", within_days=365, rules=rules)
    what_if(store, leaves="person:ann", on="2026-10-15", rules=rules)
    recruit(store, as_of="2026-09-01", rules=rules)
    assert json_graph.node_link_data(store.graph, edges="edges") == before


def test_a_hypothetical_view_is_a_read_only_graph_store(store) -> None:
    view = Hypothetical(store, **leaving(store, "person:ann", "2026-10-15"))
    assert isinstance(view, GraphStore)
    assert [e.to_id for e in view.out_edges("person:ann", EdgeType.HOLDS, as_of="2026-10-14")] == ["post:crg:LA/chair"]
    assert list(view.out_edges("person:ann", EdgeType.HOLDS, as_of="2026-10-15")) == []
    assert [e.from_id for e in store.in_edges("post:crg:LA/chair", EdgeType.HOLDS, as_of="2026-10-15")] == [
        "person:ann"
    ]
    with pytest.raises(TypeError, match="read-only"):
        view.add_node(Person(id="person:zed", name="Zed", source="test"))
    filled = Hypothetical(store, **appointing("post:board:POC/ppv-1", "2026-09-01"))
    assert filled.count(NodeKind.PERSON) == store.count(NodeKind.PERSON) + 1
    assert filled.subgraph_for("2026-09-01").has_node(APPOINTEE)
    assert not store.has_node(APPOINTEE)


# -- term limits (tenure rules) ----------------------------------------------------------------


def test_a_term_limit_is_an_upcoming_vacancy(store, tmp_path) -> None:
    path = tmp_path / "tenure.yaml"
    path.write_text(fixture.RULES_YAML + fixture.TENURE_YAML)
    rules = load_rules([path], with_builtin=False)
    result = upcoming(store, as_of="2026-09-01", within_days=180, rules=rules)
    got = [(str(v.vacates_on), v.person_id, v.why.value) for v in result.vacancies]
    # bea has held senate-a since 2020-01-01, re-appointed on 2026-12-01 without a gap: her
    # seven years run out on 2027-01-01 (counted from 2020, not from the re-appointment).
    assert got == [
        ("2026-10-01", "person:cal", "end"),
        ("2026-11-01", "person:eli", "end"),
        ("2026-12-15", "person:gil", "end"),
        ("2027-01-01", "person:ann", "end"),
        ("2027-01-01", "person:bea", "term_limit"),
    ]
    bea = result.vacancies[-1]
    assert bea.tenure_rule is not None and bea.tenure_rule.rule_id == "clinical-member-tenure"
    # On 2027-01-01 senate-b is vacant and crg:LA has 2 members with bea (bea, dee), so
    # la-senates and la-size fail with or without her: nothing fails *because* she goes.
    assert bea.fails == []
    # jon has chaired the board since 2021-03-01 with no end: six years run out on 2027-03-01,
    # 181 days after 2026-09-01.
    result = upcoming(store, as_of="2026-09-01", within_days=181, rules=rules)
    jon = result.vacancies[-1]
    assert (str(jon.vacates_on), jon.person_id, jon.why.value) == ("2027-03-01", "person:jon", "term_limit")
    assert jon.tenure_rule is not None and jon.tenure_rule.rule_id == "poc-chair-tenure"
    # Without jon the board has no chair; the tenure rule itself stops failing, not starts.
    assert keys(jon.fails) == [("poc-chair", "board:POC")]


def test_what_if_says_what_it_cannot_assess(store, tmp_path) -> None:
    path = tmp_path / "tenure.yaml"
    path.write_text(fixture.RULES_YAML + fixture.TENURE_YAML)
    rules = load_rules([path], with_builtin=False)
    # Without jon the board has no chair (poc-chair fails), and the chair's tenure has
    # nobody to check: not assessed, with the reason, rather than silently passing.
    result = what_if(store, leaves="person:jon", on="2026-10-15", rules=rules)
    assert keys(result.fails) == [("poc-chair", "board:POC")]
    assert [(v.rule_id, v.subject_id, v.reason) for v in result.not_assessed] == [
        ("poc-chair-tenure", "board:POC", "nothing to check: nobody fills a chair seat of board:POC on 2026-10-15")
    ]
    assert ("not assessed", "poc-chair-tenure") in [(r["effect"], r["id"]) for r in result.rows()]


# -- any GraphStore ------------------------------------------------------------------------------


class ProtocolOnly:
    """A store offering the GraphStore methods and nothing else, each read in reverse order
    (a Neo4j store reads in id order, the networkx one in insertion order): the look-ahead
    queries must answer the same through it."""

    def __init__(self, base: GraphStore) -> None:
        self._base = base
        self.meta = base.meta

    def add_node(self, node) -> None:
        raise AssertionError("a query wrote to the store")

    add_edge = add_node

    def has_node(self, id):
        return self._base.has_node(id)

    def node(self, id):
        return self._base.node(id)

    def nodes(self, kind=None, *, as_of=None):
        return reversed(list(self._base.nodes(kind, as_of=as_of)))

    def count(self, kind=None):
        return self._base.count(kind)

    def posts_with_role(self, role, *, as_of=None):
        return reversed(list(self._base.posts_with_role(role, as_of=as_of)))

    def out_edges(self, id, type=None, *, as_of=None):
        return reversed(list(self._base.out_edges(id, type, as_of=as_of)))

    def in_edges(self, id, type=None, *, as_of=None):
        return reversed(list(self._base.in_edges(id, type, as_of=as_of)))

    def edges(self, type=None, *, as_of=None):
        return reversed(list(self._base.edges(type, as_of=as_of)))

    def suggest(self, id, n=5):
        return self._base.suggest(id, n)

    def subgraph_for(self, start=None, end=None, *, include=()):
        return self

    def neighbourhood(self, id):
        return self


def test_the_queries_need_only_the_graph_store_protocol(store, rules) -> None:
    other = ProtocolOnly(store)
    assert isinstance(other, GraphStore)
    for query in (
        lambda s: upcoming(s, as_of="2026-09-01", within_days=180, rules=rules),
        lambda s: what_if(s, leaves="person:ann", on="2026-10-15", rules=rules),
        lambda s: recruit(s, as_of="2026-09-01", rules=rules),
    ):
        assert query(other) == query(store)


def test_the_same_answers_from_neo4j(store, tmp_path, neo4j_server) -> None:
    from govgraph.graph.neo4j_store import Neo4jStore

    path = tmp_path / "tenure.yaml"
    path.write_text(fixture.RULES_YAML + fixture.TENURE_YAML)
    rules = load_rules([path], with_builtin=False)
    neo = Neo4jStore.connect(neo4j_server.uri, neo4j_server.user, neo4j_server.password, database=neo4j_server.database)
    try:
        neo.clear()  # govgraph's own nodes only: what another test left loaded
        neo.import_store(store)
        embedded, server = Governance(store, rules=rules), Governance(neo, rules=rules)
        # 181 days: jon's term limit, which needs his holding from 2021, before the window.
        ahead = server.upcoming(as_of="2026-09-01", within_days=181)
        assert ahead == embedded.upcoming(as_of="2026-09-01", within_days=181)
        assert [v.person_id for v in ahead.vacancies][-1] == "person:jon"
        assert server.what_if("person:ann", on="2026-10-15") == embedded.what_if("person:ann", on="2026-10-15")
        assert server.recruit(as_of="2026-09-01") == embedded.recruit(as_of="2026-09-01")
    finally:
        neo.clear()
        neo.close()
