"""Cross-origin requests from the pages of other sites (CORS), off unless configured.

``GOVGRAPH_CORS_ORIGINS`` (``Settings.cors_origins``) names the origins whose pages may
call the API from a browser, or ``*``. Without it no ``Access-Control-*`` header is sent
and a preflight (``OPTIONS``) is 405 like any method a route does not take. With it,
Starlette's ``CORSMiddleware`` answers the preflights of those origins (methods ``GET``,
``HEAD``, ``POST``; the headers the API reads: the key, the body's type, the conditions)
and names them on their answers, exposing the validators and ``X-Govgraph-Loaded-At``. A
preflight it refuses (another origin, method or header) is a 400 in the one error shape.
"""

from __future__ import annotations

from fastapi import FastAPI
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import Response

from govgraph.api.errors import error_response
from govgraph.api.headers import LOADED_AT_HEADER
from govgraph.api.settings import Settings

__all__ = ["install_cors"]


class _Cors(CORSMiddleware):
    """Starlette's CORS middleware, refusing a preflight in the one error shape."""

    def preflight_response(self, request_headers: Headers) -> Response:
        response = super().preflight_response(request_headers)
        if response.status_code != 400:
            return response
        refused = error_response(HTTPException(400, bytes(response.body).decode()))  # what it refused
        refused.headers.update({name: value for name, value in response.headers.items() if name.startswith("vary")})
        return refused


def install_cors(app: FastAPI, settings: Settings) -> None:
    """Answer the configured origins, if any (see the module docstring)."""
    if not settings.cors_origins:
        return
    app.add_middleware(
        _Cors,
        allow_origins=list(settings.cors_origins),
        allow_methods=["GET", "HEAD", "POST"],
        allow_headers=["X-API-Key", "Content-Type", "If-None-Match", "If-Modified-Since"],
        expose_headers=["ETag", "Last-Modified", LOADED_AT_HEADER],
        max_age=600,
    )
