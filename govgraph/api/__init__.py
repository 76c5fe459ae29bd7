"""The REST service (FastAPI): routers that translate HTTP to query calls.

>>> from fastapi.testclient import TestClient
>>> with TestClient(create_app(Settings())) as client:
...     client.get("/api/nodes/crg:CFS").json()["node"]["name"]
'Cystic Fibrosis'
"""

from govgraph.api.app import create_app
from govgraph.api.settings import Settings

__all__ = ["Settings", "create_app"]
