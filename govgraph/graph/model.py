"""The domain model: node kinds, edge types, post roles and the records that carry them.

Records are pydantic models, validated once at the boundary (a loader, an API write).
The graph itself stores each record as a plain JSON-able dict (``record_to_attrs``) keyed
by its stable, namespaced id, so that networkx, pyvis and the JSON snapshot all see the
same attributes and no query pays for model construction.

Ids
    ``<prefix>:<local part>``, the prefix fixed by the kind (``crg:CFS``, ``icb:QE1``,
    ``post:crg:CFS/chair``, ``person:jane-doe``). See ``ID_PREFIX``.

Time
    Every node and edge has ``valid_from`` (inclusive) and ``valid_to`` (exclusive), either
    open. A record counts on day D when ``valid_from <= D < valid_to``. A holding that
    ends on 2015-03-31 (its last day) therefore has ``valid_to = 2015-04-01``. Dates are
    stored as ISO strings, which compare in date order; ``govgraph.graph.timeline.Span``
    is the one type for such a span and its conversions.

    ``attested_to`` (optional) is the last day a source describes the record. Where no
    source gives an end, ``valid_to`` stays open, but past ``attested_to`` the record is
    *not known*: queries that rest on it answer "not known after D" (a verdict is
    ``not_assessed``) instead of asserting it.

    ``basis`` says whether a source states the record or it is only inferred from one
    (``docs/dataset.md``); an inferred record is never evidence for a rule.

Edges, and which way they point
    Every edge points from the part, the seat or the person *towards* what it belongs
    to, answers to or speaks for. One direction for all of them means that "everything
    above X" is ``nx.descendants`` over one edge type and "everything below X" is
    ``nx.ancestors``.

    =============== =========================== ================================================
    type            from -> to                  what it buys
    =============== =========================== ================================================
    PART_OF         child body -> parent body   CRG -> Programme -> Portfolio; Hub -> Region
    IN_AREA         CCG/ICB/area team -> area   which Senate area or hub a place belongs to
    SUCCEEDED_BY    old body -> new body        CCG -> ICB on 2022-07-01; a question about
                                                one can be answered for the other
    POST_IN         Post -> body                the body a seat belongs to; members of X are
                                                the in-edges of X
    HOLDS           Person -> Post              who holds a seat, and when (``acting`` marks
                                                an acting or interim holder)
    REPRESENTS      Post -> area/constituency   the seat speaks for a Senate area, region,
                                                ICB, CCG or professional body
    REPORTS_TO      Post -> superior Post       the line of sight; descendants are the chain
                                                upwards
    EX_OFFICIO      Post -> Post                this seat is held by whoever holds that post
    ACCOUNTABLE_TO  body -> body                CRG -> PoC board -> Portfolio board
    =============== =========================== ================================================
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from enum import StrEnum
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, field_validator, model_validator

__all__ = [
    "AREA_KINDS",
    "BODY_KINDS",
    "CRG",
    "EDGE_ENDPOINTS",
    "ID_PREFIX",
    "SINGLE_HOLDER_ROLES",
    "AreaTeam",
    "Basis",
    "Body",
    "CRGModel",
    "Edge",
    "EdgeType",
    "Node",
    "NodeKind",
    "Person",
    "Post",
    "Record",
    "Role",
    "StatedTotal",
    "edge_key",
    "kind_of_id",
    "name_on",
    "node_from_attrs",
    "record_to_attrs",
    "stated_total",
]


class Record(BaseModel):
    """Base of every record and result: immutable, and unknown fields are an error."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class NodeKind(StrEnum):
    REGION = "Region"
    HUB = "Hub"
    AREA_TEAM = "AreaTeam"
    CCG = "CCG"
    ICB = "ICB"
    SENATE = "Senate"
    PORTFOLIO = "Portfolio"
    PROGRAMME = "Programme"
    CRG = "CRG"
    BOARD = "Board"
    ORGANISATION = "Organisation"
    POST = "Post"
    PERSON = "Person"


ID_PREFIX: dict[NodeKind, str] = {
    NodeKind.REGION: "region",
    NodeKind.HUB: "hub",
    NodeKind.AREA_TEAM: "area-team",
    NodeKind.CCG: "ccg",
    NodeKind.ICB: "icb",
    NodeKind.SENATE: "senate",
    NodeKind.PORTFOLIO: "portfolio",
    NodeKind.PROGRAMME: "programme",
    NodeKind.CRG: "crg",
    NodeKind.BOARD: "board",
    NodeKind.ORGANISATION: "org",
    NodeKind.POST: "post",
    NodeKind.PERSON: "person",
}
_KIND_BY_PREFIX = {prefix: kind for kind, prefix in ID_PREFIX.items()}

