"""Changing a roster folder safely (govgraph.loaders.writer): a staged change is checked by a
load that names the real folder's files, committed whole, and leaves no staging folder."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from govgraph.errors import LoadError, Problem
from govgraph.loaders import load_reference, load_rosters
from govgraph.loaders.writer import STALE_AFTER_SECONDS, ensure_roster_folder, read_rows, stage

HEADER = "id,name,email,employer\n"


def test_a_new_folder_has_the_four_tables_as_headers(tmp_path: Path) -> None:
    folder = tmp_path / "writes"
    ensure_roster_folder(folder)
    assert sorted(p.name for p in folder.iterdir()) == [
        "memberships.csv",
        "organisations.csv",
        "people.csv",
        "posts.csv",
    ]
    assert (folder / "people.csv").read_text() == HEADER
    assert read_rows(folder, "people") == []


def test_a_file_in_the_way_is_a_load_error(tmp_path: Path) -> None:
    (tmp_path / "writes").write_text("a file")
    with pytest.raises(LoadError, match="cannot use it as a roster folder"):
        ensure_roster_folder(tmp_path / "writes")


def test_a_committed_change_replaces_the_table_whole(tmp_path: Path) -> None:
    folder = tmp_path / "writes"
    ensure_roster_folder(folder)
    rows = [{"id": "person:jo", "name": "Jo, Example"}]  # a comma, quoted in the file
    with stage(folder, "people", rows) as staged:
        store = staged.load(lambda path: load_rosters(load_reference(), [path]))
        assert store.node("person:jo")["source"] == "writes/people.csv row 2"  # the real folder's citation
        staged.commit()
    assert (folder / "people.csv").read_text() == HEADER + 'person:jo,"Jo, Example",,\n'
    assert [p.name for p in folder.iterdir() if p.name.startswith(".")] == []


def test_a_refused_change_names_the_real_file_and_changes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "writes"
    ensure_roster_folder(folder)
    with pytest.raises(LoadError) as caught, stage(folder, "people", [{"id": "jo", "name": "Jo"}]) as staged:
        staged.load(lambda path: load_rosters(load_reference(), [path]))
    assert caught.value.problems == [
        Problem(
            str(folder / "people.csv"), 2, "id", "'jo' is not an id starting with 'person:'; did you mean 'person:jo'?"
        )
    ]
    assert (folder / "people.csv").read_text() == HEADER
    assert [p.name for p in folder.iterdir() if p.name.startswith(".")] == []


def test_staging_left_by_a_crash_is_removed_as_a_writer_starts(tmp_path: Path) -> None:
    folder = tmp_path / "writes"
    ensure_roster_folder(folder)
    crashed = folder / ".staging-crashed"
    crashed.mkdir()
    (crashed / "people.csv").write_text("id,name\n")
    scratch = folder / ".people.csv.0123.tmp"
    scratch.write_text("id,name\n")
    under_way = folder / ".staging-under-way"  # another process's write, seconds old
    under_way.mkdir()
    old = time.time() - STALE_AFTER_SECONDS - 60
    for path in (crashed, scratch):
        os.utime(path, (old, old))
    ensure_roster_folder(folder)
    assert sorted(path.name for path in folder.iterdir()) == [
        ".staging-under-way", "memberships.csv", "organisations.csv", "people.csv", "posts.csv"
    ]  # fmt: skip
