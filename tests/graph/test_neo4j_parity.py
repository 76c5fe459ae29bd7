"""Every query gives the same answer on Neo4j as on the embedded store: the whole result
(a pydantic model), compared field by field, on the example roster and on a synthetic
roster (``synth --scale 5``), at several dates.

Each dataset goes into the session's Neo4j server (conftest.py) the way a user puts it
there, with ``govgraph load --neo4j --replace`` (the synthetic one with what that command
runs, on the roster already read), and each query runs through
``Governance``, which reads from a Neo4j store the way the service does (per call, or on
a pulled slice: docs/neo4j.md). The embedded answers are the reference; the tests of
``tests/queries`` check those against the seed texts.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx2
import pytest
from click.testing import CliRunner

import govgraph
from govgraph.cli import main
from govgraph.governance import Governance
from govgraph.graph.model import EdgeType, NodeKind
from govgraph.graph.neo4j_store import Neo4jStore
from govgraph.loaders.synthetic import synthesise, write_roster
from tests._neo4j import STORY_IDS, Connection
from tests._server import KEY, Server, start_server

#: Days across the history: the first year, the area-team era, the ICB era.
DAYS = ["2013-06-01", "2016-01-01", "2023-01-01"]
WINDOWS = [("2013-06-01", "2015-06-01"), ("2015-01-01", "2023-01-01")]
#: Ids of each kind compared per call (spread over the sorted ids).
PER_KIND = 3
NAMED = STORY_IDS
#: Every kind of row and every kind of column of the coverage matrix, each at least once.
COVERAGE = [("crg", "senate"), ("board", "region"), ("crg", "hub"), ("board", "icb")]


@dataclass
class Pair:
    """One dataset, on both stores."""

    name: str
    roster: Path | None  # None: the example roster
    local: Governance
    neo: Governance

    def ids(self, kind: NodeKind, n: int = PER_KIND) -> list[str]:
        """``n`` ids of ``kind`` spread over the sorted ids, and the ``NAMED`` ones of it."""
        ids = sorted(attrs["id"] for attrs in self.local.store.nodes(kind))
        named = [id for id in NAMED if id in ids]
        return sorted(set(ids[:: max(1, len(ids) // n)][:n] + named))

    def people(self) -> list[str]:
        """Holders of seats, with an acting one and one holding an ex officio seat's post."""
        store = self.local.store
        holds = list(store.edges(EdgeType.HOLDS))
        holders = sorted({e.from_id for e in holds})
        acting = sorted({e.from_id for e in holds if e.attrs.get("acting")})
        followed = {e.to_id for e in store.edges(EdgeType.EX_OFFICIO)}
        ex_officio = sorted({e.from_id for e in holds if e.to_id in followed})
        return sorted(set(holders[:: max(1, len(holders) // PER_KIND)][:PER_KIND] + acting[:1] + ex_officio[:1]))


def _load(server: Connection, monkeypatch: pytest.MonkeyPatch, data: list[str]) -> None:
    """``govgraph load --neo4j --replace`` as a user runs it."""
    monkeypatch.setenv("GOVGRAPH_TEST_NEO4J_PASSWORD", server.password)
    args = ["load", "--neo4j", server.uri, "--user", server.user, "--password-env", "GOVGRAPH_TEST_NEO4J_PASSWORD",
            "--replace", "--batch-size", "5000"]  # fmt: skip
    if server.database:
        args += ["--database", server.database]
    for path in data:
        args += ["--data", path]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.stderr


@pytest.fixture(scope="module", params=["example", "synth-5"])
def pair(
    request: pytest.FixtureRequest, neo4j_server: Connection, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Pair]:
    data: list[str] = []
    if request.param == "synth-5":
        folder = tmp_path_factory.mktemp("synth-5")
        write_roster(synthesise(5, 42, 0.05), folder)
        data = [str(folder)]
    local = govgraph.load(data or None)
    store = Neo4jStore.connect(
        neo4j_server.uri, neo4j_server.user, neo4j_server.password, database=neo4j_server.database
    )
    if data:
        # What `govgraph load --replace` runs (the example does it through the command), on
        # the roster already loaded here: reading it again would only take time.
        store.clear()
        store.import_store(local.store, batch_size=5000)
    else:
        with pytest.MonkeyPatch.context() as monkeypatch:
            _load(neo4j_server, monkeypatch, data)
        store.refresh()  # the metadata the command wrote
    try:
        assert store.count() == local.store.count()
        roster = Path(data[0]) if data else None
        yield Pair(request.param, roster, local, Governance(store, rules=local.rules))
    finally:
        store.clear(schema=True)
        store.close()


def test_the_whole_graph_reads_back_equal(pair: Pair) -> None:
    assert isinstance(pair.neo.store, Neo4jStore)
    back = pair.neo.store.to_networkx()
    assert sorted(map(dict, back.nodes()), key=lambda n: n["id"]) == sorted(
        map(dict, pair.local.store.nodes()), key=lambda n: n["id"]
    )
    assert back.number_of_edges() == pair.local.store.number_of_edges()  # type: ignore[attr-defined]


@pytest.mark.parametrize("day", DAYS)
def test_whole_graph_queries(pair: Pair, day: str) -> None:
    # Each of these pulls a slice of the database (Governance does): a few per day keep
    # the suite quick, and every row and column kind of coverage is still met.
    local, neo = pair.local, pair.neo
    assert neo.gaps(as_of=day) == local.gaps(as_of=day)
    of, by = COVERAGE[DAYS.index(day) % len(COVERAGE)]
    assert neo.coverage(of=of, by=by, as_of=day) == local.coverage(of=of, by=by, as_of=day)
    assert neo.overload(min_seats=2, as_of=day) == local.overload(min_seats=2, as_of=day)
    assert neo.stats(as_of=day) == local.stats(as_of=day)
    subject = pair.people()[DAYS.index(day) % len(pair.people())]
    assert neo.gaps(as_of=day, subject=subject) == local.gaps(as_of=day, subject=subject)


def test_the_rest_of_the_coverage_matrix(pair: Pair) -> None:
    day = DAYS[-1]
    for of, by in COVERAGE[len(DAYS) :]:
        assert pair.neo.coverage(of=of, by=by, as_of=day) == pair.local.coverage(of=of, by=by, as_of=day)


def test_the_overview(pair: Pair) -> None:
    assert pair.neo.overview(as_of=DAYS[1]) == pair.local.overview(as_of=DAYS[1])


@pytest.mark.parametrize(("start", "end"), WINDOWS)
def test_changes(pair: Pair, start: str, end: str) -> None:
    assert pair.neo.changes(start, end) == pair.local.changes(start, end)


@pytest.mark.parametrize("day", DAYS)
def test_one_subject_queries(pair: Pair, day: str) -> None:
    local, neo = pair.local, pair.neo
    bodies = pair.ids(NodeKind.CRG) + pair.ids(NodeKind.BOARD)
    posts = pair.ids(NodeKind.POST)
    people = pair.people()
    areas = pair.ids(NodeKind.SENATE, 1) + pair.ids(NodeKind.CCG, 1)
    for id in [*bodies, *posts, *people, *areas]:
        assert neo.representation(id, as_of=day) == local.representation(id, as_of=day), id
    for id in bodies:
        assert neo.members(id, as_of=day) == local.members(id, as_of=day), id
    for id in people:
        assert neo.posts_of(id, as_of=day) == local.posts_of(id, as_of=day), id
    for id in [*posts, *people]:
        assert neo.line_of_sight(id, as_of=day) == local.line_of_sight(id, as_of=day), id
    for id in posts:
        assert neo.below(id, as_of=day) == local.below(id, as_of=day), id


@pytest.mark.parametrize("day", [None, *DAYS])
def test_show_and_focus(pair: Pair, day: str | None) -> None:
    local, neo = pair.local, pair.neo
    for kind in NodeKind:
        for id in pair.ids(kind, 1):
            assert neo.show(id, as_of=day) == local.show(id, as_of=day), id
    for id in pair.ids(NodeKind.CRG, 1) + pair.people()[:1]:
        for depth in (1, 2):
            assert neo.focus(id, depth=depth, as_of=day) == local.focus(id, depth=depth, as_of=day), id


@pytest.mark.parametrize("day", [None, DAYS[1]])
def test_search(pair: Pair, day: str | None) -> None:
    for text, kind in [("cystic", None), ("london", None), ("wessex", NodeKind.HUB), ("chair", NodeKind.POST),
                       ("s2", NodeKind.CRG), ("a", NodeKind.PERSON)]:  # fmt: skip
        assert pair.neo.search(text, kind=kind, as_of=day) == pair.local.search(text, kind=kind, as_of=day)


def test_a_missing_id_is_refused_with_the_same_suggestions(pair: Pair) -> None:
    from govgraph.errors import NotFound

    for typo in ("crg:CSF", "region:londn", "post:crg:CFS/chiar"):
        with pytest.raises(NotFound) as on_neo:
            pair.neo.show(typo)
        with pytest.raises(NotFound) as on_local:
            pair.local.show(typo)
        assert on_neo.value.suggestions == on_local.value.suggestions


@pytest.mark.parametrize("pair", ["example"], indirect=True)  # a process each: one dataset is enough
def test_the_service_over_http_answers_alike_on_both_backends(
    pair: Pair, neo4j_server: Connection, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``govgraph serve --backend neo4j`` and ``govgraph serve`` on the same data, each in
    a process of its own: every query endpoint gives the same JSON, before and after a
    reload of the Neo4j one."""
    data = [] if pair.roster is None else ["--data", str(pair.roster)]
    monkeypatch.setenv("NEO4J_TEST_PASSWORD", neo4j_server.password)
    neo_args = ["--backend", "neo4j", "--neo4j", neo4j_server.uri, "--user", neo4j_server.user,
                "--password-env", "NEO4J_TEST_PASSWORD"]  # fmt: skip
    if neo4j_server.database:
        neo_args += ["--database", neo4j_server.database]
    on_neo = start_server(tmp_path / "neo4j", *neo_args)
    try:
        on_local = start_server(tmp_path / "networkx", *data)
        try:
            paths = _endpoints(pair)
            for path in paths:
                assert _get(on_neo, path) == _get(on_local, path), path
            reloaded = httpx2.post(f"{on_neo.base}/api/admin/reload", headers={"X-API-Key": KEY}, timeout=120)
            assert reloaded.status_code == 200, reloaded.text
            for path in paths[:5]:
                assert _get(on_neo, path) == _get(on_local, path), path
        finally:
            on_local.stop()
    finally:
        on_neo.stop()


def _endpoints(pair: Pair) -> list[str]:
    day = DAYS[1]
    crg, board, post = pair.ids(NodeKind.CRG, 1)[0], pair.ids(NodeKind.BOARD, 1)[0], pair.ids(NodeKind.POST, 1)[0]
    person = pair.people()[0]
    paths = [
        f"/api/gaps?as_of={day}",
        f"/api/coverage?as_of={day}&of=board&by=region",
        f"/api/overload?as_of={day}&min_seats=2",
        f"/api/stats?as_of={day}",
        f"/api/changes?from={WINDOWS[1][0]}&to={WINDOWS[1][1]}",
        f"/api/search?q=chair&as_of={day}",
        f"/api/nodes?kind=CRG&as_of={day}",
    ]
    for id in (crg, board, post, person):
        paths += [f"/api/representation/{id}?as_of={day}", f"/api/nodes/{id}?as_of={day}"]
    paths += [f"/api/members/{crg}?as_of={day}", f"/api/members/{board}?as_of={day}"]
    paths += [f"/api/line-of-sight/{post}?as_of={day}", f"/api/below/{post}?as_of={day}"]
    paths += [f"/api/posts-of/{person}?as_of={day}", f"/api/line-of-sight/{person}?as_of={day}"]
    return paths


def _get(server: Server, path: str) -> tuple[int, object]:
    answer = httpx2.get(f"{server.base}{path}", timeout=120)
    return answer.status_code, answer.json()


@pytest.mark.parametrize("day", DAYS[1:])
def test_look_ahead_queries(pair: Pair, day: str) -> None:
    local, neo = pair.local, pair.neo
    assert neo.upcoming(as_of=day, within_days=365) == local.upcoming(as_of=day, within_days=365)
    assert neo.recruit(as_of=day) == local.recruit(as_of=day)
    for person in pair.people()[:2]:
        assert neo.what_if(person, on=day) == local.what_if(person, on=day), person
