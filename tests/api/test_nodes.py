"""The read endpoints, through the real app on the built-in dataset."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

import govgraph
from govgraph.api import Settings, create_app


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(Settings())) as client:
        yield client


def test_show_a_crg_with_its_programme_seats_and_citation(client: TestClient) -> None:
    response = client.get("/api/nodes/crg:CFS")
    assert response.status_code == 200
    data = response.json()
    assert data["node"]["name"] == "Cystic Fibrosis"
    assert data["node"]["source"].startswith("001_7c6f17057a5b61aa.txt para 13")
    assert [r["id"] for r in data["relations"] if r["type"] == "PART_OF"] == ["programme:internal-medicine"]
    seats = {r["id"] for r in data["relations"] if r["type"] == "POST_IN"}
    assert {"post:crg:CFS/chair", "post:crg:CFS/senate-london-3"} <= seats


def test_show_answers_as_the_python_api_does(client: TestClient) -> None:
    expected = govgraph.load().show("crg:CFS", as_of="2014-01-01").model_dump(mode="json")
    assert client.get("/api/nodes/crg:CFS", params={"as_of": "2014-01-01"}).json() == expected


def test_show_a_post_whose_id_has_a_slash(client: TestClient) -> None:
    data = client.get("/api/nodes/post:crg:CFS/chair").json()
    assert (data["node"]["kind"], data["node"]["role"]) == ("Post", "chair")
    assert [r["id"] for r in data["relations"] if r["type"] == "POST_IN"] == ["crg:CFS"]


def test_show_as_of_a_day_after_the_node_ended(client: TestClient) -> None:
    data = client.get("/api/nodes/crg:CFS", params={"as_of": "2020-01-01"}).json()
    assert data["as_of"] == "2020-01-01"
    assert data["active"] is False
    assert data["relations"] == []


def test_search_finds_by_name_and_kind(client: TestClient) -> None:
    assert [hit["id"] for hit in client.get("/api/search", params={"q": "cystic"}).json()["items"]] == ["crg:CFS"]
    hubs = client.get("/api/search", params={"q": "wessex", "kind": "Hub"}).json()
    assert [hit["id"] for hit in hubs["items"]] == ["hub:wessex"]
    assert len(client.get("/api/search", params={"q": "crg", "limit": 3}).json()["items"]) == 3


def test_search_as_of_leaves_out_what_did_not_exist(client: TestClient) -> None:
    page = client.get("/api/search", params={"q": "cystic", "as_of": "2020-01-01"}).json()
    assert (page["items"], page["total"], page["next"]) == ([], 0, None)


def test_stats_on_a_day(client: TestClient) -> None:
    data = client.get("/api/stats", params={"as_of": "2013-06-01"}).json()
    assert data["as_of"] == "2013-06-01"
    assert {k: data["nodes"][k] for k in ("Region", "CRG", "Senate", "Programme", "CCG")} == {
        "Region": 4, "CRG": 73, "Senate": 12, "Programme": 5, "CCG": 211,
    }  # fmt: skip


def test_stats_without_a_day_answers_for_today(client: TestClient) -> None:
    data = client.get("/api/stats").json()
    assert data["nodes"]["ICB"] == 42


def test_list_nodes_by_kind_a_page_at_a_time(client: TestClient) -> None:
    first = client.get("/api/nodes", params={"kind": "Programme", "limit": 4}).json()
    second = client.get("/api/nodes", params={"kind": "Programme", "limit": 4, "offset": 4}).json()
    assert (first["total"], first["offset"], first["limit"]) == (7, 0, 4)
    assert (second["total"], second["offset"], second["limit"]) == (7, 4, 4)
    ids = [node["id"] for node in first["items"] + second["items"]]
    assert ids == sorted(ids) and len(set(ids)) == 7
    assert "programme:trauma" in ids


def test_list_nodes_past_the_end_is_an_empty_page(client: TestClient) -> None:
    data = client.get("/api/nodes", params={"kind": "Programme", "offset": 100}).json()
    assert (data["items"], data["total"]) == ([], 7)


def test_list_nodes_by_text_and_as_of(client: TestClient) -> None:
    data = client.get("/api/nodes", params={"q": "CYSTIC"}).json()
    assert [node["id"] for node in data["items"]] == ["crg:CFS"]
    regions = client.get("/api/nodes", params={"kind": "Region", "as_of": "2013-06-01"}).json()
    assert regions["total"] == 4


def test_list_nodes_under_a_programme_takes_in_crgs_and_their_seats(client: TestClient) -> None:
    crgs = client.get(
        "/api/nodes", params={"programme": "programme:internal-medicine", "kind": "CRG", "limit": 500}
    ).json()
    assert "crg:CFS" in [node["id"] for node in crgs["items"]]
    assert all(node["kind"] == "CRG" for node in crgs["items"])
    seats = client.get(
        "/api/nodes", params={"programme": "programme:internal-medicine", "q": "crg:CFS/", "limit": 500}
    ).json()
    assert "post:crg:CFS/chair" in [node["id"] for node in seats["items"]]


def test_list_nodes_under_a_region_goes_down_through_hubs(client: TestClient) -> None:
    data = client.get("/api/nodes", params={"region": "region:south", "as_of": "2016-01-01", "limit": 500}).json()
    ids = {node["id"] for node in data["items"]}
    assert {"hub:wessex", "ccg:10G", "post:board:oversight-wessex/ccg-10G"} <= ids
    assert "region:south" not in ids
    assert data["total"] == len(ids)


def test_list_nodes_under_a_programme_and_a_region_is_what_both_share(client: TestClient) -> None:
    data = client.get(
        "/api/nodes", params={"programme": "programme:internal-medicine", "region": "region:london"}
    ).json()
    assert (data["items"], data["total"]) == ([], 0)


def test_health_says_what_is_served(client: TestClient) -> None:
    data = client.get("/api/health").json()
    assert data["status"] == "ok"
    assert data["version"] == govgraph.__version__
    assert data["nodes"] == govgraph.load().store.count()
    assert data["loaded_at"].endswith("Z")
