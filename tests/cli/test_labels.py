"""How results read as tables for people (govgraph.cli.labels), on results built by hand."""

from __future__ import annotations

from datetime import date

from govgraph.cli.labels import rows
from govgraph.queries.changes import Change, Changes
from govgraph.queries.coverage import Area, BodyRow, By, Cell, Coverage, Of


def test_coverage_reads_filled_over_seats_per_area() -> None:
    result = Coverage(
        as_of=date(2014, 6, 1), of=Of.CRG, by=By.SENATE, areas=[Area(id="senate:a", name="A")],
        bodies=[BodyRow(id="crg:X", name="X", cells=[Cell(area_id="senate:a", filled=2, vacant=1)],
                        areas_without_voice=[])],
    )  # fmt: skip
    assert rows(result) == [{"id": "crg:X", "name": "X", "senate:a": "2/3", "without voice": 0}]


def test_changes_are_labelled_with_their_kind() -> None:
    empty: list[Change] = []
    result = Changes(
        from_date=date(2015, 1, 1), to_date=date(2015, 6, 1),
        joined=[Change(id="person:ann", name="Ann", other_id="post:crg:X/chair", other_name="Chair", on="2015-02-01")],
        left=empty, seats_filled=empty, seats_vacated=empty, bodies_created=empty, bodies_ended=empty,
        bodies_succeeded=empty, rules_newly_failing=["crg-chair crg:Y"], rules_newly_passing=[],
    )  # fmt: skip
    assert rows(result) == [
        {"change": "joined", "id": "person:ann", "name": "Ann", "other": "post:crg:X/chair", "on": date(2015, 2, 1)},
        {"change": "rules newly failing", "id": "crg:Y", "name": "crg-chair", "other": "", "on": date(2015, 6, 1)},
    ]