#: Kinds that are bodies: they have seats, parts and successors.
BODY_KINDS = frozenset(NodeKind) - {NodeKind.POST, NodeKind.PERSON}
#: Kinds a seat can speak for as a place.
AREA_KINDS = frozenset({NodeKind.SENATE, NodeKind.REGION, NodeKind.HUB, NodeKind.AREA_TEAM, NodeKind.CCG, NodeKind.ICB})


class EdgeType(StrEnum):
    PART_OF = "PART_OF"
    IN_AREA = "IN_AREA"
    SUCCEEDED_BY = "SUCCEEDED_BY"
    POST_IN = "POST_IN"
    HOLDS = "HOLDS"
    REPRESENTS = "REPRESENTS"
    REPORTS_TO = "REPORTS_TO"
    EX_OFFICIO = "EX_OFFICIO"
    ACCOUNTABLE_TO = "ACCOUNTABLE_TO"


_POST = frozenset({NodeKind.POST})
#: The kinds each edge type may join, as (from kinds, to kinds).
EDGE_ENDPOINTS: dict[EdgeType, tuple[frozenset[NodeKind], frozenset[NodeKind]]] = {
    EdgeType.PART_OF: (BODY_KINDS, BODY_KINDS),
    EdgeType.IN_AREA: (AREA_KINDS, AREA_KINDS),
    EdgeType.SUCCEEDED_BY: (BODY_KINDS, BODY_KINDS),
    EdgeType.POST_IN: (_POST, BODY_KINDS),
    EdgeType.HOLDS: (frozenset({NodeKind.PERSON}), _POST),
    EdgeType.REPRESENTS: (_POST, AREA_KINDS | {NodeKind.ORGANISATION}),
    EdgeType.REPORTS_TO: (_POST, _POST),
    EdgeType.EX_OFFICIO: (_POST, _POST),
    EdgeType.ACCOUNTABLE_TO: (BODY_KINDS, BODY_KINDS),
}


class Role(StrEnum):
    CHAIR = "chair"
    CO_CHAIR = "co-chair"
    VICE_CHAIR = "vice-chair"
    CLINICAL_MEMBER = "clinical-member"
    PPV = "ppv"
    PROFESSIONAL_ORGANISATION = "professional-organisation"
    ACCOUNTABLE_COMMISSIONER = "accountable-commissioner"
    COLLABORATING_COMMISSIONER = "collaborating-commissioner"
    CCG_REPRESENTATIVE = "ccg-representative"
    PUBLIC_HEALTH = "public-health"
    DIRECTOR = "director"
    MEDICAL_DIRECTOR = "medical-director"
    MEMBER = "member"


#: Roles whose seat is held by one person at a time unless a post says otherwise.
SINGLE_HOLDER_ROLES = frozenset(Role) - {Role.MEMBER}


class CRGModel(StrEnum):
    """The three CRG models of seed 000 ("Clinical Reference Group Model")."""

    TRANSFORM = "Transform"
    LEAD_AND_INFORM = "Lead and Inform"
    RESPOND_AND_ADVISE = "Respond and Advise"


_ID_RE = re.compile(r"^[a-z][a-z-]*:[A-Za-z0-9][A-Za-z0-9._:/-]*$")


def kind_of_id(id: str) -> NodeKind | None:
    """The kind an id's prefix names, or None for a malformed or unknown prefix.

    >>> kind_of_id("crg:CFS")
    <NodeKind.CRG: 'CRG'>
    >>> kind_of_id("post:crg:CFS/chair")
    <NodeKind.POST: 'Post'>
    >>> kind_of_id("nonsense") is None
    True
    """
    prefix, sep, _ = id.partition(":")
    return _KIND_BY_PREFIX.get(prefix) if sep else None


def _check_dates(valid_from: date | None, valid_to: date | None, attested_to: date | None = None) -> None:
    if valid_from is not None and valid_to is not None and valid_to <= valid_from:
        raise ValueError(f"valid_to {valid_to} must be after valid_from {valid_from}")
    if attested_to is not None:
        if valid_from is not None and attested_to < valid_from:
            raise ValueError(f"attested_to {attested_to} is before valid_from {valid_from}")
        if valid_to is not None and attested_to >= valid_to:
            raise ValueError(f"attested_to {attested_to} is not before valid_to {valid_to}: leave it empty")


_ATTESTED_TO = "Last day a source describes it; past it the record is not known."


