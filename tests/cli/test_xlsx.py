"""``govgraph gaps`` and ``govgraph coverage`` with ``--format xlsx -o FILE``: workbooks for
board papers, opened with openpyxl and checked against the example roster's deliberate
gaps on 2014-06-01 (docs/example-roster.md, "The deliberate gaps")."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

import govgraph
from govgraph.xlsx import gaps_workbook
from tests.cli.test_output import run

DAY = "2014-06-01"
RED, ORANGE, PALE_GREEN = "FFD62728", "FFFDB863", "FFF2F7EE"  # palette: failed / vacant, partly vacant, filled

#: docs/example-roster.md, the failing rules and subjects on 2014-06-01: gaps (a), (b), (c),
#: (d), (e), (i), (j) and (k), fourteen in all.
FAILING = {
    ("crg-senate-coverage", "crg:HIV"), ("crg-senate-coverage", "crg:BCS"), ("crg-senate-coverage", "crg:PNS"),
    ("crg-chair", "crg:VAS"), ("crg-size", "crg:RSP"), ("crg-professional-organisations", "crg:CIC"),
    ("provider-line-of-sight", "post:org:northby-example-hospitals/medical-director"),
    ("provider-line-of-sight", "post:org:dalesford-example-teaching-hospitals/medical-director"),
    *(("crg-accountable-commissioner-load", crg) for crg in ("crg:CFS", "crg:EDO", "crg:HPB", "crg:MOS")),
    ("crg-collaborating-commissioner", "crg:IRY"), ("poc-chair-from-crg-chairs", "board:poc-mental-health"),
}  # fmt: skip


def table(sheet: Worksheet, header_row: int) -> list[dict[str, object]]:
    """The rows under ``header_row`` down to the first blank one, keyed by the header."""
    names = [cell.value for cell in sheet[header_row]]
    rows = []
    for values in sheet.iter_rows(min_row=header_row + 1, values_only=True):
        if values[0] is None:
            break
        rows.append(dict(zip(names, values, strict=False)))
    return rows


@pytest.fixture(scope="module")
def gaps_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("xlsx") / "gaps.xlsx"
    code, out, err = run("gaps", "--as-of", DAY, "--format", "xlsx", "-o", str(path))
    assert code == 0 and out == "" and err == f"wrote {path}\n"
    return path


def test_the_gap_workbook_lists_the_failing_verdicts_highlighted_and_cited(gaps_book: Path) -> None:
    book = load_workbook(gaps_book)
    assert book.sheetnames == ["Gaps", "Not assessed"]
    sheet = book["Gaps"]
    assert sheet["A1"].value == f"Representation gaps on {DAY}"
    assert sheet["A2"].value.startswith("14 failed, ")  # the summary line, as the table's title
    assert sheet.freeze_panes == "D4" and sheet.print_title_rows == "$3:$3"  # header, rule and subject stay in view
    rows = table(sheet, 3)
    assert {(row["rule"], row["subject"]) for row in rows} == FAILING and len(rows) == 14
    # The state is written, not only coloured: every row says failed, on the failing fill.
    assert {row["outcome"] for row in rows} == {"failed"}
    assert {sheet.cell(row=n, column=1).fill.fgColor.rgb for n in range(4, 4 + len(rows))} == {RED}
    vas = next(row for row in rows if row["subject"] == "crg:VAS")
    # Gap (b): the chair seat of Vascular Disease is never held; crg-chair's citation is 001 paras 20 and 39.
    assert vas["vacant seats that would meet it"] == "post:crg:VAS/chair"
    assert vas["citation"] == "001_7c6f17057a5b61aa.txt paras 20 and 39"
    assert sheet.column_dimensions["B"].width >= 30  # a rule id reads whole


def test_the_gap_workbook_gives_what_was_not_assessed_and_why(gaps_book: Path) -> None:
    sheet = load_workbook(gaps_book)["Not assessed"]
    assert sheet["A1"].value == f"Verdicts not assessed on {DAY}" and sheet.freeze_panes == "D4"
    # docs/example-roster.md: crg-chair-tenure for crg:VAS is not assessed, as nobody is in its chair.
    rows = table(sheet, 3)
    assert [(row["outcome"], row["rule"], row["subject"]) for row in rows] == [
        ("not assessed", "crg-chair-tenure", "crg:VAS")
    ]
    assert "nobody fills a chair seat" in str(rows[0]["reason"])


def test_a_good_day_says_so_on_the_sheet(tmp_path: Path) -> None:
    path = tmp_path / "none.xlsx"
    # docs/example-roster.md: on 2019-06-01 nothing failed.
    assert run("gaps", "--as-of", "2019-06-01", "--format", "xlsx", "-o", str(path))[0] == 0
    sheet = load_workbook(path)["Gaps"]
    assert sheet["A3"].value == "outcome" and sheet["A4"].value == "No rule failed on 2019-06-01."


def test_text_a_spreadsheet_would_run_is_written_as_text() -> None:
    report = govgraph.load().gaps(as_of=DAY, rule="crg-chair")
    hostile = report.model_copy(
        update={"gaps": [report.gaps[0].model_copy(update={"subject_name": '=HYPERLINK("http://x.example")'})]}
    )
    sheet = load_workbook(io.BytesIO(gaps_workbook(hostile)))["Gaps"]
    assert sheet["D4"].value == '\'=HYPERLINK("http://x.example")' and sheet["D4"].data_type == "s"


def test_the_coverage_workbook_names_and_colours_each_gap(tmp_path: Path) -> None:
    path = tmp_path / "coverage.xlsx"
    assert run("coverage", "--as-of", DAY, "--format", "xlsx", "-o", str(path))[0] == 0
    sheet = load_workbook(path)["Coverage"]
    assert sheet["A1"].value == f"Coverage of CRGs by Clinical Senate area on {DAY}: filled/seats"
    assert sheet.freeze_panes == "C3" and sheet.page_setup.orientation == "landscape"
    rows = {row["id"]: (row, n) for n, row in enumerate(table(sheet, 2), start=3)}
    columns = {cell.value: cell.column for cell in sheet[2]}

    def cell(crg: str, area: str) -> tuple[object, str]:
        target = sheet.cell(row=rows[crg][1], column=columns[area])
        return target.value, target.fill.fgColor.rgb

    # Gap (a): Wessex vacant on HIV; London two of three on Burn Care; two areas vacant on PNS.
    assert cell("crg:HIV", "Wessex Clinical Senate") == ("0/1 vacant", RED)
    assert cell("crg:BCS", "London Clinical Senate") == ("2/3 part vacant", ORANGE)
    assert cell("crg:PNS", "Northern England Clinical Senate") == ("0/1 vacant", RED)
    assert cell("crg:HIV", "London Clinical Senate") == ("3/3", PALE_GREEN)
    assert (rows["crg:PNS"][0]["areas without a voice"], rows["crg:PNS"][0]["gaps"]) == (2, 2)
    texts = [row[0] for row in sheet.iter_rows(min_row=3 + len(rows), values_only=True)]
    # The rule that asks for a clinical member per Senate area, with its citation.
    assert (
        "crg-senate-coverage: One clinical member from each Senate area, three for London. "
        "(001_7c6f17057a5b61aa.txt paras 23-24 and 39)"
    ) in texts


def test_xlsx_needs_a_file_and_a_table_cannot_go_to_one(tmp_path: Path) -> None:
    code, _, err = run("coverage", "--as-of", DAY, "--format", "xlsx")
    assert code == 2 and "give the file with -o FILE" in err
    code, _, err = run("gaps", "--as-of", DAY, "-o", str(tmp_path / "x.txt"))
    assert code == 2 and "-o writes json, csv or xlsx" in err


def test_o_writes_the_csv_that_stdout_gets(tmp_path: Path) -> None:
    path = tmp_path / "gaps.csv"
    assert run("gaps", "--as-of", DAY, "--format", "csv", "-o", str(path))[0] == 0
    assert path.read_text(encoding="utf-8") == run("gaps", "--as-of", DAY, "--format", "csv")[1]


def test_a_limited_report_says_what_it_was_limited_to(tmp_path: Path) -> None:
    path = tmp_path / "chair.xlsx"
    assert run("gaps", "--as-of", DAY, "--rule", "crg-chair", "--format", "xlsx", "-o", str(path))[0] == 0
    sheet = load_workbook(path)["Gaps"]
    assert sheet["A2"].value.endswith("; only rule crg-chair")
    assert [row[2] for row in sheet.iter_rows(min_row=4, values_only=True)] == ["crg:VAS"]  # gap (b) alone


def test_a_row_of_wrapped_text_is_tall_enough_to_print_every_line(gaps_book: Path) -> None:
    """LibreOffice and PDF converters keep a row's stored height: a verdict whose cells wrap
    must carry a height for its lines, or they print over the next row. The load rule's
    'the rule asks' text (96 characters) wraps to three lines of 15 points in its 40-wide
    column."""
    sheet = load_workbook(gaps_book)["Gaps"]
    heights = {
        (sheet.cell(row=n, column=2).value, sheet.cell(row=n, column=3).value): sheet.row_dimensions[n].height
        for n in range(4, sheet.max_row + 1)
    }
    assert heights["crg-accountable-commissioner-load", "crg:CFS"] >= 45
