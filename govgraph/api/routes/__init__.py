"""The service's routers, one module per concern. ``govgraph.api.app`` includes the JSON
routers (nodes, queries, writes, admin) under ``/api`` and the HTML pages at ``/``.

Routes are thin: they parse the request, call one query from ``govgraph.queries`` and
return its result model, which FastAPI serialises and documents as the response model
(the pages hand it to ``govgraph.viz`` to draw instead).
"""
