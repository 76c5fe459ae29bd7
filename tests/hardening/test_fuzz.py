"""Every operation of /openapi.json, fuzzed in-process by schemathesis: no answer is a 5xx,
every answer matches what /openapi.json says of its status, content type and body, and
every error has the one error shape.

The service runs with the example roster, an API key and a write folder of its own, so
that generated writes go through the whole write path (the roster checks, the staged
load, the commit) rather than stopping at the key. Each generated request is sent twice,
with the key and without it, so the 401 path and the reads without the key are fuzzed
too; an answer without the key must never carry a roster's email address.

``FUZZ`` asks hypothesis for ``EXAMPLES`` cases per operation, and schemathesis adds its
coverage cases (boundaries, wrong types, missing fields) on top. The reload takes nothing
to vary, and each call loads the whole graph again, so it gets ``RELOAD_EXAMPLES``.
After each operation's test, a fixture checks that it got them. The cases are
derandomised: every run sends the same ones, so a failure is repeatable.
"""

from __future__ import annotations

import csv
import shutil
import tempfile
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from govgraph.api import Settings, create_app
from govgraph.governance import EXAMPLE_ROSTER

# Fuzzing every operation takes minutes: `make test-fast` leaves it out. A warning (an
# unused auth declaration, an unserialisable payload, a deprecation) fails the run: the
# schema is meant to be exactly what the service does.
pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("error")]

KEY = "correct horse battery staple"
ERROR_KEYS = {"status", "code", "message", "suggestions", "problems"}
EXAMPLES = 200
RELOAD = "/api/admin/reload"
RELOAD_EXAMPLES = 10
# An operation with no parameter and no body: hypothesis stops once it has sent the one
# request it can take.
NOTHING_TO_VARY = "GET /api/health"

FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,  # a write loads a whole graph; the suite bounds time, not each example
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.function_scoped_fixture],
)

CALLS: Counter[str] = Counter()  # requests sent, by operation, for the final check

# The schema is read at collection, so that each operation is a test of its own; building
# the app and its /openapi.json loads nothing. The graph is loaded, and the write folder
# created, by the first request (schemathesis runs the app's lifespan).
WRITE_DIR = Path(tempfile.gettempdir()) / f"govgraph-fuzz-{uuid.uuid4().hex}" / "writes"
APP = create_app(Settings(api_key=KEY, write_dir=WRITE_DIR))
schema = schemathesis.openapi.from_dict(APP.openapi())
schema.app = APP


@pytest.fixture(scope="module", autouse=True)
def _remove_write_dir() -> Iterator[None]:
    yield
    shutil.rmtree(WRITE_DIR.parent, ignore_errors=True)


@pytest.fixture(scope="module")
def roster_emails() -> set[str]:
    """Every email address of the example roster: what no answer without the key may contain."""
    with (EXAMPLE_ROSTER / "people.csv").open(encoding="utf-8") as handle:
        return {row["email"] for row in csv.DictReader(handle) if row.get("email")}


def send_with_and_without_the_key(case: schemathesis.Case, roster_emails: set[str]) -> None:
    """Send ``case`` with the key, then without it, and check both answers."""
    # A generated X-API-Key (the schema documents the header) is dropped, so that each
    # request is plainly keyed or not.
    unkeyed = {name: value for name, value in (case.headers or {}).items() if name.lower() != "x-api-key"}
    for headers in ({**unkeyed, "X-API-Key": KEY}, unkeyed):
        case.headers = headers
        response = case.call()
        CALLS[case.operation.label] += 1
        case.validate_response(
            response,
            checks=[not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance],
        )
        if response.status_code >= 400:
            body = response.json()
            assert set(body) == {"error"} and set(body["error"]) == ERROR_KEYS, response.text
            assert body["error"]["status"] == response.status_code
    leaked = sorted(email for email in roster_emails if email in response.text)
    assert not leaked, f"an answer without the key carries {leaked}"


@pytest.fixture(autouse=True)
def _each_operation_gets_its_cases(request: pytest.FixtureRequest) -> Iterator[None]:
    """After each operation's test (every example of it), check that the operation got its
    cases, two requests each, or every request it can take. A check of its own test, so it
    holds whatever else runs, in whatever order, in whichever worker."""
    before = CALLS.copy()
    yield
    operation = request.node.operation_label  # each schemathesis test is one operation's: "GET /api/health"
    least = 2 if operation == NOTHING_TO_VARY else 2 * (RELOAD_EXAMPLES if operation == f"POST {RELOAD}" else EXAMPLES)
    sent = CALLS[operation] - before[operation]
    print(f"\nfuzzed {sent} requests: {operation}")
    assert sent >= least, f"{operation} got {sent} requests, fewer than {least}"


@schema.exclude(path=RELOAD).parametrize()
@FUZZ
def test_no_operation_answers_5xx_or_off_its_description(case: schemathesis.Case, roster_emails: set[str]) -> None:
    send_with_and_without_the_key(case, roster_emails)


@schema.include(path=RELOAD).parametrize()
@settings(FUZZ, max_examples=RELOAD_EXAMPLES)
def test_the_reload_answers_as_described(case: schemathesis.Case, roster_emails: set[str]) -> None:
    send_with_and_without_the_key(case, roster_emails)
