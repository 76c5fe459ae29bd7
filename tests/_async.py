"""Running a coroutine to its end from a test, whatever else the test process runs."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")


def run(coroutine: Coroutine[Any, Any, T]) -> T:
    """``asyncio.run`` in a thread of its own.

    The browser tests' session-wide Playwright keeps an event loop running in the main
    thread once a browser test has run in the process, and ``asyncio.run`` refuses to start
    a second loop there ("cannot be called from a running event loop"); a fresh thread has
    none.
    """
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()