#: How sure the sources are of a record: ``stated`` by a source, or only ``inferred`` from one.
Basis = Literal["stated", "inferred"]

_BASIS = "'stated' when a source states it, 'inferred' when it is only inferred from one; empty means stated."


class _NodeBase(Record):
    id: str = Field(description="Stable namespaced id, e.g. 'crg:CFS'.")
    name: str = Field(min_length=1, description="The name, as the source gives it.")
    valid_from: date | None = Field(default=None, description="First day it exists; open if empty.")
    valid_to: date | None = Field(default=None, description="First day it no longer exists; open if empty.")
    attested_to: date | None = Field(default=None, description=_ATTESTED_TO)
    basis: Basis | None = Field(default=None, description=_BASIS)
    source: str = Field(min_length=1, description="Citation: seed file and paragraph, or loaded file and row.")

    @field_validator("id")
    @classmethod
    def _id_shape(cls, value: str) -> str:
        if not _ID_RE.match(value):
            raise ValueError(f"{value!r} is not an id of the form 'prefix:local-part'")
        return value

    @model_validator(mode="after")
    def _id_matches_kind(self) -> _NodeBase:
        kind = NodeKind(getattr(self, "kind"))
        prefix = ID_PREFIX[kind]
        if not self.id.startswith(prefix + ":"):
            raise ValueError(f"id {self.id!r} of a {kind} must start with {prefix!r}:")
        _check_dates(self.valid_from, self.valid_to, self.attested_to)
        return self


class Body(_NodeBase):
    """A body with no fields of its own beyond a code: region, hub, CCG, ICB, senate,
    portfolio, programme, board or other organisation."""

    kind: Literal[
        NodeKind.REGION,
        NodeKind.HUB,
        NodeKind.CCG,
        NodeKind.ICB,
        NodeKind.SENATE,
        NodeKind.PORTFOLIO,
        NodeKind.PROGRAMME,
        NodeKind.BOARD,
        NodeKind.ORGANISATION,
    ] = Field(description="The node kind.")
    code: str | None = Field(default=None, description="ODS code or other published code.")
    earlier_name: str | None = Field(
        default=None, description="The name a source gives it before ``name_from`` (a CCG's 2015 name)."
    )
    name_from: date | None = Field(
        default=None, description="First day a source gives ``name``; before it the body was ``earlier_name``."
    )


class AreaTeam(_NodeBase):
    kind: Literal[NodeKind.AREA_TEAM] = Field(default=NodeKind.AREA_TEAM, description="The node kind.")
    code: str | None = Field(default=None, description="The published code, where there is one.")
    specialised_contracting: bool = Field(
        default=False, description="One of the ten area teams that contracted specialised services (seed 003 para 71)."
    )


class CRG(_NodeBase):
    kind: Literal[NodeKind.CRG] = Field(default=NodeKind.CRG, description="The node kind.")
    code: str | None = Field(default=None, description="The published code; not unique across CRGs (two use MSD).")
    model: CRGModel | None = Field(
        default=None, description="The CRG model (seed 000): Transform, Lead and Inform, or Respond and Advise."
    )
    model_from: date | None = Field(
        default=None, description="First day a source gives ``model``; before it the CRG's model is not known."
    )
    new_in_2013: bool = Field(default=False, description="One of the 'New for 2013' CRGs (seed 001 para 18).")


class Post(_NodeBase):
    """A seat. It may be vacant; people hold it through HOLDS edges."""

    kind: Literal[NodeKind.POST] = Field(default=NodeKind.POST, description="The node kind.")
    role: Role = Field(description="The seat's role: chair, clinical-member, ...")
    single_holder: bool = Field(default=True, description="At most one holder at a time.")


class Person(_NodeBase):
    kind: Literal[NodeKind.PERSON] = Field(default=NodeKind.PERSON, description="The node kind.")
    email: str | None = Field(default=None, description="Contact; shown only to callers with the API key.")
    employer: str | None = Field(default=None, description="The person's employer, as the roster gives it.")
    fictional: bool = Field(default=False, description="An invented person of the example roster.")


Node = Annotated[Union[Body, AreaTeam, CRG, Post, Person], Field(discriminator="kind")]
_NODE_ADAPTER: TypeAdapter[Node] = TypeAdapter(Node)


