"""``govgraph person add``, ``seat fill`` and ``seat end`` on a roster folder, through the
real command line (click's runner, in process)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from govgraph.cli import main


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_add_fill_and_end_on_a_folder(tmp_path: Path) -> None:
    folder = str(tmp_path / "board")
    code, out, _ = run("person", "add", "--roster", folder, "--id", "person:jo", "--name", "Jo [red]Example")
    assert code == 0
    assert json.loads(out)["name"] == "Jo [red]Example"  # text stays as given: JSON has no markup
    code, out, _ = run("seat", "fill", "--roster", folder, "--person", "person:jo", "--org", "crg:CFS",
                       "--role", "chair", "--start", "2014-01-01", "--acting")  # fmt: skip
    assert code == 0
    # crg:CFS has one chair seat (001 para 20), which ends with the CRG on 2016-03-31.
    assert json.loads(out) == {"person": "person:jo", "post": "post:crg:CFS/chair", "start": "2014-01-01",
                               "end": "2016-03-31", "acting": True,
                               "source": "board/memberships.csv row 2"}  # fmt: skip
    code, out, _ = run("seat", "end", "--roster", folder, "--person", "person:jo", "--post", "post:crg:CFS/chair",
                       "--start", "2014-01-01", "--end", "2015-06-30")  # fmt: skip
    assert (code, json.loads(out)["end"]) == (0, "2015-06-30")
    assert (tmp_path / "board" / "memberships.csv").read_text().splitlines()[1] == (
        "person:jo,post:crg:CFS/chair,crg:CFS,chair,,2014-01-01,2015-06-30,yes,"
    )


def test_a_refused_write_prints_each_problem_and_exits_2(tmp_path: Path) -> None:
    folder = tmp_path / "board"
    code, out, err = run("seat", "fill", "--roster", str(folder), "--person", "person:nobody",
                         "--post", "post:crg:CFS/chair", "--start", "2014-01-01")  # fmt: skip
    assert (code, out) == (2, "")
    assert f"{folder / 'memberships.csv'}, row 2, field 'person': unknown id 'person:nobody'" in err
    assert (folder / "memberships.csv").read_text() == "person,post,org,role,represents,start,end,acting,appointed\n"


def test_a_bad_date_to_end_is_a_clean_error(tmp_path: Path) -> None:
    code, _, err = run("seat", "end", "--roster", str(tmp_path / "b"), "--person", "person:jo",
                       "--post", "post:crg:CFS/chair", "--start", "1/1/2014", "--end", "2015-01-01")  # fmt: skip
    assert code == 2
    assert err == "error: invalid date '1/1/2014': expected an ISO date YYYY-MM-DD\n"
