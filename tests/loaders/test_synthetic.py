"""The synthetic roster: deterministic, the shape of the reference structure, vacant seats
at the asked-for rate, and loadable on top of the built-in dataset."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from govgraph.cli import main
from govgraph.graph.model import EdgeType, NodeKind, Role
from govgraph.graph.store import NetworkXStore
from govgraph.loaders.reference import load_reference
from govgraph.loaders.roster import load_rosters
from govgraph.loaders.synthetic import COLUMNS, synthesise, write_roster

FILES = tuple(f"{name}.csv" for name in COLUMNS)


def write(folder: Path, scale: int, seed: int, gap_rate: float = 0.05) -> dict[str, int]:
    return write_roster(synthesise(scale, seed, gap_rate), folder)


def rows(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def fillable_posts(store: NetworkXStore) -> set[str]:
    """Reference seats a roster fills: all but the ex officio ones."""
    return {
        post["id"] for post in store.nodes(NodeKind.POST) if not any(store.out_edges(post["id"], EdgeType.EX_OFFICIO))
    }


def specialised_area_teams(store: NetworkXStore) -> int:
    return sum(1 for team in store.nodes(NodeKind.AREA_TEAM) if team.get("specialised_contracting"))


def test_same_arguments_write_the_same_bytes_and_another_seed_does_not(tmp_path: Path) -> None:
    write(tmp_path / "a", scale=2, seed=7)
    write(tmp_path / "b", scale=2, seed=7)
    write(tmp_path / "c", scale=2, seed=8)
    for file in FILES:
        assert (tmp_path / "a" / file).read_bytes() == (tmp_path / "b" / file).read_bytes(), file
    # The structure is the same whatever the seed; who holds what is not.
    assert (tmp_path / "a" / "posts.csv").read_bytes() == (tmp_path / "c" / "posts.csv").read_bytes()
    for file in ("people.csv", "memberships.csv"):
        assert (tmp_path / "a" / file).read_bytes() != (tmp_path / "c" / file).read_bytes(), file


def test_the_header_of_each_file_is_the_roster_format(tmp_path: Path) -> None:
    write(tmp_path, scale=1, seed=1)
    for name, columns in COLUMNS.items():
        assert (tmp_path / f"{name}.csv").read_text(encoding="utf-8").splitlines()[0] == ",".join(columns)


def test_scale_1_fills_every_reference_seat_and_adds_only_providers(tmp_path: Path, reference: NetworkXStore) -> None:
    counts = write(tmp_path, scale=1, seed=3, gap_rate=0.0)
    providers = specialised_area_teams(reference)
    assert providers == 10
    # No copies: the only new bodies and seats are one provider and its medical director
    # per specialised area team.
    assert counts["organisations"] == counts["posts"] == providers
    assert {row["kind"] for row in rows(tmp_path, "organisations")} == {"Organisation"}
    assert {row["role"] for row in rows(tmp_path, "posts")} == {"medical-director"}
    assert {row["reports_to"] for row in rows(tmp_path, "posts")} == {
        f"post:{team['id']}/medical-director"
        for team in reference.nodes(NodeKind.AREA_TEAM)
        if team.get("specialised_contracting")
    }
    held = Counter(row["post"] for row in rows(tmp_path, "memberships"))
    provider_posts = {row["id"] for row in rows(tmp_path, "posts")}
    assert set(held) == fillable_posts(reference) | provider_posts
    for post_id, holdings in held.items():
        if post_id in provider_posts or reference.node(post_id).get("single_holder", True):
            assert holdings in (1, 2), post_id  # one holder, or two in succession
        else:
            assert holdings in range(1, 4), post_id
    # A person per seat, some holding several.
    people = {row["id"] for row in rows(tmp_path, "people")}
    assert counts["people"] == len(people)
    assert len(people) < sum(held.values())
    assert {row["person"] for row in rows(tmp_path, "memberships")} == people


def test_each_further_copy_repeats_the_committee_structure(tmp_path: Path, reference: NetworkXStore) -> None:
    counts = write(tmp_path, scale=3, seed=3)
    line_of_sight = {NodeKind.ORGANISATION, NodeKind.REGION, NodeKind.AREA_TEAM}
    owners = Counter(
        next(reference.out_edges(post["id"], EdgeType.POST_IN)).to_id for post in reference.nodes(NodeKind.POST)
    )
    copied = {
        owner: seats for owner, seats in owners.items() if NodeKind(reference.node(owner)["kind"]) not in line_of_sight
    }
    providers = specialised_area_teams(reference)
    assert counts["organisations"] == 3 * providers + 2 * len(copied)
    assert counts["posts"] == 3 * providers + 2 * sum(copied.values())

    bodies = {row["id"]: row for row in rows(tmp_path, "organisations")}
    assert bodies["crg:CFS-s2"] | {"name": ""} == {
        "id": "crg:CFS-s2", "kind": "CRG", "name": "", "part_of": "programme:internal-medicine",
        "valid_from": "2013-04-01", "valid_to": "2016-04-01",
    }  # fmt: skip
    assert bodies["board:oversight-wessex-s3"]["part_of"] == "hub:wessex"
    posts = {row["id"]: row for row in rows(tmp_path, "posts")}
    # Copied seats speak for the real areas; ex officio seats follow the copy's own posts.
    assert posts["post:crg:CFS-s2/senate-london-3"]["represents"] == "senate:london"
    assert posts["post:crg:CFS-s3/ccg-representative-north"]["represents"] == "region:north"
    assert posts["post:board:oversight-wessex-s2/ccg-10L"]["represents"] == "ccg:10L"
    assert posts["post:crg:SCR-s2/chair-of-UGI"]["ex_officio_of"] == "post:crg:UGI-s2/chair"
    assert posts["post:board:fcmp-oversight-group-s3/ppv"]["ex_officio_of"] == "post:board:ppvag-s3/chair"


def test_copy_k_is_the_same_whatever_the_scale(tmp_path: Path) -> None:
    write(tmp_path / "two", scale=2, seed=11)
    write(tmp_path / "three", scale=3, seed=11)
    for name in COLUMNS:
        two, three = rows(tmp_path / "two", name), rows(tmp_path / "three", name)
        assert three[: len(two)] == two, name


@pytest.mark.parametrize("gap_rate", [0.0, 0.1, 0.3, 1.0])
def test_the_share_of_vacant_seats_is_about_the_gap_rate(
    tmp_path: Path, reference: NetworkXStore, gap_rate: float
) -> None:
    write(tmp_path, scale=1, seed=5, gap_rate=gap_rate)
    seats = fillable_posts(reference) | {row["id"] for row in rows(tmp_path, "posts")}
    held = {row["post"] for row in rows(tmp_path, "memberships")}
    vacant = len(seats - held) / len(seats)
    # About 2,200 seats: a binomial share is within 0.03 of the rate far beyond chance.
    assert vacant == pytest.approx(gap_rate, abs=0.03)


@pytest.mark.parametrize(
    ("scale", "gap_rate", "message"), [(0, 0.05, "scale"), (1, -0.1, "gap_rate"), (1, 1.5, "gap_rate")]
)
def test_bad_arguments_are_refused(scale: int, gap_rate: float, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        next(synthesise(scale, seed=1, gap_rate=gap_rate))


def test_a_scale_2_roster_loads_into_the_reference_dataset(tmp_path: Path) -> None:
    counts = write(tmp_path, scale=2, seed=13)
    store = load_rosters(load_reference(), [tmp_path])
    assert store.count(NodeKind.PERSON) == counts["people"]
    assert sum(1 for _ in store.edges(EdgeType.HOLDS)) == counts["memberships"]
    assert store.node("crg:CFS-s2")["kind"] == "CRG"
    # The copy is part of the real programme and its Senate seats speak for the real Senates.
    assert [e.to_id for e in store.out_edges("crg:CFS-s2", EdgeType.PART_OF)] == ["programme:internal-medicine"]
    london = [
        e.from_id
        for e in store.in_edges("senate:london", EdgeType.REPRESENTS)
        if e.from_id.startswith("post:crg:CFS-s2/")
    ]
    assert sorted(london) == [f"post:crg:CFS-s2/senate-london-{n}" for n in (1, 2, 3)]
    # Provider medical directors report into the real line of sight.
    chain = [e.to_id for e in store.out_edges("post:org:synthetic-provider-2-1/medical-director", EdgeType.REPORTS_TO)]
    assert len(chain) == 1 and store.node(chain[0])["role"] == Role.MEDICAL_DIRECTOR


def test_the_synth_command_writes_the_same_roster_and_says_what_it_wrote(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["synth", "--scale", "1", "--seed", "3", "--gap-rate", "0.1", "-o", str(tmp_path / "cli")]
    )
    assert result.exit_code == 0, result.output
    counts = write(tmp_path / "api", scale=1, seed=3, gap_rate=0.1)
    for file in FILES:
        assert (tmp_path / "cli" / file).read_bytes() == (tmp_path / "api" / file).read_bytes(), file
    # Not a terminal: no progress bar, one summary line.
    assert result.stdout.splitlines() == [
        f"wrote {tmp_path / 'cli'}: " + ", ".join(f"{count} {name}" for name, count in counts.items())
    ]


def test_the_synth_command_refuses_a_bad_gap_rate(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["synth", "--scale", "1", "--seed", "3", "--gap-rate", "2", "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert "--gap-rate" in result.stderr and not any(tmp_path.iterdir())