class Edge(Record):
    type: EdgeType
    from_id: str
    to_id: str
    valid_from: date | None = None
    valid_to: date | None = None
    attested_to: date | None = Field(default=None, description=_ATTESTED_TO)
    basis: Basis | None = Field(default=None, description=_BASIS)
    source: str = Field(min_length=1)
    acting: bool = Field(default=False, description="HOLDS only: an acting or interim holder.")
    appointed: date | None = Field(
        default=None,
        description="HOLDS only: first appointed to this role, when before the holding's start: e.g. a chair "
        "appointed during the 2012 transition.",
    )

    @model_validator(mode="after")
    def _dates(self) -> Edge:
        _check_dates(self.valid_from, self.valid_to, self.attested_to)
        if self.acting and self.type is not EdgeType.HOLDS:
            raise ValueError("only a HOLDS edge can be acting")
        if self.appointed is not None:
            if self.type is not EdgeType.HOLDS:
                raise ValueError("only a HOLDS edge can have an appointed date")
            if self.valid_from is not None and self.appointed > self.valid_from:
                raise ValueError(f"appointed {self.appointed} is after valid_from {self.valid_from}")
        return self

    @property
    def key(self) -> str:
        return edge_key(self.type, self.valid_from.isoformat() if self.valid_from else None)


def edge_key(type: str, valid_from: str | None) -> str:
    """The key of an edge among the edges joining the same two nodes.

    Two edges of one type between the same nodes must start on different days, so a
    person who held a seat twice has two HOLDS edges with distinct keys.

    >>> edge_key("HOLDS", "2013-04-01")
    'HOLDS@2013-04-01'
    >>> edge_key("PART_OF", None)
    'PART_OF@'
    """
    return f"{type}@{valid_from or ''}"


class StatedTotal(Record):
    """A count a source gives without listing every member ("There are 38 CRGs", 002), kept
    in the graph's metadata under ``stated_totals`` so that an answer can say "N of 38 named"
    rather than a silent N."""

    kind: NodeKind | None = Field(default=None, description="The kind of node counted; empty for things not nodes.")
    what: str = Field(min_length=1, description="What is counted, in words: 'CRGs', 'services commissioned jointly'.")
    of: str | None = Field(default=None, description="The body counted within (a programme id); empty for all.")
    on: date = Field(description="The day the total is stated for; it holds until a later total.")
    total: int = Field(ge=0)
    basis: Basis | None = Field(default=None, description=_BASIS)
    source: str = Field(min_length=1)


def stated_total(
    meta: Mapping[str, Any], kind: NodeKind, day: str | date, *, of: str | None = None
) -> StatedTotal | None:
    """The latest total the sources state for ``kind`` (within ``of``) on or before ``day``.

    >>> meta = {"stated_totals": [{"kind": "CRG", "what": "CRGs", "on": "2016-04-01", "total": 41, "source": "HSJ"},
    ...                           {"kind": "CRG", "what": "CRGs", "on": "2023-10-01", "total": 38, "source": "002"}]}
    >>> stated_total(meta, NodeKind.CRG, "2024-01-01").total
    38
    >>> stated_total(meta, NodeKind.CRG, "2015-01-01") is None
    True
    """
    totals = [StatedTotal.model_validate(t) for t in meta.get("stated_totals", [])]
    found = [t for t in totals if t.kind == kind and t.of == of and t.on.isoformat() <= str(day)]
    return max(found, key=lambda t: t.on) if found else None


def name_on(attrs: Mapping[str, Any], day: str | date) -> str:
    """The name a node's sources give it on ``day``: a CCG answered for 2015 carries its
    2015 name.

    >>> ccg = {"name": "NHS Morecambe Bay CCG", "earlier_name": "NHS Lancashire North CCG", "name_from": "2021-04-01"}
    >>> name_on(ccg, "2015-06-01"), name_on(ccg, "2021-04-01")
    ('NHS Lancashire North CCG', 'NHS Morecambe Bay CCG')
    """
    name_from, earlier = attrs.get("name_from"), attrs.get("earlier_name")
    if earlier and name_from and str(day) < str(name_from):
        return str(earlier)
    return str(attrs["name"])


def record_to_attrs(record: Record) -> dict[str, Any]:
    """The plain dict the graph stores for a record: JSON types, empty fields left out."""
    return record.model_dump(mode="json", exclude_defaults=True) | _always(record)


def _always(record: Record) -> dict[str, Any]:
    # Defaults that every consumer reads without a fallback stay in the dict.
    if isinstance(record, Edge):
        return {"type": str(record.type)}
    return {"kind": str(getattr(record, "kind"))}


def node_from_attrs(attrs: dict[str, Any]) -> Node:
    """Rebuild (and re-validate) a node record from the graph's stored attributes."""
    return _NODE_ADAPTER.validate_python(attrs)
