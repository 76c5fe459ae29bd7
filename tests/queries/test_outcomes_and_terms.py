"""The three outcomes, what the sources attest, and the check shapes about who may hold a
seat (tenure, drawn_from, per_person), on the hand-drawn graph of
``tests/queries/fixture.py::build_terms``; every gold answer is worked out by hand from
the picture in its docstring."""

from __future__ import annotations

import pytest

from govgraph.errors import RuleFileError
from govgraph.queries.line_of_sight import line_of_sight
from govgraph.queries.lookup import show
from govgraph.queries.membership import members
from govgraph.queries.representation import Outcome, gaps, representation
from govgraph.queries.rules import load_rules
from tests.queries import fixture


@pytest.fixture(scope="module")
def store():
    return fixture.build_terms()


@pytest.fixture(scope="module")
def rules(tmp_path_factory):
    path = tmp_path_factory.mktemp("rules") / "terms.yaml"
    path.write_text(fixture.TERMS_RULES_YAML)
    return load_rules([path], with_builtin=False)


def verdict(store, rules, subject, rule, day):
    (found,) = [v for v in representation(store, subject, as_of=day, rules=rules).verdicts if v.rule_id == rule]
    return found


@pytest.mark.parametrize(
    ("subject", "day", "outcome"),
    [
        ("crg:C1", "2016-03-31", "passed"),  # ann's three years from 2013-04-01 end with 2016-03-31
        ("crg:C1", "2016-04-01", "failed"),  # ... and are up on 2016-04-01
        ("crg:C2", "2014-01-01", "passed"),  # ben in his first appointment
        ("crg:C2", "2015-04-01", "failed"),  # re-appointed once; none allowed
        ("crg:C3", "2016-12-31", "passed"),  # cal from 2014-01-01: up on 2017-01-01
        ("crg:C3", "2017-01-01", "failed"),
    ],
)
def test_tenure_counts_continuous_years_and_reappointments(store, rules, subject, day, outcome) -> None:
    assert verdict(store, rules, subject, "tenure", day).outcome == outcome


def test_tenure_breach_names_the_holder_and_the_day_they_started(store, rules) -> None:
    (short,) = verdict(store, rules, "crg:C2", "tenure", "2016-06-01").missing
    # ben has held the seat since 2013-04-01 across two appointments: three whole years by 2016-06-01.
    assert (short.what, short.have) == ("post:crg:C2/chair", 3)
    assert short.name == "Ben (person:ben), in the seat since 2013-04-01"
    assert "at most 0 re-appointments (has 1)" in short.need


def test_tenure_of_a_vacant_seat_is_not_assessed(store, rules) -> None:
    v = verdict(store, rules, "crg:C4", "tenure", "2016-06-01")
    assert (v.outcome, v.reason) == (
        "not_assessed",
        "nothing to check: nobody fills a chair seat of crg:C4 on 2016-06-01",
    )
    assert v.found is None


def test_tenure_parameters_are_readable_from_the_rule(rules) -> None:
    (tenure,) = [r.check for r in rules if r.id == "tenure"]
    assert (tenure.max_years, tenure.max_reappointments, tenure.term_years) == (3, 0, None)


@pytest.mark.parametrize(("day", "outcome", "missing"), [("2014-01-01", "failed", ["person:dee"]),
                                                         ("2014-06-01", "passed", [])])  # fmt: skip
def test_a_chair_must_be_drawn_from_the_chairs_of_the_crgs_accountable_to_the_board(
    store, rules, day, outcome, missing
) -> None:
    # dee chairs no CRG; ann, who took over on 2014-04-01, chairs crg:C1.
    v = verdict(store, rules, "board:P", "drawn", day)
    assert (v.outcome, [m.what for m in v.missing]) == (outcome, missing)


def test_a_commissioner_on_four_crgs_fails_on_each_of_them(store, rules) -> None:
    for crg in ("crg:C1", "crg:C2", "crg:C3", "crg:C4"):
        v = verdict(store, rules, crg, "load", "2014-06-01")
        assert v.outcome == "failed"
        assert [(m.what, m.have, m.need) for m in v.missing] == [("person:eli", 4, "between 2 and 3 seats")]


def test_a_crg_with_no_collaborating_commissioner_fails(store, rules) -> None:
    outcomes = {crg: verdict(store, rules, crg, "collab", "2014-06-01").outcome for crg in ("crg:C1", "crg:C4")}
    assert outcomes == {"crg:C1": "passed", "crg:C4": "failed"}


def test_past_attested_to_the_verdict_is_not_assessed(store, rules) -> None:
    # board:Q is attested to 2016-03-31: its chair counts on 2016-01-01, is not known on 2017-01-01.
    assert verdict(store, rules, "board:Q", "qchair", "2016-01-01").outcome == "passed"
    later = representation(store, "board:Q", as_of="2017-01-01", rules=rules)
    (v,) = later.verdicts
    assert (v.outcome, v.reason, v.found) == (
        "not_assessed",
        "the data this rule needs is not attested after 2016-03-31",
        None,
    )
    assert later.outcome == "not_assessed" and later.exists
    assert (
        later.reason == "1 of 1 rules not assessed (qchair: the data this rule needs is not attested after 2016-03-31)"
    )


