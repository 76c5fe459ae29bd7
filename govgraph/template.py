"""The roster template: an Excel workbook a planner fills in, built from the built-in dataset.

``govgraph template OUT.xlsx`` writes it. Its sheets:

* **Instructions**: what each sheet is, its columns (required or not), dates, yes/no, where
  the valid ids are, what to do with the example rows;
* **people**, **organisations**, **posts**, **memberships**: the roster tables
  (``govgraph.loaders``), each with its header in row 1 and one example row in row 2, with
  drop-down lists for roles, kinds, yes/no and ids, and dates shown as YYYY-MM-DD;
* **CRGs**, **Boards**, **Senate areas**, **Regions**, **ICBs**, **Seats**: the ids of the
  built-in dataset with their names and dates, for the drop-downs and for looking up;
* **Lists** (hidden): the drop-downs' values, each a column.

The example rows are one fictional story (a person who is the director of a fictional
trust), self-contained and touching nothing the rules read: a planner deletes them, and a
roster that keeps them by mistake loads four harmless records (``govgraph validate`` warns,
naming ``EXAMPLE_IDS``). Loading reads only the four table sheets and names the others in a
warning. The workbook carries no date or time of its writing: the same dataset gives the
same cells.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from govgraph import __version__
from govgraph.graph.model import BODY_KINDS, EdgeType, NodeKind, Role
from govgraph.graph.store import GraphStore, NodeData
from govgraph.loaders._tables import MAX_SHEET_ROWS, TABLES
from govgraph.xlsx import header, save, text, title

__all__ = ["EXAMPLES", "EXAMPLE_IDS", "ID_SHEETS", "template_workbook"]

#: The example row of each table: fictional, and loading it changes no verdict (no rule
#: reads a director of an organisation). Dates are ISO text here, date cells in the sheet.
EXAMPLES: dict[str, dict[str, str]] = {
    "people": {"id": "person:example-person", "name": "Example Person (example row: delete it)",
               "email": "example.person@example.org", "employer": "Example Trust (fictional)"},
    "organisations": {"id": "org:example-trust", "kind": "Organisation",
                      "name": "Example Trust (fictional; example row: delete it)", "valid_from": "2020-04-01"},
    "posts": {"id": "post:org:example-trust/director", "name": "Director (example row: delete it)",
              "org": "org:example-trust", "role": "director", "single_holder": "yes"},
    "memberships": {"person": "person:example-person", "post": "post:org:example-trust/director",
                    "start": "2024-04-01", "acting": "no"},
}  # fmt: skip
#: The ids the example rows define: in a loaded roster, the examples were kept.
EXAMPLE_IDS = tuple(EXAMPLES[table]["id"] for table in ("people", "organisations", "posts"))

#: What each column holds, as the Instructions sheet says it (docs/rosters.md has the whole story).
MEANINGS: dict[str, dict[str, str]] = {
    "people": {
        "id": "person:<slug>, e.g. person:jane-doe; made up by you, once per person",
        "name": "as it should be shown",
        "email": "a contact address",
        "employer": "free text",
    },
    "organisations": {
        "id": "a body the built-in dataset lacks (a provider, a professional body): org:<slug> for an Organisation",
        "kind": "Organisation, Board, CRG, ... (drop-down); the id's prefix must match it",
        "name": "as it should be shown",
        "part_of": "the id of the body it is part of",
        "valid_from": "its first day; empty for always",
        "valid_to": "the first day it no longer exists; empty for still existing",
    },
    "posts": {
        "id": "a seat the built-in dataset lacks: post:<body id>/<slug>",
        "name": "as it should be shown",
        "org": "the id of the body the seat belongs to (drop-down of CRGs and boards, or your organisation's id)",
        "role": "drop-down of roles",
        "single_holder": "yes (the default): one holder at a time; no: several at once",
        "represents": "the id of the area or organisation the seat speaks for (drop-down of areas)",
        "reports_to": "the post it answers to in the line of sight",
        "ex_officio_of": "the post whose holder holds this one",
        "valid_from": "its first day; empty: its body's",
        "valid_to": "the first day it no longer exists; empty: its body's",
    },
    "memberships": {
        "person": "a person: id from the people sheet (or another roster loaded with this one)",
        "post": "the seat held (an id from the Seats or the posts sheet); or leave it empty and give org and role",
        "org": "with role, when post is empty: the body whose seat it is (drop-down of CRGs and boards)",
        "role": "with org, when post is empty (drop-down of roles)",
        "represents": "with org and role: which of several such seats, e.g. senate:london (drop-down of areas)",
        "start": "the first day held",
        "end": "the LAST day held (inclusive); empty: for as long as the seat lasts",
        "acting": "yes for an acting or interim holder; default no",
        "appointed": "the day first appointed to the role, when before start (a tenure rule counts from it)",
    },
}

_DATE_COLUMNS = {"valid_from", "valid_to", "start", "end", "appointed"}
_YES_NO_COLUMNS = {"single_holder", "acting"}
_ROWS = MAX_SHEET_ROWS  # the drop-downs cover every row a sheet may have (Excel's own limit)

#: The id sheets: sheet name -> the kinds it lists.
ID_SHEETS: dict[str, tuple[NodeKind, ...]] = {
    "CRGs": (NodeKind.CRG,),
    "Boards": (NodeKind.BOARD,),
    "Senate areas": (NodeKind.SENATE,),
    "Regions": (NodeKind.REGION,),
    "ICBs": (NodeKind.ICB,),
}
_ID_COLUMNS = ["id", "name", "valid_from", "valid_to"]
_SEAT_COLUMNS = ["id", "name", "body", "body name", "role", "represents", "valid_from", "valid_to"]


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _date_cells(sheet: Worksheet, columns: Sequence[str], first_row: int = 2) -> None:
    """Show the date columns as YYYY-MM-DD, in the rows written and those a planner adds."""
    for n, name in enumerate(columns, start=1):
        if name in _DATE_COLUMNS:
            letter = get_column_letter(n)
            sheet.column_dimensions[letter].number_format = "yyyy-mm-dd"
            for row in sheet.iter_rows(min_row=first_row, min_col=n, max_col=n):
                row[0].number_format = "yyyy-mm-dd"


def _lists(workbook: Workbook, store: GraphStore) -> dict[str, str]:
    """The hidden Lists sheet, and each list's range for a drop-down, by name."""
    sheet = workbook.create_sheet("Lists")
    columns: dict[str, list[str]] = {
        "roles": [str(role) for role in Role],
        "kinds": sorted(str(kind) for kind in BODY_KINDS),
        "yes/no": ["yes", "no"],
        "bodies": [n["id"] for kind in (NodeKind.CRG, NodeKind.BOARD) for n in _sorted(store, kind)],
        "areas": [n["id"] for kind in (NodeKind.SENATE, NodeKind.REGION, NodeKind.ICB) for n in _sorted(store, kind)],
        "seats": sorted(n["id"] for n in store.nodes(NodeKind.POST)),
    }
    ranges = {}
    for n, (name, values) in enumerate(columns.items(), start=1):
        letter = get_column_letter(n)
        sheet.cell(row=1, column=n, value=name).font = Font(bold=True)
        for row, value in enumerate(values, start=2):
            sheet.cell(row=row, column=n, value=value)
        ranges[name] = f"Lists!${letter}$2:${letter}${len(values) + 1}"
    sheet.sheet_state = "hidden"
    return ranges


