"""Writes through the real app: adding a person, filling a seat, ending a holding, who may
write, what a refused write leaves behind, and what a reload or a new app keeps.

The service runs on a small roster of its own (one person holding the chair of crg:CFS),
not the example roster, so that each test's loads stay quick.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from govgraph.api import Settings, create_app
from govgraph.errors import LoadError
from govgraph.loaders.roster import NOTHING_TO_LOAD
from tests._service import error_of

KEY = "correct horse battery staple"
AUTH = {"X-API-Key": KEY}

JO = {"id": "person:jo-example", "name": "Dr Jo Example", "email": "jo@example.org", "employer": "Example Trust"}
HEADERS = {
    "memberships.csv": "person,post,org,role,represents,start,end,acting,appointed\n",
    "organisations.csv": "id,kind,name,part_of,valid_from,valid_to\n",
    "people.csv": "id,name,email,employer\n",
    "posts.csv": "id,name,org,role,single_holder,represents,reports_to,ex_officio_of,valid_from,valid_to\n",
}


@pytest.fixture(scope="module")
def roster(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A read-only roster: Ann chairs crg:CFS from 2013-04-01."""
    folder = tmp_path_factory.mktemp("rosters") / "readonly"
    folder.mkdir()
    (folder / "people.csv").write_text("id,name,email\nperson:ann-reader,Ann Reader,ann@example.org\n")
    (folder / "memberships.csv").write_text("person,post,start\nperson:ann-reader,post:crg:CFS/chair,2013-04-01\n")
    return folder


def settings_for(roster: Path, write_dir: Path | None, api_key: str | None = KEY) -> Settings:
    return Settings(data=(roster,), write_dir=write_dir, api_key=api_key)


@pytest.fixture
def write_dir(tmp_path: Path) -> Path:
    return tmp_path / "service" / "writes"


@pytest.fixture
def client(roster: Path, write_dir: Path) -> Iterator[TestClient]:
    """A service of the test's own, with an empty write roster."""
    with TestClient(create_app(settings_for(roster, write_dir))) as client:
        yield client


@pytest.fixture(scope="module")
def settled(roster: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, Path]]:
    """A service, and its write folder, where Jo has been added and holds the Wessex seat
    of crg:CFS from 2014-01-01; shared by the tests of writes that must change nothing."""
    write_dir = tmp_path_factory.mktemp("settled") / "writes"
    with TestClient(create_app(settings_for(roster, write_dir))) as client:
        fill_wessex(client)
        yield client, write_dir


def files(folder: Path) -> dict[str, str]:
    """Every file under the write folder (staging folders included), by relative path."""
    return {str(path.relative_to(folder)): path.read_text() for path in sorted(folder.rglob("*")) if path.is_file()}


def add_jo(client: TestClient) -> None:
    assert client.post("/api/people", json=JO, headers=AUTH).status_code == 201


# -- adding a person --------------------------------------------------------------------


def test_add_a_person(client: TestClient, write_dir: Path) -> None:
    response = client.post("/api/people", json=JO, headers=AUTH)
    assert response.status_code == 201
    assert response.json() == {
        "id": "person:jo-example",
        "kind": "Person",
        "name": "Dr Jo Example",
        "email": "jo@example.org",
        "employer": "Example Trust",
        "valid_from": None,
        "valid_to": None,
        "attested_to": None,
        "basis": None,
        "source": "writes/people.csv row 2",
        "fictional": False,  # a person written through the API is not the example roster's
    }
    assert client.get("/api/nodes/person:jo-example", headers=AUTH).json()["node"] == response.json()
    assert files(write_dir) == HEADERS | {
        "people.csv": HEADERS["people.csv"] + "person:jo-example,Dr Jo Example,jo@example.org,Example Trust\n"
    }


def test_a_person_with_only_the_required_fields(client: TestClient, write_dir: Path) -> None:
    response = client.post("/api/people", json={"id": "person:min", "name": "Min"}, headers=AUTH)
    assert response.status_code == 201
    assert (response.json()["email"], response.json()["employer"]) == (None, None)
    assert (write_dir / "people.csv").read_text() == HEADERS["people.csv"] + "person:min,Min,,\n"