def test_a_subject_with_no_rule_in_force_is_never_passed(store, rules) -> None:
    rep = representation(store, "board:R", as_of="2015-01-01", rules=rules)  # "old" ended 2014-01-01
    assert (rep.outcome, rep.reason, rep.verdicts) == ("not_assessed", "no rule in force for board:R on 2015-01-01", [])
    assert rep.rows()[0]["outcome"] == "not_assessed" and rep.rows()[0]["reason"] == rep.reason
    assert representation(store, "board:R", as_of="2013-06-01", rules=rules).outcome == "failed"  # nobody in PPV


def test_outcome_is_not_a_bool() -> None:
    assert [o.value for o in Outcome] == ["passed", "failed", "not_assessed"]
    assert all(bool(o) for o in Outcome)  # a consumer's "if not v.outcome" can never mistake one for another


def test_the_gap_report_says_how_much_was_assessed(store, rules) -> None:
    # On 2016-06-01, in force: tenure, drawn, load, collab, qchair, ghost (old ended 2014-01-01).
    # tenure: C1 F (since 2013-04-01), C2 F, C3 P, C4 NA (vacant); drawn: P P (ann chairs C1);
    # load: C1-C4 F (eli on four); collab: C1-C3 P, C4 F; qchair: Q NA (past 2016-03-31);
    # ghost: no subject. 14 verdicts: 7 failed, 5 passed, 2 not assessed. board:R: only "old".
    report = gaps(store, as_of="2016-06-01", rules=rules)
    assert (report.rules_checked, report.verdicts_checked) == (6, 14)
    assert (report.verdicts_failed, report.verdicts_passed, report.verdicts_not_assessed) == (7, 5, 2)
    assert [(v.rule_id, v.subject_id) for v in report.not_assessed] == [("qchair", "board:Q"), ("tenure", "crg:C4")]
    assert report.rules_without_subject == ["ghost"]
    assert report.subjects_without_rule == ["board:R"]
    assert report.summary() == (
        "7 failed, 5 passed, 2 not assessed of 14 verdicts (6 rules in force, 1 with no subject; "
        "1 subjects with no rule in force) on 2016-06-01"
    )
    assert [r["outcome"] for r in report.rows()] == ["failed"] * 7 + ["not_assessed"] * 2


def test_a_gap_report_that_checked_nothing_says_so(store, rules) -> None:
    # Before any body exists nothing is checked: zero gaps must not read as a clean bill.
    report = gaps(store, as_of="2012-01-01", rules=rules)
    assert (report.verdicts_checked, report.gaps) == (0, [])
    assert report.rules_without_subject == ["collab", "drawn", "ghost", "load", "old", "qchair", "tenure"]


@pytest.mark.parametrize(
    ("check", "field", "message"),
    [
        ("{shape: tenure, role: chair}", "check.max_years", "Field required"),
        ("{shape: tenure, role: chair, max_years: 0}", "check.max_years", "greater than or equal to 1"),
        ("{shape: drawn_from, role: chair, from_role: chair, via: KNOWS}", "check.via", "Input should be"),
        ("{shape: per_person, role: accountable-commissioner}", "check", "give a minimum, a maximum or both"),
        ("{shape: count_between, minimum: 1, except_roles: [king]}", "check.except_roles.0", "Input should be"),
    ],
)
def test_bad_new_shapes_name_the_file_rule_and_field(tmp_path, check, field, message) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(f"rules: [{{id: x, description: d, applies_to: {{kind: CRG}}, check: {check}, source: s}}]")
    with pytest.raises(RuleFileError) as caught:
        load_rules([path], with_builtin=False)
    (problem,) = caught.value.problems
    assert (problem.file, problem.row, problem.field) == (str(path), "rule x", field)
    assert message in problem.message


def test_a_line_of_sight_past_what_is_attested_is_not_known_not_complete(store) -> None:
    md, top = "post:org:T/medical-director", "post:org:T/director"
    assert line_of_sight(store, md, as_of="2016-03-31", target=top).complete
    later = line_of_sight(store, md, as_of="2016-04-01", target=top)
    assert later.breaks == [] and not later.complete
    assert later.not_known == [f"{md} -REPORTS_TO-> {top} is not known after 2016-03-31"]


def test_members_of_a_body_past_what_is_attested_say_so(store) -> None:
    assert members(store, "board:Q", as_of="2016-01-01").not_known == []
    assert members(store, "board:Q", as_of="2017-01-01").not_known == ["board:Q is not known after 2016-03-31"]


def test_show_says_when_a_node_did_not_exist_or_is_not_known(store) -> None:
    # board:Q begins 2015-04-01 and is attested to 2016-03-31.
    assert show(store, "board:Q", as_of="2014-01-01").reason == (
        "board:Q did not exist on 2014-01-01: it exists from 2015-04-01"
    )
    assert show(store, "board:Q", as_of="2016-01-01").not_known is None
    assert show(store, "board:Q", as_of="2017-01-01").not_known == "board:Q is not known after 2016-03-31"
