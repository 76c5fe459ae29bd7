"""Rosters as Popolo JSON (https://www.popoloproject.com/): import and export.

The document is one object with any of the arrays ``persons``, ``organizations``,
``posts`` and ``memberships``. Each object maps onto a row of the roster table of the
same meaning; keys marked *ext* are govgraph's own, since Popolo has no field for them:

=============  ===================  ===================================================
Popolo         roster column        notes
=============  ===================  ===================================================
persons        people
  id, name     id, name
  email        email                or the first ``contact_details`` entry of type email
  employer     employer             *ext*
organizations  organisations
  id, name     id, name
  classification  kind              a govgraph kind: Organisation, Board, CRG, ...;
                                    any other (``committee``) or none is Organisation
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
  appointed    appointed            *ext*, first appointed to the role, on or before start_date
=============  ===================  ===================================================

Citations
    An exported object carries its govgraph citation (a seed file and paragraph, or a
    roster file and row) in ``citation`` (*ext*): Popolo's ``sources`` are links, and
    each needs a ``url``, which a paragraph of a document has not. On import, a record
    cites its ``citation``, or else the notes (or urls) of its Popolo ``sources``, or else
    the file and the object's JSON pointer.
Import
    Standard Popolo keys govgraph does not use (``identifiers``, ``other_names``,
    ``links``, a membership's ``id``, ...) and other top-level keys (``areas``,
    ``events``) are ignored with one ``PopoloWarning`` per file naming them. Any other key
    is an error, as an unknown column is: a misspelt key must not drop a value unnoticed.
    An organization or post whose id is one of the built-in dataset's is a reference to
    it (an export includes them so that the file is whole) and is not loaded again.
    Problems are located by JSON pointer: row ``/memberships/3`` and field
    ``start_date`` is ``/memberships/3/start_date``.
Export
    Every person, the bodies and seats not in the built-in dataset, every membership, and,
    so that the file stands on its own, every organization and post an object refers to
    (a membership's post and body, a post's body, the body a body is part of, ...). Each
    object is valid against the Popolo JSON Schemas. Contact fields (a person's email) are
    left out unless asked for.
"""

from __future__ import annotations

import json
import warnings
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

from govgraph.errors import Problem
from govgraph.graph.model import AREA_KINDS, EdgeType, NodeKind, kind_of_id
from govgraph.graph.store import GraphStore
from govgraph.graph.timeline import Span
from govgraph.loaders._build import Origin
from govgraph.loaders._tables import MAX_ROWS, RosterRows, Row
from govgraph.loaders.reference import reference_batch

__all__ = ["PopoloWarning", "popolo_document", "read_popolo", "write_popolo"]


class PopoloWarning(UserWarning):
    """Keys of a Popolo file that govgraph read past without using."""


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
            "appointed": "appointed",
        },
    ),
}

_COMMON = "id contact_details links created_at updated_at sources memberships"
#: The properties of each object in the Popolo JSON Schemas (popolo-spec ``schemas/``).
POPOLO_KEYS: dict[str, frozenset[str]] = {
    name: frozenset(f"{_COMMON} {keys}".split())
    for name, keys in {
        "persons": "name other_names identifiers family_name given_name additional_name honorific_prefix "
        "honorific_suffix patronymic_name sort_name email gender pronouns birth_date death_date image summary "
        "biography national_identity motions speeches votes",
        "organizations": "name other_names identifiers classification parent_id parent area_id area abstract "
        "description founding_date dissolution_date image posts motions vote_events votes children",
        "posts": "label other_label role organization_id organization area_id area start_date end_date",
        "memberships": "label role member person_id person organization_id organization post_id post "
        "on_behalf_of_id on_behalf_of area_id area start_date end_date",
    }.items()
}
#: Keys read for the citation rather than for a column.
_CITATION_KEYS = ("citation", "sources")
#: The kinds an organization's classification may name (in any case); any other is an Organisation.
_BODY_KINDS = {kind.value.lower(): kind.value for kind in NodeKind if kind not in (NodeKind.PERSON, NodeKind.POST)}


# -- import ----------------------------------------------------------------------------


