"""Loaders: everything that turns files into validated records and merges them into a store."""

from govgraph.loaders._build import Batch, Origin, merge, new_store
from govgraph.loaders.popolo import popolo_document, write_popolo
from govgraph.loaders.reference import load_reference, reference_batch
from govgraph.loaders.roster import load_rosters
from govgraph.loaders.synthetic import synthesise, write_roster

__all__ = [
    "Batch",
    "Origin",
    "load_reference",
    "load_rosters",
    "merge",
    "new_store",
    "popolo_document",
    "reference_batch",
    "synthesise",
    "write_popolo",
    "write_roster",
]
