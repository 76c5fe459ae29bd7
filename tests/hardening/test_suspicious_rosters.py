"""``govgraph validate`` warns of valid but suspicious rosters, and still exits 0."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from govgraph.cli import main
from govgraph.cli.roster import HOLDERS_AT_ONCE, SEATS_AT_ONCE

POSTS = "id,name,org,role,single_holder,represents,reports_to,ex_officio_of,valid_from,valid_to\n"


def _roster(folder: Path, seats: int, holders: int) -> Path:
    """One person in ``seats`` seats from 2014-01-01; ``holders`` people in one shared seat,
    each from 2015-01-01 (the last also leaves on 2015-01-01, before the others came)."""
    folder.mkdir()
    (folder / "organisations.csv").write_text(
        "id,kind,name,part_of,valid_from,valid_to\norg:t,Organisation,T,,2013-04-01,\n"
    )
    posts = [f"post:org:t/s{n},Seat {n},org:t,member,yes,,,,2013-04-01," for n in range(seats)]
    posts.append("post:org:t/shared,Shared,org:t,member,no,,,,2013-04-01,")
    (folder / "posts.csv").write_text(POSTS + "\n".join(posts) + "\n")
    people = ["person:busy,Busy"] + [f"person:h{n},H {n}" for n in range(holders + 1)]
    (folder / "people.csv").write_text("id,name\n" + "\n".join(people) + "\n")
    rows = [f"person:busy,post:org:t/s{n},2014-01-01," for n in range(seats)]
    rows += [f"person:h{n},post:org:t/shared,2015-01-01," for n in range(holders)]
    rows.append(f"person:h{holders},post:org:t/shared,2014-01-01,2014-12-31")  # ends the day before: no overlap
    (folder / "memberships.csv").write_text("person,post,start,end\n" + "\n".join(rows) + "\n")
    return folder


@pytest.mark.parametrize("over", [False, True])
def test_validate_warns_at_the_threshold_and_exits_0(tmp_path: Path, over: bool) -> None:
    seats, holders = (SEATS_AT_ONCE, HOLDERS_AT_ONCE) if over else (SEATS_AT_ONCE - 1, HOLDERS_AT_ONCE - 1)
    result = CliRunner().invoke(main, ["validate", str(_roster(tmp_path / "r", seats, holders))])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    if over:
        assert warnings == [
            f"warning: 'person:busy' holds {seats} seats at once on 2014-01-01 (a warning from {SEATS_AT_ONCE})",
            f"warning: 'post:org:t/shared' has {holders} holders at once on 2015-01-01 "
            f"(a warning from {HOLDERS_AT_ONCE})",
        ]
    else:
        assert warnings == []
