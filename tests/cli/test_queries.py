"""The query commands end to end on the built-in dataset and the example roster, whose
deliberate gaps are listed in docs/example-roster.md."""

from __future__ import annotations

import csv
import io
import json

from click.testing import CliRunner

from govgraph.cli import main


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_gaps_json_csv_and_fail_on_gaps() -> None:
    code, out, _ = run("gaps", "--as-of", "2014-06-01", "--rule", "crg-chair", "--format", "json")
    assert code == 0
    report = json.loads(out)
    # gap (b) alone: the Specialised Cancer CRG has no chair seat (001 para 19), and the rule excludes it.
    assert [g["subject_id"] for g in report["gaps"]] == ["crg:VAS"]
    assert report["gaps"][0]["source"] == "001_7c6f17057a5b61aa.txt paras 20 and 39"
    code, out, _ = run("gaps", "--as-of", "2014-06-01", "--rule", "crg-senate-coverage", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    # One row per shortfall, under the JSON's names; a list cell is its JSON text.
    assert [(r["subject_id"], r["missing.what"], json.loads(r["missing.vacant_seats"])) for r in rows] == [
        ("crg:BCS", "senate:london", ["post:crg:BCS/senate-london-3"]),
        ("crg:HIV", "senate:wessex", ["post:crg:HIV/senate-wessex"]),
        ("crg:PNS", "senate:cheshire-and-merseyside", ["post:crg:PNS/senate-cheshire-and-merseyside"]),
        ("crg:PNS", "senate:northern-england", ["post:crg:PNS/senate-northern-england"]),
    ]  # gap (a)
    assert {r["outcome"] for r in rows} == {"failed"}
    code, _, _ = run("gaps", "--as-of", "2014-06-01", "--fail-on-gaps", "--format", "json")
    assert code == 1
    code, _, _ = run("gaps", "--as-of", "2024-01-01", "--fail-on-gaps", "--format", "json")
    assert code == 0  # the example roster has no gap on that day


def test_gaps_with_an_extra_rule_file_and_a_bad_one(tmp_path) -> None:
    extra = tmp_path / "extra.yaml"
    extra.write_text(
        "rules:\n  - id: cfs-ten-ppv\n    description: ten PPV members on CFS\n"
        "    applies_to: {kind: CRG, ids: [crg:CFS]}\n    check: {shape: count_between, role: ppv, minimum: 10}\n"
        "    source: local policy para 1\n"
    )
    code, out, _ = run(
        "gaps", "--as-of", "2014-06-01", "--rule", "cfs-ten-ppv", "--rules", str(extra), "--format", "json"
    )
    assert code == 0
    (gap,) = json.loads(out)["gaps"]
    assert (gap["subject_id"], gap["source"]) == ("crg:CFS", "local policy para 1")
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "rules: [{id: oops, description: d, applies_to: {kind: CRG}, check: {shape: exactly, role: chair}, source: s}]"
    )
    code, out, err = run("gaps", "--rules", str(bad))
    assert code == 2 and out == ""
    assert "rule oops, field 'check.count': Field required" in err


def test_representation_coverage_and_members() -> None:
    code, out, _ = run("representation", "crg:VAS", "--as-of", "2014-06-01", "--format", "json")
    assert code == 0
    rep = json.loads(out)
    assert rep["outcome"] == "failed"
    assert [v["rule_id"] for v in rep["verdicts"] if v["outcome"] == "failed"] == ["crg-chair"]
    # The chair's tenure cannot be checked with nobody in the chair: not assessed, not passed.
    assert [(v["rule_id"], v["outcome"]) for v in rep["verdicts"] if v["outcome"] == "not_assessed"] == [
        ("crg-chair-tenure", "not_assessed")
    ]
    code, out, _ = run("coverage", "--as-of", "2014-06-01", "--format", "csv")
    cells = {(r["id"], r["cells.area_id"]): r for r in csv.DictReader(io.StringIO(out))}  # one row per CRG and area
    assert len({crg for crg, _ in cells}) == 72
    assert (cells["crg:HIV", "senate:wessex"]["cells.filled"], cells["crg:HIV", "senate:wessex"]["cells.vacant"]) == (
        "0",
        "1",
    )
    assert (
        cells["crg:BCS", "senate:london"]["cells.filled"] == "2"
        and cells["crg:BCS", "senate:london"]["cells.vacant"] == "1"
    )
    assert cells["crg:CFS", "senate:london"]["areas_without_voice"] == "[]"
    # Worked by hand: crg:CFS has 22 seats on 2014-06-01 (a chair, 14 Senate seats: 12 areas with
    # London x3, 001 paras 23-24; four professional organisations, para 34; PPV, accountable and
    # collaborating commissioners, para 39). The example roster (memberships.csv rows 174-194)
    # fills all but professional-organisation-3 and -4, with 21 people (two share the PPV seat).
    code, out, _ = run("members", "crg:CFS", "--as-of", "2014-06-01")
    assert code == 0 and "21 members, 2 vacant seats" in out