def test_people_are_appended_in_order(client: TestClient, write_dir: Path) -> None:
    add_jo(client)
    response = client.post("/api/people", json={"id": "person:kit", "name": "Kit"}, headers=AUTH)
    assert response.json()["source"] == "writes/people.csv row 3"
    lines = (write_dir / "people.csv").read_text().splitlines()
    assert [line.split(",")[0] for line in lines] == ["id", "person:jo-example", "person:kit"]


@pytest.mark.parametrize(
    ("person", "problems"),
    [
        (
            {"id": "jo", "name": " ", "email": "jo at example"},
            [
                ("id", "'jo' is not an id starting with 'person:'; did you mean 'person:jo'?"),
                ("name", "a value is required"),
                ("email", "'jo at example' is not an email address"),
            ],
        ),
        (
            {"id": "person:ann-reader", "name": "Ann Again"},
            [("id", "duplicate id 'person:ann-reader'; first defined on {roster}/people.csv, row 2")],
        ),
    ],
)
def test_a_person_the_roster_checks_refuse_changes_nothing(
    settled: tuple[TestClient, Path], roster: Path, person: dict, problems: list
) -> None:
    client, write_dir = settled
    before = (files(write_dir), client.get("/api/health").json())
    error = error_of(client.post("/api/people", json=person, headers=AUTH), 422, "load_error")
    assert error["message"] == f"{len(problems)} problem{'s' if len(problems) > 1 else ''} found; nothing was loaded"
    assert [(p["field"], p["message"]) for p in error["problems"]] == [
        (field, message.format(roster=roster)) for field, message in problems
    ]
    # Each problem names the row the person would have been.
    assert {(p["file"], p["row"]) for p in error["problems"]} == {(str(write_dir / "people.csv"), 3)}
    assert (files(write_dir), client.get("/api/health").json()) == before


def test_a_person_already_written_is_a_duplicate(settled: tuple[TestClient, Path]) -> None:
    client, _ = settled
    error = error_of(client.post("/api/people", json=JO, headers=AUTH), 422, "load_error")
    assert [(p["row"], p["field"], p["message"]) for p in error["problems"]] == [
        (3, "id", "duplicate id 'person:jo-example'; first defined on row 2")
    ]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "No Id"}, "body.id"),
        ({"id": "person:x", "name": "X", "phone": "0123"}, "body.phone"),
        ({"id": "person:x", "name": 7}, "body.name"),
    ],
)
def test_a_request_of_the_wrong_shape_names_the_field(settled: tuple[TestClient, Path], body: dict, field: str) -> None:
    client, _ = settled
    error = error_of(client.post("/api/people", json=body, headers=AUTH), 422, "invalid_request")
    assert [p["field"] for p in error["problems"]] == [field]


# -- filling a seat ---------------------------------------------------------------------


def test_fill_a_named_seat(client: TestClient, write_dir: Path) -> None:
    add_jo(client)
    body = {"person": "person:jo-example", "post": "post:crg:CFS/senate-wessex", "start": "2014-01-01", "acting": True}
    response = client.post("/api/memberships", json=body, headers=AUTH)
    assert response.status_code == 201
    assert response.json() == {
        "person": "person:jo-example",
        "post": "post:crg:CFS/senate-wessex",
        "start": "2014-01-01",
        "end": "2016-03-31",  # no end given: until the seat ends, with crg:CFS
        "acting": True,
        "source": "writes/memberships.csv row 2",
    }
    assert (write_dir / "memberships.csv").read_text() == (
        HEADERS["memberships.csv"] + "person:jo-example,post:crg:CFS/senate-wessex,,,,2014-01-01,,yes,\n"
    )
    held = client.get("/api/posts-of/person:jo-example", params={"as_of": "2015-01-01"}).json()["posts"]
    assert [(p["post_id"], p["acting"]) for p in held] == [("post:crg:CFS/senate-wessex", True)]


