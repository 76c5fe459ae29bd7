"""The REST service (FastAPI): routers that translate HTTP to query calls."""
