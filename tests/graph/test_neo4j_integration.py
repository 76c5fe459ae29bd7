"""The Neo4j store: what runs without a server (retries, failures reported in one line),
and, against a Neo4j 5 server named by NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD (and
optionally NEO4J_DATABASE), loading the built-in dataset and answering every store method
and every query exactly as the networkx store does. See docs/neo4j.md.

The server tests need a database without govgraph nodes: they load their own and delete
everything they wrote (nodes, relationships, metadata, constraints) when they finish.
"""

from __future__ import annotations

import os
import re
import socket
from collections.abc import Iterable, Iterator
from typing import Any

import pytest
from click.testing import CliRunner

pytest.importorskip("neo4j", reason="the neo4j driver is not installed: pip install 'govgraph[neo4j]'")
from neo4j.exceptions import ClientError, ConstraintError, ServiceUnavailable, SessionExpired, TransientError  # noqa: E402

import govgraph
from govgraph.cli import main
from govgraph.errors import BackendError, NotFound
from govgraph.graph.model import EdgeType, NodeKind, Role, edge_key
from govgraph.graph.neo4j_store import Neo4jStore, _translated, with_retries
from govgraph.graph.store import EdgeView, GraphStore, NetworkXStore
from govgraph.queries import (
    below,
    changes,
    coverage,
    gaps,
    line_of_sight,
    members,
    overload,
    posts_of,
    representation,
    search,
    show,
    stats,
)

SERVER = ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD")
needs_neo4j = pytest.mark.skipif(
    not all(os.environ.get(name) for name in SERVER),
    reason="set NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD to run against a Neo4j 5 server (docs/neo4j.md)",
)


# -- without a server ---------------------------------------------------------------------
class Flaky:
    """Raises the given errors in turn, then returns 'done'."""

    def __init__(self, *errors: BaseException) -> None:
        self.errors = list(errors)
        self.calls = 0

    def __call__(self) -> str:
        self.calls += 1
        if self.errors:
            raise self.errors.pop(0)
        return "done"


RETRYABLE = (TransientError, ServiceUnavailable, SessionExpired)


def test_transient_errors_are_retried_with_doubling_delays() -> None:
    call, slept = Flaky(ServiceUnavailable("down"), SessionExpired("gone"), TransientError("locked")), []
    assert with_retries(call, retryable=RETRYABLE, attempts=5, first_delay=0.5, sleep=slept.append) == "done"
    assert call.calls == 4
    assert slept == [0.5, 1.0, 2.0]


def test_retries_are_bounded_and_the_last_error_is_raised() -> None:
    call, slept = Flaky(*(ServiceUnavailable(f"down {n}") for n in range(5))), []
    with pytest.raises(ServiceUnavailable, match="down 2"):
        with_retries(call, retryable=RETRYABLE, attempts=3, first_delay=1, sleep=slept.append)
    assert call.calls == 3
    assert slept == [1, 2]


def test_other_errors_are_not_retried() -> None:
    call = Flaky(ClientError("bad statement"))
    with pytest.raises(ClientError):
        with_retries(call, retryable=RETRYABLE, attempts=5, first_delay=0, sleep=lambda s: None)
    assert call.calls == 1


def test_the_store_offers_every_method_of_the_interface() -> None:
    wanted = {name for name in vars(GraphStore) if not name.startswith("_")} | set(GraphStore.__annotations__)
    offered = set(dir(Neo4jStore)) | {"meta"}  # meta is set on each store
    assert wanted <= offered


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_refused_connection_is_one_line() -> None:
    uri = f"bolt://127.0.0.1:{closed_port()}"
    with pytest.raises(
        BackendError, match=f"^cannot connect to Neo4j at {re.escape(uri)}: .*Connection refused"
    ) as caught:
        Neo4jStore.connect(uri, "neo4j", "secret")
    assert "\n" not in str(caught.value)
    assert isinstance(caught.value.__cause__, ServiceUnavailable)


@pytest.mark.parametrize("uri", ["http://localhost:7474", "localhost:7687", "bolt+x://localhost"])
def test_a_uri_that_is_not_bolt_is_refused(uri: str) -> None:
    with pytest.raises(BackendError, match="the scheme must be one of bolt, bolt[+]s"):
        Neo4jStore.connect(uri, "neo4j", "secret")


def test_a_constraint_violation_is_one_line() -> None:
    from neo4j import exceptions

    # Built as the driver builds a server's failure (its str() adds codes and GQL status).
    failure = exceptions.Neo4jError._hydrate_neo4j(
        code="Neo.ClientError.Schema.ConstraintValidationFailed",
        message="Node(7) already exists with label `Node` and property `id` = 'crg:CFS'",
    )
    assert isinstance(failure, ConstraintError)
    error = _translated(failure, "bolt://db", exceptions)
    assert str(error) == (
        "Neo4j refused the write, a constraint would be violated: "
        "Node(7) already exists with label `Node` and property `id` = 'crg:CFS'"
    )


