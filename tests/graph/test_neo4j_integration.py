"""The Neo4j store: what runs without a server (retries, failures reported in one line),
and, against the test session's Neo4j 5.26 server (``neo4j_server`` in conftest.py, or the
server NEO4J_URI names), loading the built-in dataset with the example roster and
answering every store method and every query exactly as the networkx store does. See
docs/neo4j.md.

The server tests need a database without govgraph nodes: they load their own and delete
everything they wrote (nodes, relationships, metadata, constraints) when they finish.
"""

from __future__ import annotations

import contextlib
import re
import socket
import threading
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import neo4j
import pytest
from click.testing import CliRunner
from neo4j.exceptions import ClientError, ConstraintError, ServiceUnavailable, SessionExpired, TransientError

import govgraph
from govgraph.cli import main
from govgraph.errors import BackendError, NotFound
from govgraph.graph.model import EdgeType, NodeKind, Role, edge_key
from govgraph.graph.neo4j_store import Neo4jStore, with_retries
from govgraph.graph.store import EdgeView, GraphStore, NetworkXStore
from tests import _neo4j
from tests._neo4j import Connection


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
IDS = _neo4j.STORY_IDS


def connect(server: Connection) -> Neo4jStore:
    return Neo4jStore.connect(server.uri, server.user, server.password, database=server.database)


@pytest.fixture(scope="module")
def graph() -> NetworkXStore:
    """The built-in dataset with the example roster (people, acting and ex officio seats)."""
    return govgraph.load().store


@pytest.fixture(scope="module")
def neo(graph: NetworkXStore, neo4j_server: Connection) -> Iterator[Neo4jStore]:
    store = connect(neo4j_server)
    if store.count():
        store.close()
        pytest.fail("the Neo4j database already holds govgraph nodes; these tests need one they can empty")
    try:
        store.import_store(graph, batch_size=5000)
        yield store
    finally:
        store.clear(schema=True)
        store.close()


@pytest.fixture(scope="module")
def other_app(neo4j_server: Connection) -> Iterator[neo4j.Driver]:
    """A driver of its own, as another application sharing the database would have."""
    with neo4j.GraphDatabase.driver(neo4j_server.uri, auth=(neo4j_server.user, neo4j_server.password)) as driver:
        yield driver


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


