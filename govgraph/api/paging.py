"""Every list the API answers with comes a page at a time, one way.

A list endpoint takes ``offset`` (how many items to skip, default 0) and ``limit`` (the
most items to return, 1 to ``MAX_LIMIT``, default ``DEFAULT_LIMIT``), and its answer
carries ``total`` (every item, on every page together), ``offset``, ``limit`` and ``next``:
the path and query of the next page, the request's own with ``offset`` moved on, or null
on the last page. The same link is sent as a ``Link: <...>; rel="next"`` header (RFC
8288), so a client can follow pages from the headers alone.

Two shapes are paged:

* a plain list (nodes, search hits, the metadata lists): ``{"items": [...], "total": ...}``,
  built with ``Window.page``;
* a report that holds lists (``/api/changes``: joined, left, ...): the lists its model
  names in ``PAGED`` are paged as one sequence, in that order, so a page of 50 may end
  ``joined`` and start ``left``; every other field (counts, dates) is whole on every page.
  Built with ``Window.page_report``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar, TypeVar

from fastapi import Depends, Query, Request, Response
from pydantic import BaseModel, Field

from govgraph.graph.model import Record

__all__ = ["DEFAULT_LIMIT", "MAX_LIMIT", "Limit", "PageInfo", "Window", "WindowDep", "get_window"]

DEFAULT_LIMIT = 50
MAX_LIMIT = 500

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="The most items to return on this page.")]
Offset = Annotated[int, Query(ge=0, description="How many items to skip: the items of the pages before.")]

P = TypeVar("P", bound=BaseModel)
R = TypeVar("R", bound="PageInfo")


class PageInfo(Record):
    """Where a page sits in the whole list; part of every paged answer.

    A paged report (a subclass of the report's model and this) names its paged lists, in
    order, in ``PAGED``.
    """

    PAGED: ClassVar[tuple[str, ...]] = ()

    total: int = Field(description="How many items there are, on every page together.")
    offset: int = Field(description="How many items come before this page.")
    limit: int = Field(description="The most items a page holds.")
    next: str | None = Field(
        description='The next page (path and query), or null on the last page; also the `Link: <...>; rel="next"` '
        "header."
    )


@dataclass(frozen=True)
class Window:
    """The page a request asks for, and where to say where the next one is."""

    offset: int
    limit: int
    request: Request
    response: Response

    def info(self, total: int) -> dict[str, Any]:
        """The paging fields of an answer over ``total`` items; sets the ``Link`` header
        when there is a next page."""
        after = self.offset + self.limit
        next_page = None
        if after < total:
            url = self.request.url.include_query_params(offset=after, limit=self.limit)
            next_page = f"{url.path}?{url.query}"
            self.response.headers["Link"] = f'<{next_page}>; rel="next"'
        return {"total": total, "offset": self.offset, "limit": self.limit, "next": next_page}

    def page(self, model: type[P], items: Sequence[Any]) -> P:
        """This page of ``items`` as ``model`` (a ``PageInfo`` with ``items``)."""
        return model.model_validate(
            {"items": list(items[self.offset : self.offset + self.limit]), **self.info(len(items))}
        )

    def page_report(self, model: type[R], report: BaseModel) -> R:
        """``report`` as ``model`` (its class and ``PageInfo``), with the lists
        ``model.PAGED`` paged as one sequence in that order; every other field whole."""
        fields = dict(report)
        start, total = self.offset, 0
        for name in model.PAGED:
            items = fields[name]
            # The part of this list inside [offset, offset + limit) of the whole sequence.
            low, high = max(start - total, 0), max(start + self.limit - total, 0)
            fields[name] = items[low:high]
            total += len(items)
        return model.model_validate({**fields, **self.info(total)})


def get_window(request: Request, response: Response, offset: Offset = 0, limit: Limit = DEFAULT_LIMIT) -> Window:
    """The ``offset`` and ``limit`` of a list endpoint."""
    return Window(offset, limit, request, response)


WindowDep = Annotated[Window, Depends(get_window)]
