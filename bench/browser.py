"""Time until a diagram page is interactive, in headless Chromium (Debian's, through Playwright).

Interactive means laid out and still: the page's script sets ``data-stabilised`` on
``<body>`` when vis-network reports ``stabilizationIterationsDone`` and physics is
switched off, so the diagram can be panned, hovered and clicked. The figure is
``performance.now()`` at that moment, which counts from the start of navigation: it
includes parsing the page, its inline data and vis-network, building the data sets and
the whole layout. The page is opened from a file, so no network time is in it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from _measure import median
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

__all__ = ["time_to_interactive"]

CHROMIUM = "/usr/bin/chromium"
_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Polled on every animation frame, the check returns the time at which it first holds.
_STABILISED = "() => document.body && document.body.dataset.stabilised === 'true' ? performance.now() : false"


def time_to_interactive(pages: dict[str, Path], *, runs: int, timeout_s: float) -> dict[str, Any]:
    """The median time to interactive of each page over ``runs`` fresh loads, in ms; a page
    that is not interactive within ``timeout_s`` gives ``None`` and is not retried."""
    found: dict[str, Any] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=_ARGS, headless=True)
        try:
            for name, path in pages.items():
                found[name] = {"tti_ms": _median_tti(browser, path.resolve().as_uri(), runs, timeout_s), "runs": runs}
        finally:
            browser.close()
    return found


def _median_tti(browser: Any, url: str, runs: int, timeout_s: float) -> float | None:
    taken = []
    for _ in range(runs):
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        try:
            page.goto(url, wait_until="commit")
            taken.append(
                float(page.wait_for_function(_STABILISED, polling="raf", timeout=timeout_s * 1000).json_value())
            )
        except PlaywrightError:
            return None
        finally:
            page.close()
    return median(taken)
