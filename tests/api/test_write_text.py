"""A write's text as it is saved: trimmed once at the boundary, so the answer names what was
saved (before, an id sent with a trailing space was saved trimmed but answered 404, and a
retry got a duplicate); text no roster cell can hold is a 422 naming the field."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govgraph.api import create_app
from govgraph.writes import NewHolding, NewPerson
from tests._service import error_of
from tests.api.test_writes import AUTH, settings_for

# The whitespace of the issue: space, tab, newline, NBSP (U+00A0), line separator (U+2028).
PADDING = [" ", "\t", "\n", "\u00a0", "\u2028", " \t\u00a0"]


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, Path]]:
    base = tmp_path_factory.mktemp("text")
    roster = base / "readonly"
    roster.mkdir()
    (roster / "people.csv").write_text("id,name\nperson:ann-reader,Ann Reader\n")
    write_dir = base / "writes"
    with TestClient(create_app(settings_for(roster, write_dir))) as client:
        yield client, write_dir


@pytest.mark.parametrize("pad", PADDING)
def test_a_padded_id_is_saved_and_answered_trimmed(service: tuple[TestClient, Path], pad: str) -> None:
    client, write_dir = service
    slug = f"person:pad-{PADDING.index(pad)}"
    response = client.post("/api/people", json={"id": f"{pad}{slug}{pad}", "name": f"{pad}Pat Pad{pad}"}, headers=AUTH)
    assert response.status_code == 201, response.text
    assert (response.json()["id"], response.json()["name"]) == (slug, "Pat Pad")
    assert client.get(f"/api/nodes/{slug}").status_code == 200
    assert f"{slug},Pat Pad,," in (write_dir / "people.csv").read_text()


def test_a_padded_holding_is_answered_as_saved_and_can_be_ended(service: tuple[TestClient, Path]) -> None:
    client, _ = service
    body = {"person": "\u00a0person:ann-reader\t", "post": " post:crg:CFS/chair\u2028", "start": "2013-04-01 "}
    response = client.post("/api/memberships", json=body, headers=AUTH)
    assert response.status_code == 201, response.text
    assert (response.json()["person"], response.json()["post"]) == ("person:ann-reader", "post:crg:CFS/chair")
    end = {"person": " person:ann-reader", "post": "post:crg:CFS/chair ", "start": "2013-04-01", "end": " 2013-12-31"}
    response = client.post("/api/memberships/end", json=end, headers=AUTH)
    assert response.status_code == 200, response.text
    assert response.json()["end"] == "2013-12-31"


@pytest.mark.parametrize("field", ["id", "name", "employer"])
@pytest.mark.parametrize(("text", "why"), [("a\ud800b", "surrogate"), ("a\x00b", "NUL")])
def test_text_no_roster_can_hold_is_a_422_on_its_field(
    service: tuple[TestClient, Path], field: str, text: str, why: str
) -> None:
    client, _ = service
    body = {"id": "person:odd", "name": "Odd"} | {field: text}
    # json.dumps escapes the lone surrogate as \ud800, as a client sending it would.
    raw = json.dumps(body).encode()
    response = client.post("/api/people", content=raw, headers=AUTH | {"Content-Type": "application/json"})
    error = error_of(response, 422, "invalid_request")
    assert [p["field"] for p in error["problems"]] == [f"body.{field}"]
    assert why in error["problems"][0]["message"]


def test_a_week_date_in_a_write_is_refused(service: tuple[TestClient, Path]) -> None:
    client, _ = service
    body = {"person": "person:ann-reader", "post": "post:crg:CFS/chair", "start": "2013-W14-1"}
    error = error_of(client.post("/api/memberships", json=body, headers=AUTH), 422, "load_error")
    assert "2013-W14-1" in error["problems"][0]["message"]


_padding = st.text(alphabet=" \t\n\r\u00a0\u2028\u2029\u3000", max_size=3)
_core = st.from_regex(r"person:[a-z][a-z0-9-]{0,12}", fullmatch=True)


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(before=_padding, core=_core, after=_padding)
def test_the_model_keeps_exactly_the_trimmed_text(before: str, core: str, after: str) -> None:
    # What a write saves and answers with is the model's value: any padding, none left.
    assert NewPerson(id=before + core + after, name="N").id == core
    holding = NewHolding(person=before + core + after, post=after + "post:x" + before, start="2014-01-01")
    assert (holding.person, holding.post) == (core, "post:x")


@pytest.mark.parametrize("id", ["person:a/../b", "person:..", "person:a/./b", "person:a:..:b"])
def test_an_id_with_a_dot_segment_is_refused(service: tuple[TestClient, Path], id: str) -> None:
    client, _ = service
    error = error_of(client.post("/api/people", json={"id": id, "name": "Dot"}, headers=AUTH), 422, "load_error")
    assert error["problems"][0]["message"] == f"{id!r} has a '.' or '..' segment, which an id may not have"


def test_dots_inside_a_segment_are_kept(service: tuple[TestClient, Path]) -> None:
    client, _ = service
    response = client.post("/api/people", json={"id": "person:j.r.r-example", "name": "J"}, headers=AUTH)
    assert response.status_code == 201, response.text


def test_a_key_given_twice_is_refused_even_if_one_is_right(service: tuple[TestClient, Path]) -> None:
    client, _ = service
    headers = [("X-API-Key", AUTH["X-API-Key"]), ("X-API-Key", "wrong"), ("Content-Type", "application/json")]
    response = client.post("/api/people", content=b'{"id": "person:twice", "name": "T"}', headers=headers)
    assert error_of(response, 401, "unauthorized")["message"] == "the X-API-Key header is given more than once"
    assert client.get("/api/nodes/person:twice").status_code == 404