def _sorted(store: GraphStore, kind: NodeKind) -> list[NodeData]:
    """The nodes of ``kind``, by name then first day (a name used twice reads in order)."""
    return sorted(store.nodes(kind), key=lambda n: (n.get("name", ""), n.get("valid_from") or "", n["id"]))


def _drop_down(sheet: Worksheet, column: int, source: str, *, strict: bool, what: str) -> None:
    """A drop-down list on ``column`` of the rows below the header. ``strict``: only its
    values (roles, kinds, yes/no); otherwise a suggestion, as an id may come from elsewhere."""
    validation = DataValidation(type="list", formula1=source, allow_blank=True)
    validation.showErrorMessage = strict
    validation.errorTitle = "Not in the list"
    validation.error = f"Choose {what} from the list."
    validation.showInputMessage = True
    validation.promptTitle = sheet.cell(row=1, column=column).value
    validation.prompt = f"Choose {what} from the list" + ("." if strict else ", or type another id.")
    letter = get_column_letter(column)
    validation.add(f"{letter}2:{letter}{_ROWS}")
    sheet.add_data_validation(validation)


def _date_prompt(sheet: Worksheet, column: int) -> None:
    """A date between 1900 and 2199, as the loader accepts; a warning, not a refusal, so a
    pasted ISO text date still goes in (the loader reads it)."""
    validation = DataValidation(type="date", operator="between", formula1="DATE(1900,1,1)",
                                formula2="DATE(2199,12,31)", allow_blank=True)  # fmt: skip
    validation.errorStyle = "warning"
    validation.error = "A date, YYYY-MM-DD."
    validation.prompt = "A date, YYYY-MM-DD."
    validation.showInputMessage = True
    letter = get_column_letter(column)
    validation.add(f"{letter}2:{letter}{_ROWS}")
    sheet.add_data_validation(validation)


