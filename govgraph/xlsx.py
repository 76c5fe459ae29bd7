"""Excel workbooks: the one place govgraph writes ``.xlsx``, so that every workbook reads alike.

Two reports for board papers, each a workbook of bytes:

* ``coverage_workbook``: the coverage matrix (``govgraph coverage --format xlsx``, the
  coverage page's download), each cell ``filled/seats`` and, where there is a gap, its state
  in words (``0/1 vacant``) on the state's fill;
* ``gaps_workbook``: the gap report (``govgraph gaps --format xlsx``): a sheet of failing
  verdicts, each row in the failing fill with ``failed`` written in its first cell, and a
  sheet of verdicts not assessed with their reasons.

Each sheet says on its first row what it is and the day it is for, has its header row in
bold and frozen (printed on every page), columns wide enough to read, and the citations of
the rules it reports. The roster template (``govgraph.template``) is written with the same
helpers. Text that a spreadsheet would run as a formula starts with ``'``, as the CSV's does
(``govgraph.tables``): the cell holds it as text, never as a formula.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from govgraph.graph.model import NodeKind
from govgraph.queries.coverage import By, Coverage, Of
from govgraph.queries.representation import GapReport, Outcome, Verdict
from govgraph.queries.rules import CoversEach, Rule
from govgraph.tables import FORMULA_STARTS
from govgraph.viz.heatmap import GAP_LABELS, GapState, HeatTable, heat_table
from govgraph.viz.palette import GAP_COLOURS, OUTCOME_COLOURS

__all__ = ["STATE_WORDS", "coverage_workbook", "gaps_workbook", "header", "save", "text", "title", "workbook_for"]

#: A coverage cell's state as the words after its ``filled/seats``: empty when every seat is filled.
STATE_WORDS: dict[GapState, str] = {"filled": "", "partly-vacant": "part vacant", "vacant": "vacant",
                                    "no-seat": "no seat"}  # fmt: skip

_BY_NAME = {By.SENATE: "Clinical Senate area", By.REGION: "region", By.HUB: "hub", By.ICB: "ICB"}
_AREA_KIND = {By.SENATE: NodeKind.SENATE, By.REGION: NodeKind.REGION, By.HUB: NodeKind.HUB, By.ICB: NodeKind.ICB}
_OF_NAME = {Of.CRG: "CRGs", Of.BOARD: "boards"}
_OF_KIND = {Of.CRG: NodeKind.CRG, Of.BOARD: NodeKind.BOARD}


def text(value: Any) -> Any:
    """``value`` as a cell holds it: text a spreadsheet would run as a formula made text.

    >>> text("=HYPERLINK(1)"), text("Burn Care"), text(3)
    ("'=HYPERLINK(1)", 'Burn Care', 3)
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def fill(colour: str) -> PatternFill:
    """A solid, opaque fill of ``colour`` (``#rrggbb``)."""
    rgb = "FF" + colour.lstrip("#").upper()
    return PatternFill("solid", start_color=rgb, end_color=rgb)


def pale(colour: str, strength: float = 0.25) -> str:
    """``colour`` mixed with white, for a row's fill that dark text reads on.

    >>> pale("#d62728")
    '#f5c9c9'
    """
    channels = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(255 - (255 - c) * strength):02x}" for c in channels)


def title(sheet: Worksheet, *lines: str) -> None:
    """The sheet's first rows: what it is and for which day (bold), then notes."""
    for n, line in enumerate(lines):
        sheet.append([text(line)])
        sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True, size=14) if n == 0 else Font(italic=True)


def header(sheet: Worksheet, names: Sequence[str], widths: Sequence[float], *, freeze_column: int = 1) -> None:
    """Append the header row in bold, freeze the rows down to it (and the columns before
    ``freeze_column``), print it on every page, and set the column widths."""
    sheet.append([text(name) for name in names])
    row = sheet.max_row
    for cell in sheet[row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="bottom")
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = f"{get_column_letter(freeze_column)}{row + 1}"
    sheet.print_title_rows = f"{row}:{row}"


def fit_height(sheet: Worksheet, row: int, widths: Sequence[float]) -> None:
    """Set the row tall enough for its wrapped text. Excel fits a wrapped row when it opens
    the file, but LibreOffice and PDF converters keep the default height, printing each
    line over the next; a width is about one character of the default font."""
    lines = 1
    for cell, width in zip(sheet[row], widths, strict=False):
        if cell.value is None:
            continue
        per_line = max(int(width) - 1, 1)
        wrapped = sum(max(math.ceil(len(part) / per_line), 1) for part in str(cell.value).split("\n"))
        lines = max(lines, wrapped)
    if lines > 1:
        sheet.row_dimensions[row].height = 15 * lines


def notes(sheet: Worksheet, heading: str, lines: Iterable[str]) -> None:
    """A blank row, then a bold heading and one line per note, below the table."""
    sheet.append([])
    sheet.append([heading])
    sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
    for line in lines:
        sheet.append([text(line)])


