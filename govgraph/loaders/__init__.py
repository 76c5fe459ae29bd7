"""Loaders: everything that turns files into validated records and merges them into a store."""

from govgraph.loaders._build import Batch, Origin, merge, new_store
from govgraph.loaders.reference import load_reference, reference_batch

__all__ = ["Batch", "Origin", "load_reference", "merge", "new_store", "reference_batch"]