_STRICT = {"role": ("roles", "a role"), "kind": ("kinds", "a kind")}
_SUGGESTED = {
    ("posts", "org"): ("bodies", "a CRG or board id"),
    ("memberships", "org"): ("bodies", "a CRG or board id"),
    ("posts", "represents"): ("areas", "an area id"),
    ("memberships", "represents"): ("areas", "an area id"),
    ("memberships", "post"): ("seats", "a seat id"),
}


def _table_sheet(workbook: Workbook, name: str, lists: dict[str, str]) -> None:
    table = TABLES[name]
    sheet = workbook.create_sheet(name)
    widths = [max(12, min(45, len(EXAMPLES[name].get(column, "")) + 2)) for column in table.columns]
    header(sheet, list(table.columns), widths)
    for n, column in enumerate(table.columns, start=1):
        cell = sheet.cell(row=1, column=n)
        required = "required" if column in table.required else "optional"
        cell.comment = Comment(f"{column} ({required}): {MEANINGS[name][column]}", "govgraph")
    example = EXAMPLES[name]
    sheet.append([_day(example.get(c)) if c in _DATE_COLUMNS else text(example.get(c)) for c in table.columns])
    for cell in sheet[2]:
        cell.font = Font(italic=True, color="FF7F7F7F")
    sheet["A2"].comment = Comment("EXAMPLE row, fictional: delete it (Instructions, step 2).", "govgraph")
    for n, column in enumerate(table.columns, start=1):
        if column in _STRICT:
            _drop_down(sheet, n, lists[_STRICT[column][0]], strict=True, what=_STRICT[column][1])
        elif column in _YES_NO_COLUMNS:
            _drop_down(sheet, n, '"yes,no"', strict=True, what="yes or no")
        elif (name, column) in _SUGGESTED:
            source, what = _SUGGESTED[(name, column)]
            _drop_down(sheet, n, lists[source], strict=False, what=what)
        elif column in _DATE_COLUMNS:
            _date_prompt(sheet, n)
    _date_cells(sheet, table.columns)


def _id_sheet(workbook: Workbook, name: str, columns: list[str], rows: list[list[Any]], widths: list[float]) -> None:
    sheet = workbook.create_sheet(name)
    header(sheet, columns, widths, freeze_column=2)
    for row in rows:
        sheet.append([text(value) for value in row])
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(rows) + 1}"
    _date_cells(sheet, columns)


def _seat_rows(store: GraphStore) -> list[list[Any]]:
    rows = []
    for post in sorted(store.nodes(NodeKind.POST), key=lambda n: n["id"]):
        body = next((edge.to_id for edge in store.out_edges(post["id"], EdgeType.POST_IN)), "")
        represents = sorted({edge.to_id for edge in store.out_edges(post["id"], EdgeType.REPRESENTS)})
        rows.append([post["id"], post.get("name"), body, store.node(body).get("name") if body else None,
                     post.get("role"), " ".join(represents) or None, _day(post.get("valid_from")),
                     _day(post.get("valid_to"))])  # fmt: skip
    return rows


