"""The Neo4j store: the GraphStore interface over a Neo4j 5 database, with the official driver.

Use it where one process is not enough (a Neo4j cluster, a hosted Neo4j)::

    store = Neo4jStore.connect("bolt://localhost:7687", "neo4j", password)
    store.import_store(govgraph.load().store)      # idempotent: MERGE, batched
    members(store, "crg:CFS", as_of="2014-01-01")  # the same query code as ever

How the graph is laid out in Neo4j, and the Cypher sent, are in ``govgraph.graph.cypher``.

Which queries run how
    Every query in ``govgraph.queries`` is one Python implementation, shared by both
    stores. On Neo4j each store call is one Cypher round trip, so a query can run in two
    ways, chosen by what it reads:

    *per call* (pass the ``Neo4jStore`` itself)
        for questions about one node whose reads follow data-dependent paths: ex officio
        chains, REPORTS_TO chains, successions. Writing those traversals again in Cypher
        would be a second implementation to keep equal; per call, the one in Python runs
        unchanged, at a few round trips per seat or link.

        ``line_of_sight``, ``below``   walk REPORTS_TO one link at a time, reading each
                                       post's holders: tens of calls per chain.
        ``members``, ``posts_of``      one body's seats (or one person's holdings) and who
                                       fills them: a few calls per seat.
        ``representation``             one subject's seats, the areas of one kind with
                                       their predecessors, and for a post its line of
                                       sight: a few hundred calls at most.

        In a read scope (``reading``; ``Governance`` opens one around each of these) the
        calls of one query send each read once, and an edge read brings along what the
        queries read next of the nodes it reaches (``cypher.out_edges_reaching``), for
        the node asked about and its siblings at once: a CRG's representation takes 7 or
        8 round trips instead of about 190.
        ``search``                     one read (``nodes``), filtered in Python so that
                                       case folding is Python's, not Cypher's ``toLower``.
        ``stats``                      two reads (``nodes``, ``edges``); its earliest and
                                       latest dates span the whole history anyway.

    *pulled* (run the query on a NetworkXStore read from Neo4j in one transaction)
        for questions over the whole graph on a day, where per call would mean thousands
        of round trips, and for ``show``, whose bounded subgraph is one hop.

        ``gaps``, ``coverage``,        ``subgraph_for(day)``: every rule and subject, every
        ``overload``                   body and area, every person on the day.
        ``changes``                    ``subgraph_for(from_date, to_date)``: two days' gaps
                                       and holders, and the holdings starting or ending
                                       between them.
        ``show``                       ``neighbourhood(id)``: the node, every edge touching
                                       it and the node at each other end, in one read.

    ``subgraph_for(start, end)`` is the structure in full (every node but people, every
    edge but holdings, whatever their dates) plus the people existing, and the holdings
    counting, on some day from ``start`` to ``end``, with the holder of each. It is exact
    for those queries because the only reads they make without a date are of structure
    (successions, seats' bodies, REPORTS_TO links, every node of a kind) and every read
    of people or holdings is filtered to one of the days (or, for ``changes``, to
    holdings starting or ending inside the window, which overlap it). What it leaves out
    is what grows with time: past and future holders and their holdings.

    Answers equal the networkx store's on the same data. Reads come back in id order
    (then edge-key order), where the networkx store keeps insertion order; every query
    sorts what it returns, so the order only shows where a query takes the first of
    several: a post with more than one POST_IN edge, or a body PART_OF several parents
    on one day (the built-in dataset has neither).

Failures
    Transient errors (``TransientError``, and a connection lost or a cluster member gone
    mid-way: ``ServiceUnavailable``, ``SessionExpired``) are retried with exponential
    backoff, a bounded number of times; every transaction sent is safe to repeat (reads,
    and MERGE writes). A server that cannot be reached at all (connection refused or
    timed out) is not retried: the call fails at once, so that a service whose database
    is down answers errors quickly instead of each request waiting out the backoff. A
    refused connection, refused credentials and a violated constraint are each one
    ``BackendError`` line, with the driver's exception chained; the line says how many
    attempts were made only when there were several.

Deployments
    * One driver per store, made once and closed with the store: the driver is the
      connection pool, meant to live as long as the process.
    * Every session of a store shares one bookmark manager, so that on a cluster a read
      sees the writes the store made before it (causal consistency), whichever member
      serves it.
    * ``database`` names the database (``NEO4J_DATABASE``); the server's default otherwise.
    * Every node govgraph writes carries the label ``:GovGraph`` (``cypher.BASE_LABEL``)
      and every read and delete matches on it, so the graph can share a database with
      other applications' nodes: ``clear`` deletes only govgraph's.

The driver is the optional extra ``govgraph[neo4j]``: it is imported when a store
connects, so the rest of govgraph runs without it.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from types import ModuleType
from typing import TYPE_CHECKING, Any, TypeVar

from govgraph.errors import BackendError, InvalidParameter, NotFound
from govgraph.graph import cypher
from govgraph.graph.model import Edge, EdgeType, Node, NodeKind, Record, Role, kind_of_id, record_to_attrs
from govgraph.graph.store import EdgeView, NetworkXStore, NodeData, closest
from govgraph.graph.timeline import parse_date

if TYPE_CHECKING:
    import neo4j

__all__ = ["CONNECTION_TIMEOUT", "Loaded", "Neo4jStore", "with_retries"]

T = TypeVar("T")

#: The Bolt schemes: plain, routing (``neo4j``), and each with TLS (``+s``) or TLS
#: accepting a self-signed certificate (``+ssc``). The driver's HTTP preview is not used.
_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
#: Seconds to wait for a server to accept a connection (the driver's default is 30): a
#: server that has not answered by then is treated as down.
CONNECTION_TIMEOUT = 10.0
#: Nodes whose edges one read of a read scope asks for at most.
_BATCH = 100
#: Candidates ``suggest`` compares at most, as the networkx store does.
_MAX_SUGGESTION_POOL = 20_000


#: Key of a cached adjacency: (day or None for every date, node id, outgoing, edge type or
#: None for every type).
_AdjacencyKey = tuple[str | None, str, bool, str | None]


@dataclass
class _Reads:
    """What one read scope (``Neo4jStore.reading``) has read: nodes by id, and adjacencies,
    each exactly what the store call would return. Valid while the store's ``generation``
    is the one it was filled at: any write through the store empties it."""

    store: Neo4jStore
    generation: int
    nodes: dict[str, NodeData] = field(default_factory=dict)
    adjacency: dict[_AdjacencyKey, list[EdgeView]] = field(default_factory=dict)
    #: For a node, the ids read last together with it (its siblings among a body's
    #: seats, a seat's holders, the nodes of a kind): read at once when one is asked about.
    siblings: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def current(self) -> _Reads:
        if self.generation != self.store.generation:
            self.nodes.clear()
            self.adjacency.clear()
            self.siblings.clear()
            self.generation = self.store.generation
        return self

    def group(self, ids: Sequence[str]) -> None:
        """Note ``ids`` as read together."""
        if len(ids) > 1:
            together = tuple(dict.fromkeys(ids))
            for id in together:
                self.siblings[id] = together

    def edges(self, day: str | None, id: str, outgoing: bool, type: str | None) -> list[EdgeView] | None:
        """The cached answer, or None when it was not read."""
        found = self.adjacency.get((day, id, outgoing, type))
        if found is None and type is not None:
            every = self.adjacency.get((day, id, outgoing, None))
            if every is not None:
                found = [edge for edge in every if edge.attrs["type"] == type]
        return found


#: The read scope of the running context (thread, task), if any.
_SCOPE: ContextVar[_Reads | None] = ContextVar("govgraph_neo4j_reads", default=None)


class Loaded(Record):
    """What ``import_store`` wrote."""

    nodes: int
    edges: int


def with_retries(
    call: Callable[[], T],
    *,
    retryable: tuple[type[BaseException], ...],
    attempts: int,
    first_delay: float,
    give_up: Callable[[BaseException], bool] = lambda exc: False,
    sleep: Callable[[float], None] = time.sleep,
) -> T:
    """``call()``, tried again after ``first_delay``, then twice as long each time, while
    it raises one of ``retryable`` (whose ``is_retryable()``, when it has one, agrees, and
    for which ``give_up`` is false), at most ``attempts`` times in all. The last error is
    raised as it came.

    >>> outcomes = iter([ConnectionError("busy"), "done"])
    >>> def call():
    ...     outcome = next(outcomes)
    ...     if isinstance(outcome, Exception):
    ...         raise outcome
    ...     return outcome
    >>> with_retries(call, retryable=(ConnectionError,), attempts=3, first_delay=0, sleep=lambda s: None)
    'done'
    """
    if attempts < 1:
        raise ValueError(f"attempts must be at least 1, not {attempts}")
    delay = first_delay
    for _ in range(attempts - 1):
        try:
            return call()
        except retryable as exc:
            # The driver (from what the server says) can mark an error of a retryable
            # class as not worth repeating.
            is_retryable = getattr(exc, "is_retryable", None)
            if (is_retryable is not None and not is_retryable()) or give_up(exc):
                raise
        sleep(delay)
        delay *= 2
    return call()


def _driver_module() -> ModuleType:
    # The driver is an optional extra; importing it here keeps ``import govgraph`` free of it.
    try:
        import neo4j
    except ImportError as exc:
        raise BackendError("the neo4j driver is not installed: pip install 'govgraph[neo4j]'") from exc
    return neo4j


class Neo4jStore:
    """A GraphStore on a Neo4j database. Make one with ``connect``; ``close`` it when done
    (or use it as a context manager).

    ``meta`` is the metadata of the graph last imported (its sources, when it was built);
    it is read when the store connects and written by ``import_store``.
    """

    def __init__(
        self,
        driver: neo4j.Driver,
        *,
        uri: str,
        database: str | None = None,
        attempts: int = 5,
        first_delay: float = 0.5,
    ) -> None:
        self._driver = driver
        self._uri = uri
        self._database = database
        self._attempts = attempts
        self._first_delay = first_delay
        self._neo4j = _driver_module()
        # Shared by every session of this store: each transaction starts after the last
        # one this store committed, on whichever cluster member serves it.
        self.bookmark_manager = self._neo4j.GraphDatabase.bookmark_manager()
        #: Counts the writes made through this store; a read scope's cache is good for one value.
        self.generation = 0
        self.meta: dict[str, Any] = {}
        self.refresh()

    def refresh(self) -> None:
        """Read the metadata of the graph last imported again (after another process
        loaded the database)."""
        rows = self._read(cypher.read_meta(), {})
        self.meta = json.loads(rows[0]["json"]) if rows and rows[0]["json"] else {}

    @classmethod
    def connect(cls, uri: str, user: str, password: str, database: str | None = None, **options: Any) -> Neo4jStore:
        """Connect to ``uri`` (``bolt://``, ``neo4j://`` or their ``+s`` forms) and check
        that the server answers and accepts the credentials.

        ``options`` go to ``Neo4jStore`` (``attempts``, ``first_delay``). A server that
        does not accept the connection within ``CONNECTION_TIMEOUT`` seconds counts as
        unreachable.

        Raises
        ------
        BackendError
            the driver is not installed, the URI is malformed, the server cannot be
            reached, or it refuses the credentials: one line saying which.
        """
        scheme = uri.partition("://")[0]
        if scheme not in _SCHEMES:
            raise BackendError(f"not a Neo4j URI {uri!r}: the scheme must be one of {', '.join(_SCHEMES)}")
        neo4j = _driver_module()
        exceptions = neo4j.exceptions
        try:
            driver = neo4j.GraphDatabase.driver(
                uri,
                auth=(user, password),
                connection_timeout=CONNECTION_TIMEOUT,
                # The server's notices (a label not created yet) are not failures; each would be
                # logged as a warning.
                notifications_min_severity="OFF",
            )
        except (exceptions.ConfigurationError, ValueError) as exc:
            raise BackendError(f"not a Neo4j URI {uri!r}: {_one_line(exc)}") from exc
        try:
            driver.verify_connectivity()
            return cls(driver, uri=uri, database=database, **options)
        except exceptions.AuthError as exc:
            driver.close()
            raise BackendError(f"Neo4j at {uri} refused the credentials of user {user!r}") from exc
        except (exceptions.Neo4jError, exceptions.DriverError) as exc:
            driver.close()
            raise _translated(exc, uri, exceptions) from exc
        except BaseException:
            driver.close()
            raise

    @property
    def database(self) -> str | None:
        """The database this store reads and writes (None: the server's default)."""
        return self._database

    def close(self) -> None:
        self._driver.close()

    def __enter__(self) -> Neo4jStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions ---------------------------------------------------------------------
    def _transaction(
        self, statements: Sequence[tuple[str, dict[str, Any]]], *, write: bool
    ) -> list[list[dict[str, Any]]]:
        """Run statements in one transaction, retrying transient failures; each
        statement's rows, read in full before the commit so that a retry starts clean."""
        exceptions = self._neo4j.exceptions
        mode = self._neo4j.WRITE_ACCESS if write else self._neo4j.READ_ACCESS
        attempts = 0

        def attempt() -> list[list[dict[str, Any]]]:
            nonlocal attempts
            attempts += 1
            with (
                self._driver.session(
                    database=self._database,
                    default_access_mode=mode,
                    bookmark_manager=self.bookmark_manager,
                    fetch_size=-1,  # every row in one go: they are all read before the commit anyway
                ) as session,
                session.begin_transaction() as tx,
            ):
                results = [_rows(tx.run(text, params)) for text, params in statements]
                tx.commit()
                return results

        retryable = (exceptions.TransientError, exceptions.ServiceUnavailable, exceptions.SessionExpired)
        try:
            return with_retries(
                attempt,
                retryable=retryable,
                attempts=self._attempts,
                first_delay=self._first_delay,
                give_up=_unreachable,
            )
        except (exceptions.Neo4jError, exceptions.DriverError) as exc:
            raise _translated(exc, self._uri, exceptions, attempts=attempts) from exc

    def _read(self, text: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        return self._transaction([(text, params)], write=False)[0]

    def _write(self, text: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        # Before as well as after: a scope reading while the write runs keeps nothing from before it.
        self.generation += 1
        try:
            return self._transaction([(text, params)], write=True)[0]
        finally:
            self.generation += 1

    # -- read scopes ----------------------------------------------------------------------
    @contextmanager
    def reading(self) -> Iterator[None]:
        """A read scope: the reads of one query, each sent once.

        Inside it, a node read is kept for the rest of the scope, and an edge read
        (``out_edges``, ``in_edges``) brings with it, in the same round trip, the edges
        and nodes the queries read next from each node it reaches (``cypher.
        out_edges_reaching``): a body's seats come with their holders, the areas they
        speak for and their ex officio links. So a query that walks a body, its seats
        and their holders one call at a time sends a handful of round trips instead of a
        few hundred. Every answer is the one the store call gives outside a scope.

        The scope belongs to the context (thread or task) that opened it, and lives until
        it closes: the next scope reads the database again, so it sees what other
        processes wrote meanwhile. A write through this store empties every scope's
        cache. Scopes nest; an inner one shares the outer one's reads.
        """
        outer = _SCOPE.get()
        if outer is not None and outer.store is self:
            yield
            return
        token = _SCOPE.set(_Reads(self, self.generation))
        try:
            yield
        finally:
            _SCOPE.reset(token)

    def _scope(self) -> _Reads | None:
        reads = _SCOPE.get()
        return reads.current() if reads is not None and reads.store is self else None

    # -- writes ---------------------------------------------------------------------------
    def ensure_schema(self) -> None:
        """Create the uniqueness constraints and the role index, where they are missing."""
        for text in cypher.constraint_statements():
            self._write(text, {})

    def add_node(self, node: Node) -> None:
        """Add a node, or replace every attribute of the node with the same id."""
        attrs = record_to_attrs(node)
        self._write(cypher.merge_nodes(attrs["kind"]), {"rows": [cypher.node_row(attrs)]})

    def add_edge(self, edge: Edge) -> None:
        """Add an edge between two existing nodes (replacing one with the same key)."""
        attrs = record_to_attrs(edge)
        row = cypher.edge_row(edge.from_id, edge.to_id, attrs)
        written = self._write(cypher.merge_edges(edge.type), {"rows": [row]})[0]["written"]
        if not written:
            missing = edge.from_id if not self.has_node(edge.from_id) else edge.to_id
            raise NotFound(missing, self.suggest(missing))

    def import_store(self, store: NetworkXStore, *, batch_size: int = cypher.DEFAULT_BATCH_SIZE) -> Loaded:
        """Write every node, edge and the metadata of ``store``: constraints first, then
        nodes by kind and edges by type, ``batch_size`` rows per transaction.

        Idempotent: importing the same store again changes nothing. It adds and updates;
        what ``store`` does not have is left alone (``clear`` first to replace a graph).
        """
        self.ensure_schema()
        nodes = 0
        for kind, batch in cypher.node_batches(store, batch_size):
            nodes += self._write(cypher.merge_nodes(kind), {"rows": batch})[0]["written"]
        edges = 0
        for type, batch in cypher.edge_batches(store, batch_size):
            written = self._write(cypher.merge_edges(type), {"rows": batch})[0]["written"]
            if written != len(batch):
                # Nodes were written first, so a missing end means a concurrent delete.
                raise BackendError(f"{len(batch) - written} of {len(batch)} {type} edges lost an end while loading")
            edges += written
        self._write(cypher.write_meta(), {"json": json.dumps(store.meta, ensure_ascii=False)})
        self.meta = json.loads(json.dumps(store.meta))
        return Loaded(nodes=nodes, edges=edges)

    def clear(self, *, schema: bool = False, batch_size: int = 10_000) -> None:
        """Delete every govgraph node and relationship and the metadata, ``batch_size``
        nodes per transaction; with ``schema``, drop the constraints and index too."""
        while self._write(cypher.delete_nodes(), {"limit": batch_size})[0]["deleted"]:
            pass
        self._write(cypher.delete_meta(), {})
        self.meta = {}
        if schema:
            for text in cypher.drop_schema_statements():
                self._write(text, {})

    # -- reads (the GraphStore interface) -------------------------------------------------
    def has_node(self, id: str) -> bool:
        return self._node(id) is not None

    def node(self, id: str) -> NodeData:
        attrs = self._node(id)
        if attrs is None:
            raise NotFound(id, self.suggest(id))
        return attrs

    def _node(self, id: str) -> NodeData | None:
        reads = self._scope()
        if reads is not None and id in reads.nodes:
            return reads.nodes[id]
        rows = self._read(cypher.node_by_id(), {"id": id})
        attrs = cypher.node_attrs(rows[0]["props"], rows[0]["labels"]) if rows else None
        if reads is not None and attrs is not None:
            reads.nodes[id] = attrs
        return attrs

    def nodes(self, kind: NodeKind | None = None, *, as_of: str | date | None = None) -> Iterator[NodeData]:
        yield from self._listed(self._read(cypher.nodes_of(kind), {"as_of": _day(as_of)}))

    def _listed(self, rows: list[dict[str, Any]]) -> list[NodeData]:
        """Nodes read, kept by a read scope as siblings."""
        nodes: list[NodeData] = [cypher.node_attrs(row["props"], row["labels"]) for row in rows]
        reads = self._scope()
        if reads is not None:
            for node in nodes:
                reads.nodes.setdefault(node["id"], node)
            reads.group([node["id"] for node in nodes])
        return nodes

    def count(self, kind: NodeKind | None = None) -> int:
        return int(self._read(cypher.count_nodes(kind), {})[0]["count"])

    def posts_with_role(self, role: Role, *, as_of: str | date | None = None) -> Iterator[NodeData]:
        yield from self._listed(self._read(cypher.posts_with_role(), {"role": Role(role).value, "as_of": _day(as_of)}))

    def out_edges(
        self, id: str, type: EdgeType | None = None, *, as_of: str | date | None = None
    ) -> Iterator[EdgeView]:
        yield from self._adjacent(id, type, _day(as_of), outgoing=True)

    def in_edges(self, id: str, type: EdgeType | None = None, *, as_of: str | date | None = None) -> Iterator[EdgeView]:
        yield from self._adjacent(id, type, _day(as_of), outgoing=False)

    def _adjacent(self, id: str, type: EdgeType | None, day: str | None, *, outgoing: bool) -> list[EdgeView]:
        reads = self._scope()
        if reads is not None:
            key = None if type is None else str(type)
            found = reads.edges(day, id, outgoing, key)
            if found is None:
                self._read_reaching(reads, id, type, day, outgoing=outgoing)
                found = reads.adjacency[day, id, outgoing, key]
            return found
        text = cypher.out_edges(type) if outgoing else cypher.in_edges(type)
        rows = self._read(text, {"id": id, "as_of": day})
        if not rows:
            raise NotFound(id, self.suggest(id))
        return [
            EdgeView(row["from_id"], row["to_id"], cypher.edge_attrs(row["type"], row["props"]))
            for row in rows
            if row["type"] is not None  # None: the node exists but has no such edge
        ]

    def _read_reaching(self, reads: _Reads, id: str, type: EdgeType | None, day: str | None, *, outgoing: bool) -> None:
        """Read ``id``'s edges of ``type`` (every type for None) on ``day`` into ``reads``,
        in one round trip with the same of its siblings (the nodes read with it, which the
        query will likely ask about next: a body's other seats) and what
        ``cypher.out_edges_reaching`` brings along for every node they reach."""
        asked = None if type is None else str(type)
        unread = (other for other in reads.siblings.get(id, ()) if (day, other, outgoing, asked) not in reads.adjacency)
        ids = list(dict.fromkeys([id, *islice(unread, _BATCH)]))[:_BATCH]
        text = cypher.out_edges_reaching() if outgoing else cypher.in_edges_reaching()
        rows = self._read(text, {"ids": ids, "type": asked, "as_of": day})
        found: dict[_AdjacencyKey, list[tuple[str, str, EdgeView]]] = {}
        reached: set[str] = set()
        for row in rows:
            node = cypher.node_attrs(row["props"], row["labels"])
            reads.nodes.setdefault(node["id"], node)
            if row["part"] == "node":
                found[day, node["id"], outgoing, asked] = []
                continue
            edge = EdgeView(row["from_id"], row["to_id"], cypher.edge_attrs(row["type"], row["edge_props"]))
            if row["part"] == "edge":
                owner, other = (edge.from_id, edge.to_id) if outgoing else (edge.to_id, edge.from_id)
                key: _AdjacencyKey = (day, owner, outgoing, asked)
                reached.add(other)
            elif row["part"] == "near_out":
                other, key = edge.to_id, (day, edge.from_id, True, None)
            else:
                other, key = edge.from_id, (day, edge.to_id, False, edge.type)
            found.setdefault(key, []).append((other, row["edge_props"].get("key", ""), edge))
        if (day, id, outgoing, asked) not in found:
            raise NotFound(id, self.suggest(id))
        # Every node reached has all its out-edges and its in-edges of NEAR_IN_TYPES read, even when none.
        for other in reached:
            found.setdefault((day, other, True, None), [])
            for near in cypher.NEAR_IN_TYPES:
                found.setdefault((day, other, False, str(near)), [])
        for key, listed in found.items():
            # The order of a store call: by the node at the other end, then by edge key.
            listed.sort(key=lambda item: item[:2])
            reads.adjacency.setdefault(key, [edge for _, _, edge in listed])
            reads.group([other for other, _, _ in listed])

    def edges(self, type: EdgeType | None = None, *, as_of: str | date | None = None) -> Iterator[EdgeView]:
        for row in self._read(cypher.edges_of(type), {"as_of": _day(as_of)}):
            yield EdgeView(row["from_id"], row["to_id"], cypher.edge_attrs(row["type"], row["props"]))

    def suggest(self, id: str, n: int = 5) -> list[str]:
        """The existing ids closest to ``id``, best first, from the same kind when it has one."""
        ids = [row["id"] for row in self._read(cypher.node_ids(kind_of_id(id)), {})]
        if len(ids) > _MAX_SUGGESTION_POOL:
            # As the networkx store does: keep the error path quick on big rosters.
            stem = id[: len(id.split(":", 1)[0]) + 3]
            ids = [c for c in ids if c.startswith(stem)][:_MAX_SUGGESTION_POOL]
        return closest(id, ids, n)

    # -- pulling subgraphs ----------------------------------------------------------------
    def subgraph_for(
        self, start: str | date | None = None, end: str | date | None = None, *, include: Sequence[str] = ()
    ) -> NetworkXStore:
        """The structure in full, with the people and holdings of the days from ``start``
        (today by default) to ``end`` (``start`` by default), read in one transaction:
        enough for ``gaps``, ``coverage`` and ``overload`` on ``start``, and for
        ``changes`` between ``start`` and ``end`` (see the module docstring).

        ``include`` names nodes to add whatever their dates: the ``subject`` of ``gaps``,
        which may be a person who does not exist on the day. An unknown id there raises
        ``NotFound``, with suggestions from the whole database.
        """
        first = parse_date(start)
        last = parse_date(end) if end is not None else first
        if last < first:
            raise InvalidParameter(f"end {last} is before start {first}")
        params = {"start": first, "end": last, "include": list(include)}
        structure, edges, people, holdings, included = self._transaction(
            [(text, params) for text in cypher.slice_statements()], write=False
        )
        found = {row["props"]["id"] for row in included}
        for id in include:
            if id not in found:
                raise NotFound(id, self.suggest(id))
        store = NetworkXStore(meta=json.loads(json.dumps(self.meta)))
        for row in [*structure, *people, *holdings, *included]:
            store.add_node_attrs(cypher.node_attrs(row["props"], row["labels"]))
        for row in edges:
            store.add_edge_attrs(row["from_id"], row["to_id"], cypher.edge_attrs(row["type"], row["props"]))
        for row in holdings:
            store.add_edge_attrs(row["from_id"], row["to_id"], cypher.edge_attrs(row["type"], row["edge_props"]))
        return store

    def neighbourhood(self, id: str) -> NetworkXStore:
        """The node ``id``, every edge touching it (any type, any date) and the node at the
        other end of each, read at once: all that ``show`` reads.

        Raises ``NotFound``, with suggestions from the whole database, for an unknown id.
        """
        rows = self._read(cypher.neighbourhood(), {"id": id})
        if not rows:
            raise NotFound(id, self.suggest(id))
        store = NetworkXStore(meta=json.loads(json.dumps(self.meta)))
        store.add_node_attrs(cypher.node_attrs(rows[0]["props"], rows[0]["labels"]))
        linked = [row for row in rows if row["type"] is not None]
        for row in linked:
            store.add_node_attrs(cypher.node_attrs(row["other_props"], row["other_labels"]))
        for row in linked:
            store.add_edge_attrs(row["from_id"], row["to_id"], cypher.edge_attrs(row["type"], row["edge_props"]))
        return store

    def to_networkx(self) -> NetworkXStore:
        """The whole graph as a networkx store (and so as a snapshot: ``save_snapshot``),
        read in one transaction."""
        nodes, edges = self._transaction(
            [(cypher.nodes_of(None), {"as_of": None}), (cypher.edges_of(None), {"as_of": None})], write=False
        )
        store = NetworkXStore(meta=json.loads(json.dumps(self.meta)))
        for row in nodes:
            store.add_node_attrs(cypher.node_attrs(row["props"], row["labels"]))
        for row in edges:
            store.add_edge_attrs(row["from_id"], row["to_id"], cypher.edge_attrs(row["type"], row["props"]))
        return store


def _translated(exc: BaseException, uri: str, exceptions: ModuleType, *, attempts: int = 1) -> BackendError:
    """One line for a driver failure (``exceptions`` is ``neo4j.exceptions``): what went
    wrong, where, and how many attempts were made when there were several."""
    if isinstance(exc, exceptions.AuthError):
        return BackendError(f"Neo4j at {uri} refused the credentials")
    if isinstance(exc, exceptions.ConstraintError):
        return BackendError(f"Neo4j refused the write, a constraint would be violated: {_one_line(exc)}")
    if attempts > 1:
        return BackendError(f"Neo4j at {uri} still failing after {attempts} attempts: {_one_line(exc)}")
    if isinstance(exc, exceptions.ServiceUnavailable):
        return BackendError(f"cannot connect to Neo4j at {uri}: {_one_line(exc)}")
    return BackendError(f"Neo4j at {uri} failed: {_one_line(exc)}")


def _rows(result: neo4j.Result) -> list[dict[str, Any]]:
    """A result's rows as dicts. Every statement returns plain values and maps, so the
    rows need none of the conversion of graph objects that ``Result.data()`` spends most
    of a large read on."""
    keys = result.keys()
    return [dict(zip(keys, record, strict=True)) for record in result]


def _unreachable(exc: BaseException) -> bool:
    """Whether ``exc`` comes from a server that refused or did not answer a new
    connection (the driver chains the socket's error), rather than from a connection
    lost mid-way or a cluster changing leader, which are worth retrying.

    >>> failure = ConnectionError("lost")
    >>> failure.__cause__ = ConnectionRefusedError(111, "Connection refused")
    >>> _unreachable(failure), _unreachable(ConnectionError("lost"))
    (True, False)
    """
    seen: set[int] = set()
    link: BaseException | None = exc
    while link is not None and id(link) not in seen:
        if isinstance(link, ConnectionRefusedError | TimeoutError):
            return True
        seen.add(id(link))
        link = link.__cause__ or link.__context__
    return False


def _day(as_of: str | date | None) -> str | None:
    """``as_of`` as the ISO text the database compares (dates are stored as text).

    >>> _day(date(2014, 1, 1)), _day("2014-01-01"), _day(None)
    ('2014-01-01', '2014-01-01', None)
    """
    return as_of.isoformat() if isinstance(as_of, date) else as_of


def _one_line(exc: BaseException) -> str:
    """The driver's message on one line (it spreads a refused connection over two)."""
    # A server error's text is in ``message`` (``str`` adds its code); the driver's own
    # errors only have ``str``.
    message = exc.message if getattr(exc, "code", None) and getattr(exc, "message", None) else str(exc)
    return " ".join(line.strip() for line in message.splitlines() if line.strip()) or type(exc).__name__
