"""Query results as tables: the rows of ``--format csv`` and of ``to_pandas``, the records
of a result's JSON under their JSON field names.

A result's table has one row per record of its main list (the verdicts of a gap report, the
seats of a body, the relations of a node), in the order of its JSON, and the columns are
the records' JSON field names. A nested list of records that reads best one per row (a
verdict's shortfalls, a seat's holders, a coverage row's cells) is *exploded*: one row per element, its fields
named ``<list>.<field>`` as ``pandas.json_normalize`` names them; a record whose list is
empty (a vacant seat) is one row with those columns empty. The columns come from the
result's models, so an empty result still has its header (and an empty DataFrame its
columns).

``to_pandas`` keeps each value as Python holds it (a boolean, a ``datetime.date``, a list).
In CSV every cell is written one way: ``true`` or ``false`` for a boolean, empty for null, a
list or an object as its JSON text (``["senate:london","senate:wessex"]``), a date as
``YYYY-MM-DD``. A text cell that a spreadsheet would run as a formula (one starting with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return, as OWASP lists them) starts with
``'`` instead, which spreadsheets show as text.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, get_args, get_origin

from pydantic import BaseModel

from govgraph import queries
from govgraph.queries.coverage import BodyRow
from govgraph.queries.line_of_sight import BelowPost, Link
from govgraph.queries.lookup import Relation, SearchHit
from govgraph.queries.membership import HeldPost, OverloadedPerson
from govgraph.queries.representation import Verdict

if TYPE_CHECKING:
    import pandas

__all__ = ["FORMULA_STARTS", "Rows", "cell", "rows", "to_pandas"]

Mode = Literal["json", "python"]

#: What a text cell may not start with, lest a spreadsheet run it (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Rows:
    """A table: its columns, and its rows as dicts keyed by them (missing keys are empty)."""

    columns: list[str]
    rows: list[dict[str, Any]]


def cell(value: Any) -> str:
    """A value as one CSV cell (see the module docstring).

    >>> [cell(True), cell(None), cell(3), cell(["a", "b"]), cell("=SUM(A1)"), cell("-1 seat"), cell("Ann")]
    ['true', '', '3', '["a","b"]', "'=SUM(A1)", "'-1 seat", 'Ann']
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    text = str(value)
    if isinstance(value, str) and text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def _item_model(annotation: Any) -> type[BaseModel]:
    """``Holder`` from ``list[Holder]``."""
    (model,) = get_args(annotation)
    return model  # type: ignore[no-any-return]


def _records(
    items: Iterable[BaseModel], model: type[BaseModel], mode: Mode, *, explode: str | None = None, **leading: Any
) -> Rows:
    """Rows of ``items`` (records of ``model``), values as ``model_dump(mode=mode)`` gives
    them, with ``explode`` one row per element and ``leading`` columns (name -> value) first."""
    columns = [*leading, *(name for name in model.model_fields if name != explode)]
    inner = _item_model(model.model_fields[explode].annotation) if explode else None
    if inner is not None:
        columns += [f"{explode}.{name}" for name in inner.model_fields]
    rows = []
    for item in items:
        record = leading | item.model_dump(mode=mode)
        if explode is None:
            rows.append(record)
            continue
        elements = record.pop(explode) or [{}]
        rows += [record | {f"{explode}.{name}": value for name, value in element.items()} for element in elements]
    return Rows(columns, rows)


def _concat(parts: Sequence[Rows]) -> Rows:
    columns = list(dict.fromkeys(column for part in parts for column in part.columns))
    return Rows(columns, [row for part in parts for row in part.rows])


def _line_of_sight(result: queries.LineOfSight, mode: Mode) -> Rows:
    """One row per post of each chain (and per holder), with the types of the breaks found there."""
    breaks: dict[str, list[str]] = {}
    for found in result.breaks:
        breaks.setdefault(found.post_id, []).append(found.type.value)
    parts = [
        _records([link], Link, mode, explode="holders", chain=n, step=step, breaks=breaks.get(link.post_id, []))
        for n, chain in enumerate(result.chains, start=1)
        for step, link in enumerate(chain, start=1)
    ]
    return _concat(parts or [_records([], Link, mode, explode="holders", chain=None, step=None, breaks=None)])


def _changes(result: queries.Changes, mode: Mode) -> Rows:
    """One row per change, ``change`` naming the list it is in; a rule's change names the
    rule and the subject in ``id``."""
    change_model = _item_model(queries.Changes.model_fields["joined"].annotation)
    parts = [
        _records(getattr(result, name), change_model, mode, change=name)
        for name, field in queries.Changes.model_fields.items()
        if get_args(field.annotation) == (change_model,)
    ]
    for name in ("rules_newly_failing", "rules_newly_passing"):
        parts.append(Rows(["change", "id"], [{"change": name, "id": pair} for pair in getattr(result, name)]))
    return _concat(parts)


def _nested(model: type[BaseModel], name: str) -> type[BaseModel] | None:
    """The record model of field ``name`` (``SeatRef`` for ``seat: SeatRef | None``), or None
    (a list of records included: those are exploded, or written as JSON)."""
    annotation = model.model_fields[name].annotation
    if get_origin(annotation) is list:
        return None
    for candidate in (annotation, *get_args(annotation)):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    return None


