"""Rule files (govgraph.queries.rules): the built-in set, a user's file on top, and a bad file
as one RuleFileError naming the file, the rule and the field of every problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from govgraph.errors import LoadError, RuleFileError
from govgraph.queries.rules import builtin_rules, load_rules

ONE_CHAIR = """\
rules:
  - id: my-board-chair
    description: My board has one chair.
    applies_to: {kind: Board, id_prefix: "board:mine"}
    check: {shape: exactly, role: chair, count: 1}
    in_force: {from: 2020-01-01}
    source: our terms of reference, para 3
"""


def test_the_built_in_rules_have_unique_ids_and_cite_the_seeds() -> None:
    rules = builtin_rules()
    ids = [rule.id for rule in rules]
    assert len(ids) == len(set(ids))
    # Seed 001 para 20 and 39: a CRG has one chair; the rule cites them.
    chair = next(rule for rule in rules if rule.id == "crg-chair")
    assert chair.source == "001_7c6f17057a5b61aa.txt paras 20 and 39"


def test_a_users_file_adds_to_the_built_in_rules(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(ONE_CHAIR)
    rules = load_rules([path])
    assert len(rules) == len(builtin_rules()) + 1 and rules[-1].id == "my-board-chair"
    assert [rule.id for rule in load_rules([path], with_builtin=False)] == ["my-board-chair"]


@pytest.mark.parametrize(
    ("text", "problems"),
    [
        ("rules: {}", [(None, "rules", "expected a mapping with a list under 'rules'")]),
        # A tab cannot indent YAML: the parser stops on line 2, where it is.
        ("rules:\n\t- id: x\n", [(2, None, "invalid YAML")]),
        (ONE_CHAIR.replace("role: chair", "role: king"), [("rule my-board-chair", "check.role", "Input should be")]),
        (ONE_CHAIR.replace("    source: our terms of reference, para 3\n", ""),
         [("rule my-board-chair", "source", "Field required")]),
    ],
)  # fmt: skip
def test_a_bad_file_names_file_rule_and_field(
    tmp_path: Path, text: str, problems: list[tuple[str | int | None, str | None, str]]
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    with pytest.raises(RuleFileError) as caught:
        load_rules([path])
    assert isinstance(caught.value, LoadError)
    found = [(p.file, p.row, p.field) for p in caught.value.problems]
    assert found == [(str(path), row, field) for row, field, _ in problems]
    for problem, (_, _, message) in zip(caught.value.problems, problems, strict=True):
        assert problem.message.startswith(message)


def test_a_rule_id_given_twice_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "again.yaml"
    path.write_text(ONE_CHAIR.replace("my-board-chair", "crg-chair"))
    with pytest.raises(RuleFileError, match="duplicate rule id 'crg-chair'"):
        load_rules([path])