def read_popolo(path: Path) -> RosterRows:
    """The rows of a Popolo JSON roster; warns (``PopoloWarning``) of keys it ignored."""
    file = str(path)
    roster = RosterRows(path.name, files=[file])
    try:
        document = json.loads(
            path.read_bytes().decode("utf-8-sig"), object_pairs_hook=_Object, parse_constant=_no_constant
        )
    except UnicodeDecodeError:
        roster.problems.append(Problem(file, None, None, "not UTF-8 text, as JSON must be"))
        return roster
    except json.JSONDecodeError as exc:
        roster.problems.append(
            Problem(file, None, None, f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}")
        )
        return roster
    except RecursionError:
        roster.problems.append(Problem(file, None, None, "invalid JSON: nested too deeply to read"))
        return roster
    except ValueError as exc:  # NaN or Infinity (_no_constant); an integer of over 4,300 digits
        roster.problems.append(Problem(file, None, None, f"invalid JSON: {exc}"))
        return roster
    duplicates = _duplicate_keys(document)
    if duplicates:
        roster.problems.extend(
            Problem(file, pointer or "/", key, f"key {key!r} given twice") for pointer, key in duplicates
        )
        return roster
    found = [name for name in MAPPING if isinstance(document, dict) and name in document]
    if not found:
        expected = ", ".join(MAPPING)
        roster.problems.append(
            Problem(file, None, None, f"not a Popolo roster: expected an object with one or more of {expected}")
        )
        return roster
    reader = _Reader(file, path.name, roster.problems)
    for name in found:
        items = document[name]
        if not isinstance(items, list):
            roster.problems.append(Problem(file, f"/{name}", None, "expected a list"))
            continue
        if len(items) > MAX_ROWS:
            roster.problems.append(Problem(file, f"/{name}", None, f"more than {MAX_ROWS:,} objects: not read"))
            continue
        for index, item in enumerate(items):
            row = reader.row(name, item, f"/{name}/{index}")
            if row is not None:
                roster.rows.append(row)
    reader.ignored.update(f"top-level {key!r}" for key in document if key not in MAPPING)
    if reader.ignored:
        what = ", ".join(f"{key} ({count})" if count > 1 else key for key, count in reader.ignored.items())
        warnings.warn(f"{file}: ignored what govgraph does not use: {what}", PopoloWarning, stacklevel=2)
    return roster


class _Object(dict[str, Any]):
    """A JSON object that remembers the keys it was given more than once: ``json`` keeps
    the last silently, and the first may be the one the author meant."""

    def __init__(self, pairs: list[tuple[str, Any]]) -> None:
        super().__init__(pairs)
        self.repeated = sorted({key for key, count in Counter(key for key, _ in pairs).items() if count > 1})


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _duplicate_keys(document: Any) -> list[tuple[str, str]]:
    """Each (JSON pointer, key) given twice in one object, in document order. A walk with a
    stack of its own: a document nested as deep as json reads would overflow recursion."""
    found = []
    stack: list[tuple[str, Any]] = [("", document)]
    while stack:
        pointer, node = stack.pop()
        if isinstance(node, _Object):
            found += [(pointer, key) for key in node.repeated]
            children = [
                (f"{pointer}/{key.replace('~', '~0').replace('/', '~1')}", value) for key, value in node.items()
            ]
        elif isinstance(node, list):
            children = [(f"{pointer}/{index}", value) for index, value in enumerate(node)]
        else:
            continue
        stack.extend(reversed(children))
    return found


class _Reader:
    """Objects to rows, counting the keys read past."""

    def __init__(self, file: str, label: str, problems: list[Problem]) -> None:
        self.file, self.label, self.problems = file, label, problems
        self.ignored: Counter[str] = Counter()

    def row(self, name: str, item: Any, pointer: str) -> Row | None:
        table, keys = MAPPING[name]
        if not isinstance(item, dict):
            self.problems.append(Problem(self.file, pointer, None, "expected an object"))
            return None
        if name in ("organizations", "posts") and item.get("id") in _reference_ids():
            return None  # the built-in dataset's own: a reference, already loaded
        values: dict[str, str] = {}
        columns: dict[str, str] = {}
        ok = True
        for key, value in item.items():
            column = keys.get(key)
            if key in _CITATION_KEYS:
                continue
            if column is None:
                if key not in POPOLO_KEYS[name]:
                    expected = ", ".join([*keys, *_CITATION_KEYS])
                    message = f"unknown key {key!r}; expected {expected} or another Popolo {name[:-1]} key"
                    self.problems.append(Problem(self.file, pointer, key, message))
                    ok = False
                elif not (key == "contact_details" and name == "persons"):
                    self.ignored[f"{name}[].{key}"] += 1
            elif column in columns:
                self.problems.append(Problem(self.file, pointer, key, f"give {columns[column]!r} or {key!r}, not both"))
                ok = False
            elif isinstance(value, (list, dict)):
                self.problems.append(
                    Problem(self.file, pointer, key, "expected a single value, not a list or an object")
                )
                ok = False
            else:
                values[column] = _text(value)
                columns[column] = key
        if name == "persons" and "email" not in values:
            email = self._email(item.get("contact_details"), name)
            if email:
                values["email"], columns["email"] = email, "contact_details"
        if name == "organizations":
            classification = values.get("kind", "")
            values["kind"] = _BODY_KINDS.get(classification.lower(), NodeKind.ORGANISATION.value)
            if classification and classification.lower() not in _BODY_KINDS:
                self.ignored[f"organizations[].classification {classification!r}, read as Organisation"] += 1
        source = _citation(item)
        if source is None:
            message = "expected a text 'citation', or 'sources': a list of objects with a 'url' or a 'note'"
            self.problems.append(Problem(self.file, pointer, "sources", message))
            ok = False
        if not ok:
            return None
        # A column the object leaves out is reported under the Popolo key that would carry it.
        columns = {column: key for key, column in reversed(keys.items())} | columns
        return Row(table, values, Origin(self.file, pointer, columns), source or f"{self.label} {pointer}")

    def _email(self, details: Any, name: str) -> str | None:
        if not isinstance(details, list):
            return None
        emails = [d.get("value") for d in details if isinstance(d, dict) and d.get("type") == "email"]
        if len(emails) < len(details):
            self.ignored[f"{name}[].contact_details other than email"] += 1
        return next((str(e).strip() for e in emails if isinstance(e, str) and e.strip()), None)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value).strip()