def test_a_seat_by_body_and_role_is_saved_with_the_seat_it_took(client: TestClient, write_dir: Path) -> None:
    add_jo(client)
    body = {"person": "person:jo-example", "org": "crg:CFS", "role": "clinical-member", "represents": "senate:london",
            "start": "2013-06-01", "end": "2014-05-31"}  # fmt: skip
    response = client.post("/api/memberships", json=body, headers=AUTH)
    assert response.status_code == 201
    assert (response.json()["post"], response.json()["end"]) == ("post:crg:CFS/senate-london-1", "2014-05-31")
    assert (write_dir / "memberships.csv").read_text() == HEADERS["memberships.csv"] + (
        "person:jo-example,post:crg:CFS/senate-london-1,crg:CFS,clinical-member,senate:london,2013-06-01,2014-05-31,no,\n"
    )
    # The next London seat by role is the second: the first is held now.
    client.post("/api/people", json={"id": "person:kit", "name": "Kit"}, headers=AUTH)
    response = client.post("/api/memberships", json=body | {"person": "person:kit"}, headers=AUTH)
    assert response.json()["post"] == "post:crg:CFS/senate-london-2"


@pytest.mark.parametrize(
    ("body", "problems"),
    [
        (
            {"person": "person:jo-example", "post": "post:crg:CFS/chair", "start": "2014-01-01"},
            [("start", "'post:crg:CFS/chair' holds one person at a time, but 'person:ann-reader' and "
                       "'person:jo-example' both hold it from 2014-01-01")],
        ),
        (
            {"person": "person:jo-exampel", "post": "post:crg:CFS/chiar", "start": "2014-13-01", "acting": False},
            [("start", "invalid date '2014-13-01': expected an ISO date YYYY-MM-DD")],
        ),
        (
            {"person": "person:jo-exampel", "post": "post:crg:CFS/senate-south-west", "start": "2014-01-01"},
            [("person", "unknown id 'person:jo-exampel'; did you mean 'person:jo-example'?")],
        ),
        (
            {"person": "person:jo-example", "post": "post:crg:CFS/senate-south-west", "start": "2012-01-01"},
            [("start", "'post:crg:CFS/senate-south-west' exists from 2013-04-01 to 2016-03-31, "
                       "so it cannot be held from 2012-01-01")],
        ),
        (
            {"person": "person:jo-example", "post": "post:crg:CFS/senate-south-west", "start": "2014-01-01",
             "end": "2013-12-31"},
            [("end", "end 2013-12-31 is before start 2014-01-01")],
        ),
        (
            {"person": "person:jo-example", "start": "2014-01-01"},
            [("org", "a value is required when 'post' is empty"), ("role", "a value is required when 'post' is empty")],
        ),
        (
            {"person": "person:jo-example", "org": "crg:CFS", "role": "chair", "start": "2014-01-01"},
            [("start", "no seat of 'crg:CFS' with role 'chair' is vacant from 2014-01-01 (held, or not in existence "
                       "then: post:crg:CFS/chair)")],
        ),
        (
            {"person": "person:jo-example", "org": "crg:CFS", "role": "chiar", "start": "2014-01-01"},
            [("role", "unknown role 'chiar'; expected one of chair, co-chair, vice-chair, clinical-member, ppv, "
                      "professional-organisation, accountable-commissioner, collaborating-commissioner, "
                      "ccg-representative, public-health, director, medical-director, member")],
        ),
    ],
)  # fmt: skip
def test_a_holding_the_roster_checks_refuse_changes_nothing(
    settled: tuple[TestClient, Path], body: dict, problems: list
) -> None:
    client, write_dir = settled
    before = (files(write_dir), client.get("/api/health").json())
    error = error_of(client.post("/api/memberships", json=body, headers=AUTH), 422, "load_error")
    assert [(p["field"], p["message"]) for p in error["problems"]] == problems
    assert {(p["file"], p["row"]) for p in error["problems"]} == {(str(write_dir / "memberships.csv"), 3)}
    assert (files(write_dir), client.get("/api/health").json()) == before


