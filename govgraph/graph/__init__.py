"""The domain model, the GraphStore interface, the embedded networkx store and snapshots."""

from govgraph.graph.model import CRG, AreaTeam, Body, Edge, EdgeType, Node, NodeKind, Person, Post, Role
from govgraph.graph.snapshot import load_snapshot, save_snapshot
from govgraph.graph.store import EdgeView, GraphStore, NetworkXStore, NodeData
from govgraph.graph.timeline import Span, active, parse_date

__all__ = [
    "CRG",
    "AreaTeam",
    "Body",
    "Edge",
    "EdgeType",
    "EdgeView",
    "GraphStore",
    "NetworkXStore",
    "Node",
    "NodeData",
    "NodeKind",
    "Person",
    "Post",
    "Role",
    "Span",
    "active",
    "load_snapshot",
    "parse_date",
    "save_snapshot",
]
