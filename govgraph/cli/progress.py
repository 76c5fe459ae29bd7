"""The progress bar a command draws on stderr while a big roster loads from a terminal.

The loader only reports how far it has got (``loaders.roster.Progress``); drawing is the
command line's. Piped output, or a roster of at most ``PROGRESS_ROWS`` rows, shows nothing,
so that scripts' logs stay clean.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import Progress as Bar
from rich.progress import TaskID

from govgraph.loaders.roster import Progress

__all__ = ["PROGRESS_ROWS", "terminal_progress"]

#: Rosters with more rows than this show a progress bar when loaded from a terminal.
PROGRESS_ROWS = 10_000


@contextmanager
def terminal_progress(*, force: bool = False) -> Iterator[Progress]:
    """A progress callback that draws a bar on stderr for the block, when stderr is a
    terminal (or ``force``) and the first step it hears of counts over ``PROGRESS_ROWS``."""
    bar = Bar(console=Console(stderr=True), transient=True)
    tasks: dict[str, TaskID] = {}
    shown: list[bool] = []  # decided once, by the first step reported

    def report(step: str, done: int, total: int | None) -> None:
        if not shown:
            shown.append((force or sys.stderr.isatty()) and total is not None and total > PROGRESS_ROWS)
            if shown[0]:
                bar.start()
        if not shown[0]:
            return
        if step not in tasks:
            tasks[step] = bar.add_task(step, total=total)
        bar.update(tasks[step], completed=done)

    try:
        yield report
    finally:
        if shown and shown[0]:
            bar.stop()
