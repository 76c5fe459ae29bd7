from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, sync_playwright

from govgraph.graph.store import NetworkXStore
from tests.viz import _stores
from tests.viz._browser import CHROMIUM, LAUNCH_ARGS


@pytest.fixture(scope="session")
def small_store() -> NetworkXStore:
    """See ``_stores.small_store``; tests must not change it."""
    return _stores.small_store()


@pytest.fixture(scope="session")
def hostile_store() -> NetworkXStore:
    """See ``_stores.hostile_store``; tests must not change it."""
    return _stores.hostile_store()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for every browser test; each test opens its own context.
    The browser test modules skip, saying why, when Chromium is not installed."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield browser
        browser.close()
