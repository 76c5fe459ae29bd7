"""What the API's values can be: node kinds, post roles, edge types and the rules in force.

Each list comes from the model itself (``govgraph.graph.model``'s enums and tables) or,
for rules, from the rule files the service loaded, so a client can fill a drop-down or
check a value without copying a list that goes stale. Like every list, each comes a page
at a time (``api.paging``).
"""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter
from pydantic import Field

from govgraph.api.deps import GovernanceDep
from govgraph.api.operation_ids import operation_id
from govgraph.api.paging import PageInfo, WindowDep
from govgraph.api.strict import StrictRoute
from govgraph.graph.model import (
    BODY_KINDS,
    EDGE_ENDPOINTS,
    ID_PREFIX,
    SINGLE_HOLDER_ROLES,
    EdgeType,
    NodeKind,
    Record,
    Role,
)

router = APIRouter(prefix="/meta", tags=["metadata"], route_class=StrictRoute, generate_unique_id_function=operation_id)


class KindInfo(Record):
    kind: NodeKind = Field(description="The kind, as `kind` filters and node records name it.")
    id_prefix: str = Field(description="The prefix of every id of this kind, before the first colon: `crg`.")
    body: bool = Field(description="Whether nodes of this kind are bodies, with seats, parts and successors.")


class KindPage(PageInfo):
    """Node kinds, in the model's order."""

    items: list[KindInfo] = Field(description="The kinds of this page.")


class RoleInfo(Record):
    role: Role = Field(description="The role, as posts and roster rows name it.")
    one_holder: bool = Field(
        description="Whether a seat of this role has one holder at a time, unless it says otherwise."
    )


class RolePage(PageInfo):
    """Post roles, in the model's order."""

    items: list[RoleInfo] = Field(description="The roles of this page.")


class EdgeTypeInfo(Record):
    type: EdgeType = Field(description="The edge type, as relations name it.")
    from_kinds: list[NodeKind] = Field(description="The kinds an edge of this type may start from, sorted.")
    to_kinds: list[NodeKind] = Field(description="The kinds an edge of this type may lead to, sorted.")


class EdgeTypePage(PageInfo):
    """Edge types, in the model's order."""

    items: list[EdgeTypeInfo] = Field(description="The edge types of this page.")


class RuleInfo(Record):
    id: str = Field(description="The rule id, as `/api/gaps?rule=` takes it.")
    description: str = Field(description="What the rule asks, in words.")
    applies_to: NodeKind = Field(description="The kind of body the rule is written for.")
    shape: str = Field(description="The kind of check: covers_each, count_between, tenure, ...")
    in_force_from: date | None = Field(description="The first day the rule is in force; null: since the beginning.")
    in_force_to: date | None = Field(description="The first day the rule is no longer in force; null: still in force.")
    source: str = Field(description="The citation: seed file and paragraph the rule comes from.")


class RulePage(PageInfo):
    """The rules the service judges by, in the order they were loaded."""

    items: list[RuleInfo] = Field(description="The rules of this page.")


@router.get("/kinds")
def list_kinds(window: WindowDep) -> KindPage:
    """Every node kind, its id prefix and whether it is a body."""
    kinds = [KindInfo(kind=kind, id_prefix=ID_PREFIX[kind], body=kind in BODY_KINDS) for kind in NodeKind]
    return window.page(KindPage, kinds)


@router.get("/roles")
def list_roles(window: WindowDep) -> RolePage:
    """Every role a post (a seat) can have."""
    return window.page(RolePage, [RoleInfo(role=role, one_holder=role in SINGLE_HOLDER_ROLES) for role in Role])


@router.get("/edge-types")
def list_edge_types(window: WindowDep) -> EdgeTypePage:
    """Every edge type, with the kinds of node it may join."""
    types = [
        EdgeTypeInfo(type=type, from_kinds=sorted(EDGE_ENDPOINTS[type][0]), to_kinds=sorted(EDGE_ENDPOINTS[type][1]))
        for type in EdgeType
    ]
    return window.page(EdgeTypePage, types)


@router.get("/rules")
def list_rules(governance: GovernanceDep, window: WindowDep) -> RulePage:
    """Every rule the service judges by (the built-in rule files and any it was given),
    with the era it is in force and its citation."""
    rules = [
        RuleInfo(
            id=rule.id,
            description=rule.description,
            applies_to=rule.applies_to.kind,
            shape=rule.check.shape,
            in_force_from=rule.in_force.from_,
            in_force_to=rule.in_force.to,
            source=rule.source,
        )
        for rule in governance.rules
    ]
    return window.page(RulePage, rules)
