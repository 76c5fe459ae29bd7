"""govgraph: who speaks for whom in NHS England specialised commissioning.

A graph of regions, hubs, area teams, CCGs and ICBs, Clinical Senates, portfolios,
programmes of care, Clinical Reference Groups, boards, seats and people, with queries
about representation and the clinical line of sight.

Layers, and the one way their imports point::

    graph     the model, the GraphStore interface and its stores      (imports nothing above)
    loaders   files -> validated records -> a store                   (imports graph)
    queries   pure functions over a store -> pydantic results         (imports graph)
    viz       results -> self-contained HTML                          (imports queries, graph)
    governance, tables   load() and results as tables (CSV, pandas)  (import loaders, queries)
    api, cli  HTTP and the command line                               (import everything below)

``load``, ``Governance`` and ``to_pandas`` are imported on first use, so that importing
``govgraph.cli`` (and ``govgraph --help``) stays quick.

>>> import govgraph
>>> gg = govgraph.load()
>>> gg.store.node("crg:CFS")["name"]
'Cystic Fibrosis'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from govgraph.errors import (
    BackendError,
    GovGraphError,
    InvalidDate,
    InvalidParameter,
    LoadError,
    NotFound,
    Problem,
    RuleFileError,
)

if TYPE_CHECKING:
    from govgraph.governance import Governance, load
    from govgraph.tables import to_pandas

__all__ = [
    "BackendError",
    "GovGraphError",
    "Governance",
    "InvalidDate",
    "InvalidParameter",
    "LoadError",
    "NotFound",
    "Problem",
    "RuleFileError",
    "load",
    "to_pandas",
]

__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    # Loading the graph machinery (networkx, pydantic, the queries) on first use keeps
    # `import govgraph.cli` quick, so that `govgraph --help` starts fast.
    if name in ("Governance", "load"):
        from govgraph import governance

        return getattr(governance, name)
    if name == "to_pandas":
        from govgraph import tables

        return tables.to_pandas
    raise AttributeError(f"module 'govgraph' has no attribute {name!r}")
