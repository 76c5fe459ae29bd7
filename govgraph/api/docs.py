"""The API documentation pages, ``/docs`` (Swagger UI) and ``/redoc`` (ReDoc), served with
their scripts and styles from the package (``static/``, see its README) instead of a CDN,
so that they work with no network. This is FastAPI's "custom docs UI static assets" recipe:
the app is built with ``docs_url=None, redoc_url=None`` and ``install_docs`` adds these.
"""

from __future__ import annotations

from importlib.resources import files

from fastapi import FastAPI
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html, get_swagger_ui_oauth2_redirect_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

__all__ = ["DOCS_ASSETS", "install_docs"]

#: Where the documentation's scripts and styles are served.
DOCS_ASSETS = "/static/docs"
_OAUTH2_REDIRECT = "/docs/oauth2-redirect"
# Both pages start from an inline script (FastAPI's), and ReDoc runs its search in a worker
# made from a blob; nothing may load from anywhere but the service. ReDoc's sidebar links its
# maker's logo from the maker's site: the policy keeps that image from loading.
_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' blob:; worker-src 'self' blob:; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'"
)


def install_docs(app: FastAPI) -> None:
    """Serve ``/docs`` and ``/redoc`` from the package's assets."""
    app.mount(DOCS_ASSETS, StaticFiles(directory=str(files("govgraph.api") / "static")), name="docs-assets")
    openapi_url = app.openapi_url or "/openapi.json"

    @app.get("/docs", include_in_schema=False)
    def swagger_ui() -> HTMLResponse:
        return _within_policy(
            get_swagger_ui_html(
                openapi_url=openapi_url,
                title=f"{app.title}: API",
                oauth2_redirect_url=_OAUTH2_REDIRECT,
                swagger_js_url=f"{DOCS_ASSETS}/swagger-ui/swagger-ui-bundle.js",
                swagger_css_url=f"{DOCS_ASSETS}/swagger-ui/swagger-ui.css",
                swagger_favicon_url=f"{DOCS_ASSETS}/swagger-ui/favicon-32x32.png",
            )
        )

    @app.get(_OAUTH2_REDIRECT, include_in_schema=False)
    def swagger_ui_redirect() -> HTMLResponse:
        return get_swagger_ui_oauth2_redirect_html()

    @app.get("/redoc", include_in_schema=False)
    def redoc() -> HTMLResponse:
        return _within_policy(
            get_redoc_html(
                openapi_url=openapi_url,
                title=f"{app.title}: API",
                redoc_js_url=f"{DOCS_ASSETS}/redoc/redoc.standalone.js",
                redoc_favicon_url=f"{DOCS_ASSETS}/swagger-ui/favicon-32x32.png",
                with_google_fonts=False,
            )
        )


def _within_policy(response: HTMLResponse) -> HTMLResponse:
    response.headers["Content-Security-Policy"] = _POLICY
    return response
