"""The write service's Python face (``govgraph.writes.RosterWriter``) on a roster folder of
the test's own, over the built-in dataset.

Expected values come from the seeds: crg:CFS exists from 2013-04-01 until the 2016
reorganisation (its seats end 2016-03-31, the last day), has one chair and three London
Senate seats (001 paras 20, 23-24, 39).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

import govgraph
from govgraph.errors import HoldingNotFound, LoadError, NotFound, RosterNotWritable
from govgraph.governance import Governance
from govgraph.writes import HoldingEnd, NewHolding, NewPerson, RosterWriter

JO = NewPerson(id="person:jo-example", name="Dr Jo Example", email="jo@example.org")
LONDON = NewHolding(person="person:jo-example", org="crg:CFS", role="clinical-member", represents="senate:london",
                    start="2013-06-01", end="2014-05-31")  # fmt: skip


class CountingLoads:
    """The real load of the built-in dataset plus a write roster, counting its calls."""

    def __init__(self, data: tuple[Path, ...] = ()) -> None:
        self.data = data
        self.calls = 0

    def __call__(self, path: Path) -> Governance:
        self.calls += 1
        return govgraph.load([*self.data, path])


def test_add_a_person_and_fill_a_seat_by_role_each_load_once(tmp_path: Path) -> None:
    loads = CountingLoads()
    writer = RosterWriter(tmp_path / "writes", loads)
    person = writer.add_person(JO).record
    assert (person.id, person.email, person.source) == (
        "person:jo-example",
        "jo@example.org",
        "writes/people.csv row 2",
    )
    assert loads.calls == 1
    written = writer.fill_seat(LONDON)
    assert loads.calls == 2  # the seat is picked by the same load that checks the write
    # The first London seat by id, vacant throughout; 2014-05-31 is the last day held.
    assert (written.record.post, str(written.record.end)) == ("post:crg:CFS/senate-london-1", "2014-05-31")
    posts = written.governance.posts_of("person:jo-example", as_of="2014-05-31").posts
    assert [p.post_id for p in posts] == ["post:crg:CFS/senate-london-1"]
    # The last column, appointed (an appointment before the holding's start), is empty.
    assert (tmp_path / "writes" / "memberships.csv").read_text().splitlines()[1] == (
        "person:jo-example,post:crg:CFS/senate-london-1,crg:CFS,clinical-member,senate:london,2013-06-01,2014-05-31,no,"
    )


def test_a_seat_taken_moves_the_next_holding_to_the_next_seat(tmp_path: Path) -> None:
    writer = RosterWriter.on(tmp_path / "writes")
    writer.add_person(JO)
    writer.add_person(NewPerson(id="person:kit", name="Kit"))
    writer.fill_seat(LONDON)
    assert writer.fill_seat(LONDON.model_copy(update={"person": "person:kit"})).record.post == (
        "post:crg:CFS/senate-london-2"
    )


def test_a_refused_write_names_file_row_and_field_and_changes_nothing(tmp_path: Path) -> None:
    writer = RosterWriter.on(tmp_path / "writes")
    writer.add_person(JO)
    before = {path.name: path.read_text() for path in (tmp_path / "writes").iterdir()}
    with pytest.raises(LoadError) as caught:
        writer.fill_seat(NewHolding(person="person:jo-example", post="post:crg:CFS/chair", start="2012-01-01"))
    [problem] = caught.value.problems
    assert (problem.file, problem.row, problem.field) == (str(tmp_path / "writes" / "memberships.csv"), 2, "start")
    assert problem.message == (
        "'post:crg:CFS/chair' exists from 2013-04-01 to 2016-03-31, so it cannot be held from 2012-01-01"
    )
    assert {path.name: path.read_text() for path in (tmp_path / "writes").iterdir()} == before


def test_end_a_holding_without_a_graph_at_hand(tmp_path: Path) -> None:
    writer = RosterWriter.on(tmp_path / "writes")
    writer.add_person(JO)
    writer.fill_seat(LONDON)
    change = HoldingEnd(person="person:jo-example", post="post:crg:CFS/senate-london-1", start="2013-06-01",
                        end="2013-12-31")  # fmt: skip
    written = writer.end_holding(change)
    assert str(written.record.end) == "2013-12-31"
    assert written.governance.posts_of("person:jo-example", as_of="2014-01-01").posts == []


def test_ending_what_cannot_be_ended(tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / "people.csv").write_text("id,name\nperson:ann,Ann\n")
    (other / "memberships.csv").write_text("person,post,start\nperson:ann,post:crg:CFS/chair,2013-04-01\n")
    writer = RosterWriter.on(tmp_path / "writes", data=[other])
    chair = {"person": "person:ann", "post": "post:crg:CFS/chair", "start": "2013-04-01", "end": "2014-03-31"}
    with pytest.raises(RosterNotWritable, match=r"by other/memberships\.csv row 2, not by the write roster 'writes'"):
        writer.end_holding(HoldingEnd.model_validate(chair))
    with pytest.raises(HoldingNotFound, match="'person:ann' holds it from 2013-04-01, not from 2013-04-02"):
        writer.end_holding(HoldingEnd.model_validate(chair | {"start": "2013-04-02"}))
    with pytest.raises(NotFound, match="did you mean 'person:ann'"):
        writer.end_holding(HoldingEnd.model_validate(chair | {"person": "person:anne"}))


@pytest.mark.parametrize("start", [{}, 20140101, None])
def test_a_start_that_is_not_a_date_is_a_validation_error(start: object) -> None:
    # Found by the fuzzer: any non-text start must be refused as the field's error (a 422
    # over HTTP), never escape as another exception.
    with pytest.raises(ValidationError, match="expected an ISO date YYYY-MM-DD"):
        HoldingEnd.model_validate({"person": "person:jo", "post": "post:crg:CFS/chair", "start": start, "end": "x"})