def test_load_reads_the_password_from_the_environment_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GOVGRAPH_TEST_NO_SUCH_VARIABLE", raising=False)
    result = CliRunner().invoke(main, ["load", "--neo4j", "bolt://localhost:7687", "--user", "neo4j",
                                       "--password-env", "GOVGRAPH_TEST_NO_SUCH_VARIABLE"])  # fmt: skip
    assert result.exit_code == 2
    assert (
        result.stderr == "error: the environment variable GOVGRAPH_TEST_NO_SUCH_VARIABLE (--password-env) is not set\n"
    )
    assert "--password " not in CliRunner().invoke(main, ["load", "--help"]).stdout


def test_load_reports_a_refused_connection_in_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVGRAPH_TEST_PASSWORD", "secret")
    uri = f"bolt://127.0.0.1:{closed_port()}"
    result = CliRunner().invoke(
        main, ["load", "--neo4j", uri, "--user", "neo4j", "--password-env", "GOVGRAPH_TEST_PASSWORD"]
    )
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: cannot connect to Neo4j at {uri}: ") and result.stderr.count("\n") == 1


# -- against a server ---------------------------------------------------------------------
DAYS = ["2013-06-01", "2016-01-01", "2023-01-01"]
IDS = [
    "crg:CFS",
    "region:london",
    "senate:london",
    "icb:QE1",
    "ccg:00L",
    "board:cpag",
    "post:crg:CFS/chair",
    "post:region:south/medical-director",
    "post:org:nhs-england/national-clinical-director-specialised-services",
]


def connect() -> Neo4jStore:
    env = os.environ
    return Neo4jStore.connect(
        env["NEO4J_URI"], env["NEO4J_USER"], env["NEO4J_PASSWORD"], database=env.get("NEO4J_DATABASE")
    )


@pytest.fixture(scope="module")
def graph() -> NetworkXStore:
    """The built-in dataset with the example roster (people, acting and ex officio seats)."""
    return govgraph.load().store


@pytest.fixture(scope="module")
def neo(graph: NetworkXStore) -> Iterator[Neo4jStore]:
    store = connect()
    if store.count():
        store.close()
        pytest.skip("the Neo4j database already holds govgraph nodes; these tests need one they can empty")
    try:
        store.import_store(graph, batch_size=500)
        yield store
    finally:
        store.clear(schema=True)
        store.close()


@pytest.fixture(scope="module")
def people(graph: NetworkXStore) -> list[str]:
    """People holding seats, one acting and one holding an ex officio seat's post among them."""
    holders = sorted({e.from_id for e in graph.edges(EdgeType.HOLDS)})
    acting = sorted({e.from_id for e in graph.edges(EdgeType.HOLDS) if e.attrs.get("acting")})
    followed = {e.to_id for e in graph.edges(EdgeType.EX_OFFICIO)}
    ex_officio = sorted({e.from_id for post in followed for e in graph.in_edges(post, EdgeType.HOLDS)})
    return sorted(set(holders[:3] + acting[:1] + ex_officio[:1]))


def edges(views: Iterable[EdgeView]) -> list[tuple[tuple[str, str, str], dict[str, Any]]]:
    """Edges in a comparable form: by ends and key, with their attributes."""
    return sorted((((e.from_id, e.to_id, edge_key(e.type, e.attrs.get("valid_from"))), dict(e.attrs)) for e in views),
                  key=lambda pair: pair[0])  # fmt: skip


def by_id(nodes: Iterable[Any]) -> list[dict[str, Any]]:
    return sorted((dict(n) for n in nodes), key=lambda n: n["id"])


