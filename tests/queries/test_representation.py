"""The rule engine on the hand-drawn fixture (see tests/queries/fixture.py for the
picture), with every gold answer worked out by hand."""

from __future__ import annotations

import pytest

from govgraph.errors import NotFound, RuleFileError
from govgraph.queries.representation import gaps, representation
from govgraph.queries.rules import load_rules
from tests.queries import fixture


@pytest.fixture(scope="module")
def store():
    return fixture.build()


@pytest.fixture(scope="module")
def rules(tmp_path_factory):
    path = tmp_path_factory.mktemp("rules") / "fixture.yaml"
    path.write_text(fixture.RULES_YAML)
    return load_rules([path], with_builtin=False)


def verdicts(store, rules, day, subject="crg:TST"):
    return {v.rule_id: v for v in representation(store, subject, as_of=day, rules=rules).verdicts}


def test_verdicts_on_a_day_everything_is_known(store, rules) -> None:
    v = verdicts(store, rules, "2014-01-01")
    assert sorted(v) == ["chair", "ppv", "professions", "senates", "size"]
    assert {k: x.outcome for k, x in v.items()} == {
        "chair": "passed",
        "ppv": "passed",
        "professions": "failed",
        "senates": "failed",
        "size": "passed",
    }
    # senate:b's only seat is vacant; London has its three (ada fills one as well as the chair).
    assert [(m.what, m.have, m.need, m.vacant_seats) for m in v["senates"].missing] == [
        ("senate:b", 0, "at least 1", ["post:crg:TST/senate-b"])
    ]
    assert v["senates"].found == 2
    assert v["size"].found == 9  # ada on two seats is one member
    assert v["professions"].found == 3 and v["professions"].expected == "at most 2 professional-organisation"
    assert v["senates"].source == "fixture para 1"


@pytest.mark.parametrize(("day", "outcome"), [("2014-03-31", "passed"), ("2014-04-01", "failed")])
def test_a_holding_counts_until_the_day_before_it_ends(store, rules, day, outcome) -> None:
    assert verdicts(store, rules, day)["chair"].outcome == outcome


def test_a_rule_applies_only_while_in_force(store, rules) -> None:
    assert "professions" in verdicts(store, rules, "2014-12-31")
    assert "professions" not in verdicts(store, rules, "2015-01-01")


def test_a_body_outside_its_dates_is_not_assessed_and_says_its_lifespan(store, rules) -> None:
    rep = representation(store, "crg:TST", as_of="2016-04-01", rules=rules)
    assert (rep.outcome, rep.exists, rep.verdicts) == ("not_assessed", False, [])
    # crg:TST runs 2013-04-01 up to (not including) 2016-04-01: its last day is 2016-03-31.
    assert rep.reason == "crg:TST did not exist on 2016-04-01: it existed from 2013-04-01 to 2016-03-31"
    assert (str(rep.valid_from), str(rep.valid_to)) == ("2013-04-01", "2016-04-01")
    assert representation(store, "crg:TST", as_of="2013-03-31", rules=rules).exists is False


def test_acting_holders_fill_a_seat_and_are_flagged(store, rules) -> None:
    rep = representation(store, "crg:TST", as_of="2014-01-01", rules=rules)
    (seat,) = [s for s in rep.seats if s.post_id.endswith("/senate-a")]
    assert seat.filled and seat.holders[0].acting


def test_gap_report_lists_failing_rules_and_subjects_with_citations(store, rules) -> None:
    report = gaps(store, as_of="2014-06-01", rules=rules)
    assert [(g.rule_id, g.subject_id) for g in report.gaps] == [
        ("chair", "crg:TST"),
        ("line", "post:org:other/md"),
        ("line", "post:org:trust/md"),
        ("professions", "crg:TST"),
        ("senates", "crg:TST"),
    ]
    assert report.verdicts_checked == 7
    assert all(g.source.startswith("fixture para") for g in report.gaps)
    assert [g.subject_id for g in gaps(store, as_of="2014-06-01", rules=rules, rule="line").gaps] == [
        "post:org:other/md",
        "post:org:trust/md",
    ]
    assert gaps(store, as_of="2014-06-01", rules=rules, subject="crg:TST", rule="chair").verdicts_checked == 1


