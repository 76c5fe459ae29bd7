"""The look-ahead pages: the seats about to fall vacant (``upcoming``), the impact of a
person leaving (``what-if``) and which vacant seat to fill first (``recruit``), each with a
CSV download of what it shows.

Nothing here decides an answer: every vacancy, failure and candidate comes from
``govgraph.queries.lookahead``; the pages only lay them out, in the frame every page
shares, and mark the people of the example roster as fictional, as the data does.
The CSV is the result's table as ``govgraph.tables`` gives it (the CLI's ``--format csv``),
each cell neutralised so that a spreadsheet never runs it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Collection, Mapping

from govgraph import tables
from govgraph.queries.lookahead import Recruit, Upcoming, WhatIf
from govgraph.viz._html import Frame, render_page

__all__ = ["recruit_page", "to_csv", "upcoming_page", "what_if_page"]


def upcoming_page(
    result: Upcoming, frame: Frame, *, names: Mapping[str, str] | None = None, fictional: Collection[str] = ()
) -> str:
    """The seats falling vacant after the day, by the day they do: who leaves and why (the
    holding ends, or a tenure rule's limit, cited), who takes over (``names`` names them),
    the seats emptied ex officio, and the verdicts that then fail or cannot be assessed.
    The people in ``fictional`` are marked as invented."""
    return render_page("upcoming.html", frame, title=f"Seats falling vacant within {result.within_days} days",
                       day=result.as_of.isoformat(), result=result, names=names or {}, fictional=fictional)  # fmt: skip


def what_if_page(result: WhatIf | None, frame: Frame, *, day: str, fictional: Collection[str] = ()) -> str:
    """A form to choose a person and a day, and, once chosen, what their leaving does: the
    seats left, the seats of other bodies emptied ex officio, the verdicts that fail with
    what is missing, and those that can no longer be assessed."""
    title = f"What if {result.person_name} leaves on {result.on}" if result is not None else "What if someone leaves"
    return render_page("what_if.html", frame, title=title, day=day, result=result, fictional=fictional)


def recruit_page(result: Recruit, frame: Frame) -> str:
    """The vacant seats ranked by how many failing verdicts filling each fixes, the
    verdicts each fixes and any it would make fail, and the failures no one seat fixes."""
    return render_page("recruit.html", frame, title="Which seat to fill first", day=result.as_of.isoformat(),
                       result=result)  # fmt: skip


def to_csv(result: Upcoming | WhatIf | Recruit) -> str:
    """The result's table (``govgraph.tables.rows``) as CSV, every cell neutralised.

    >>> import govgraph
    >>> to_csv(govgraph.load().recruit(as_of="2014-06-01")).splitlines()[0].split(",")[:4]
    ['list', 'rank', 'seat.post_id', 'seat.name']
    """
    table = tables.rows(result)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([tables.cell(column) for column in table.columns])
    writer.writerows([tables.cell(row.get(column)) for column in table.columns] for row in table.rows)
    return out.getvalue()