class TestNeo4jStore:
    def test_load_writes_every_node_edge_and_the_metadata(
        self, neo: Neo4jStore, graph: NetworkXStore, neo4j_server: Connection
    ) -> None:
        assert neo.count() == graph.count()
        assert {kind: neo.count(kind) for kind in NodeKind} == {kind: graph.count(kind) for kind in NodeKind}
        assert len(list(neo.edges())) == graph.number_of_edges()
        with connect(neo4j_server) as again:  # the metadata is read back on connecting
            assert again.meta == graph.meta

    def test_loading_again_changes_nothing(self, neo: Neo4jStore, graph: NetworkXStore) -> None:
        loaded = neo.import_store(graph, batch_size=997)  # a last batch that is short
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

    # -- read scopes: each read sent once, with what the next reads need -----------------
    def test_a_read_scope_answers_as_the_store_calls_do(
        self, neo: Neo4jStore, graph: NetworkXStore, people: list[str]
    ) -> None:
        # One day: reads for every date (day None) in a scope are the parity suite's.
        day = DAYS[1]
        # Asked in the order a query walks (a body, then its seats, then their holders),
        # so that most answers come from what earlier reads brought along.
        with neo.reading():
            for id in IDS + people:
                for type in [*EdgeType, None]:
                    assert edges(neo.in_edges(id, type, as_of=day)) == edges(graph.in_edges(id, type, as_of=day))
                    assert edges(neo.out_edges(id, type, as_of=day)) == edges(graph.out_edges(id, type, as_of=day))
                for e in [*neo.in_edges(id, as_of=day), *neo.out_edges(id, as_of=day)]:
                    end = e.from_id if e.to_id == id else e.to_id
                    assert dict(neo.node(end)) == dict(graph.node(end))
                    for type in (EdgeType.HOLDS, EdgeType.POST_IN, EdgeType.REPRESENTS):
                        assert edges(neo.out_edges(end, type, as_of=day)) == edges(
                            graph.out_edges(end, type, as_of=day)
                        )
                        assert edges(neo.in_edges(end, type, as_of=day)) == edges(graph.in_edges(end, type, as_of=day))
            assert not neo.has_node("crg:NOPE")
            with pytest.raises(NotFound) as caught:
                list(neo.in_edges("crg:CSF", EdgeType.POST_IN, as_of=day))
            assert caught.value.suggestions == graph.suggest("crg:CSF")

    def test_a_read_scope_sends_a_few_reads_where_calls_send_hundreds(
        self, neo: Neo4jStore, graph: NetworkXStore, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        from govgraph.governance import Governance
        from govgraph.queries import representation

        sent: list[str] = []
        read = neo._read

        def counted(text: str, params: dict[str, Any]) -> list[dict[str, Any]]:
            sent.append(text)
            return read(text, params)

        monkeypatch.setattr(neo, "_read", counted)
        by_call = representation(neo, "crg:CFS", as_of=DAYS[1])
        calls, sent[:] = len(sent), []
        scoped = Governance(neo).representation("crg:CFS", as_of=DAYS[1])  # in a read scope
        assert scoped == by_call == representation(graph, "crg:CFS", as_of=DAYS[1])
        # The CRG's seats, their holders and areas come in one read; what is left is each
        # area's predecessors, the areas of a kind, and a few holders' other seats.
        assert len(sent) * 4 <= calls, (len(sent), calls)

    def test_a_write_through_the_store_is_seen_by_the_next_read_of_a_scope(
        self, neo: Neo4jStore, graph: NetworkXStore, other_app: neo4j.Driver
    ) -> None:
        from govgraph.graph.model import Edge, Post

        seat = "post:crg:CFS/scope-test"
        try:
            with neo.reading():
                seats = [e.from_id for e in neo.in_edges("crg:CFS", EdgeType.POST_IN, as_of=DAYS[1])]
                assert seats == sorted(e.from_id for e in graph.in_edges("crg:CFS", EdgeType.POST_IN, as_of=DAYS[1]))
                assert not neo.has_node(seat)
                neo.add_node(Post(id=seat, name="Scope test", role=Role.CLINICAL_MEMBER, source="test"))
                assert neo.node(seat)["name"] == "Scope test"
                neo.add_edge(Edge(type=EdgeType.POST_IN, from_id=seat, to_id="crg:CFS", source="test"))
                now = [e.from_id for e in neo.in_edges("crg:CFS", EdgeType.POST_IN, as_of=DAYS[1])]
                assert now == sorted([*seats, seat])
            # Another process's write is seen by the next scope.
            other_app.execute_query("MATCH (n:GovGraph {id: $id}) DETACH DELETE n", id=seat, database_=neo.database)
            with neo.reading():
                assert not neo.has_node(seat)
                assert [e.from_id for e in neo.in_edges("crg:CFS", EdgeType.POST_IN, as_of=DAYS[1])] == seats
        finally:
            other_app.execute_query("MATCH (n:GovGraph {id: $id}) DETACH DELETE n", id=seat, database_=neo.database)

    # -- the slices queries are pulled into (the queries themselves: test_neo4j_parity.py) --
    def test_slices_name_an_unknown_id_with_suggestions(self, neo: Neo4jStore, graph: NetworkXStore) -> None:
        with pytest.raises(NotFound):
            neo.subgraph_for(DAYS[0], include=["person:nobody-at-all"])
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

    def test_a_date_counts_as_its_iso_day(self, neo: Neo4jStore, graph: NetworkXStore) -> None:
        day = date(2016, 1, 1)
        assert by_id(neo.nodes(NodeKind.CRG, as_of=day)) == by_id(graph.nodes(NodeKind.CRG, as_of=day.isoformat()))
        assert by_id(neo.nodes(NodeKind.CRG, as_of=day))  # not nothing, as a date compared with text would give
        chair = Role.CHAIR
        assert by_id(neo.posts_with_role(chair, as_of=day)) == by_id(graph.posts_with_role(chair, as_of="2016-01-01"))
        assert edges(neo.in_edges("crg:CFS", as_of=day)) == edges(graph.in_edges("crg:CFS", as_of="2016-01-01"))
        assert edges(neo.edges(EdgeType.HOLDS, as_of=day)) == edges(graph.edges(EdgeType.HOLDS, as_of="2016-01-01"))

    def test_the_metadata_node_is_unique(self, neo: Neo4jStore, other_app: neo4j.Driver) -> None:
        with pytest.raises(ConstraintError):
            other_app.execute_query("CREATE (:GovGraphMeta {id: 'meta'})", database_=neo.database)

    def test_sessions_share_the_bookmarks_of_the_stores_writes(self, neo: Neo4jStore) -> None:
        # On a cluster, each transaction waits for the bookmarks it is given: a read after a
        # write carries the write's bookmark, so whichever member serves it has the write.
        original = dict(neo.meta)
        before = set(neo.bookmark_manager.get_bookmarks())
        neo.import_store(NetworkXStore(meta=original | {"note": "changed"}))  # a write: the metadata
        after = set(neo.bookmark_manager.get_bookmarks())
        assert after and after != before
        neo.count()  # a read adds no newer bookmark than the write's
        assert set(neo.bookmark_manager.get_bookmarks()) == after
        neo.import_store(NetworkXStore(meta=original))
        assert neo.meta == original

    def test_other_applications_nodes_are_left_alone(
        self, neo: Neo4jStore, graph: NetworkXStore, other_app: neo4j.Driver, neo4j_server: Connection
    ) -> None:
        # A shared database: another application's :Person, :CRG and :Node nodes, one with a
        # govgraph id, are neither read nor deleted, and do not clash with govgraph's.
        theirs = "MATCH (n) WHERE n:Person OR n:CRG OR n:Node RETURN count(n) AS n"
        other_app.execute_query(
            "CREATE (:Person {id: 'person:alex-other-app'}), (:CRG {id: 'crg:CFS', name: 'Other'}), (:Node {id: 'x'})",
            database_=neo.database,
        )
        try:
            assert other_app.execute_query(theirs, database_=neo.database).records[0]["n"] == 3 + graph.count(
                NodeKind.PERSON
            ) + graph.count(NodeKind.CRG)
            assert by_id(neo.nodes(NodeKind.PERSON)) == by_id(graph.nodes(NodeKind.PERSON))
            assert dict(neo.node("crg:CFS")) == dict(graph.node("crg:CFS"))
            assert neo.count() == graph.count()
            neo.clear()  # clears govgraph's graph only
            assert neo.count() == 0
            assert other_app.execute_query(theirs, database_=neo.database).records[0]["n"] == 3
        finally:
            other_app.execute_query("MATCH (n) WHERE NOT n:GovGraph DETACH DELETE n", database_=neo.database)
            neo.import_store(graph, batch_size=1000)
        assert neo.count() == graph.count()

    def test_the_load_command_replaces_the_graph_with_the_same_one(
        self, neo: Neo4jStore, graph: NetworkXStore, neo4j_server: Connection, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        # Last in the class: it empties the database and loads the same graph again.
        monkeypatch.setenv("GOVGRAPH_TEST_PASSWORD", neo4j_server.password)
        args = ["load", "--neo4j", neo4j_server.uri, "--user", neo4j_server.user,
                "--password-env", "GOVGRAPH_TEST_PASSWORD", "--replace", "--batch-size", "2000"]  # fmt: skip
        if neo4j_server.database:
            args += ["--database", neo4j_server.database]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.stderr
        assert (
            result.stdout
            == f"loaded {graph.count():,} nodes and {graph.number_of_edges():,} edges into {neo4j_server.uri}\n"
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


def test_the_service_reuses_its_store_across_reloads(
    neo: Neo4jStore, graph: NetworkXStore, neo4j_server: Connection
) -> None:
    from fastapi.testclient import TestClient

    from govgraph.api import Settings, create_app

    settings = Settings(
        backend="neo4j",
        neo4j_uri=neo4j_server.uri,
        neo4j_user=neo4j_server.user,
        neo4j_password=neo4j_server.password,
        neo4j_database=neo4j_server.database or "neo4j",
        api_key="k",
    )
    with TestClient(create_app(settings)) as client:
        holder = client.app.state.graph  # type: ignore[attr-defined]
        first = holder.current.governance.store
        assert isinstance(first, Neo4jStore) and first.database == settings.neo4j_database
        for _ in range(3):
            assert client.post("/api/admin/reload", headers={"X-API-Key": "k"}).status_code == 200
        # One driver (connection pool) for the process, however often the graph reloads.
        assert holder.current.governance.store is first
        day = "2016-01-01"
        expected = govgraph.Governance(graph).stats(as_of=day).model_dump(mode="json")
        assert client.get("/api/stats", params={"as_of": day}).json() == expected


# -- the server going away ------------------------------------------------------------------
class Relay:
    """A TCP relay on a free loopback port to ``upstream`` (host, port): a server that can
    be taken away (``cut``) while a store is connected through it."""

    def __init__(self, upstream: tuple[str, int]) -> None:
        self.upstream = upstream
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.sockets: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return  # cut
            server = socket.create_connection(self.upstream)
            self.sockets += [client, server]
            for source, sink in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        for end in (source, sink):
            with contextlib.suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)

    def cut(self) -> None:
        """Stop listening and drop every connection: from now on, connections are refused."""
        # shutdown wakes the accept() blocked in the other thread; close alone would not.
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)
        self.listener.close()
        for end in self.sockets:
            with contextlib.suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)
            end.close()


