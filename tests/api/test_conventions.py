"""The conventions every route keeps, over HTTP through the real app on the built-in data:
unknown query parameters are refused, `as_of` defaults as documented, lists come a page at
a time, and the metadata endpoints list what the model and the rule files hold."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from importlib.resources import files

import pytest
import yaml
from fastapi.testclient import TestClient

from govgraph.api import Settings, create_app
from tests._service import error_of

KEY = "correct horse battery staple"


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(Settings(api_key=KEY))) as client:
        yield client


# One request of each JSON operation that answers 200 as it stands (the writes, which
# need a write folder, are checked below): adding a misspelt parameter must turn it into a 422.
READS = [
    "/api/nodes/crg:CFS", "/api/nodes?kind=CRG", "/api/search?q=cystic", "/api/stats",
    "/api/representation/crg:CFS?as_of=2014-06-01", "/api/gaps?as_of=2014-06-01", "/api/coverage?as_of=2014-06-01",
    "/api/line-of-sight/post:area-team:wessex/medical-director?as_of=2014-06-01",
    "/api/below/post:region:south/medical-director?as_of=2014-06-01", "/api/members/crg:CFS?as_of=2014-06-01",
    "/api/posts-of/person:soren-fictionwood", "/api/overload", "/api/changes?from=2015-01-01&to=2015-06-01",
    "/api/upcoming", "/api/what-if?leaves=person:soren-fictionwood", "/api/recruit", "/api/health",
    "/api/meta/kinds", "/api/meta/roles", "/api/meta/edge-types", "/api/meta/rules",
]  # fmt: skip


@pytest.mark.parametrize("url", READS)
def test_a_read_answers_and_a_misspelt_parameter_is_refused(client: TestClient, url: str) -> None:
    assert client.get(url).status_code == 200
    joiner = "&" if "?" in url else "?"
    error = error_of(client.get(f"{url}{joiner}asof=2014-06-01"), 422, "invalid_request")
    assert [problem["field"] for problem in error["problems"]] == ["query.asof"]


def test_the_misspelt_as_of_is_named_with_what_was_meant(client: TestClient) -> None:
    error = error_of(client.get("/api/gaps?asof=2014-06-01"), 422, "invalid_request")
    # The route takes as_of, kind, limit, offset, rule and subject; "asof" is closest to as_of.
    assert error["message"] == (
        "query.asof: unknown parameter 'asof'; did you mean 'as_of'? (takes: as_of, kind, limit, offset, rule, subject)"
    )


def test_each_unknown_parameter_is_named_once(client: TestClient) -> None:
    error = error_of(client.get("/api/health?x=1&y=2&x=3"), 422, "invalid_request")
    assert [problem["field"] for problem in error["problems"]] == ["query.x", "query.y"]
    assert error["problems"][0]["message"] == "unknown parameter 'x' (takes none)"


def test_a_parameter_of_a_dependency_is_known(client: TestClient) -> None:
    # offset and limit are declared by the paging dependency, not by the route itself.
    assert client.get("/api/meta/kinds?offset=1&limit=2").status_code == 200


def test_a_write_with_an_unknown_parameter_changes_nothing(client: TestClient) -> None:
    # The app has no write folder, so a well-formed write would be refused with 403; the
    # unknown parameter is refused first, before the body is looked at.
    response = client.post("/api/people?dry_run=1", headers={"X-API-Key": KEY}, json={"id": "person:x", "name": "X"})
    assert error_of(response, 422, "invalid_request")["problems"][0]["field"] == "query.dry_run"


def test_a_page_with_an_unknown_parameter_is_an_html_422(client: TestClient) -> None:
    response = client.get("/gaps?asof=2014-06-01")
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("text/html")
    assert "unknown parameter &#39;asof&#39;; did you mean &#39;as_of&#39;?" in response.text


@pytest.mark.parametrize(
    "url",
    ["/coverage?of=board&by=region&gaps=only&sort=gaps&as_of=2014-06-01", "/search?q=cystic&as_of=2014-06-01",
     "/sources/001_7c6f17057a5b61aa.txt?at=p13", "/diagrams/focus/crg:CFS?depth=2&as_of=2014-06-01",
     "/what-if?leaves=person:soren-fictionwood&on=2024-06-01", "/upcoming?within=30"],
)  # fmt: skip
def test_the_pages_keep_their_parameters(client: TestClient, url: str) -> None:
    assert client.get(url).status_code == 200, url


def test_an_asset_takes_its_version(client: TestClient) -> None:
    assert client.get("/assets/page.css?v=anything").status_code == 200


def test_a_read_of_a_day_answers_for_today_without_as_of(client: TestClient) -> None:
    today = date.today().isoformat()
    for path in ("/api/gaps", "/api/stats", "/api/recruit", "/api/members/crg:CFS"):
        omitted, given = client.get(path).json(), client.get(path, params={"as_of": today}).json()
        omitted.pop("next", None), given.pop("next", None)  # each links to its own next page
        assert omitted["as_of"] == today and omitted == given, path


def test_a_look_up_of_nodes_spans_the_whole_history_without_as_of(client: TestClient) -> None:
    # crg:CFS existed 2013-04-01 to 2016-04-01 (seed 001 para 13; cut in the 2016 reorganisation).
    assert [hit["id"] for hit in client.get("/api/search?q=cystic fibrosis").json()["items"]] == ["crg:CFS"]
    assert client.get("/api/search?q=cystic fibrosis&as_of=2020-01-01").json()["total"] == 0


def test_the_as_of_descriptions_say_what_the_service_does(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]

    def as_of(path: str) -> str:
        return next(p["description"] for p in paths[path]["get"]["parameters"] if p["name"] == "as_of")

    for path in ("/api/gaps", "/api/stats", "/api/representation/{subject}", "/api/upcoming", "/api/recruit"):
        assert as_of(path) == "The day to answer for, YYYY-MM-DD. Default: today.", path
    for path in ("/api/nodes", "/api/nodes/{id}", "/api/search"):
        assert as_of(path) == "Only what exists on this day, YYYY-MM-DD. Default: none, the whole history.", path


def rule_files() -> list[dict]:
    """The built-in rules, read straight from the YAML files."""
    folder = files("govgraph").joinpath("data/rules")
    return [rule for entry in sorted(folder.iterdir(), key=lambda e: e.name) if entry.name.endswith(".yaml")
            for rule in yaml.safe_load(entry.read_text(encoding="utf-8"))["rules"]]  # fmt: skip


def test_pages_follow_one_another_to_the_last(client: TestClient) -> None:
    rules = rule_files()
    assert len(rules) == 48  # 16 + 11 + 5 + 11 + 4 + 1 in the six files
    first = client.get("/api/meta/rules?limit=20")
    body = first.json()
    assert (body["total"], body["offset"], body["limit"], len(body["items"])) == (48, 0, 20, 20)
    assert body["next"] == "/api/meta/rules?offset=20&limit=20"
    assert first.headers["link"] == '</api/meta/rules?offset=20&limit=20>; rel="next"'
    second = client.get(body["next"]).json()
    assert (second["offset"], len(second["items"]), second["next"]) == (20, 20, "/api/meta/rules?offset=40&limit=20")
    last = client.get(second["next"])
    assert (last.json()["offset"], len(last.json()["items"]), last.json()["next"]) == (40, 8, None)
    assert "link" not in last.headers
    ids = [rule["id"] for page in (body, second, last.json()) for rule in page["items"]]
    assert ids == [rule["id"] for rule in rules]


def test_a_page_past_the_end_is_empty_with_the_total(client: TestClient) -> None:
    body = client.get("/api/meta/kinds?offset=100").json()
    assert (body["items"], body["total"], body["next"]) == ([], 13, None)


@pytest.mark.parametrize(("params", "field"), [({"limit": "0"}, "query.limit"), ({"limit": "501"}, "query.limit"),
                                                ({"offset": "-1"}, "query.offset")])  # fmt: skip
def test_a_window_out_of_range_is_refused(client: TestClient, params: dict, field: str) -> None:
    response = client.get("/api/changes", params={"from": "2015-01-01", "to": "2015-06-01", **params})
    error = error_of(response, 422, "invalid_request")
    assert [p["field"] for p in error["problems"]] == [field]


def test_ten_years_of_changes_come_fifty_at_a_time(client: TestClient) -> None:
    response = client.get("/api/changes", params={"from": "2013-01-01", "to": "2024-12-31"})
    body = response.json()
    lists = [name for name, value in body.items() if isinstance(value, list)]
    assert sum(len(body[name]) for name in lists) == 50 and body["limit"] == 50
    # Before paging this answer was over 700 KB; fifty changes of a few hundred bytes each.
    assert len(response.content) < 30_000
    assert body["total"] > 5_000
    assert body["next"] == "/api/changes?from=2013-01-01&to=2024-12-31&offset=50&limit=50"
    # The people who joined come first (they are the first list), and there are more than 50.
    assert len(body["joined"]) == 50 and body["left"] == []


def test_a_page_of_a_report_can_end_one_list_and_start_the_next(client: TestClient) -> None:
    # On 2014-06-01, 14 verdicts fail (the recruit test of the README: 14 failing verdicts),
    # so with pages of 10 the second page holds the last 4 gaps and the first 6 not assessed.
    second = client.get("/api/gaps", params={"as_of": "2014-06-01", "offset": 10, "limit": 10}).json()
    assert second["verdicts_failed"] == 14
    assert len(second["gaps"]) == 4 and len(second["not_assessed"]) == min(6, second["verdicts_not_assessed"])


def test_kinds_roles_and_edge_types_come_from_the_model(client: TestClient) -> None:
    kinds = client.get("/api/meta/kinds").json()
    # 13 kinds: 11 bodies (region, hub, area team, CCG, ICB, Senate, portfolio, programme, CRG, board,
    # organisation), a post and a person.
    assert kinds["total"] == 13 and sum(kind["body"] for kind in kinds["items"]) == 11
    assert {"kind": "CRG", "id_prefix": "crg", "body": True} in kinds["items"]
    assert {"kind": "Person", "id_prefix": "person", "body": False} in kinds["items"]
    roles = client.get("/api/meta/roles").json()
    assert roles["total"] == 13
    assert {"role": "chair", "one_holder": True} in roles["items"]
    assert {"role": "member", "one_holder": False} in roles["items"]  # a member seat may have many holders
    edges = client.get("/api/meta/edge-types").json()
    assert edges["total"] == 9
    assert {"type": "HOLDS", "from_kinds": ["Person"], "to_kinds": ["Post"]} in edges["items"]


def test_rules_carry_their_citation_and_era(client: TestClient) -> None:
    rules = {rule["id"]: rule for rule in client.get("/api/meta/rules?limit=500").json()["items"]}
    assert set(rules) == {rule["id"] for rule in rule_files()}
    # crg-2013.yaml, first rule.
    assert rules["crg-senate-coverage"] == {
        "id": "crg-senate-coverage",
        "description": "One clinical member from each Senate area, three for London.",
        "applies_to": "CRG",
        "shape": "covers_each",
        "in_force_from": "2013-04-01",
        "in_force_to": "2016-04-01",
        "source": "001_7c6f17057a5b61aa.txt paras 23-24 and 39",
    }
    # boards.yaml: in force from 2013-04-01 with no end.
    assert (rules["poc-board-chair"]["in_force_from"], rules["poc-board-chair"]["in_force_to"]) == ("2013-04-01", None)
