"""The published schemas the exports must satisfy (``shared/data/schemas``, beside the
repository or one of the folders above it; see its README): validators for tests, which
skip, saying why, where the schemas are absent."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = next((p / "shared" / "data" / "schemas" for p in ROOT.parents if (p / "shared/data/schemas").is_dir()), None)


def _folder(name: str) -> Path:
    if SCHEMAS is None or not (SCHEMAS / name).is_dir():
        pytest.skip(f"the {name} schemas (shared/data/schemas/{name}) are not beside this checkout")
    return SCHEMAS / name


@cache
def graphml_schema() -> Any:
    """The GraphML 1.0 XSD as an ``lxml.etree.XMLSchema``."""
    etree = pytest.importorskip("lxml.etree", reason="lxml validates GraphML against its XSD (the dev extra)")
    return etree.XMLSchema(etree.parse(str(_folder("graphml") / "graphml.xsd")))


def graphml_errors(text: bytes) -> list[str]:
    """Every way ``text`` breaks the GraphML XSD; empty when it is valid."""
    from lxml import etree

    schema = graphml_schema()
    schema.validate(etree.fromstring(text))
    return [f"line {e.line}: {e.message}" for e in schema.error_log]


@cache
def popolo_validators() -> dict[str, Any]:
    """A ``jsonschema.Draft3Validator`` per Popolo array (persons, organizations, posts,
    memberships), resolving the schemas' ``$ref``s among the local files, never the network."""
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema validates Popolo (the dev extra)")
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT3

    schemas = {path.stem: json.loads(path.read_text(encoding="utf-8")) for path in _folder("popolo").glob("*.json")}
    resources = [
        (uri, Resource.from_contents(schema, default_specification=DRAFT3))
        for schema in schemas.values()
        for uri in (schema["id"], schema["id"].rstrip("#"))
    ]
    registry = Registry().with_resources(resources)
    checker = jsonschema.Draft3Validator.FORMAT_CHECKER
    return {
        f"{name}s" if name != "person" else "persons": jsonschema.Draft3Validator(
            schemas[name], registry=registry, format_checker=checker
        )
        for name in ("person", "organization", "post", "membership")
    }


def popolo_errors(document: dict[str, Any]) -> list[str]:
    """Every object of a Popolo document that fails its schema, with why."""
    validators = popolo_validators()
    return [
        f"/{array}/{index}: {error.message}"
        for array, validator in validators.items()
        for index, item in enumerate(document.get(array, []))
        for error in validator.iter_errors(item)
    ]
