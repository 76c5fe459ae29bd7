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
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime

from govgraph.governance import Governance

__all__ = ["GraphHolder", "LoadedGraph"]


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
        self._current: LoadedGraph | None = None if governance is None else _stamp(governance)

    @property
    def is_loaded(self) -> bool:
        return self._current is not None

    @property
    def current(self) -> LoadedGraph:
        current = self._current
        if current is None:
            raise RuntimeError("no graph is loaded: the app loads it when it starts (run it inside its lifespan)")
        return current

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
            loaded = _stamp(governance)
            self._current = loaded
            return loaded

        with self._reload_lock:
            yield serve


def _stamp(governance: Governance) -> LoadedGraph:
    return LoadedGraph(governance=governance, loaded_at=datetime.now(UTC))
