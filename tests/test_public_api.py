"""Each package's ``__all__`` names every public thing it offers, and each name exists."""

from __future__ import annotations

import importlib
import inspect

import pytest

PACKAGES = [
    "govgraph",
    "govgraph.graph",
    "govgraph.loaders",
    "govgraph.queries",
    "govgraph.errors",
    "govgraph.cli",
    "govgraph.api",
    "govgraph.viz",
]


@pytest.mark.parametrize("name", PACKAGES)
def test_all_is_complete(name: str) -> None:
    module = importlib.import_module(name)
    for attr in module.__all__:
        assert hasattr(module, attr), f"{name}.__all__ names missing {attr!r}"
    offered = {
        attr
        for attr, value in vars(module).items()
        if not attr.startswith("_")
        and (inspect.isclass(value) or inspect.isfunction(value))
        and value.__module__.startswith("govgraph")
    }
    assert offered <= set(module.__all__), f"public but not in {name}.__all__: {sorted(offered - set(module.__all__))}"