def test_a_server_gone_down_fails_each_call_at_once_without_backoff(neo: Neo4jStore, neo4j_server: Connection) -> None:
    host, _, port = neo4j_server.uri.removeprefix("bolt://").rpartition(":")
    relay = Relay((host, int(port)))
    uri = f"bolt://127.0.0.1:{relay.port}"
    # A backoff of an hour: a call that retried a refused connection would never finish.
    with Neo4jStore.connect(uri, neo4j_server.user, neo4j_server.password, database=neo.database,
                            first_delay=3600) as store:  # fmt: skip
        assert store.count() == neo.count()
        relay.cut()
        for _ in range(3):
            with pytest.raises(BackendError) as caught:
                store.count()
            # One attempt, so the message claims none: the driver drops the dead pooled
            # connection itself and the new one is refused.
            message = str(caught.value)
            assert message.startswith(f"cannot connect to Neo4j at {uri}: ") and "Connection refused" in message


def test_without_java_the_neo4j_tests_say_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # conftest.py turns this into a failure of every test that needs the server: not a skip.
    monkeypatch.setenv("JAVA_HOME", str(tmp_path))
    with pytest.raises(_neo4j.Neo4jUnavailable, match="apt-get install openjdk-17-jdk-headless maven"):
        _neo4j.java()


def test_the_service_answers_503_while_its_database_is_down(neo: Neo4jStore, neo4j_server: Connection) -> None:
    from fastapi.testclient import TestClient

    from govgraph.api import Settings, create_app

    host, _, port = neo4j_server.uri.removeprefix("bolt://").rpartition(":")
    relay = Relay((host, int(port)))
    uri = f"bolt://127.0.0.1:{relay.port}"
    settings = Settings(backend="neo4j", neo4j_uri=uri, neo4j_user=neo4j_server.user,
                        neo4j_password=neo4j_server.password, neo4j_database=neo.database)  # fmt: skip
    with TestClient(create_app(settings)) as client:
        assert client.get("/api/representation/crg:CFS", params={"as_of": "2016-01-01"}).status_code == 200
        relay.cut()
        for path in ("/api/representation/crg:CFS", "/api/gaps", "/api/nodes/crg:CFS"):
            answer = client.get(path, params={"as_of": "2016-01-01"})
            assert answer.status_code == 503, path
            # What failed, without the database's address, which is none of a client's business.
            assert answer.json()["error"] == {"status": 503, "code": "backend_unavailable",
                                              "message": "the graph database is unavailable", "suggestions": [],
                                              "problems": []}  # fmt: skip