def test_a_holding_must_be_the_roster_shape(settled: tuple[TestClient, Path]) -> None:
    client, _ = settled
    body = {"person": "person:ann-reader", "post": "post:crg:CFS/chair", "start": "2014-01-01", "acting": "perhaps"}
    error = error_of(client.post("/api/memberships", json=body, headers=AUTH), 422, "invalid_request")
    assert [p["field"] for p in error["problems"]] == ["body.acting"]


# -- ending a holding -------------------------------------------------------------------


def fill_wessex(client: TestClient) -> None:
    add_jo(client)
    body = {"person": "person:jo-example", "post": "post:crg:CFS/senate-wessex", "start": "2014-01-01"}
    assert client.post("/api/memberships", json=body, headers=AUTH).status_code == 201


END = {"person": "person:jo-example", "post": "post:crg:CFS/senate-wessex", "start": "2014-01-01", "end": "2015-03-31"}


def test_end_a_holding_on_its_last_day(client: TestClient, write_dir: Path) -> None:
    fill_wessex(client)
    response = client.post("/api/memberships/end", json=END, headers=AUTH)
    assert response.status_code == 200
    assert response.json() == {
        "person": "person:jo-example",
        "post": "post:crg:CFS/senate-wessex",
        "start": "2014-01-01",
        "end": "2015-03-31",
        "acting": False,
        "source": "writes/memberships.csv row 2",
    }
    assert (write_dir / "memberships.csv").read_text() == (
        HEADERS["memberships.csv"] + "person:jo-example,post:crg:CFS/senate-wessex,,,,2014-01-01,2015-03-31,no,\n"
    )
    # 2015-03-31 is the last day held; the graph's exclusive end is the day after.
    for day, held in [("2015-03-31", True), ("2015-04-01", False)]:
        posts = client.get("/api/posts-of/person:jo-example", params={"as_of": day}).json()["posts"]
        assert bool(posts) is held, day


def test_ending_again_moves_the_last_day(client: TestClient) -> None:
    fill_wessex(client)
    client.post("/api/memberships/end", json=END, headers=AUTH)
    response = client.post("/api/memberships/end", json=END | {"end": "2014-06-30"}, headers=AUTH)
    assert (response.status_code, response.json()["end"]) == (200, "2014-06-30")


@pytest.mark.parametrize(
    ("change", "status", "code", "message"),
    [
        ({"person": "person:jo-exampel"}, 404, "not_found",
         "unknown id 'person:jo-exampel'; did you mean 'person:jo-example'?"),
        ({"post": "post:crg:CFS/senate-wesex"}, 404, "not_found",
         "unknown id 'post:crg:CFS/senate-wesex'; did you mean 'post:crg:CFS/senate-wessex', "),
        ({"start": "2014-01-02"}, 404, "holding_not_found",
         "no holding of 'post:crg:CFS/senate-wessex' by 'person:jo-example' from 2014-01-02: "
         "'person:jo-example' holds it from 2014-01-01, not from 2014-01-02"),
        ({"post": "post:crg:CFS/chair"}, 404, "holding_not_found",
         "no holding of 'post:crg:CFS/chair' by 'person:jo-example' from 2014-01-01: "
         "'person:jo-example' has never held it"),
        ({"person": "person:ann-reader", "post": "post:crg:CFS/chair", "start": "2013-04-01"}, 409,
         "roster_not_writable",
         "'person:ann-reader' holds 'post:crg:CFS/chair' from 2013-04-01 by readonly/memberships.csv row 2, not by "
         "the write roster 'writes': change that roster and reload"),
        ({"end": "2013-12-31"}, 422, "load_error", "1 problem found; nothing was loaded"),
        ({"start": "1/1/2014"}, 422, "invalid_request",
         "body.start: Value error, invalid date '1/1/2014': expected an ISO date YYYY-MM-DD"),
        ({"until": "2015-03-31"}, 422, "invalid_request", "body.until: Extra inputs are not permitted"),
    ],
)  # fmt: skip
def test_an_end_that_cannot_be_made_changes_nothing(
    settled: tuple[TestClient, Path], change: dict, status: int, code: str, message: str
) -> None:
    client, write_dir = settled
    before = (files(write_dir), client.get("/api/health").json())
    error = error_of(client.post("/api/memberships/end", json=END | change, headers=AUTH), status, code)
    assert error["message"].startswith(message)
    assert (files(write_dir), client.get("/api/health").json()) == before


