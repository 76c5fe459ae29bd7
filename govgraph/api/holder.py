"""The graph the service answers from, swapped whole without a lock for readers.

``GraphHolder`` keeps the current graph in one attribute holding an immutable
``LoadedGraph``. A reload builds a whole new graph first and only then rebinds that
attribute, a single reference assignment, so a request sees either the old graph or the
new one, never a half-built one. A request takes its reference once (``deps.get_loaded``)
and keeps answering from that graph even if a reload lands meanwhile.

Reloads (the admin call, SIGHUP under ``govgraph serve``) and writes take one lock among
themselves (``GraphHolder.update``, ``GraphHolder.writing``), so two overlapping reloads
cannot finish in the wrong order, and a write reads the write roster as the last write or
reload left it. Readers never take it.

Reads never wait behind writes
    Writes and reloads called over HTTP run through ``run_write``: in a worker thread, one
    at a time, under a limiter of their own (``anyio.CapacityLimiter(1)``). Sixty queued
    writes wait for that one token in the event loop, not in the thread pool that the
    framework runs plain ``def`` routes in, so the reads keep every worker thread and are
    answered while the writes queue.

Each graph served has its own ``loaded_at``, later than the one before it even if the clock
steps back, so ``loaded_at`` names a graph: the response cache and the ETags key on it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TypeVar

import anyio.to_thread
from anyio import CapacityLimiter

from govgraph.governance import Governance

__all__ = ["GraphHolder", "LoadedGraph"]

T = TypeVar("T")


@dataclass(frozen=True)
class LoadedGraph:
    """A loaded graph and when it was loaded (UTC)."""

    governance: Governance
    loaded_at: datetime


class GraphHolder:
    """The current ``LoadedGraph``, replaced whole by ``reload``.

    ``load`` builds a graph from scratch; ``governance``, when given, is served until the
    first reload instead of loading one at startup.
    """

    def __init__(self, load: Callable[[], Governance], governance: Governance | None = None) -> None:
        self._load = load
        self._reload_lock = threading.Lock()
        self._write_limiter = CapacityLimiter(1)
        self._current: LoadedGraph | None = None if governance is None else _stamp(governance, None)

    @property
    def is_loaded(self) -> bool:
        return self._current is not None

    @property
    def current(self) -> LoadedGraph:
        current = self._current
        if current is None:
            raise RuntimeError("no graph is loaded: the app loads it when it starts (run it inside its lifespan)")
        return current

    @property
    def queued_writes(self) -> int:
        """Writes and reloads waiting for the write thread (not counting the one running)."""
        return self._write_limiter.statistics().tasks_waiting

    async def run_write(self, work: Callable[[], T]) -> T:
        """Run ``work`` (a write or a reload) in a worker thread, after the writes queued
        before it: never in the thread pool reads are answered from."""
        return await anyio.to_thread.run_sync(work, limiter=self._write_limiter)

    def reload(self) -> LoadedGraph:
        """Load a new graph and swap it in. If loading raises, the old graph stays."""
        return self.update(self._load)

    def update(self, build: Callable[[], Governance]) -> LoadedGraph:
        """Serve the graph ``build`` returns, built while holding the reload lock, so that
        reloads and writes take turns. If ``build`` raises, the old graph stays."""
        with self.writing() as serve:
            return serve(build())

    @contextmanager
    def writing(self) -> Iterator[Callable[[Governance], LoadedGraph]]:
        """Hold the reload lock for the block, which may call the function it is given to
        serve a new graph. If the block raises before that, the old graph stays."""

        def serve(governance: Governance) -> LoadedGraph:
            loaded = _stamp(governance, self._current)
            self._current = loaded
            return loaded

        with self._reload_lock:
            yield serve


def _stamp(governance: Governance, previous: LoadedGraph | None) -> LoadedGraph:
    """``governance`` stamped now, or a microsecond after ``previous`` if the clock says otherwise."""
    now = datetime.now(UTC)
    if previous is not None and now <= previous.loaded_at:
        now = previous.loaded_at + timedelta(microseconds=1)
    return LoadedGraph(governance=governance, loaded_at=now)