def test_chain_rule_reports_the_breaks(store, rules) -> None:
    report = gaps(store, as_of="2014-06-01", rules=rules, rule="line")
    by_subject = {g.subject_id: sorted(b.type.value for b in g.breaks) for g in report.gaps}
    assert by_subject == {"post:org:other/md": ["missing_link", "vacant"], "post:org:trust/md": ["vacant"]}


def test_unknown_rule_and_subject_raise_not_found(store, rules) -> None:
    with pytest.raises(NotFound, match="did you mean 'chair'"):
        gaps(store, rules=rules, rule="chiar")
    with pytest.raises(NotFound, match="crg:TST"):
        representation(store, "crg:TTS", rules=rules)


def test_a_seat_for_a_succeeded_ccg_is_noted(store) -> None:
    rep = representation(store, "board:B", as_of="2023-01-01", rules=[])
    assert rep.notes == [
        "post:board:B/ccg-x (person:joe) speaks for ccg:X, which has been succeeded by icb:Y; it counts for them"
    ]
    assert representation(store, "board:B", as_of="2022-06-30", rules=[]).notes == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("rules: [{id: x, description: d, applies_to: {kind: CRG}, check: {shape: nope}, source: s}]",
         ("rule x", "check", "does not match any of the expected tags")),
        ("rules: [{id: x, description: d, applies_to: {kind: CRG}, check: {shape: exactly, role: king, count: 1}, source: s}]",
         ("rule x", "check.role", "Input should be")),
        ("rules: [{id: x, description: d, applies_to: {kind: CRG}, check: {shape: count_between, minimum: 5, maximum: 2}, source: s}]",
         ("rule x", "check", "maximum 2 is below minimum 5")),
        ("rules: [{id: x, description: d, applies_to: {kind: CRG}, check: {shape: at_most, role: ppv, count: 1}}]",
         ("rule x", "source", "Field required")),
        ("rules: [{description: d}]", ("rule #1", "id", "Field required")),
        ("rules: {not: a list}", (None, "rules", "expected a mapping with a list under 'rules'")),
        ("rules: [\n  - id: [unclosed\n", (None, None, "invalid YAML")),
    ],
)  # fmt: skip
def test_invalid_rule_files_name_the_rule_and_field(tmp_path, text, expected) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    with pytest.raises(RuleFileError) as caught:
        load_rules([path], with_builtin=False)
    problem = caught.value.problems[0]
    row, field, message = expected
    assert problem.file == str(path)
    if row is not None:
        assert problem.row == row
    assert problem.field == field
    assert message in problem.message


def test_duplicate_rule_ids_across_files_are_an_error(tmp_path) -> None:
    path = tmp_path / "dup.yaml"
    path.write_text(
        "rules: [{id: crg-chair, description: d, applies_to: {kind: CRG}, check: {shape: exactly, role: chair, count: 1}, source: s}]"
    )
    with pytest.raises(RuleFileError, match="duplicate rule id 'crg-chair'"):
        load_rules([path])


def test_every_builtin_rule_cites_a_seed_paragraph_or_section_or_a_reference_row() -> None:
    import re
    from importlib import resources

    reference = resources.files("govgraph").joinpath("data/reference")
    for rule in load_rules([]):
        seed = re.search(r"\d{3}_[0-9a-f]{16}\.txt (paras?|section|sections) ", rule.source)
        rows = re.search(r"reference/([a-z0-9_]+\.csv) rows? ([\d, and-]+)", rule.source)
        assert seed or rows, rule.id
        if rows:  # the rows cited exist (row 1 is the header)
            lines = reference.joinpath(rows.group(1)).read_text(encoding="utf-8").count("\n")
            cited = [int(n) for n in re.findall(r"\d+", rows.group(2))]
            assert all(2 <= n <= lines for n in cited), rule.id
