"""Property tests of the CSV roster reader: what the csv module writes reads back exactly,
and a file cut short anywhere is reported or reads as whole rows (but for the one cut CSV
cannot tell from a real empty last value)."""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from govgraph.loaders.roster import MAX_VALUE_LINES, read_csv_folder

COLUMNS = ("id", "name", "email", "employer")

# A value as the reader keeps it: trimmed (the reader trims), no NUL (refused later, by the
# row checks), and fewer line breaks than a quoted value may span.
_value = (
    st.text(st.characters(exclude_characters="\x00", exclude_categories=("Cs",)), max_size=30)
    .map(str.strip)
    .filter(lambda value: value.count("\n") + value.count("\r") < MAX_VALUE_LINES - 1)
)
_row = st.tuples(*[_value] * len(COLUMNS)).filter(lambda row: any(row))  # a row of blanks is skipped
_table = st.lists(_row, max_size=8)


def _read(text: str) -> tuple[list[tuple[str, ...]], list[str]]:
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "roster"
        folder.mkdir()
        (folder / "people.csv").write_text(text, encoding="utf-8", newline="")
        roster = read_csv_folder(folder)
    rows = [tuple(row.values[column] for column in COLUMNS) for row in roster.rows]
    return rows, [problem.message for problem in roster.problems]


def _write(rows: list[tuple[str, ...]], quoting: int) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, quoting=quoting, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    return out.getvalue()


@settings(max_examples=300)
@given(rows=_table, quoting=st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]))
def test_what_the_csv_module_writes_reads_back_exactly(rows: list[tuple[str, ...]], quoting: int) -> None:
    assert _read(_write(rows, quoting)) == (rows, [])


@settings(max_examples=300)
@given(rows=_table.filter(bool), data=st.data())
def test_a_file_cut_short_is_reported_or_reads_as_whole_rows(rows: list[tuple[str, ...]], data: st.DataObject) -> None:
    # Every value quoted: a cut inside one leaves its quote open, which must be reported.
    text = _write(rows, csv.QUOTE_ALL)
    cut = data.draw(st.integers(min_value=0, max_value=len(text) - 1))
    read, problems = _read(text[:cut])
    if not problems:
        # Rows read whole, in order. One cut no reader can tell from a real file: right after
        # the last row's last comma, which CSV reads as an empty last value.
        whole = rows[: len(read)]
        if read and read[-1] != whole[-1] and text[:cut].endswith(","):
            assert read[-1] == (*whole[-1][:-1], "")
            read, whole = read[:-1], whole[:-1]
        # Another: between the two quotes of an escaped quote in the last value ('"a""b"""'
        # cut to '"a""b"'), which leaves a whole quoted value: it reads without that quote.
        elif read and read[-1] != whole[-1] and text[:cut].endswith('"'):
            value, meant = read[-1][-1], whole[-1][-1]
            assert read[-1][:-1] == whole[-1][:-1] and meant.startswith(value) and meant[len(value)] == '"'
            read, whole = read[:-1], whole[:-1]
        assert read == whole
