"""The look-ahead endpoints through the real app, on the hand-drawn graph of
tests/queries/lookahead_fixture.py: each answers what the worked answers in
tests/queries/test_lookahead.py say, exactly as the Python API does, and errors keep the
one shape."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

import govgraph
from govgraph.api import Settings, create_app
from govgraph.queries.rules import load_rules
from tests._service import error_of, whole
from tests.queries import lookahead_fixture as fixture


@pytest.fixture(scope="module")
def graph(tmp_path_factory) -> govgraph.Governance:
    path = tmp_path_factory.mktemp("rules") / "lookahead.yaml"
    path.write_text(fixture.RULES_YAML)
    return govgraph.Governance(fixture.build(), rules=load_rules([path], with_builtin=False))


@pytest.fixture(scope="module")
def client(graph: govgraph.Governance) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(), governance=graph)) as client:
        yield client


def test_upcoming(client, graph) -> None:
    response = client.get("/api/upcoming", params={"as_of": "2026-09-01", "within": "180"})
    assert response.status_code == 200, response.text
    data = response.json()
    # cal (senate-b) 2026-10-01, eli (ppv-2, kit follows) 2026-11-01, gil (regional MD)
    # 2026-12-15, ann (chair) 2027-01-01, until 2026-09-01 + 180 days = 2027-02-28.
    assert data["until"] == "2027-02-28"
    assert [(v["vacates_on"], v["person_id"], [f["rule_id"] for f in v["fails"]]) for v in data["vacancies"]] == [
        ("2026-10-01", "person:cal", ["la-senates"]),
        ("2026-11-01", "person:eli", []),
        ("2026-12-15", "person:gil", ["line"]),
        ("2027-01-01", "person:ann", ["la-chair", "la-size", "poc-members"]),
    ]
    assert whole(data, 4) == graph.upcoming(as_of="2026-09-01", within_days=180).model_dump(mode="json")


def test_what_if(client, graph) -> None:
    response = client.get("/api/what-if", params={"leaves": "person:ann", "on": "2026-10-15"})
    assert response.status_code == 200, response.text
    data = response.json()
    assert [x["seat"]["post_id"] for x in data["ex_officio"]] == ["post:board:POC/crg-la-chair"]
    assert [(f["rule_id"], f["subject_id"]) for f in data["fails"]] == [
        ("la-chair", "crg:LA"),
        ("la-size", "crg:LA"),
        ("poc-members", "board:POC"),
    ]
    assert data == graph.what_if("person:ann", on="2026-10-15").model_dump(mode="json")


def test_recruit(client, graph) -> None:
    response = client.get("/api/recruit", params={"as_of": "2026-09-01"})
    assert response.status_code == 200, response.text
    data = response.json()
    # The accountable commissioner's seat fixes two (its CRG's and, ex officio, the board's)
    # and pushes crg:LA to 5 members; ppv-1 fixes poc-ppv; poc-size needs two more members.
    assert [(c["seat"]["post_id"], len(c["fixes"]), len(c["new_failures"])) for c in data["candidates"]] == [
        ("post:crg:LA/accountable-commissioner", 2, 1),
        ("post:board:POC/ppv-1", 1, 0),
    ]
    assert [u["rule_id"] for u in data["unfixed"]] == ["poc-size"]
    # Two candidates and one unfixed verdict, paged as one sequence of three.
    assert whole(data, 3) == graph.recruit(as_of="2026-09-01").model_dump(mode="json")


@pytest.mark.parametrize(
    ("path", "params", "status", "code"),
    [
        ("/api/what-if", {"leaves": "person:anne"}, 404, "not_found"),
        ("/api/what-if", {"leaves": "post:crg:LA/chair"}, 422, "invalid_parameter"),
        ("/api/what-if", {}, 422, "invalid_request"),
        ("/api/what-if", {"leaves": "person:ann", "on": "2026-13-01"}, 400, "invalid_date"),
        ("/api/upcoming", {"within": "-1"}, 422, "invalid_request"),
        ("/api/upcoming", {"within": "3654"}, 422, "invalid_request"),
        ("/api/upcoming", {"as_of": "tomorrow"}, 400, "invalid_date"),
        ("/api/recruit", {"as_of": "2026-02-29"}, 400, "invalid_date"),
    ],
)
def test_error_paths_keep_the_one_shape(client, path, params, status, code) -> None:
    error = error_of(client.get(path, params=params), status, code)
    if code == "not_found":
        assert error["suggestions"][0] == "person:ann"


def test_openapi_documents_the_three_endpoints(client) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/upcoming", "/api/what-if", "/api/recruit"):
        assert "looking ahead" in paths[path]["get"]["tags"]
    parameters = {p["name"]: p for p in paths["/api/what-if"]["get"]["parameters"]}
    assert parameters["leaves"]["required"] is True
    assert "Default: today" in parameters["on"]["description"]
