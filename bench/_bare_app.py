"""The anchor of the service benchmark: a bare FastAPI app with one async route answering a
small JSON object, served by ``govgraph.api.server.run`` with the service's own server
settings (and no access log, as the benchmark runs the service). ``python bench/_bare_app.py PORT``."""

from __future__ import annotations

import sys

from fastapi import FastAPI

from govgraph.api.server import run

app = FastAPI()


@app.get("/api/health")
async def health() -> dict[str, str]:
    return {"status": "ok"}


if __name__ == "__main__":
    run(app, "127.0.0.1", int(sys.argv[1]), access_log=False)