def _instructions(sheet: Worksheet) -> None:
    sheet.title = "Instructions"
    title(sheet, "govgraph roster template", f"Written by govgraph {__version__} from its built-in dataset.")
    lines: list[tuple[str, str]] = [
        ("", ""),
        ("How to fill it in", ""),
        ("1.", "Fill the sheets people, organisations, posts and memberships: one row per record. Row 1 is the "
               "header: keep it as it is. Leave a sheet empty (header only) if you have nothing for it."),
        ("2.", "Row 2 of each sheet is a fictional EXAMPLE (grey): delete it. Kept by mistake, it loads a "
               "fictional trust, its director and that person, which no rule reads; govgraph validate warns."),
        ("3.", "Save as .xlsx and check it: govgraph validate roster.xlsx (every problem, by sheet and row)."),
        ("4.", "Ask the questions: govgraph gaps --data roster.xlsx, govgraph members crg:CFS --data roster.xlsx."),
        ("", ""),
        ("Dates", "YYYY-MM-DD (2013-04-01). A date cell is read as its day. A membership's end is the LAST day "
                  "held; an organisation's or post's valid_to is the FIRST day it no longer exists."),
        ("Yes/no", "yes or no (true/false are read too); drop-downs on single_holder and acting."),
        ("Roles, kinds", "drop-downs on role and kind give the only values accepted."),
        ("Valid ids", "the sheets CRGs, Boards, Senate areas, Regions and ICBs list the built-in dataset's ids "
                      "with names and dates (valid_to: the first day gone); Seats lists every seat with its body, "
                      "role and the areas it speaks for. The drop-downs on org, represents and post offer them; "
                      "you may type other ids (your own organisations and posts, or any id govgraph search finds)."),
        ("A seat by body and role", "in memberships, leave post empty and give org, role and represents "
                                    "(crg:CFS, clinical-member, senate:london): the first vacant such seat is "
                                    "taken."),
        ("Other columns", "a column that is not a roster column (notes, say) is not read: loading names it in a "
                          "warning."),
        ("Other sheets", "only the four table sheets are read; this sheet and the id sheets are named in a "
                         "warning when the roster loads."),
        ("", ""),
        ("The columns", ""),
    ]  # fmt: skip
    for first, second in lines:
        sheet.append([first, second])
        if first and not second:
            sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
    for name, table in TABLES.items():
        sheet.append([f"sheet {name}"])
        sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
        for column in table.columns:
            required = "Required. " if column in table.required else ""
            if name == "memberships" and column in ("post", "org", "role"):
                required = "Required: post, or org and role. "
            sheet.append([column, required + MEANINGS[name][column]])
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 110
    for row in sheet.iter_rows(min_row=3):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def template_workbook(store: GraphStore) -> bytes:
    """The template as an ``.xlsx`` file's bytes, its id sheets read from ``store`` (the
    built-in dataset, ``govgraph.loaders.load_reference()``)."""
    workbook = Workbook()
    _instructions(workbook.active)
    lists = _lists(workbook, store)
    for name in TABLES:
        _table_sheet(workbook, name, lists)
    for name, kinds in ID_SHEETS.items():
        rows = [[n["id"], n.get("name"), _day(n.get("valid_from")), _day(n.get("valid_to"))]
                for kind in kinds for n in _sorted(store, kind)]  # fmt: skip
        _id_sheet(workbook, name, _ID_COLUMNS, rows, [34, 60, 12, 12])
    _id_sheet(workbook, "Seats", _SEAT_COLUMNS, _seat_rows(store), [48, 40, 30, 40, 24, 30, 12, 12])
    workbook.move_sheet("Lists", offset=len(workbook.sheetnames) - 1 - workbook.sheetnames.index("Lists"))  # last
    workbook.active = 0
    return save(workbook)
