"""The representation and line-of-sight endpoints, through the real app: each answers
exactly what the Python query answers on the same graph, and errors keep the one shape."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

import govgraph
from govgraph.api import Settings, create_app
from tests._service import PAGE_KEYS


@pytest.fixture(scope="module")
def graph() -> govgraph.Governance:
    return govgraph.load()


@pytest.fixture(scope="module")
def client(graph: govgraph.Governance) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(), governance=graph)) as client:
        yield client


PAGED = {"/api/gaps", "/api/coverage", "/api/below/post:region:south/medical-director", "/api/overload", "/api/changes"}


@pytest.mark.parametrize(
    ("path", "params", "call"),
    [
        ("/api/representation/crg:CFS", {"as_of": "2014-06-01"},
         lambda g: g.representation("crg:CFS", as_of="2014-06-01")),
        ("/api/gaps", {"as_of": "2014-06-01"}, lambda g: g.gaps(as_of="2014-06-01")),
        ("/api/gaps", {"as_of": "2024-06-01", "kind": "Board"}, lambda g: g.gaps(as_of="2024-06-01", kind="Board")),
        ("/api/coverage", {"of": "crg", "by": "senate", "as_of": "2014-06-01"},
         lambda g: g.coverage(as_of="2014-06-01")),
        ("/api/coverage", {"of": "board", "by": "icb", "as_of": "2023-01-01"},
         lambda g: g.coverage(of="board", by="icb", as_of="2023-01-01")),
        ("/api/line-of-sight/post:area-team:wessex/medical-director", {"as_of": "2014-06-01"},
         lambda g: g.line_of_sight("post:area-team:wessex/medical-director", as_of="2014-06-01")),
        ("/api/below/post:region:south/medical-director", {"as_of": "2014-06-01"},
         lambda g: g.below("post:region:south/medical-director", as_of="2014-06-01")),
        ("/api/members/crg:CFS", {"as_of": "2014-06-01"}, lambda g: g.members("crg:CFS", as_of="2014-06-01")),
        ("/api/overload", {"min_seats": "3", "as_of": "2014-06-01"},
         lambda g: g.overload(min_seats=3, as_of="2014-06-01")),
        ("/api/changes", {"from": "2015-01-01", "to": "2015-06-01"}, lambda g: g.changes("2015-01-01", "2015-06-01")),
    ],
)  # fmt: skip
def test_each_endpoint_answers_as_the_python_api(client, graph, path, params, call) -> None:
    if path in PAGED:
        # Pages of 100 followed to the last, their lists joined, are the whole report.
        body = every_page(client, path, {**params, "limit": "100"})
    else:
        response = client.get(path, params=params)
        assert response.status_code == 200, response.text
        body = response.json()
    assert body == call(graph).model_dump(mode="json")


WHOLE = {"areas"}  # the one list of these reports on every page whole: the coverage's columns


def every_page(client: TestClient, path: str, params: dict[str, str]) -> dict:
    """A paged report's pages, from the first by their `next` links, joined into one: each
    list the concatenation of its parts, the other fields those of every page."""
    response = client.get(path, params=params)
    joined: dict = {}
    while True:
        assert response.status_code == 200, response.text
        page = response.json()
        assert page["offset"] == sum(len(v) for k, v in joined.items() if isinstance(v, list) and k not in WHOLE)
        link = page.pop("next")
        for name in PAGE_KEYS:
            page.pop(name, None)
        for name, value in page.items():
            if isinstance(value, list) and name in joined and name not in WHOLE:
                joined[name] += value
            else:
                joined[name] = value
        if link is None:
            assert "link" not in response.headers
            return joined
        assert response.headers["link"] == f'<{link}>; rel="next"'
        response = client.get(link)


def test_posts_of_a_person_on_the_hand_drawn_graph() -> None:
    from tests.queries import fixture

    graph = govgraph.Governance(fixture.build(), rules=[])
    with TestClient(create_app(Settings(), governance=graph)) as client:
        data = client.get("/api/posts-of/person:ada", params={"as_of": "2014-01-01"}).json()
    assert [p["post_id"] for p in data["posts"]] == ["post:crg:TST/chair", "post:crg:TST/senate-london-3"]


@pytest.mark.parametrize(
    ("path", "params", "status", "code"),
    [
        ("/api/representation/crg:CSF", {}, 404, "not_found"),
        ("/api/gaps", {"rule": "crg-chiar"}, 404, "not_found"),
        ("/api/gaps", {"as_of": "2014-02-30"}, 400, "invalid_date"),
        ("/api/coverage", {"by": "planet"}, 422, "invalid_request"),
        ("/api/line-of-sight/post:nowhere/x", {}, 404, "not_found"),
        ("/api/overload", {"min_seats": "0"}, 422, "invalid_request"),
        ("/api/changes", {"from": "2015-01-01", "to": "2014-01-01"}, 422, "invalid_parameter"),
        ("/api/changes", {"from": "2015-01-01"}, 422, "invalid_request"),
    ],
)
def test_error_paths_keep_the_one_shape(client, path, params, status, code) -> None:
    response = client.get(path, params=params)
    assert response.status_code == status
    body = response.json()
    assert set(body) == {"error"}
    assert body["error"]["status"] == status and body["error"]["code"] == code
    assert set(body["error"]) == {"status", "code", "message", "suggestions", "problems"}


def test_unknown_subject_suggests_the_closest(client) -> None:
    error = client.get("/api/representation/crg:CSF").json()["error"]
    assert error["suggestions"][0] == "crg:CFS"


def test_a_body_that_did_not_exist_is_never_passed_over_http(client) -> None:
    # crg:CFS is a 2013 CRG (2013-04-01 up to 2016-04-01): on 2024-01-01 it did not exist.
    rep = client.get("/api/representation/crg:CFS", params={"as_of": "2024-01-01"}).json()
    assert (rep["outcome"], rep["exists"], rep["verdicts"]) == ("not_assessed", False, [])
    assert rep["reason"] == "crg:CFS did not exist on 2024-01-01: it existed from 2013-04-01 to 2016-03-31"
    assert (rep["valid_from"], rep["valid_to"]) == ("2013-04-01", "2016-04-01")
    assert "passed" not in rep
    members = client.get("/api/members/crg:CFS", params={"as_of": "2024-01-01"}).json()
    assert (members["exists"], members["reason"]) == (False, rep["reason"])
    report = client.get("/api/gaps", params={"as_of": "2024-01-01"}).json()
    assert (
        report["verdicts_checked"]
        == report["verdicts_passed"] + report["verdicts_failed"] + report["verdicts_not_assessed"]
    )
    assert "crg:A05" in report["subjects_without_rule"]


def test_the_openapi_schema_documents_the_three_outcomes(client) -> None:
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    assert schemas["Outcome"]["enum"] == ["passed", "failed", "not_assessed"]
    assert "not_assessed: nothing was checked" in schemas["Verdict"]["properties"]["outcome"]["description"]
    assert "passed" not in schemas["Verdict"]["properties"] and "passed" not in schemas["Representation"]["properties"]
