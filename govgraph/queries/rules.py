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

``applies_to`` filters by ``kind``, ``ids``, ``id_prefix``, ``exclude``, a post's ``role``
and ``org_kind``, and a CRG's ``model`` (seed 000's Transform, Lead and Inform, Respond
and Advise): a CRG is of a model only from its ``model_from``, the first day a source
states it, never before.

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
``tenure``
    everyone filling a seat of ``role`` has held it continuously for less than
    ``max_years`` years (a holding that follows another of the same seat by the same
    person with no gap is a re-appointment, and continues the time), with at most
    ``max_reappointments`` re-appointments and each appointment at most ``term_years``.
``drawn_from``
    everyone filling a seat of ``role`` also holds, on the day, a seat of ``from_role``
    of a body (of ``from_kind``, if given) that points to the subject with a ``via`` edge
    (a Programme of Care chair is one of the chairs of the CRGs ACCOUNTABLE_TO its board).
``per_person``
    everyone filling a seat of ``role`` holds between ``minimum`` and ``maximum`` seats
    of that role across all bodies on the day (an accountable commissioner for two or
    three CRGs).

``category_total``
    the distinct people filling seats of ``role`` across *every* subject the rule applies
    to on the day (a category, such as the CRGs of one ``model``) number exactly
    ``count`` (seed 002's 26 PPV partners across the Transform CRGs). Each subject gets
    the same verdict. It is assessed only when the category is known whole: the subjects
    of the rule's kind named in the dataset reach the total the sources state for the day
    (``stated_total``) and, for a rule on a ``model``, every one of them has a stated
    model; otherwise it is not assessed, and the reason says how many are named.

``count_between`` may leave people out with ``except_roles``: people who fill only seats
of those roles are not counted (the CCG representatives of 2015 on top of the 15 to 25
members of 2013).

The built-in rules are ``govgraph/data/rules/*.yaml``; users add files with ``--rules``.
An invalid file raises ``RuleFileError`` naming the file, the rule and the field.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import Field, ValidationError, model_validator

from govgraph.errors import Problem, RuleFileError
from govgraph.graph.model import CRGModel, EdgeType, NodeKind, Record, Role
from govgraph.graph.timeline import Span

__all__ = [
    "AtMost",
    "CategoryTotal",
    "ChainUnbroken",
    "Check",
    "CountBetween",
    "CoversEach",
    "DrawnFrom",
    "EveryMemberRepresented",
    "Exactly",
    "InForce",
    "PerPerson",
    "Rule",
    "Subjects",
    "Tenure",
    "add_years",
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
    model: CRGModel | None = Field(
        default=None, description="For CRGs: only those a source puts in this model (seed 000), from its model_from."
    )


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
    except_roles: list[Role] = Field(
        default_factory=list, description="Leave out people who fill only seats of these roles."
    )

    @model_validator(mode="after")
    def _bounds(self) -> CountBetween:
        _check_bounds(self.minimum, self.maximum)
        return self


def _check_bounds(minimum: int | None, maximum: int | None) -> None:
    if minimum is None and maximum is None:
        raise ValueError("give a minimum, a maximum or both")
    if minimum is not None and maximum is not None and maximum < minimum:
        raise ValueError(f"maximum {maximum} is below minimum {minimum}")


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


class Tenure(Record):
    shape: Literal["tenure"]
    role: Role
    max_years: int = Field(ge=1, description="Continuous years in the seat, re-appointments included, below this.")
    max_reappointments: int | None = Field(default=None, ge=0, description="Re-appointments allowed; open if empty.")
    term_years: int | None = Field(default=None, ge=1, description="Each appointment at most this long.")

    def breached_from(self, held_since: date, appointed: date) -> date:
        """The first day on which a holder in the seat since ``held_since`` (re-appointed
        last on ``appointed``) has served too long, if nobody else takes the seat first.

        >>> Tenure(shape="tenure", role="chair", max_years=3).breached_from(date(2013, 4, 1), date(2013, 4, 1))
        datetime.date(2016, 4, 1)
        >>> Tenure(shape="tenure", role="chair", max_years=6, term_years=3).breached_from(date(2013, 4, 1), date(2016, 4, 1))
        datetime.date(2019, 4, 1)
        """
        limit = add_years(held_since, self.max_years)
        if self.term_years is not None:
            limit = min(limit, add_years(appointed, self.term_years))
        return limit


def add_years(day: date, years: int) -> date:
    """The same day ``years`` later; 29 February becomes 1 March in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return date(day.year + years, 3, 1)


class DrawnFrom(Record):
    shape: Literal["drawn_from"]
    role: Role = Field(description="The subject's seats whose holders are checked.")
    from_role: Role = Field(description="The role of the seat each holder must also hold.")
    via: EdgeType = Field(description="The edge from those seats' bodies to the subject, e.g. ACCOUNTABLE_TO.")
    from_kind: NodeKind | None = Field(default=None, description="Only bodies of this kind, e.g. CRG.")


class CategoryTotal(Record):
    shape: Literal["category_total"]
    role: Role
    count: int = Field(ge=0, description="People filling seats of role across all the rule's subjects.")


class PerPerson(Record):
    shape: Literal["per_person"]
    role: Role
    minimum: int | None = Field(default=None, ge=0)
    maximum: int | None = Field(default=None, ge=0)

    @model_validator(mode="after")
    def _bounds(self) -> PerPerson:
        _check_bounds(self.minimum, self.maximum)
        return self


Check = Annotated[
    CoversEach
    | CountBetween
    | AtMost
    | Exactly
    | EveryMemberRepresented
    | ChainUnbroken
    | Tenure
    | DrawnFrom
    | PerPerson
    | CategoryTotal,
    Field(discriminator="shape"),
]
_SHAPES = frozenset(
    model.model_fields["shape"].annotation.__args__[0]  # type: ignore[union-attr]
    for model in (CoversEach, CountBetween, AtMost, Exactly, EveryMemberRepresented, ChainUnbroken, Tenure, DrawnFrom,
                  PerPerson, CategoryTotal)
)  # fmt: skip


class InForce(Record):
    from_: date | None = Field(default=None, alias="from", description="First day in force; open if empty.")
    to: date | None = Field(default=None, description="First day no longer in force; open if empty.")

    @model_validator(mode="after")
    def _order(self) -> InForce:
        if self.from_ is not None and self.to is not None and self.to <= self.from_:
            raise ValueError(f"to {self.to} must be after from {self.from_}")
        return self

    @property
    def span(self) -> Span:
        return Span(self.from_, self.to)

    def covers(self, day: str) -> bool:
        return self.span.contains(day)


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
    return ".".join(str(part) for part in error["loc"] if part not in _SHAPES) or "rule"
