"""How errors become HTTP responses: one table, one JSON shape.

Every error the service returns has the body ``ErrorResponse``::

    {"error": {"status": 404, "code": "not_found", "message": "unknown id 'crg:CSF'; ...",
               "suggestions": ["crg:CFS"], "problems": []}}

``suggestions`` and ``problems`` are always present, empty when they do not apply, so a
client reads every error the same way. ``ERRORS`` is the table from exception to status
and code; an exception is looked up by its class and then its bases, so ``RuleFileError``
answers as the ``LoadError`` it is. An exception that is in no row is a bug: the client
gets a 500 that says nothing of the internals, and the server logs the traceback.
The HTTP errors the framework raises itself (an unknown path, a wrong method) keep their
status and take the status's name as code (``not_found``, ``method_not_allowed``).

Routes document what they raise with ``responses=error_responses(NotFound, ...)``, so
/openapi.json shows ``ErrorResponse`` for each status a route can answer with.
"""

from __future__ import annotations

from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import Field
from starlette.exceptions import HTTPException

from govgraph.errors import (
    AdminDisabled,
    ApiKeyRejected,
    BodyTooLarge,
    HoldingNotFound,
    InvalidDate,
    InvalidParameter,
    LoadError,
    NotFound,
    RosterNotWritable,
)
from govgraph.graph.model import Record

__all__ = [
    "ERRORS",
    "ErrorCase",
    "ErrorDetail",
    "ErrorResponse",
    "ProblemDetail",
    "error_detail",
    "error_response",
    "error_responses",
    "install_error_handlers",
]


class ProblemDetail(Record):
    """One thing wrong with an input: a row of a loaded file, or a request parameter."""

    message: str = Field(description="What is wrong, for people.")
    file: str | None = Field(default=None, description="The file that failed to load.")
    row: int | str | None = Field(default=None, description="The row in that file (1-based; the header is row 1).")
    field: str | None = Field(
        default=None, description="The field in that row, or for a request the parameter as 'query.limit'."
    )


class ErrorDetail(Record):
    status: int = Field(description="The HTTP status, repeated for clients that only keep the body.")
    code: str = Field(description="A stable machine-readable name: not_found, invalid_date, load_error, ...")
    message: str = Field(description="What went wrong, for people.")
    suggestions: list[str] = Field(
        default_factory=list, description="For not_found: the closest existing ids, best first."
    )
    problems: list[ProblemDetail] = Field(
        default_factory=list, description="For load_error and invalid_request: every problem found."
    )


class ErrorResponse(Record):
    """The body of every error response."""

    error: ErrorDetail = Field(description="The error.")


@dataclass(frozen=True)
class ErrorCase:
    """One row of the table: the status and code an exception answers with."""

    status: int
    code: str
    description: str


ERRORS: dict[type[Exception], ErrorCase] = {
    NotFound: ErrorCase(404, "not_found", "An id that is not in the graph; `suggestions` lists the closest ids."),
    InvalidDate: ErrorCase(400, "invalid_date", "A date (as_of) that is not an ISO date YYYY-MM-DD."),
    InvalidParameter: ErrorCase(
        422,
        "invalid_parameter",
        "A parameter the query cannot answer for (a window that runs backwards, a depth out of range).",
    ),
    LoadError: ErrorCase(
        422, "load_error", "Data that failed validation; `problems` lists every problem, and nothing was loaded."
    ),
    RequestValidationError: ErrorCase(
        422, "invalid_request", "A parameter missing, of the wrong type or out of range; `problems` says which."
    ),
    ApiKeyRejected: ErrorCase(401, "unauthorized", "The X-API-Key header is missing or wrong."),
    AdminDisabled: ErrorCase(
        403,
        "admin_disabled",
        "The service has no API key configured, so admin calls and writes are off (or, for a write, no write folder).",
    ),
    HoldingNotFound: ErrorCase(404, "holding_not_found", "No holding of that seat by that person starting that day."),
    RosterNotWritable: ErrorCase(
        409,
        "roster_not_writable",
        "The holding comes from a roster the service only reads; change that roster and reload.",
    ),
    BodyTooLarge: ErrorCase(
        413, "body_too_large", "A request body over 64 KiB; it was not read past the limit, and nothing changed."
    ),
    Exception: ErrorCase(
        500, "internal_error", "An unexpected error; the server logs it and the response carries no details."
    ),
}


def error_responses(*exceptions: type[Exception]) -> dict[int | str, dict[str, Any]]:
    """The OpenAPI ``responses`` of a route that can raise ``exceptions``, by status.

    >>> sorted(error_responses(NotFound, InvalidDate))
    [400, 404]
    """
    responses: dict[int | str, dict[str, Any]] = {}
    for exception in exceptions:
        case = ERRORS[exception]
        entry = responses.setdefault(case.status, {"model": ErrorResponse, "description": ""})
        entry["description"] = " ".join(filter(None, [entry["description"], case.description]))
    return responses


def install_error_handlers(app: FastAPI) -> None:
    """Answer every row of ``ERRORS``, and every HTTP error the framework raises (an
    unknown path, a wrong method), with an ``ErrorResponse``."""
    for exception in ERRORS:
        app.add_exception_handler(exception, _handle)
    app.add_exception_handler(HTTPException, _handle)


async def _handle(request: Request, exc: Exception) -> JSONResponse:
    return error_response(exc)


def error_response(exc: Exception) -> JSONResponse:
    """The ``ErrorResponse`` an exception answers with, for code that runs outside the
    app's exception handlers (a middleware)."""
    detail = error_detail(exc)
    body = ErrorResponse(error=detail).model_dump(mode="json")
    headers = exc.headers if isinstance(exc, HTTPException) else None
    return JSONResponse(body, status_code=detail.status, headers=headers)


def error_detail(exc: Exception) -> ErrorDetail:
    """What an exception says to a client: the one description that both the JSON body
    and the HTML error page render. An unexpected exception says nothing of the internals."""
    if isinstance(exc, HTTPException):
        # The framework's own errors keep their status (and headers, e.g. Allow on a 405).
        code = HTTPStatus(exc.status_code).phrase.lower().replace(" ", "_").replace("-", "_")
        return ErrorDetail(status=exc.status_code, code=code, message=str(exc.detail))
    case = next(ERRORS[cls] for cls in type(exc).__mro__ if cls in ERRORS)
    message = str(exc)
    suggestions: list[str] = []
    problems: list[ProblemDetail] = []
    if isinstance(exc, NotFound):
        suggestions = exc.suggestions
    elif isinstance(exc, LoadError):
        problems = [ProblemDetail(message=p.message, file=p.file, row=p.row, field=p.field) for p in exc.problems]
        message = str(exc).splitlines()[0]  # the head line; the lines after it repeat `problems`
    elif isinstance(exc, RequestValidationError):
        problems = [
            ProblemDetail(message=e["msg"], field=".".join(str(part) for part in e["loc"])) for e in exc.errors()
        ]
        message = "; ".join(f"{p.field}: {p.message}" for p in problems)
    elif case.status == HTTPStatus.INTERNAL_SERVER_ERROR:
        message = "internal server error"  # the exception's text may name files, hosts or code
    return ErrorDetail(status=case.status, code=case.code, message=message, suggestions=suggestions, problems=problems)
