"""A person's email reaches only callers with the API key, whichever read they make."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from govgraph.api import Settings, create_app

KEY = "correct horse battery staple"
ADA = "person:ada-example"
ADA_EMAIL = "ada.example@example.org"  # the example roster's (fictional) address for Ada


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(Settings(api_key=KEY))) as client:
        yield client


@pytest.mark.parametrize("headers", [{}, {"X-API-Key": "wrong"}, {"X-API-Key": KEY.upper()}])
def test_a_person_without_the_key_has_no_email(client: TestClient, headers: dict) -> None:
    response = client.get(f"/api/nodes/{ADA}", headers=headers)
    assert response.status_code == 200
    node = response.json()["node"]
    assert (node["name"], node["employer"], node["email"]) == ("Dr Ada Example", "NHS England", None)


def test_a_person_with_the_key_has_their_email(client: TestClient) -> None:
    assert client.get(f"/api/nodes/{ADA}", headers={"X-API-Key": KEY}).json()["node"]["email"] == ADA_EMAIL


def test_the_key_changes_nothing_but_the_email(client: TestClient) -> None:
    keyed = client.get(f"/api/nodes/{ADA}", params={"as_of": "2014-01-01"}, headers={"X-API-Key": KEY}).json()
    public = client.get(f"/api/nodes/{ADA}", params={"as_of": "2014-01-01"}).json()
    keyed["node"]["email"] = None
    assert keyed == public


def test_a_listing_of_people_shows_emails_only_with_the_key(client: TestClient) -> None:
    params = {"kind": "Person", "limit": 500}
    public = client.get("/api/nodes", params=params).json()["items"]
    keyed = client.get("/api/nodes", params=params, headers={"X-API-Key": KEY}).json()["items"]
    assert len(public) == len(keyed) == 500
    assert all(person["email"] is None for person in public)
    assert all(person["email"] for person in keyed)
    assert [p | {"email": None} for p in keyed] == public


@pytest.mark.parametrize(
    "url",
    [
        f"/api/nodes/{ADA}",
        "/api/nodes?kind=Person&q=ada&limit=500",
        "/api/nodes?programme=programme:internal-medicine&limit=500",
        "/api/search?q=example&limit=500",
        "/api/members/crg:CFS?as_of=2014-01-01",
        f"/api/posts-of/{ADA}?as_of=2014-01-01",
        "/api/overload?min_seats=2&as_of=2014-01-01",
        "/api/changes?from=2013-01-01&to=2017-01-01",
        "/api/line-of-sight/post:crg:CFS/accountable-commissioner?as_of=2014-01-01",
        f"/nodes/{ADA}",
        "/diagrams/focus/crg:CFS?as_of=2014-01-01",
    ],
)
def test_no_read_without_the_key_carries_an_email(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200, response.text
    assert "@example.org" not in response.text


def test_the_service_without_a_key_shows_no_email() -> None:
    with TestClient(create_app(Settings())) as client:
        assert client.get(f"/api/nodes/{ADA}", headers={"X-API-Key": KEY}).json()["node"]["email"] is None


def test_the_email_field_says_who_sees_it(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert (
        "only to callers with the API key"
        in spec["components"]["schemas"]["Person"]["properties"]["email"]["description"]
    )
    assert "API key" in spec["paths"]["/api/nodes/{id}"]["get"]["description"]
