"""The service's routers, one module per concern; ``govgraph.api.app`` includes each under ``/api``.

Routes are thin: they parse the request, call one query from ``govgraph.queries`` and
return its result model, which FastAPI serialises and documents as the response model.
"""
