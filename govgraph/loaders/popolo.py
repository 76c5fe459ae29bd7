"""Rosters as Popolo JSON (https://www.popoloproject.com/): import and export.

The document is one object with any of the arrays ``persons``, ``organizations``,
``posts`` and ``memberships`` (other top-level keys are ignored). Each object maps onto a
row of the roster table of the same meaning; keys marked *ext* are govgraph's own,
since Popolo has no field for them:

=============  ===================  ===================================================
Popolo         roster column        notes
=============  ===================  ===================================================
persons        people
  id, name     id, name
  email        email
  employer     employer             *ext*
organizations  organisations
  id, name     id, name
  classification  kind              a govgraph kind: Organisation, Board, CRG, ...
  parent_id    part_of
  founding_date  valid_from
  dissolution_date  valid_to        the day it was dissolved: its first day gone
posts          posts
  id, label    id, name
  organization_id  org
  role         role
  area_id      represents           when the post speaks for a place
  on_behalf_of_id  represents       *ext* when it speaks for an organisation
  reports_to_id  reports_to         *ext*
  ex_officio_of_id  ex_officio_of   *ext*
  single_holder  single_holder      *ext*, true or false
  start_date   valid_from
  end_date     valid_to             the day the post was eliminated: its first day gone
memberships    memberships
  person_id    person
  post_id      post
  organization_id, role  org, role  with post_id, checked against the post
  area_id, on_behalf_of_id  represents
  start_date   start
  end_date     end                  the last day held, as in the CSV
  acting       acting               *ext*, true or false
=============  ===================  ===================================================

Every object may carry Popolo ``sources`` (``[{"url": ..., "note": ...}]``); a record
loaded from one cites its notes (or urls), and an exported record puts its citation in
``note``, so a roster keeps its provenance through an export and a re-import. Any other
key is an error, as an unknown column is. Problems are located by JSON pointer: row
``/memberships/3`` and field ``start_date`` is ``/memberships/3/start_date``.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from govgraph.errors import Problem
from govgraph.graph.model import AREA_KINDS, EdgeType, NodeKind, kind_of_id
from govgraph.graph.store import GraphStore
from govgraph.graph.timeline import Span
from govgraph.loaders._build import Origin
from govgraph.loaders._rows import RosterRows, Row
from govgraph.loaders.reference import reference_batch

__all__ = ["popolo_document", "read_popolo", "write_popolo"]

#: Popolo array -> (roster table, Popolo key -> roster column).
MAPPING: dict[str, tuple[str, dict[str, str]]] = {
    "persons": ("people", {"id": "id", "name": "name", "email": "email", "employer": "employer"}),
    "organizations": (
        "organisations",
        {
            "id": "id",
            "classification": "kind",
            "name": "name",
            "parent_id": "part_of",
            "founding_date": "valid_from",
            "dissolution_date": "valid_to",
        },
    ),
    "posts": (
        "posts",
        {
            "id": "id",
            "label": "name",
            "organization_id": "org",
            "role": "role",
            "single_holder": "single_holder",
            "area_id": "represents",
            "on_behalf_of_id": "represents",
            "reports_to_id": "reports_to",
            "ex_officio_of_id": "ex_officio_of",
            "start_date": "valid_from",
            "end_date": "valid_to",
        },
    ),
    "memberships": (
        "memberships",
        {
            "person_id": "person",
            "post_id": "post",
            "organization_id": "org",
            "role": "role",
            "area_id": "represents",
            "on_behalf_of_id": "represents",
            "start_date": "start",
            "end_date": "end",
            "acting": "acting",
        },
    ),
}


# -- import ----------------------------------------------------------------------------


def read_popolo(path: Path) -> RosterRows:
    """The rows of a Popolo JSON roster."""
    file = str(path)
    roster = RosterRows(path.name, files=[file])
    try:
        document = json.loads(path.read_bytes().decode("utf-8-sig"))
    except UnicodeDecodeError:
        roster.problems.append(Problem(file, None, None, "not UTF-8 text, as JSON must be"))
        return roster
    except json.JSONDecodeError as exc:
        roster.problems.append(
            Problem(file, None, None, f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}")
        )
        return roster
    found = [name for name in MAPPING if isinstance(document, dict) and name in document]
    if not found:
        expected = ", ".join(MAPPING)
        roster.problems.append(
            Problem(file, None, None, f"not a Popolo roster: expected an object with one or more of {expected}")
        )
    for name in found:
        items = document[name]
        if not isinstance(items, list):
            roster.problems.append(Problem(file, f"/{name}", None, "expected a list"))
            continue
        for index, item in enumerate(items):
            row = _row(name, item, file, f"/{name}/{index}", roster.problems, path.name)
            if row is not None:
                roster.rows.append(row)
    return roster


def _row(name: str, item: Any, file: str, pointer: str, problems: list[Problem], label: str) -> Row | None:
    table, keys = MAPPING[name]
    if not isinstance(item, dict):
        problems.append(Problem(file, pointer, None, "expected an object"))
        return None
    values: dict[str, str] = {}
    columns: dict[str, str] = {}
    ok = True
    for key, value in item.items():
        if key == "sources":
            continue
        column = keys.get(key)
        if column is None:
            problems.append(Problem(file, pointer, key, f"unknown key {key!r}; expected {', '.join(keys)}, sources"))
            ok = False
        elif column in columns:
            problems.append(Problem(file, pointer, key, f"give {columns[column]!r} or {key!r}, not both"))
            ok = False
        elif isinstance(value, (list, dict)):
            problems.append(Problem(file, pointer, key, "expected a single value, not a list or an object"))
            ok = False
        else:
            values[column] = _text(value)
            columns[column] = key
    source = _citation(item.get("sources"))
    if source is None:
        problems.append(Problem(file, pointer, "sources", "expected a list of objects with a 'url' or a 'note'"))
        ok = False
    if not ok:
        return None
    # A column the object leaves out is reported under the Popolo key that would carry it.
    columns = {column: key for key, column in reversed(keys.items())} | columns
    return Row(table, values, Origin(file, pointer, columns), source or f"{label} {pointer}")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value).strip()


def _citation(sources: Any) -> str | None:
    """The notes (or urls) of a Popolo ``sources`` list, ``""`` for none, None if malformed."""
    if sources is None:
        return ""
    if not isinstance(sources, list):
        return None
    parts = []
    for source in sources:
        text = source.get("note") or source.get("url") if isinstance(source, dict) else None
        if not isinstance(text, str) or not text.strip():
            return None
        parts.append(text.strip())
    return "; ".join(parts)


# -- export ----------------------------------------------------------------------------


def popolo_document(store: GraphStore) -> dict[str, list[dict[str, Any]]]:
    """The roster-level content of ``store`` as a Popolo document: its people, the bodies
    and seats not in the built-in reference dataset, and every membership.

    >>> from govgraph.loaders import load_reference
    >>> popolo_document(load_reference())
    {'persons': [], 'organizations': [], 'posts': [], 'memberships': []}
    """
    reference = _reference_ids()
    own = [attrs for attrs in store.nodes() if attrs["id"] not in reference]
    return {
        "persons": [_person(attrs) for attrs in own if attrs["kind"] == NodeKind.PERSON],
        "organizations": [
            _organization(store, attrs) for attrs in own if attrs["kind"] not in (NodeKind.PERSON, NodeKind.POST)
        ],
        "posts": [_post(store, attrs) for attrs in own if attrs["kind"] == NodeKind.POST],
        "memberships": [
            _membership(store, edge.from_id, edge.to_id, edge.attrs)
            for attrs in store.nodes(NodeKind.PERSON)
            for edge in sorted(
                store.out_edges(attrs["id"], EdgeType.HOLDS), key=lambda e: (e.attrs.get("valid_from") or "", e.to_id)
            )
        ],
    }


def write_popolo(store: GraphStore, path: str | Path) -> None:
    """Write ``popolo_document(store)`` to ``path`` as UTF-8 JSON."""
    text = json.dumps(popolo_document(store), indent=2, ensure_ascii=False)
    Path(path).write_text(text + "\n", encoding="utf-8")


@cache
def _reference_ids() -> frozenset[str]:
    return frozenset(node.id for node, _ in reference_batch().nodes)


def _sources(attrs: Any) -> list[dict[str, str]]:
    return [{"note": attrs["source"]}]


def _person(attrs: Any) -> dict[str, Any]:
    person = {"id": attrs["id"], "name": attrs["name"]}
    person |= {key: attrs[key] for key in ("email", "employer") if attrs.get(key)}
    return person | {"sources": _sources(attrs)}


def _organization(store: GraphStore, attrs: Any) -> dict[str, Any]:
    organization = {"id": attrs["id"], "classification": attrs["kind"], "name": attrs["name"]}
    parent = _target(store, attrs["id"], EdgeType.PART_OF)
    if parent:
        organization["parent_id"] = parent
    organization |= _dates(attrs, founding_date="valid_from", dissolution_date="valid_to")
    return organization | {"sources": _sources(attrs)}


def _post(store: GraphStore, attrs: Any) -> dict[str, Any]:
    id = attrs["id"]
    post: dict[str, Any] = {
        "id": id,
        "label": attrs["name"],
        "organization_id": _target(store, id, EdgeType.POST_IN),
        "role": attrs["role"],
    }
    post["single_holder"] = attrs.get("single_holder", True)
    represents = _target(store, id, EdgeType.REPRESENTS)
    if represents:
        post["area_id" if kind_of_id(represents) in AREA_KINDS else "on_behalf_of_id"] = represents
    for key, type in (("reports_to_id", EdgeType.REPORTS_TO), ("ex_officio_of_id", EdgeType.EX_OFFICIO)):
        target = _target(store, id, type)
        if target:
            post[key] = target
    post |= _dates(attrs, start_date="valid_from", end_date="valid_to")
    return post | {"sources": _sources(attrs)}


def _membership(store: GraphStore, person: str, post: str, attrs: Any) -> dict[str, Any]:
    membership = {
        "person_id": person,
        "post_id": post,
        "organization_id": _target(store, post, EdgeType.POST_IN),
        "role": store.node(post)["role"],
    }
    if attrs.get("valid_from"):
        membership["start_date"] = attrs["valid_from"]
    last = Span.from_attrs(attrs).last_day
    if last is not None:
        membership["end_date"] = last.isoformat()
    if attrs.get("acting"):
        membership["acting"] = True
    return membership | {"sources": _sources(attrs)}


def _target(store: GraphStore, id: str, type: EdgeType) -> str | None:
    return next((edge.to_id for edge in store.out_edges(id, type)), None)


def _dates(attrs: Any, **keys: str) -> dict[str, str]:
    return {key: attrs[field] for key, field in keys.items() if attrs.get(field)}
