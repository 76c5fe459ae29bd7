"""Representation rules as data: the model of a rule file and its loading.

A rule file is YAML with a list under ``rules``; each rule names the subjects it applies
to, one check of a few generic shapes, the dates it is in force and its source::

    rules:
      - id: crg-chair
        description: A CRG has one clinical chair.
        applies_to: {kind: CRG, exclude: [crg:SCR]}
        check: {shape: exactly, role: chair, count: 1}
        in_force: {from: 2013-04-01, to: 2016-04-01}
        source: 001_7c6f17057a5b61aa.txt paras 20 and 39

Check shapes (what is counted is defined in ``govgraph.queries._seats``):

``covers_each``
    every area of ``area_kind`` that exists on the day has at least ``minimum`` filled
    seats of ``role`` speaking for it (``minimums`` overrides per area id).
``count_between``
    the number of filled seats of ``role`` is within [minimum, maximum]; without a role,
    the number of members (distinct people).
``at_most`` / ``exactly``
    the number of filled seats of ``role`` is at most / exactly ``count``.
``every_member_represented``
    every ``member_kind`` body that is part of the subject's parent (a hub's CCGs for its
    oversight group) has a filled seat of the subject speaking for it.
``chain_unbroken``
    the line of sight from the subject post reaches the post ``to`` with no break.

The built-in rules are ``govgraph/data/rules/*.yaml``; users add files with ``--rules``.
An invalid file raises ``RuleFileError`` naming the file, the rule and the field.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal, Union

import yaml
from pydantic import Field, ValidationError, model_validator

from govgraph.errors import Problem, RuleFileError
from govgraph.graph.model import NodeKind, Record, Role

__all__ = [
    "AtMost",
    "ChainUnbroken",
    "Check",
    "CountBetween",
    "CoversEach",
    "EveryMemberRepresented",
    "Exactly",
    "InForce",
    "Rule",
    "Subjects",
    "builtin_rules",
    "load_rules",
]


class Subjects(Record):
    """Which nodes a rule applies to; every given filter must match."""

    kind: NodeKind
    ids: list[str] = Field(default_factory=list, description="Only these ids.")
    id_prefix: str | None = Field(default=None, description="Only ids starting with this (e.g. 'board:poc-').")
    exclude: list[str] = Field(default_factory=list, description="Never these ids.")
    role: Role | None = Field(default=None, description="For posts: only this role.")
    org_kind: NodeKind | None = Field(default=None, description="For posts: only seats of a body of this kind.")


class CoversEach(Record):
    shape: Literal["covers_each"]
    area_kind: NodeKind
    role: Role
    minimum: int = Field(default=1, ge=0)
    minimums: dict[str, int] = Field(default_factory=dict, description="Per-area minimums, by area id.")


class CountBetween(Record):
    shape: Literal["count_between"]
    role: Role | None = Field(default=None, description="Count filled seats of this role; without one, count members.")
    minimum: int | None = Field(default=None, ge=0)
    maximum: int | None = Field(default=None, ge=0)

    @model_validator(mode="after")
    def _bounds(self) -> CountBetween:
        if self.minimum is None and self.maximum is None:
            raise ValueError("give a minimum, a maximum or both")
        if self.minimum is not None and self.maximum is not None and self.maximum < self.minimum:
            raise ValueError(f"maximum {self.maximum} is below minimum {self.minimum}")
        return self


class AtMost(Record):
    shape: Literal["at_most"]
    role: Role
    count: int = Field(ge=0)


class Exactly(Record):
    shape: Literal["exactly"]
    role: Role
    count: int = Field(ge=0)


class EveryMemberRepresented(Record):
    shape: Literal["every_member_represented"]
    member_kind: NodeKind


class ChainUnbroken(Record):
    shape: Literal["chain_unbroken"]
    to: str = Field(description="The post the line of sight must reach.")


Check = Annotated[
    Union[CoversEach, CountBetween, AtMost, Exactly, EveryMemberRepresented, ChainUnbroken],
    Field(discriminator="shape"),
]


class InForce(Record):
    from_: date | None = Field(default=None, alias="from")
    to: date | None = None

    def covers(self, day: str) -> bool:
        return (self.from_ is None or self.from_.isoformat() <= day) and (self.to is None or day < self.to.isoformat())


class Rule(Record):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    description: str = Field(min_length=1)
    applies_to: Subjects
    check: Check
    in_force: InForce = Field(default_factory=InForce)
    source: str = Field(min_length=1, description="Seed file and paragraph the rule comes from.")


def builtin_rules() -> list[Rule]:
    """The starting rule set shipped in ``govgraph/data/rules/``."""
    folder = resources.files("govgraph").joinpath("data/rules")
    rules: list[Rule] = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml"):
            rules += _parse(entry.read_text(encoding="utf-8"), f"govgraph/data/rules/{entry.name}")
    return rules


def load_rules(paths: Iterable[str | Path], *, with_builtin: bool = True) -> list[Rule]:
    """The built-in rules (unless ``with_builtin`` is false) plus those in ``paths``.

    Every problem in every file is reported together; rule ids must be unique overall.
    """
    rules = builtin_rules() if with_builtin else []
    problems: list[Problem] = []
    for path in paths:
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(Problem(str(path), None, None, f"cannot read: {exc}"))
            continue
        try:
            rules += _parse(text, str(path))
        except RuleFileError as exc:
            problems += exc.problems
    seen: set[str] = set()
    for rule in rules:
        if rule.id in seen:
            problems.append(Problem("rules", rule.id, "id", f"duplicate rule id {rule.id!r}"))
        seen.add(rule.id)
    if problems:
        raise RuleFileError(problems)
    return rules


def _parse(text: str, origin: str) -> list[Rule]:
    try:
        document = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise RuleFileError([Problem(origin, mark.line + 1 if mark else None, None, f"invalid YAML: {exc}")]) from exc
    if not isinstance(document, dict) or not isinstance(document.get("rules"), list):
        raise RuleFileError([Problem(origin, None, "rules", "expected a mapping with a list under 'rules'")])
    rules, problems = [], []
    for index, raw in enumerate(document["rules"]):
        where = raw.get("id", f"#{index + 1}") if isinstance(raw, dict) else f"#{index + 1}"
        try:
            rules.append(Rule.model_validate(raw))
        except ValidationError as exc:
            problems += [Problem(origin, f"rule {where}", _field(error), error["msg"]) for error in exc.errors()]
    if problems:
        raise RuleFileError(problems)
    return rules


def _field(error: Any) -> str:
    # Discriminated unions put the shape's name in the location; it is noise to a reader.
    shapes = {"covers_each", "count_between", "at_most", "exactly", "every_member_represented", "chain_unbroken"}
    return ".".join(str(part) for part in error["loc"] if part not in shapes) or "rule"
