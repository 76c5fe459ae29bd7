"""What the browser tests share: the Chromium they drive, how it is launched, where
screenshots go, and a record of what a page asked for or said while it was open."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Page

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).parents[1] / "artifacts"
LAUNCH_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
NO_CHROMIUM = f"no Chromium at {CHROMIUM}: install Debian's chromium package to run browser tests"


@dataclass
class Visit:
    """One page opened in a fresh browser context, with everything it asked for or said."""

    page: Page
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def watch(page: Page) -> Visit:
    """Start recording the page's requests, console errors and dialogs (dismissing them)."""
    seen = Visit(page)
    page.on("request", lambda request: seen.requests.append(request.url))
    page.on("console", lambda message: seen.errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: seen.errors.append(str(error)))
    page.on("dialog", lambda dialog: (seen.dialogs.append(dialog.message), dialog.dismiss()))
    return seen


def node_position(page: Page, id: str) -> dict[str, float]:
    """Where a diagram draws the node, in page coordinates."""
    return page.evaluate(
        """(id) => {
            const network = window.govgraphNetwork;
            const at = network.canvasToDOM(network.getPositions([id])[id]);
            const box = document.getElementById("graph").getBoundingClientRect();
            return {x: box.left + at.x, y: box.top + at.y};
        }""",
        id,
    )


def screenshot(page: Page, name: str, *, full_page: bool = False) -> None:
    """Keep a picture of the page (the whole length of it with ``full_page``) for a person to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full_page)
