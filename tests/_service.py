"""What tests of the service check again and again: the one error shape, a whole list on
one page, and whether a write folder changed."""

from __future__ import annotations

from pathlib import Path

ERROR_KEYS = {"status", "code", "message", "suggestions", "problems"}


def error_of(response: object, status: int, code: str) -> dict:
    """The body's ``error``, after checking the status, the one error shape and the code."""
    assert response.status_code == status, response.text  # type: ignore[attr-defined]
    body = response.json()  # type: ignore[attr-defined]
    assert set(body) == {"error"} and set(body["error"]) == ERROR_KEYS
    assert (body["error"]["status"], body["error"]["code"]) == (status, code)
    return body["error"]


PAGE_KEYS = ("total", "offset", "limit", "next")


def whole(body: dict, total: int) -> dict:
    """A paged answer that holds all ``total`` of its items on its first page, without its
    paging fields, after checking them."""
    assert (body["total"], body["offset"], body["next"]) == (total, 0, None), body
    return {name: value for name, value in body.items() if name not in PAGE_KEYS}


def folder_bytes(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (staging folders included), by relative path."""
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}
