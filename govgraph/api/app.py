"""The application factory.

``create_app()`` builds the app without loading anything; the graph is loaded when the
app starts (its lifespan), so importing this module, or building an app for a test, is
cheap. ``uvicorn --factory govgraph.api.app:create_app`` serves it with settings from the
environment; ``govgraph serve`` is the usual way.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import partial

from fastapi import FastAPI
from starlette.middleware.gzip import GZipMiddleware

import govgraph
from govgraph.api.caching import ResponseCache
from govgraph.api.cors import install_cors
from govgraph.api.docs import install_docs
from govgraph.api.errors import ErrorResponse, error_responses, install_error_handlers
from govgraph.api.head import HeadAsGet
from govgraph.api.headers import ResponseHeaders
from govgraph.api.holder import GraphHolder
from govgraph.api.limits import MAX_TARGET_BYTES, RequestLimits
from govgraph.api.loading import load_graph
from govgraph.api.routes import admin, lookahead, meta, nodes, pages, queries, writes
from govgraph.api.settings import Settings
from govgraph.governance import Governance

__all__ = ["GZIP_MIN_BYTES", "create_app"]

#: Answers at least this long are gzipped for clients that accept it; shorter ones gain little.
GZIP_MIN_BYTES = 1024

_DESCRIPTION = """\
Who speaks for whom in NHS England specialised commissioning: regions, hubs, area teams,
CCGs and ICBs, Clinical Senates, programmes of care, Clinical Reference Groups, boards,
their seats and the people who hold them, for any date since 2013.

Ids are namespaced (`crg:CFS`, `post:crg:CFS/chair`). Dates are `YYYY-MM-DD`; `as_of`
answers for one day. Every error has the same body, `ErrorResponse`.
"""


_TARGET_TOO_LONG = {
    "model": ErrorResponse,
    "description": f"A request target (path and query) over {MAX_TARGET_BYTES // 1024} KiB; no route saw it.",
}


def create_app(settings: Settings | None = None, *, governance: Governance | None = None) -> FastAPI:
    """The REST service.

    ``settings`` defaults to the environment (``Settings()`` reads ``GOVGRAPH_*``). ``governance``, when
    given, is served from the start instead of loading the data at startup; a reload
    always loads from ``settings``.
    """
    settings = settings if settings is not None else Settings()
    holder = GraphHolder(partial(load_graph, settings), governance)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if not holder.is_loaded:
            holder.reload()
        yield

    app = FastAPI(
        title="govgraph",
        description=_DESCRIPTION,
        version=govgraph.__version__,
        lifespan=lifespan,
        # Any route can fail unexpectedly, or be asked with too long a target (limits.py);
        # each route adds the errors it answers on purpose.
        responses={**error_responses(Exception), 414: _TARGET_TOO_LONG},
        docs_url=None,  # served from the package by install_docs, not from a CDN
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.graph = holder
    install_error_handlers(app)
    _install_middleware(app, settings, holder)
    app.include_router(nodes.router, prefix="/api")
    app.include_router(queries.router, prefix="/api")
    app.include_router(lookahead.router, prefix="/api")
    app.include_router(admin.router, prefix="/api")
    app.include_router(writes.router, prefix="/api")
    app.include_router(meta.router, prefix="/api")
    app.include_router(pages.router)
    install_docs(app)
    return app


def _install_middleware(app: FastAPI, settings: Settings, holder: GraphHolder) -> None:
    """The service around the routes, each a pure ASGI middleware. Added innermost first,
    so a request meets them in the reverse order: the headers every answer carries, CORS
    (when origins are configured), the target and body limits, HEAD as GET, the response
    cache and validators, then gzip."""
    app.add_middleware(GZipMiddleware, minimum_size=GZIP_MIN_BYTES, compresslevel=6)
    app.add_middleware(ResponseCache, holder=holder, settings=settings)  # keeps answers gzipped
    app.add_middleware(HeadAsGet)
    # Before a long target is parsed, keyed or routed.
    app.add_middleware(RequestLimits, body_timeout=settings.body_timeout)
    install_cors(app, settings)  # when origins are configured
    app.add_middleware(ResponseHeaders)  # outermost: on every answer, errors and preflights included
