"""The service's settings: one model, read from ``GOVGRAPH_*`` environment variables by
pydantic-settings when an entry point (``govgraph serve``, ``create_app()`` without settings)
builds it; an unset or empty variable keeps the field's default.

=========================== ============ ==========================================================
variable                    field        meaning
=========================== ============ ==========================================================
``GOVGRAPH_DATA``           data         rosters to load on top of the built-in dataset, separated
                                         by ``os.pathsep`` (``:`` on Unix, ``;`` on Windows)
``GOVGRAPH_RULES``          rules        rule files checked as well as the built-in rules,
                                         separated by ``os.pathsep``
``GOVGRAPH_API_KEY``        api_key      the key ``X-API-Key`` must carry for admin calls and
                                         writes, and that shows people's contact fields; unset or
                                         empty turns admin calls and writes off
``GOVGRAPH_WRITE_DIR``      write_dir    the roster folder writes are saved to, loaded on top of
                                         the other rosters; unset turns writes off
``GOVGRAPH_BACKEND``        backend      networkx (the default: in this process) or neo4j, with
                                         ``GOVGRAPH_NEO4J_URI``, ``GOVGRAPH_NEO4J_USER``,
                                         ``GOVGRAPH_NEO4J_PASSWORD`` and, optionally,
                                         ``GOVGRAPH_NEO4J_DATABASE``
``GOVGRAPH_HOST``           host         the address ``govgraph serve`` binds (default 127.0.0.1)
``GOVGRAPH_PORT``           port         the port it listens on (default 8000)
``GOVGRAPH_CORS_ORIGINS``   cors_origins origins (``https://host:port``, comma-separated, or
                                         ``*``) whose pages may call the API from a browser;
                                         unset turns CORS off
``GOVGRAPH_CACHE_MB``       cache_mb     megabytes of answers kept per loaded graph (default 32;
                                         0 turns the response cache off)
``GOVGRAPH_BODY_TIMEOUT``   body_timeout seconds the service waits for the next piece of a request
                                         body before answering 408 (default 10)
=========================== ============ ==========================================================
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from govgraph.api.limits import BODY_TIMEOUT

__all__ = ["Settings"]

# A list of paths in one variable, as PATH is written: not JSON, which pydantic-settings expects.
_Paths = Annotated[tuple[Path, ...], NoDecode]
# Likewise a list of origins, comma-separated as in Access-Control-Allow-Origin lists.
_Origins = Annotated[tuple[str, ...], NoDecode]


class Settings(BaseSettings):
    """How the service loads its graph, where it saves writes, how it guards admin calls
    and writes, and where it listens.

    >>> os.environ["GOVGRAPH_DATA"] = os.pathsep.join(["a.xlsx", "b"])
    >>> settings = Settings(api_key="k")
    >>> [str(path) for path in settings.data], settings.api_key, settings.port
    (['a.xlsx', 'b'], SecretStr('**********'), 8000)
    >>> del os.environ["GOVGRAPH_DATA"]
    """

    model_config = SettingsConfigDict(env_prefix="GOVGRAPH_", env_ignore_empty=True, frozen=True, extra="forbid")

    data: _Paths = Field(
        default=(),
        description="Rosters (CSV folder, .xlsx workbook or Popolo .json) loaded on top of the built-in "
        "dataset; none serves the built-in dataset alone. Env: GOVGRAPH_DATA, os.pathsep-separated.",
    )
    rules: _Paths = Field(
        default=(),
        description="Rule files (YAML) checked as well as the built-in rules. "
        "Env: GOVGRAPH_RULES, os.pathsep-separated.",
    )

    api_key: SecretStr | None = Field(
        default=None,
        description="The key admin calls and writes must send in the X-API-Key header, and that shows people's "
        "contact fields (email) to reads that send it; without one, admin calls and writes are refused (403). "
        "Env: GOVGRAPH_API_KEY.",
    )
    write_dir: Path | None = Field(
        default=None,
        description="A folder of CSV roster tables that the service owns: writes (people, holdings) are saved "
        "there, and it is loaded on top of the other rosters at every start and reload. Created, with empty "
        "tables, if missing. Without one, writes are refused (403). Env: GOVGRAPH_WRITE_DIR.",
    )
    backend: Literal["networkx", "neo4j"] = Field(
        default="networkx",
        description="Where the graph lives: networkx (in this process, loaded from the data) or neo4j (a Neo4j "
        "database loaded beforehand with `govgraph load --neo4j`). Env: GOVGRAPH_BACKEND.",
    )
    neo4j_uri: str | None = Field(
        default=None, description="With backend neo4j: the server, e.g. bolt://localhost:7687. Env: GOVGRAPH_NEO4J_URI."
    )
    neo4j_user: str | None = Field(
        default=None, description="With backend neo4j: the user name. Env: GOVGRAPH_NEO4J_USER."
    )
    neo4j_password: SecretStr | None = Field(
        default=None, description="With backend neo4j: the password. Env: GOVGRAPH_NEO4J_PASSWORD."
    )
    neo4j_database: str | None = Field(
        default=None,
        min_length=1,
        description="With backend neo4j: the database; the server's default if not given. "
        "Env: GOVGRAPH_NEO4J_DATABASE.",
    )
    host: str = Field(
        default="127.0.0.1",
        min_length=1,
        description="The address `govgraph serve` binds; the default keeps the service local. Env: GOVGRAPH_HOST.",
    )
    port: int = Field(
        default=8000, ge=1, le=65535, description="The TCP port `govgraph serve` listens on. Env: GOVGRAPH_PORT."
    )

    cors_origins: _Origins = Field(
        default=(),
        description="Origins (scheme://host[:port]) whose pages may call the API from a browser, or `*` for any; "
        "preflight requests from them are answered. None (the default) turns CORS off. "
        "Env: GOVGRAPH_CORS_ORIGINS, comma-separated.",
    )
    cache_mb: int = Field(
        default=32,
        ge=0,
        le=65_536,
        description="Megabytes of GET answers kept for the graph being served, dropped at every reload and write; "
        "0 turns the response cache off. Env: GOVGRAPH_CACHE_MB.",
    )
    body_timeout: float = Field(
        default=BODY_TIMEOUT,
        gt=0,
        le=3600,
        description="Seconds the service waits for the next piece of a request body; a client that stalls "
        "mid-body gets 408. Env: GOVGRAPH_BODY_TIMEOUT.",
    )

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _split_origins(cls, value: object) -> object:
        """``https://a.example, https://b.example`` from the environment; empty parts are skipped."""
        if isinstance(value, str):
            return tuple(part.strip() for part in value.split(",") if part.strip())
        return value

    @field_validator("cors_origins")
    @classmethod
    def _origins(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        """An origin as a browser sends it in ``Origin``: a scheme, a host, maybe a port, no path."""
        for origin in value:
            if origin != "*" and not re.fullmatch(r"https?://[^/\s?#]+", origin):
                raise ValueError(f"{origin!r} is not an origin such as https://example.org or http://localhost:3000")
        return value

    @field_validator("data", "rules", mode="before")
    @classmethod
    def _split_paths(cls, value: object) -> object:
        """``a.xlsx:rosters/b`` (``;`` on Windows) from the environment; empty parts are skipped."""
        if isinstance(value, str):
            return tuple(part for part in value.split(os.pathsep) if part)
        return value

    @field_validator("api_key")
    @classmethod
    def _sendable_key(cls, value: SecretStr | None) -> SecretStr | None:
        """A key a client can send: HTTP trims a header's surrounding whitespace and carries
        ASCII only, so any other key could never match, and writes would stay refused."""
        if value is None:
            return None
        key = value.get_secret_value()
        if not key.strip():
            raise ValueError("the API key is only whitespace: set a real key, or none to turn writes off")
        if key != key.strip():
            raise ValueError("the API key starts or ends with whitespace, which a header cannot carry")
        if not key.isascii() or not key.isprintable():
            raise ValueError("the API key must be printable ASCII, as an HTTP header carries it")
        return value

    @model_validator(mode="after")
    def _backend_needs(self) -> Settings:
        if self.backend == "neo4j":
            missing = [name for name in ("neo4j_uri", "neo4j_user", "neo4j_password") if getattr(self, name) is None]
            if missing:
                raise ValueError(f"backend neo4j needs {', '.join(missing)}")
            if self.data or self.write_dir is not None:
                # The data lives in the database; loading and writing it go through `govgraph load`.
                raise ValueError("backend neo4j serves the database as loaded: data and write_dir do not apply")
        return self