def _citation(item: dict[str, Any]) -> str | None:
    """The object's ``citation``, else the notes (or urls) of its Popolo ``sources``;
    ``""`` for none, None if malformed."""
    citation = item.get("citation")
    if citation is not None:
        return citation.strip() if isinstance(citation, str) and citation.strip() else None
    sources = item.get("sources")
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

#: The keys by which an exported object refers to an organization or a post.
_REFERENCES = ("organization_id", "post_id", "parent_id", "on_behalf_of_id", "reports_to_id", "ex_officio_of_id")


def popolo_document(store: GraphStore, *, include_contact: bool = False) -> dict[str, list[dict[str, Any]]]:
    """The roster-level content of ``store`` as a Popolo document: its people, the bodies
    and seats not in the built-in reference dataset, every membership, and every
    organization and post these refer to. A person's email only with ``include_contact``.

    >>> from govgraph.loaders import load_reference
    >>> popolo_document(load_reference())
    {'persons': [], 'organizations': [], 'posts': [], 'memberships': []}
    """
    reference = _reference_ids()
    own = [attrs for attrs in store.nodes() if attrs["id"] not in reference]
    persons = [_person(attrs, include_contact) for attrs in own if attrs["kind"] == NodeKind.PERSON]
    organizations = {
        attrs["id"]: _organization(store, attrs)
        for attrs in own
        if attrs["kind"] not in (NodeKind.PERSON, NodeKind.POST)
    }
    posts = {attrs["id"]: _post(store, attrs) for attrs in own if attrs["kind"] == NodeKind.POST}
    memberships = [
        _membership(store, edge.from_id, edge.to_id, edge.attrs)
        for attrs in store.nodes(NodeKind.PERSON)
        for edge in sorted(
            store.out_edges(attrs["id"], EdgeType.HOLDS), key=lambda e: (e.attrs.get("valid_from") or "", e.to_id)
        )
    ]
    pending = [obj[key] for obj in [*organizations.values(), *posts.values(), *memberships] for key in _REFERENCES
               if obj.get(key)]  # fmt: skip
    while pending:
        id = pending.pop()
        kind = kind_of_id(id)
        if kind is NodeKind.POST and id not in posts:
            obj = posts[id] = _post(store, store.node(id))
        elif kind not in (NodeKind.POST, NodeKind.PERSON, None) and id not in organizations:
            obj = organizations[id] = _organization(store, store.node(id))
        else:
            continue
        pending += [obj[key] for key in _REFERENCES if obj.get(key)]
    return {
        "persons": persons,
        "organizations": list(organizations.values()),
        "posts": list(posts.values()),
        "memberships": memberships,
    }


def write_popolo(store: GraphStore, path: str | Path, *, include_contact: bool = False) -> None:
    """Write ``popolo_document(store)`` to ``path`` as UTF-8 JSON."""
    text = json.dumps(popolo_document(store, include_contact=include_contact), indent=2, ensure_ascii=False)
    Path(path).write_text(text + "\n", encoding="utf-8")


@cache
def _reference_ids() -> frozenset[str]:
    return frozenset(node.id for node, _ in reference_batch().nodes)


def _person(attrs: Any, include_contact: bool) -> dict[str, Any]:
    person = {"id": attrs["id"], "name": attrs["name"]}
    person |= {
        key: attrs[key] for key in ("email", "employer") if attrs.get(key) and (include_contact or key != "email")
    }
    return person | {"citation": attrs["source"]}


def _organization(store: GraphStore, attrs: Any) -> dict[str, Any]:
    organization = {"id": attrs["id"], "classification": attrs["kind"], "name": attrs["name"]}
    parent = _target(store, attrs["id"], EdgeType.PART_OF)
    if parent:
        organization["parent_id"] = parent
    organization |= _dates(attrs, founding_date="valid_from", dissolution_date="valid_to")
    return organization | {"citation": attrs["source"]}


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
    return post | {"citation": attrs["source"]}


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
    if attrs.get("appointed"):
        membership["appointed"] = attrs["appointed"]
    return membership | {"citation": attrs["source"]}


def _target(store: GraphStore, id: str, type: EdgeType) -> str | None:
    return next((edge.to_id for edge in store.out_edges(id, type)), None)


def _dates(attrs: Any, **keys: str) -> dict[str, str]:
    return {key: attrs[field] for key, field in keys.items() if attrs.get(field)}