def test_line_of_sight_complete_broken_and_below() -> None:
    code, out, _ = run(
        "line-of-sight", "post:area-team:wessex/medical-director", "--as-of", "2014-06-01", "--format", "json"
    )
    assert code == 0 and json.loads(out)["complete"] is True
    provider = "post:org:northby-example-hospitals/medical-director"
    code, out, _ = run("line-of-sight", provider, "--as-of", "2014-06-01", "--format", "json")
    breaks = json.loads(out)["breaks"]
    assert [(b["type"], b["post_id"]) for b in breaks] == [("vacant", "post:region:north/medical-director")]  # gap (e)
    code, out, _ = run(
        "line-of-sight", "post:region:south/medical-director", "--below", "--as-of", "2014-06-01", "--format", "csv"
    )
    direct = [r["post_id"] for r in csv.DictReader(io.StringIO(out)) if r["depth"] == "1"]  # one holder each
    assert direct == [
        "post:area-team:bristol-north-somerset-somerset-and-south-gloucestershire/medical-director",
        "post:area-team:surrey-and-sussex/medical-director",
        "post:area-team:wessex/medical-director",
    ]


def test_overload_changes_and_bad_input() -> None:
    code, out, _ = run("overload", "--as-of", "2014-06-01", "--format", "json")
    assert [(p["person_id"], p["seats"]) for p in json.loads(out)["people"]] == [("person:ada-example", 9)]  # gap (g)
    code, out, _ = run("changes", "2022-06-01", "2022-07-01", "--format", "json")
    assert code == 0 and len(json.loads(out)["bodies_succeeded"]) == 106
    code, _, err = run("changes", "2022-07-01", "2022-06-01")
    assert code == 2 and "to_date 2022-06-01 is before from_date 2022-07-01" in err
    code, _, err = run("members", "crg:CSF")
    assert code == 2 and "did you mean 'crg:CFS'" in err


def test_the_readme_nightly_job_line_exactly_as_written() -> None:
    from pathlib import Path

    line = next(
        text for text in Path("README.md").read_text(encoding="utf-8").splitlines() if "for nightly jobs" in text
    )
    command = line.split("#")[0].split()
    assert command == ["govgraph", "gaps", "--fail-on-gaps", "--format", "json"]
    code, out, _ = run(*command[1:])
    report = json.loads(out)
    # On today's date (any day from 2026-07-01 on) the example roster has two present-day gaps,
    # (q) and (r) of docs/example-roster.md, both open-ended: the nightly job fails.
    assert code == 1
    assert {(g["rule_id"], g["subject_id"]) for g in report["gaps"]} == {
        ("commissioning-group-ppv", "board:delegated-commissioning-group"),
        ("poc-board-ppv", "board:poc-trauma"),
    }
    assert report["verdicts_failed"] == len(report["gaps"]) == 2
    code, out, _ = run(*command[1:], "--as-of", "2014-06-01")
    # The deliberate gaps of docs/example-roster.md on that day: three senate seats (a), no chair (b),
    # oversize (c), five professional organisations (d), two provider lines of sight (e), the
    # four CRGs of one accountable commissioner (i), no collaborating commissioner (j), the
    # Mental Health PoC chair (k): 3 + 1 + 1 + 1 + 2 + 4 + 1 + 1 = 14.
    assert code == 1 and json.loads(out)["verdicts_failed"] == 14


def test_fail_on_not_assessed_exits_3_when_nothing_failed_but_something_was_not_checked() -> None:
    # 2024-01-01: no gap, but the CRGs of 2016 onwards have no rule in force.
    code, out, err = run("gaps", "--as-of", "2024-01-01", "--fail-on-not-assessed")
    assert code == 3
    assert "subjects with no rule in force:" in err and "crg:A05" in err
    code, _, _ = run("gaps", "--as-of", "2014-06-01", "--fail-on-not-assessed", "--format", "json")
    assert code == 1  # failures first


def test_a_subject_no_rule_applies_to_is_not_assessed_not_passed() -> None:
    # crg:A05 (Cardiac Services) in 2019: the rules of the pages of 2016-18 ended on 2018-04-01,
    # and no source states its CRG model (seed 000), so no rule applies to it.
    code, out, _ = run("representation", "crg:A05", "--as-of", "2019-06-01", "--format", "json")
    rep = json.loads(out)
    assert code == 0
    assert (rep["outcome"], rep["reason"], rep["verdicts"]) == (
        "not_assessed",
        "no rule in force for crg:A05 on 2019-06-01",
        [],
    )


def test_a_subject_that_did_not_exist_says_so_in_every_format() -> None:
    reason = "crg:CFS did not exist on 2024-01-01: it existed from 2013-04-01 to 2016-03-31"
    for fmt in ("table", "json", "csv"):
        code, out, err = run("representation", "crg:CFS", "--as-of", "2024-01-01", "--format", fmt)
        assert code == 3 and reason in err, fmt
        assert "passed" not in out.replace("not_assessed", ""), fmt
    code, out, _ = run("representation", "crg:CFS", "--as-of", "2024-01-01", "--format", "csv")
    (row,) = csv.DictReader(io.StringIO(out))
    assert (row["outcome"], row["reason"]) == ("not_assessed", reason)
    code, out, err = run("members", "crg:CFS", "--as-of", "2024-01-01", "--format", "json")
    assert code == 3 and json.loads(out)["exists"] is False and json.loads(out)["reason"] == reason
    # A body that exists with no seats is a different answer: exit 0, exists true.
    code, out, _ = run("members", "senate:london", "--as-of", "2014-06-01", "--format", "json")
    assert code == 0 and json.loads(out)["exists"] is True and json.loads(out)["seats"] == []
    code, out, err = run("line-of-sight", "post:area-team:wessex/medical-director", "--as-of", "2019-01-01")
    assert code == 3
    assert "did not exist on 2019-01-01: it existed from 2013-04-01 to 2018-03-31" in err
