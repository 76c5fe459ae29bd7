from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from govgraph.cli import main


def render(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["render", *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_render_overview_writes_one_file_and_nothing_else(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = render("--view", "overview", "--as-of", "2014-01-01", "-o", "overview.html")
    assert code == 0 and out == "wrote overview.html\n"
    assert [p.name for p in tmp_path.iterdir()] == ["overview.html"]  # no lib/ folder beside it
    page = (tmp_path / "overview.html").read_text(encoding="utf-8")
    assert '<time datetime="2014-01-01">' in page and "crg:CFS" in page


def test_render_focus_with_depth(tmp_path: Path) -> None:
    target = tmp_path / "cfs.html"
    code, _, _ = render(
        "--view", "focus", "--id", "crg:CFS", "--depth", "2", "--as-of", "2014-01-01", "-o", str(target)
    )
    assert code == 0
    page = target.read_text(encoding="utf-8")
    assert "<h1>Cystic Fibrosis (crg:CFS), 2 steps around</h1>" in page
    # Trauma is three steps away (CFS -> Internal Medicine -> Acute -> Trauma): drawn hidden,
    # for a click on Acute to show.
    data = json.loads(re.search(r'id="govgraph-data">(.*?)</script>', page, flags=re.DOTALL).group(1))  # type: ignore[union-attr]
    hidden = {node["id"]: node["hidden"] for node in data["nodes"]}
    assert hidden["programme:trauma"] is True and hidden["programme:internal-medicine"] is False


def test_focus_without_id_is_a_usage_error(tmp_path: Path) -> None:
    code, out, err = render("--view", "focus", "-o", str(tmp_path / "x.html"))
    assert code == 2 and out == ""
    assert "Usage:" in err
    assert "--view focus needs --id, e.g. --id crg:CFS" in err
    assert not (tmp_path / "x.html").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--id", "crg:CSF"], "unknown id 'crg:CSF'; did you mean 'crg:CFS'"),
        (["--id", "crg:CFS", "--depth", "6"], "'--depth': 6 is not in the range 1<=x<=5"),
        (["--id", "crg:CFS", "--as-of", "2014-13-01"], "invalid date '2014-13-01'"),
    ],
)
def test_bad_input_exits_2(tmp_path: Path, args: list[str], message: str) -> None:
    code, out, err = render("--view", "focus", *args, "-o", str(tmp_path / "x.html"))
    assert code == 2 and out == ""
    assert message in err
    assert not (tmp_path / "x.html").exists()