def test_an_end_before_the_start_names_the_field(settled: tuple[TestClient, Path]) -> None:
    client, _ = settled
    error = error_of(
        client.post("/api/memberships/end", json=END | {"end": "2013-12-31"}, headers=AUTH), 422, "load_error"
    )
    assert [(p["row"], p["field"], p["message"]) for p in error["problems"]] == [
        (2, "end", "end 2013-12-31 is before start 2014-01-01")
    ]


def test_an_unknown_id_suggests_the_closest(settled: tuple[TestClient, Path]) -> None:
    client, _ = settled
    error = error_of(
        client.post("/api/memberships/end", json=END | {"person": "person:jo-exampel"}, headers=AUTH), 404, "not_found"
    )
    assert error["suggestions"][0] == "person:jo-example"


# -- who may write ----------------------------------------------------------------------

WRITES = [
    ("/api/people", JO),
    ("/api/memberships", {"person": "person:ann-reader", "post": "post:crg:CFS/senate-wessex", "start": "2014-01-01"}),
    ("/api/memberships/end", END),
]


@pytest.mark.parametrize(("url", "body"), WRITES)
@pytest.mark.parametrize("headers", [{}, {"X-API-Key": "wrong"}, {"X-API-Key": KEY + " "}])
def test_a_write_without_the_right_key_is_401(
    settled: tuple[TestClient, Path], url: str, body: dict, headers: dict
) -> None:
    client, write_dir = settled
    before = files(write_dir)
    error = error_of(client.post(url, json=body, headers=headers), 401, "unauthorized")
    assert error["message"] == "missing or wrong X-API-Key header"
    assert files(write_dir) == before


@pytest.mark.parametrize(("url", "body"), WRITES)
def test_the_key_is_checked_before_the_body(settled: tuple[TestClient, Path], url: str, body: dict) -> None:
    client, _ = settled
    error_of(client.post(url, json={"nonsense": True}), 401, "unauthorized")


@pytest.mark.parametrize(("url", "body"), WRITES)
def test_writes_are_off_without_a_key(roster: Path, write_dir: Path, url: str, body: dict) -> None:
    with TestClient(create_app(settings_for(roster, write_dir, api_key=None))) as client:
        error = error_of(client.post(url, json=body, headers=AUTH), 403, "admin_disabled")
    assert error["message"] == "writes are disabled: the service was started without an API key (GOVGRAPH_API_KEY)"


@pytest.mark.parametrize(("url", "body"), WRITES)
def test_writes_are_off_without_a_write_folder(roster: Path, url: str, body: dict) -> None:
    with TestClient(create_app(settings_for(roster, None))) as client:
        error = error_of(client.post(url, json=body, headers=AUTH), 403, "admin_disabled")
        assert (
            error["message"]
            == "writes are disabled: the service was started without a write folder (GOVGRAPH_WRITE_DIR)"
        )
        error_of(client.post(url, json=body), 401, "unauthorized")


def test_writes_are_documented(settled: tuple[TestClient, Path]) -> None:
    client, _ = settled
    paths = client.get("/openapi.json").json()["paths"]
    for url, status in [("/api/people", "201"), ("/api/memberships", "201"), ("/api/memberships/end", "200")]:
        operation = paths[url]["post"]
        assert operation["security"] == [{"APIKeyHeader": []}]
        assert {status, "401", "403", "422", "500"} <= set(operation["responses"]), url
        assert "X-API-Key" not in operation.get("parameters", [])
    assert {"404", "409"} <= set(paths["/api/memberships/end"]["post"]["responses"])


# -- what writes leave behind, and what keeps them ----------------------------------------


