"""ETag, Last-Modified, 304 and the response cache through the real app.

The rules the expected values follow (govgraph/api/caching.py): a GET answer computed from
the graph is tagged from the graph's ``loaded_at`` and the request (path, query, the day
it answers for, whether the caller sent the key); ``Last-Modified`` is the later of the
graph's ``loaded_at`` and the start of today, to the second; a reload or a write is a new
graph, so a new tag, and the cached answers of the old graph are never served again.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from govgraph.api import Settings, create_app
from govgraph.api.loading import load_graph
from tests._async import run as run_async

KEY = "correct horse battery staple"
AUTH = {"X-API-Key": KEY}
CFS = "/api/nodes/crg:CFS"
ADA = "/api/nodes/person:ada-example"  # govgraph/data/example/people.csv row 2, with an email
ADA_EMAIL = "ada.example@example.org"


@pytest.fixture
def service(tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(api_key=KEY, write_dir=tmp_path / "writes"))) as client:
        yield client


def loaded_at(client: TestClient) -> datetime:
    return datetime.fromisoformat(client.get("/api/health").json()["loaded_at"])


def test_a_graph_answer_has_validators_and_revalidates(service: TestClient) -> None:
    response = service.get(CFS)
    assert response.status_code == 200
    tag = response.headers["etag"]
    assert tag.startswith('W/"') and tag.endswith('"')
    midnight = datetime.combine(date.today(), time()).astimezone(UTC)
    expected = max(loaded_at(service), midnight).replace(microsecond=0)
    assert parsedate_to_datetime(response.headers["last-modified"]) == expected
    assert response.headers["cache-control"] == "no-cache"
    assert "X-API-Key" in response.headers["vary"]


def test_if_none_match_with_the_tag_is_304_with_no_body(service: TestClient) -> None:
    first = service.get(CFS)
    tag = first.headers["etag"]
    for condition in (tag, tag.removeprefix("W/"), f'"other", {tag}', "*"):
        again = service.get(CFS, headers={"If-None-Match": condition})
        assert again.status_code == 304, condition
        assert again.content == b""
        assert again.headers["etag"] == tag
        assert again.headers["x-govgraph-loaded-at"] == first.headers["x-govgraph-loaded-at"]
        assert "content-type" not in again.headers
    assert service.get(CFS, headers={"If-None-Match": 'W/"other"'}).status_code == 200


def test_if_modified_since(service: TestClient) -> None:
    modified = parsedate_to_datetime(service.get(CFS).headers["last-modified"])
    same = format_datetime(modified, usegmt=True)
    before = format_datetime(modified - timedelta(seconds=1), usegmt=True)
    assert service.get(CFS, headers={"If-Modified-Since": same}).status_code == 304
    assert service.get(CFS, headers={"If-Modified-Since": before}).status_code == 200
    assert service.get(CFS, headers={"If-Modified-Since": "yesterday"}).status_code == 200  # ignored
    # If-None-Match decides alone when given (RFC 9110 13.1.3).
    assert service.get(CFS, headers={"If-None-Match": 'W/"other"', "If-Modified-Since": same}).status_code == 200


def test_a_condition_never_turns_an_error_into_a_304(service: TestClient) -> None:
    for url in ("/api/nodes/crg:NOPE", "/api/nodes?as_of=01/04/2015", "/openapi.json"):
        response = service.get(url, headers={"If-None-Match": "*"})
        assert response.status_code != 304, url
        assert "etag" not in response.headers, url


def test_each_request_has_its_own_tag(service: TestClient) -> None:
    tags = {
        service.get(CFS).headers["etag"],
        service.get(CFS, params={"as_of": "2014-06-01"}).headers["etag"],
        service.get(CFS, params={"as_of": "2015-06-01"}).headers["etag"],
        service.get("/api/nodes/crg:CFS-adult").headers.get("etag"),
        service.get(ADA).headers["etag"],
        service.get(ADA, headers=AUTH).headers["etag"],
    }
    assert len(tags) == 6
    # The order of the parameters does not make another answer.
    one = service.get("/api/nodes", params=[("kind", "CRG"), ("limit", "5")]).headers["etag"]
    assert service.get("/api/nodes", params=[("limit", "5"), ("kind", "CRG")]).headers["etag"] == one


def test_the_cache_answers_again_and_keeps_keyed_answers_apart(service: TestClient) -> None:
    first = service.get(ADA)
    assert first.headers["x-govgraph-cache"] == "miss" and first.json()["node"]["email"] is None
    again = service.get(ADA)
    assert again.headers["x-govgraph-cache"] == "hit"
    assert (again.content, again.headers["etag"]) == (first.content, first.headers["etag"])
    assert again.headers["x-govgraph-loaded-at"] == first.headers["x-govgraph-loaded-at"]
    assert again.headers["x-content-type-options"] == "nosniff"  # a stored answer gets every header too
    keyed = service.get(ADA, headers=AUTH)
    assert keyed.headers["x-govgraph-cache"] == "miss"
    assert keyed.json()["node"]["email"] == ADA_EMAIL
    assert keyed.headers["cache-control"] == "private, no-cache"
    assert service.get(ADA).json()["node"]["email"] is None
    assert service.get(ADA, headers=AUTH).json()["node"]["email"] == ADA_EMAIL


def test_pages_are_cached_as_well(service: TestClient) -> None:
    first = service.get("/nodes/crg:CFS")
    again = service.get("/nodes/crg:CFS")
    assert (first.headers["x-govgraph-cache"], again.headers["x-govgraph-cache"]) == ("miss", "hit")
    assert again.text == first.text


def test_a_304_for_a_page_carries_no_policy_of_its_own(service: TestClient) -> None:
    """A browser merges a 304's headers into the page it kept: a data policy
    (``default-src 'none'``) on the 304 would replace the page's and block its styles and
    scripts on every revalidated load. The 200 carries the page policy; the 304 none."""
    page = service.get("/coverage?as_of=2014-06-01")
    assert page.headers["content-security-policy"].startswith("frame-ancestors 'none'")
    again = service.get("/coverage?as_of=2014-06-01", headers={"If-None-Match": page.headers["etag"]})
    assert again.status_code == 304
    assert "content-security-policy" not in again.headers
    assert again.headers["x-content-type-options"] == "nosniff"


def test_a_write_is_served_at_once_with_new_tags(service: TestClient) -> None:
    url = "/api/nodes?kind=Person&q=jo-example"
    before = service.get(url)
    assert before.json()["items"] == [] and service.get(url).headers["x-govgraph-cache"] == "hit"
    person = {"id": "person:jo-example", "name": "Dr Jo Example"}
    assert service.post("/api/people", json=person, headers=AUTH).status_code == 201
    after = service.get(url, headers={"If-None-Match": before.headers["etag"]})
    assert after.status_code == 200 and after.headers["x-govgraph-cache"] == "miss"
    assert [node["id"] for node in after.json()["items"]] == ["person:jo-example"]
    assert after.headers["etag"] != before.headers["etag"]
    assert after.headers["x-govgraph-loaded-at"] != before.headers["x-govgraph-loaded-at"]


def test_a_reload_drops_the_cache(service: TestClient) -> None:
    first = service.get(CFS)
    reloaded = service.post("/api/admin/reload", headers=AUTH).json()["loaded_at"]
    again = service.get(CFS, headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 200 and again.headers["x-govgraph-cache"] == "miss"
    assert datetime.fromisoformat(again.headers["x-govgraph-loaded-at"]) == datetime.fromisoformat(reloaded)
    assert again.content == first.content  # the same data, loaded again


def test_the_cache_is_bounded() -> None:
    # 1 MiB of cache keeps no answer over an eighth of it: the page of ten years of changes
    # is megabytes of HTML, one CRG's node a few KB.
    with TestClient(create_app(Settings(cache_mb=1))) as client:
        long = "/changes?from=2013-01-01&to=2023-01-01"
        assert len(client.get(long, headers={"Accept-Encoding": "identity"}).content) > 1024 * 1024 // 8
        assert client.get(long, headers={"Accept-Encoding": "identity"}).headers["x-govgraph-cache"] == "miss"
        client.get(CFS)
        assert client.get(CFS).headers["x-govgraph-cache"] == "hit"


def test_no_cache_at_all_when_turned_off() -> None:
    with TestClient(create_app(Settings(cache_mb=0))) as client:
        first = client.get(CFS)
        again = client.get(CFS, headers={"If-None-Match": first.headers["etag"]})
        assert client.get(CFS).headers["x-govgraph-cache"] == "miss"
        assert again.status_code == 304  # validators do not need the cache


def test_clients_asking_at_once_share_one_computation() -> None:
    # Ten clients ask for the same answer at once: the first computes it (in the thread
    # pool, so the others get in meanwhile), the other nine wait and take it from the cache.
    settings = Settings()
    app = create_app(settings, governance=load_graph(settings))

    async def ask_at_once() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://service") as client:
            url = "/api/representation/crg:CFS?as_of=2014-06-01"
            return await asyncio.gather(*(client.get(url) for _ in range(10)))

    answers = run_async(ask_at_once())
    assert sorted(answer.headers["x-govgraph-cache"] for answer in answers) == ["hit"] * 9 + ["miss"]
    assert len({answer.content for answer in answers}) == 1
