from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from govgraph.cli import main

GOVGRAPH = Path(sys.executable).parent / "govgraph"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_stats_as_json_match_the_sources() -> None:
    code, out, _ = run("stats", "--as-of", "2013-06-01", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["as_of"] == "2013-06-01"
    assert {k: data["nodes"][k] for k in ("Region", "CRG", "Senate", "Programme", "CCG")} == {
        "Region": 4, "CRG": 73, "Senate": 12, "Programme": 5, "CCG": 211,
    }  # fmt: skip
    code, out, _ = run("stats", "--as-of", "2023-01-01", "--format", "json")
    assert {k: json.loads(out)["nodes"][k] for k in ("Region", "ICB", "CCG")} == {"Region": 7, "ICB": 42, "CCG": 0}


def test_show_a_crg_with_its_programme_seats_and_citation() -> None:
    code, out, _ = run("show", "crg:CFS", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["node"]["source"].startswith("001_7c6f17057a5b61aa.txt para 13")
    part_of = [r["id"] for r in data["relations"] if r["type"] == "PART_OF"]
    assert part_of == ["programme:internal-medicine"]
    seats = [r["id"] for r in data["relations"] if r["type"] == "POST_IN"]
    assert "post:crg:CFS/chair" in seats and "post:crg:CFS/senate-london-3" in seats


def test_show_as_a_table_names_the_crg() -> None:
    code, out, _ = run("show", "crg:CFS")
    assert code == 0
    assert "Cystic Fibrosis" in out and "programme:internal-medicine" in out


def test_unknown_id_exits_2_with_suggestions() -> None:
    code, out, err = run("show", "crg:CSF")
    assert code == 2
    assert out == ""
    assert "unknown id 'crg:CSF'" in err and "'crg:CFS'" in err


def test_bad_date_exits_2() -> None:
    code, _, err = run("stats", "--as-of", "2013-13-01")
    assert code == 2
    assert "invalid date '2013-13-01'" in err


def test_search_finds_by_name_and_filters_by_kind() -> None:
    code, out, _ = run("search", "wessex", "--kind", "Hub", "--format", "json")
    assert code == 0
    assert [hit["id"] for hit in json.loads(out)] == ["hub:wessex"]


def test_installed_command_runs_as_a_process() -> None:
    done = subprocess.run([str(GOVGRAPH), "stats", "--format", "json"], capture_output=True, text=True, check=True)
    assert json.loads(done.stdout)["nodes"]["Region"] == 7