def test_the_write_folder_is_created_with_empty_tables(client: TestClient, write_dir: Path) -> None:
    assert files(write_dir) == HEADERS


def test_a_folder_that_cannot_be_one_stops_the_start(roster: Path, tmp_path: Path) -> None:
    in_the_way = tmp_path / "writes"
    in_the_way.write_text("not a folder")
    with (
        pytest.raises(LoadError, match="cannot use it as a roster folder"),
        TestClient(create_app(settings_for(roster, in_the_way))),
    ):
        pass


def test_writes_survive_a_reload_and_a_new_app(client: TestClient, roster: Path, write_dir: Path) -> None:
    fill_wessex(client)
    client.post("/api/memberships/end", json=END, headers=AUTH)
    expected = client.get("/api/nodes/person:jo-example", headers=AUTH).json()
    assert client.post("/api/admin/reload", headers=AUTH).status_code == 200
    assert client.get("/api/nodes/person:jo-example", headers=AUTH).json() == expected
    with TestClient(create_app(settings_for(roster, write_dir))) as restarted:
        assert restarted.get("/api/nodes/person:jo-example", headers=AUTH).json() == expected


def test_a_write_roster_edited_into_a_bad_state_is_not_rewritten(client: TestClient, write_dir: Path) -> None:
    add_jo(client)
    broken = "id,name,emial\nperson:jo-example,Dr Jo Example,jo@example.org\n"
    (write_dir / "people.csv").write_text(broken)
    error = error_of(
        client.post("/api/people", json={"id": "person:kit", "name": "Kit"}, headers=AUTH), 422, "load_error"
    )
    assert [(p["row"], p["field"]) for p in error["problems"]] == [(1, "emial")]
    assert (write_dir / "people.csv").read_text() == broken


def test_a_table_named_in_another_case_is_written_in_place(client: TestClient, write_dir: Path) -> None:
    (write_dir / "people.csv").rename(write_dir / "People.CSV")
    add_jo(client)
    assert sorted(files(write_dir)) == ["People.CSV", "memberships.csv", "organisations.csv", "posts.csv"]
    assert "person:jo-example" in (write_dir / "People.CSV").read_text()


def test_writes_at_the_same_time_all_land(client: TestClient, write_dir: Path) -> None:
    people = [{"id": f"person:p{n}", "name": f"P {n}"} for n in range(3)]
    with ThreadPoolExecutor(max_workers=3) as pool:
        statuses = list(pool.map(lambda p: client.post("/api/people", json=p, headers=AUTH).status_code, people))
    assert statuses == [201, 201, 201]
    written = (write_dir / "people.csv").read_text().splitlines()[1:]
    assert sorted(line.split(",")[0] for line in written) == ["person:p0", "person:p1", "person:p2"]
    for person in people:
        assert client.get(f"/api/nodes/{person['id']}").status_code == 200


def test_the_write_folder_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVGRAPH_WRITE_DIR", "srv/writes")
    assert Settings().write_dir == Path("srv", "writes")
    monkeypatch.setenv("GOVGRAPH_WRITE_DIR", "")
    assert Settings().write_dir is None


def test_a_new_write_folder_loads_without_a_warning_but_an_empty_roster_still_gets_one(
    roster: Path, write_dir: Path, tmp_path: Path
) -> None:
    """The service's own write folder starts with its tables empty: no warning at start.
    An empty roster the service is asked to serve is still a roster that loads nothing."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with TestClient(create_app(settings_for(roster, write_dir))) as client:
            assert client.get("/api/health").status_code == 200
    assert [str(w.message) for w in caught if "nothing to load" in str(w.message)] == []

    empty = tmp_path / "empty"
    empty.mkdir()
    for name, header in HEADERS.items():
        (empty / name).write_text(header)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with TestClient(create_app(settings_for(empty, write_dir))) as client:
            assert client.get("/api/health").status_code == 200
    assert [str(w.message) for w in caught if "nothing to load" in str(w.message)] == [f"{empty}: {NOTHING_TO_LOAD}"]
