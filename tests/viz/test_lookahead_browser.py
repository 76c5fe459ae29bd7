"""The look-ahead pages in a real headless Chromium, reached as a planner reaches them: from
a person's page to what their leaving does, from the gap report to which seat to fill
first, from the home page to the seats falling vacant, and through the what-if form. No
request leaves the service and no hostile name runs.

The answers expected are the example roster's, worked by hand in docs/example-roster.md
and the README's "Looking ahead" section. Screenshots go to ``tests/artifacts/``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

import pytest

from tests.viz._browser import CHROMIUM, NO_CHROMIUM, Visit, screenshot
from tests.viz._stores import HOSTILE_ID
from tests.viz.test_lookahead_pages import LEAVES_ON, PPVAG_CHAIR, PPVAG_FAILS, RECRUIT_DAY, RECRUIT_RANKS
from tests.viz.test_planner_browser import Service, assert_stayed_home, context, service, visit

__all__ = ["context", "service", "visit"]  # fixtures shared with the planner's browser tests

if not CHROMIUM.exists():
    pytest.skip(NO_CHROMIUM, allow_module_level=True)


def test_what_if_the_ppvag_chair_leaves(visit: Callable[..., Visit], service: Service) -> None:
    seen = visit(f"/nodes/{PPVAG_CHAIR}?as_of={LEAVES_ON}")
    page = seen.page
    assert page.locator("#content").inner_text().count("fictional") >= 1  # the person's page says they are invented
    with page.expect_navigation():
        page.get_by_role("link", name="What if Soren Fictionwood leaves").click()
    assert page.url == f"{service.base}/what-if?leaves=person%3Asoren-fictionwood&on={LEAVES_ON}"
    assert page.locator("h1").inner_text() == "What if Soren Fictionwood leaves on 2024-01-01"
    assert page.locator("#who").inner_text().endswith("3 verdicts fail.")
    assert page.locator("#seats li").all_inner_texts() == [
        "Independent chair (post:board:ppvag/chair) of Patient and Public Voice Assurance Group (PPVAG)"
    ]
    assert page.locator("#ex-officio li").get_attribute("data-body") == "board:fcmp-oversight-group"
    failing = page.locator("#fails li")
    shown = {(failing.nth(i).get_attribute("data-rule"), failing.nth(i).get_attribute("data-subject"))
             for i in range(failing.count())}  # fmt: skip
    assert shown == PPVAG_FAILS
    assert "Missing members: has 18, needs at least 19." in page.locator("#fails").inner_text()
    screenshot(page, "lookahead-what-if", full_page=True)
    # The day kept: the PPVAG link leads to its page on the day of leaving.
    with page.expect_navigation():
        page.locator("#seats a", has_text="Patient and Public Voice Assurance Group").click()
    assert page.url == f"{service.base}/nodes/board:ppvag?as_of={LEAVES_ON}"
    assert_stayed_home(seen, service)


def test_the_what_if_form_asks_for_a_person_and_a_day(visit: Callable[..., Visit], service: Service) -> None:
    seen = visit(f"/?as_of={LEAVES_ON}")
    page = seen.page
    with page.expect_navigation():
        page.get_by_role("link", name="What if someone leaves").click()
    assert page.url == f"{service.base}/what-if?on={LEAVES_ON}"
    page.locator("#leaves-input").fill(PPVAG_CHAIR)
    assert page.locator("#on-input").input_value() == LEAVES_ON
    with page.expect_navigation():
        page.locator("#date-form button").click()
    assert page.url == f"{service.base}/what-if?leaves=person%3Asoren-fictionwood&on={LEAVES_ON}"
    assert page.locator("#fails li").count() == len(PPVAG_FAILS)
    assert_stayed_home(seen, service)


def test_recruit_from_the_gap_report(visit: Callable[..., Visit], service: Service) -> None:
    seen = visit(f"/gaps?as_of={RECRUIT_DAY}")
    page = seen.page
    with page.expect_navigation():
        page.get_by_role("link", name="Which seat to fill first").first.click()
    assert page.url == f"{service.base}/recruit?as_of={RECRUIT_DAY}"
    rows = page.locator("#recruit tbody tr")
    ranked = [(rows.nth(i).get_attribute("data-seat"), int(rows.nth(i).get_attribute("data-fixes") or 0))
              for i in range(rows.count())]  # fmt: skip
    assert ranked == RECRUIT_RANKS
    assert page.locator("#unfixed li").count() == 8
    screenshot(page, "lookahead-recruit", full_page=True)
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").click()
    records = list(csv.DictReader(io.StringIO(download.value.path().read_text(encoding="utf-8"))))
    assert [r["seat.post_id"] for r in records if r["list"] == "candidates"] == [
        seat for seat, fixes in RECRUIT_RANKS for _ in range(fixes)
    ]
    assert_stayed_home(seen, service)


def test_upcoming_from_the_home_page(visit: Callable[..., Visit], service: Service) -> None:
    seen = visit("/?as_of=2013-06-01")
    page = seen.page
    with page.expect_navigation():
        page.get_by_role("link", name="Seats falling vacant").click()
    assert page.url == f"{service.base}/upcoming?as_of=2013-06-01"
    # README: the acting Wessex Area Team Medical Director hands over on 2013-10-01.
    row = page.locator("#upcoming tbody tr")
    assert row.count() == 1 and row.get_attribute("data-person") == "person:jia-dummystone"
    assert "Dr Maryam Fictionworth (fictional)" in row.inner_text()
    screenshot(page, "lookahead-upcoming", full_page=True)
    assert_stayed_home(seen, service)


def test_a_hostile_name_does_not_run(visit: Callable[..., Visit], service: Service) -> None:
    seen = visit(f"/what-if?leaves={HOSTILE_ID}&on={RECRUIT_DAY}")
    page = seen.page
    assert page.evaluate("window.__xss") is None
    assert page.locator("h1").inner_text().startswith('What if <img src=x onerror="window.__xss=1">')
    assert_stayed_home(seen, service)