@needs_neo4j
class TestNeo4jStore:
    def test_load_writes_every_node_edge_and_the_metadata(self, neo: Neo4jStore, graph: NetworkXStore) -> None:
        assert neo.count() == graph.count()
        assert {kind: neo.count(kind) for kind in NodeKind} == {kind: graph.count(kind) for kind in NodeKind}
        assert len(list(neo.edges())) == graph.number_of_edges()
        with connect() as again:  # the metadata is read back on connecting
            assert again.meta == graph.meta

    def test_loading_again_changes_nothing(self, neo: Neo4jStore, graph: NetworkXStore) -> None:
        loaded = neo.import_store(graph, batch_size=97)
        assert (loaded.nodes, loaded.edges) == (graph.count(), graph.number_of_edges())
        assert neo.count() == graph.count()
        assert len(list(neo.edges())) == graph.number_of_edges()

    def test_the_whole_graph_reads_back_equal(self, neo: Neo4jStore, graph: NetworkXStore) -> None:
        back = neo.to_networkx()
        assert by_id(back.nodes()) == by_id(graph.nodes())
        assert edges(back.edges()) == edges(graph.edges())
        assert back.meta == graph.meta

    def test_node_look_ups(self, neo: Neo4jStore, graph: NetworkXStore, people: list[str]) -> None:
        for id in IDS + people:
            assert neo.has_node(id) and dict(neo.node(id)) == dict(graph.node(id))
        assert not neo.has_node("crg:NOPE")
        with pytest.raises(NotFound) as caught:
            neo.node("crg:CSF")
        assert caught.value.suggestions == graph.suggest("crg:CSF")
        for typo in ("crg:CSF", "region:londn", "senate:londno", "person:ada-exampel", "nonsense"):
            assert neo.suggest(typo) == graph.suggest(typo)

    @pytest.mark.parametrize("day", [None, *DAYS])
    def test_nodes_counts_and_roles(self, neo: Neo4jStore, graph: NetworkXStore, day: str | None) -> None:
        for kind in [*NodeKind, None]:
            assert by_id(neo.nodes(kind, as_of=day)) == by_id(graph.nodes(kind, as_of=day))
        for role in Role:
            assert by_id(neo.posts_with_role(role, as_of=day)) == by_id(graph.posts_with_role(role, as_of=day))
        for type in [*EdgeType, None]:
            assert edges(neo.edges(type, as_of=day)) == edges(graph.edges(type, as_of=day))

    @pytest.mark.parametrize("day", [None, *DAYS])
    def test_edges_of_a_node(self, neo: Neo4jStore, graph: NetworkXStore, people: list[str], day: str | None) -> None:
        for id in IDS + people:
            for type in [*EdgeType, None]:
                assert edges(neo.out_edges(id, type, as_of=day)) == edges(graph.out_edges(id, type, as_of=day))
                assert edges(neo.in_edges(id, type, as_of=day)) == edges(graph.in_edges(id, type, as_of=day))
        with pytest.raises(NotFound):
            list(neo.out_edges("crg:NOPE"))
        with pytest.raises(NotFound):
            list(neo.in_edges("crg:NOPE", EdgeType.POST_IN))

    # -- queries, each run the way the module docstring of neo4j_store decides ------------
    @pytest.mark.parametrize("day", DAYS)
    def test_per_call_queries(self, neo: Neo4jStore, graph: NetworkXStore, people: list[str], day: str) -> None:
        for id in ["crg:CFS", "board:cpag", "post:region:south/medical-director", *people]:
            assert representation(neo, id, as_of=day) == representation(graph, id, as_of=day)
        for id in ["crg:CFS", "board:cpag", "board:poc-internal-medicine"]:
            assert members(neo, id, as_of=day) == members(graph, id, as_of=day)
        for id in [
            "post:crg:CFS/chair",
            "post:area-team:wessex/medical-director",
            "post:region:south/medical-director",
            *people,
        ]:
            assert line_of_sight(neo, id, as_of=day) == line_of_sight(graph, id, as_of=day)
        for id in [
            "post:region:south/medical-director",
            "post:org:nhs-england/national-clinical-director-specialised-services",
        ]:
            assert below(neo, id, as_of=day) == below(graph, id, as_of=day)
        for id in people:
            assert posts_of(neo, id, as_of=day) == posts_of(graph, id, as_of=day)
        for text, kind in [("cystic", None), ("wessex", NodeKind.HUB), ("london", None), ("chair", NodeKind.POST)]:
            assert search(neo, text, kind=kind, as_of=day) == search(graph, text, kind=kind, as_of=day)
            assert search(neo, text, kind=kind) == search(graph, text, kind=kind)
        assert stats(neo, as_of=day) == stats(graph, as_of=day)

    @pytest.mark.parametrize("day", DAYS)
    def test_queries_pulled_into_a_day_slice(
        self, neo: Neo4jStore, graph: NetworkXStore, people: list[str], day: str
    ) -> None:
        part = neo.subgraph_for(day)
        assert gaps(part, as_of=day) == gaps(graph, as_of=day)
        for of in ("crg", "board"):
            for by in ("senate", "region", "hub", "icb"):
                assert coverage(part, of=of, by=by, as_of=day) == coverage(graph, of=of, by=by, as_of=day)
        assert overload(part, min_seats=1, as_of=day) == overload(graph, min_seats=1, as_of=day)
        subject = people[0]
        with_subject = neo.subgraph_for(day, include=[subject])
        assert gaps(with_subject, as_of=day, subject=subject) == gaps(graph, as_of=day, subject=subject)
        with pytest.raises(NotFound):
            neo.subgraph_for(day, include=["person:nobody-at-all"])

    @pytest.mark.parametrize(("start", "end"), [("2013-06-01", "2015-06-01"), ("2015-01-01", "2023-01-01")])
    def test_changes_pulled_into_a_window_slice(
        self, neo: Neo4jStore, graph: NetworkXStore, start: str, end: str
    ) -> None:
        assert changes(neo.subgraph_for(start, end), start, end) == changes(graph, start, end)

    @pytest.mark.parametrize("day", [None, *DAYS])
    def test_show_pulled_from_a_neighbourhood(
        self, neo: Neo4jStore, graph: NetworkXStore, people: list[str], day: str | None
    ) -> None:
        for id in IDS + people:
            assert show(neo.neighbourhood(id), id, as_of=day) == show(graph, id, as_of=day)
        with pytest.raises(NotFound) as caught:
            neo.neighbourhood("crg:CSF")
        assert caught.value.suggestions == graph.suggest("crg:CSF")

    def test_a_write_that_breaks_a_constraint_is_one_line(self, neo: Neo4jStore) -> None:
        clash = NetworkXStore()
        # The id of a CRG under another kind: the uniqueness of :Node ids refuses it.
        clash.add_node_attrs({"id": "crg:CFS", "kind": "Board", "name": "Not a CRG", "source": "test"})
        with pytest.raises(BackendError, match="^Neo4j refused the write, a constraint would be violated: ") as caught:
            neo.import_store(clash)
        assert "\n" not in str(caught.value)
        assert isinstance(caught.value.__cause__, ConstraintError)
        assert neo.node("crg:CFS")["kind"] == "CRG"

    def test_the_load_command_replaces_the_graph_with_the_same_one(self, neo: Neo4jStore, graph: NetworkXStore,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
        # Last in the class: it empties the database and loads the same graph again.
        monkeypatch.setenv("GOVGRAPH_TEST_PASSWORD", os.environ["NEO4J_PASSWORD"])
        args = ["load", "--neo4j", os.environ["NEO4J_URI"], "--user", os.environ["NEO4J_USER"],
                "--password-env", "GOVGRAPH_TEST_PASSWORD", "--replace", "--batch-size", "2000"]  # fmt: skip
        if os.environ.get("NEO4J_DATABASE"):
            args += ["--database", os.environ["NEO4J_DATABASE"]]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.stderr
        assert (
            result.stdout
            == f"loaded {graph.count():,} nodes and {graph.number_of_edges():,} edges into {os.environ['NEO4J_URI']}\n"
        )
        assert neo.count() == graph.count()
        assert len(list(neo.edges())) == graph.number_of_edges()


# -- the service on the neo4j backend ------------------------------------------------------
def test_serve_on_neo4j_reports_a_refused_connection_in_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVGRAPH_TEST_PASSWORD", "secret")
    uri = f"bolt://127.0.0.1:{closed_port()}"
    result = CliRunner().invoke(main, ["serve", "--backend", "neo4j", "--neo4j", uri, "--user", "neo4j",
                                       "--password-env", "GOVGRAPH_TEST_PASSWORD"])  # fmt: skip
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: cannot connect to Neo4j at {uri}: ") and result.stderr.count("\n") == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--backend", "neo4j"], "backend neo4j needs neo4j_uri, neo4j_user, neo4j_password"),
        (["--backend", "neo4j", "--neo4j", "bolt://db", "--user", "u", "--password-env", "GOVGRAPH_TEST_PASSWORD",
          "--data", "tests/data/rosters/small"], "data and write_dir do not apply"),
    ],
)  # fmt: skip
def test_serve_on_neo4j_needs_its_settings(monkeypatch: pytest.MonkeyPatch, args: list[str], message: str) -> None:
    monkeypatch.setenv("GOVGRAPH_TEST_PASSWORD", "secret")
    result = CliRunner().invoke(main, ["serve", *args])
    assert result.exit_code == 2 and message in result.stderr


@needs_neo4j
def test_the_service_on_neo4j_answers_as_on_networkx(neo: Neo4jStore, graph: NetworkXStore) -> None:
    from fastapi.testclient import TestClient

    from govgraph.api import Settings, create_app

    env = os.environ
    settings = Settings(
        backend="neo4j", neo4j_uri=env["NEO4J_URI"], neo4j_user=env["NEO4J_USER"], neo4j_password=env["NEO4J_PASSWORD"]
    )
    local = govgraph.Governance(graph)
    with TestClient(create_app(settings)) as client:
        for day in DAYS:
            assert client.get("/api/gaps", params={"as_of": day}).json() == local.gaps(as_of=day).model_dump(
                mode="json"
            )
            assert client.get("/api/coverage", params={"as_of": day}).json() == local.coverage(as_of=day).model_dump(
                mode="json"
            )
        assert client.get("/api/representation/crg:CFS", params={"as_of": "2014-06-01"}).json() == (
            local.representation("crg:CFS", as_of="2014-06-01").model_dump(mode="json")
        )