def landscape(sheet: Worksheet) -> None:
    """Print on A4 landscape, one page wide."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def save(workbook: Workbook) -> bytes:
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _citation(rule: Rule) -> str:
    return f"{rule.id}: {rule.description} ({rule.source})"


def coverage_workbook(table: HeatTable, rules: Sequence[Rule] = ()) -> bytes:
    """The rows of ``table`` as shown, one sheet: a row per body, a column per area with
    ``filled/seats`` and the gap's state in words on its fill; then a legend, and the
    rules in force on the day that ask for seats by these areas, with their citations."""
    cov = table.coverage
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Coverage"
    shown = " (only those with gaps)" if table.gaps_only else ""
    title(sheet, f"Coverage of {_OF_NAME[cov.of]}{shown} by {_BY_NAME[cov.by]} on {cov.as_of}: filled/seats")
    names = ["id", "name", *(area.name for area in cov.areas), "areas without a voice", "gaps"]
    header(sheet, names, [16, 40, *([13] * len(cov.areas)), 11, 8], freeze_column=3)
    for row in table.rows:
        cells = [f"{c.text} {STATE_WORDS[c.state]}".strip() for c in row.cells]
        sheet.append([text(row.id), text(row.name), *cells, row.without_voice, row.gaps])
        for column, heat in enumerate(row.cells, start=3):
            target = sheet.cell(row=sheet.max_row, column=column)
            target.fill = fill(GAP_COLOURS[heat.state])
            target.alignment = Alignment(horizontal="center", wrap_text=True)
            if heat.state == "vacant":
                target.font = Font(bold=True, color="FFFFFF")
    notes(sheet, "Key", [f"{STATE_WORDS[state] or 'filled/seats alone'}: {GAP_LABELS[state]}" for state in STATE_WORDS])
    for offset, state in enumerate(STATE_WORDS, start=1):
        sheet.cell(row=sheet.max_row - len(GAP_LABELS) + offset, column=1).fill = fill(GAP_COLOURS[state])
    area_kind, body_kind = _AREA_KIND[cov.by], _OF_KIND[cov.of]
    asked = [
        _citation(rule)
        for rule in rules
        if isinstance(rule.check, CoversEach)
        and rule.check.area_kind == area_kind
        and rule.applies_to.kind == body_kind
        and rule.in_force.covers(cov.as_of.isoformat())
    ]
    nothing = f"none: the matrix counts seats; no rule in force on {cov.as_of} asks for them by {_BY_NAME[cov.by]}"
    notes(sheet, "Rules in force on the day that ask for seats by these areas", asked or [nothing])
    landscape(sheet)
    return save(workbook)


_VERDICT_COLUMNS = ["outcome", "rule", "subject", "subject name", "kind", "the rule asks", "found",
                    "what is missing", "vacant seats that would meet it", "reason", "citation"]  # fmt: skip
_VERDICT_WIDTHS = [13, 30, 22, 36, 9, 40, 7, 44, 44, 40, 36]


def _verdict(v: Verdict) -> list[Any]:
    missing = "\n".join(f"{m.what} ({m.name}): have {m.have}, need {m.need}" for m in v.missing)
    breaks = "\n".join(f"{b.post_id}: {b.message}" for b in v.breaks)
    vacant = "\n".join(seat for m in v.missing for seat in m.vacant_seats)
    values = [v.outcome.value.replace("_", " "), v.rule_id, v.subject_id, v.subject_name, v.subject_kind,
              v.expected, v.found, "\n".join(filter(None, (missing, breaks))), vacant, v.reason, v.source]  # fmt: skip
    return [text(value) for value in values]


def _verdict_sheet(sheet: Worksheet, verdicts: Sequence[Verdict], heading: str, summary: str, empty: str) -> None:
    title(sheet, heading, summary)
    header(sheet, _VERDICT_COLUMNS, _VERDICT_WIDTHS, freeze_column=4)
    for verdict in verdicts:
        sheet.append(_verdict(verdict))
        colour = OUTCOME_COLOURS[verdict.outcome.value]
        row = sheet[sheet.max_row]
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            cell.fill = fill(pale(colour))
        row[0].fill = fill(colour)
        fit_height(sheet, sheet.max_row, _VERDICT_WIDTHS)
        row[0].font = Font(bold=True, color="FFFFFF" if verdict.outcome is Outcome.FAILED else "000000")
    if not verdicts:
        sheet.append([empty])
    landscape(sheet)


def gaps_workbook(report: GapReport, *, scope: str | None = None) -> bytes:
    """``report`` as two sheets: ``Gaps``, a row per failing verdict (outcome ``failed``
    on the failing fill, what is missing, the seats that would meet it, the citation), and
    ``Not assessed``, a row per verdict not assessed with its reason. Each says the day and
    how much was assessed, and ``scope``, what the report was limited to (``rule crg-chair``)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Gaps"
    summary = report.summary() + (f"; only {scope}" if scope else "")
    _verdict_sheet(sheet, report.gaps, f"Representation gaps on {report.as_of}", summary,
                   f"No rule failed on {report.as_of}.")  # fmt: skip
    unassessed = workbook.create_sheet("Not assessed")
    _verdict_sheet(unassessed, report.not_assessed, f"Verdicts not assessed on {report.as_of}", summary,
                   f"Every verdict on {report.as_of} was assessed.")  # fmt: skip
    if report.rules_without_subject or report.subjects_without_rule:
        notes(unassessed, "Not checked", [
            *(f"rule in force with no subject: {rule}" for rule in report.rules_without_subject),
            *(f"subject with no rule in force: {subject}" for subject in report.subjects_without_rule),
        ])  # fmt: skip
    return save(workbook)


def workbook_for(result: GapReport | Coverage, rules: Sequence[Rule] = (), *, scope: str | None = None) -> bytes:
    """The board-paper workbook of a gap report (limited to ``scope``) or a coverage (every
    body, in the query's order, citing the ``rules`` that ask for its seats)."""
    if isinstance(result, GapReport):
        return gaps_workbook(result, scope=scope)
    return coverage_workbook(heat_table(result), rules)