def _spread(table: Rows, model: type[BaseModel]) -> Rows:
    """``table`` with each field of ``model`` that is one record (a seat) spread over
    ``<field>.<name>`` columns, as ``pandas.json_normalize`` spreads a nested object."""
    columns: list[str] = []
    spread: dict[str, list[str]] = {}
    for column in table.columns:
        inner = _nested(model, column) if column in model.model_fields else None
        if inner is None:
            columns.append(column)
            continue
        spread[column] = list(inner.model_fields)
        columns += [f"{column}.{name}" for name in inner.model_fields]
    rows = []
    for row in table.rows:
        row = dict(row)
        for column, names in spread.items():
            value = row.pop(column, None) or {}
            row |= {f"{column}.{name}": value.get(name) for name in names}
        rows.append(row)
    return Rows(columns, rows)


def _what_if(result: queries.WhatIf, mode: Mode) -> Rows:
    """One row per seat left, per seat left ex officio, per verdict that fails (one per
    shortfall) and per verdict not assessed, ``effect`` naming the list it is in."""
    fields = queries.WhatIf.model_fields
    parts = [_spread(_records(result.seats, _item_model(fields["seats"].annotation), mode, effect="seats"),
                     _item_model(fields["seats"].annotation))]  # fmt: skip
    ex_officio = _item_model(fields["ex_officio"].annotation)
    parts.append(_spread(_records(result.ex_officio, ex_officio, mode, effect="ex_officio"), ex_officio))
    parts.append(_records(result.fails, Verdict, mode, explode="missing", effect="fails"))
    parts.append(_records(result.not_assessed, Verdict, mode, explode="missing", effect="not_assessed"))
    return _concat(parts)


def _recruit(result: queries.Recruit, mode: Mode) -> Rows:
    """One row per candidate seat and verdict it fixes, in rank order, then one per failing
    verdict no single seat fixes, ``list`` naming which."""
    fields = queries.Recruit.model_fields
    candidate, unfixed = _item_model(fields["candidates"].annotation), _item_model(fields["unfixed"].annotation)
    parts = [
        _spread(_records([c], candidate, mode, explode="fixes", list="candidates", rank=n), candidate)
        for n, c in enumerate(result.candidates, start=1)
    ] or [_spread(_records([], candidate, mode, explode="fixes", list="candidates", rank=None), candidate)]
    parts.append(_records(result.unfixed, unfixed, mode, list="unfixed"))
    return _concat(parts)


def _representation(result: queries.Representation, mode: Mode) -> Rows:
    """One row per verdict and shortfall; a subject with no verdict (not assessed, or not in
    existence on the day) is one row saying so, so that the table is never silently empty."""
    table = _records(result.verdicts, Verdict, mode, explode="missing")
    if not result.verdicts:
        subject = result.model_dump(
            mode=mode, include={"subject_id", "subject_name", "subject_kind", "outcome", "reason"}
        )
        table.rows.append(subject)
    return table


def _stats(result: queries.Stats, mode: Mode) -> Rows:
    """One row per node kind and per edge type, ``of`` saying which."""
    rows = [{"of": of, "name": name, "count": count} for of in ("nodes", "edges") for name, count in
            getattr(result, of).items()]  # fmt: skip
    return Rows(["of", "name", "count"], rows)


_SEAT = _item_model(queries.Members.model_fields["seats"].annotation)
_VACANCY = _item_model(queries.Upcoming.model_fields["vacancies"].annotation)

_SPECS: dict[type, Callable[[Any, Mode], Rows]] = {
    queries.Representation: _representation,
    queries.GapReport: lambda r, mode: _records(r.gaps + r.not_assessed, Verdict, mode, explode="missing"),
    queries.Coverage: lambda r, mode: _records(r.bodies, BodyRow, mode, explode="cells"),
    queries.LineOfSight: _line_of_sight,
    queries.Below: lambda r, mode: _records(r.posts, BelowPost, mode, explode="holders"),
    queries.Members: lambda r, mode: _records(r.seats, _SEAT, mode, explode="holders"),
    queries.PostsOf: lambda r, mode: _records(r.posts, HeldPost, mode),
    queries.Overload: lambda r, mode: _records(r.people, OverloadedPerson, mode),
    queries.Changes: _changes,
    queries.Stats: _stats,
    queries.NodeDetail: lambda r, mode: _records(r.relations, Relation, mode),
    queries.Upcoming: lambda r, mode: _spread(_records(r.vacancies, _VACANCY, mode, explode="fails"), _VACANCY),
    queries.WhatIf: _what_if,
    queries.Recruit: _recruit,
}


def rows(result: BaseModel | Sequence[SearchHit], *, mode: Mode = "json") -> Rows:
    """The table of ``result`` (see the module docstring): values as its JSON has them, or
    with ``mode="python"`` as Python does (dates as ``datetime.date``).

    >>> import govgraph
    >>> table = rows(govgraph.load().members("crg:CFS", as_of="2014-06-01"))
    >>> table.columns[:5]
    ['post_id', 'name', 'role', 'represents', 'holders.person_id']
    """
    if isinstance(result, list):
        return _records(result, SearchHit, mode)
    return _SPECS[type(result)](result, mode)


def to_pandas(result: BaseModel | Sequence[SearchHit]) -> pandas.DataFrame:
    """``result`` as a ``pandas.DataFrame`` with the columns of its CSV, values as Python
    holds them; every result has it as a method too (``result.to_pandas()``), and this
    function also takes the list ``search`` returns. pandas is not a dependency of
    govgraph: ``pip install 'govgraph[pandas]'`` to use this. ::

        gg = govgraph.load()
        frame = gg.gaps(as_of="2014-06-01").to_pandas()
        frame.groupby("rule_id").size()
    """
    try:
        import pandas
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError(
            "to_pandas needs pandas, which govgraph does not install by default: "
            "pip install 'govgraph[pandas]' (or pip install pandas)"
        ) from exc
    table = rows(result, mode="python")
    return pandas.DataFrame(table.rows, columns=table.columns)
