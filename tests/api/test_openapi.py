"""/openapi.json, as served: a valid OpenAPI document that says precisely what the service
does, so that generated clients and schemathesis agree with it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from openapi_spec_validator import validate

from govgraph.api import Settings, create_app
from govgraph.api.operation_ids import operation_id

# Written from the routes' purposes, not read from the app: what a generated client calls.
OPERATION_IDS = {
    ("get", "/api/nodes/{id}"): "get_node",
    ("get", "/api/nodes"): "list_nodes",
    ("get", "/api/search"): "search_nodes",
    ("get", "/api/stats"): "get_stats",
    ("get", "/api/representation/{subject}"): "get_representation",
    ("get", "/api/gaps"): "get_gaps",
    ("get", "/api/coverage"): "get_coverage",
    ("get", "/api/line-of-sight/{start}"): "get_line_of_sight",
    ("get", "/api/below/{post}"): "list_posts_below",
    ("get", "/api/members/{org}"): "get_members",
    ("get", "/api/posts-of/{person}"): "get_posts_of",
    ("get", "/api/overload"): "list_overloaded",
    ("get", "/api/changes"): "list_changes",
    ("get", "/api/upcoming"): "get_upcoming",
    ("get", "/api/what-if"): "get_what_if",
    ("get", "/api/recruit"): "get_recruit",
    ("get", "/api/health"): "get_health",
    ("post", "/api/admin/reload"): "reload_graph",
    ("post", "/api/people"): "add_person",
    ("post", "/api/memberships"): "add_holding",
    ("post", "/api/memberships/end"): "end_holding",
    ("get", "/api/meta/kinds"): "list_kinds",
    ("get", "/api/meta/roles"): "list_roles",
    ("get", "/api/meta/edge-types"): "list_edge_types",
    ("get", "/api/meta/rules"): "list_rules",
}
# The operations that need the API key: the writes and the reload. Reads take it only to
# show emails, and answer without it.
KEYED = {("post", "/api/admin/reload"), ("post", "/api/people"), ("post", "/api/memberships"),
         ("post", "/api/memberships/end")}  # fmt: skip
# Every operation that answers with a list of things of no fixed bound.
PAGED = {"/api/nodes", "/api/search", "/api/gaps", "/api/coverage", "/api/below/{post}", "/api/overload",
         "/api/changes", "/api/upcoming", "/api/recruit", "/api/meta/kinds", "/api/meta/roles",
         "/api/meta/edge-types", "/api/meta/rules"}  # fmt: skip
DAY_PARAMETERS = {"as_of", "on", "from", "to"}


@pytest.fixture(scope="module")
def document() -> Iterator[dict]:
    with TestClient(create_app(Settings())) as client:
        yield client.get("/openapi.json").json()


def operations(document: dict) -> Iterator[tuple[str, str, dict]]:
    for path, item in document["paths"].items():
        for method, operation in item.items():
            yield method, path, operation


def test_the_document_is_valid_openapi(document) -> None:
    validate(document)  # raises on the first error, naming where it is


def test_operation_ids_read_as_method_names_and_are_unique(document) -> None:
    found = {(method, path): operation["operationId"] for method, path, operation in operations(document)}
    assert found == OPERATION_IDS
    assert len(set(found.values())) == len(found)


def test_a_route_whose_name_is_no_method_name_is_refused() -> None:
    from fastapi.routing import APIRoute

    def gaps() -> None: ...

    with pytest.raises(ValueError, match="'gaps' does not start with one of"):
        operation_id(APIRoute("/gaps", gaps))


def properties_without_description(node: object, where: str = "") -> Iterator[str]:
    """Every property of every schema anywhere in ``node`` that has no description."""
    if isinstance(node, dict):
        for name, schema in (node.get("properties") or {}).items():
            if "description" not in schema:
                yield f"{where}.{name}"
        for key, value in node.items():
            yield from properties_without_description(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from properties_without_description(value, f"{where}[{index}]")


def test_the_walk_finds_a_property_without_description() -> None:
    # The check of the next test must be able to fail: a nested schema with one bare property.
    schema = {"components": {"schemas": {"A": {"properties": {"b": {"description": "x"}, "c": {"type": "string"}}}}}}
    assert list(properties_without_description(schema)) == ["/components/schemas/A.c"]


def test_every_schema_property_and_parameter_is_described(document) -> None:
    assert list(properties_without_description(document)) == []
    bare = [(path, p["name"]) for _, path, op in operations(document) for p in op.get("parameters", [])
            if not p.get("description")]  # fmt: skip
    assert bare == []


def test_days_are_declared_as_dates(document) -> None:
    days = [(path, p["name"], p["schema"]) for _, path, op in operations(document) for p in op.get("parameters", [])
            if p["name"] in DAY_PARAMETERS]  # fmt: skip
    # as_of on the 14 reads of a day (nodes, one node, search, stats, representation, gaps,
    # coverage, line of sight, below, members, posts of, overload, upcoming, recruit),
    # `on` of what-if, `from` and `to` of changes.
    assert len(days) == 17
    for path, name, schema in days:
        assert (schema["type"], schema["format"]) == ("string", "date"), (path, name)


def test_the_key_is_declared_only_where_it_is_needed(document) -> None:
    assert "security" not in document
    for method, path, operation in operations(document):
        expected = [{"APIKeyHeader": []}] if (method, path) in KEYED else None
        assert operation.get("security") == expected, (method, path)


def test_every_list_operation_pages(document) -> None:
    for _, path, operation in operations(document):
        names = {p["name"] for p in operation.get("parameters", [])}
        assert ({"offset", "limit"} <= names) == (path in PAGED), path
        if path in PAGED:
            schema = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].split("/")[-1]
            assert {"total", "offset", "limit", "next"} <= set(document["components"]["schemas"][schema]["properties"])


def test_every_operation_documents_the_422_for_an_unknown_parameter(document) -> None:
    for method, path, operation in operations(document):
        assert "422" in operation["responses"], (method, path)
        assert "A parameter missing, of the wrong type" in operation["responses"]["422"]["description"], path
