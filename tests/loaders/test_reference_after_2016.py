"""The CRGs after the 2016 reorganisation against the reference rows they come from
(govgraph/data/reference/crgs_after_2016_partial.csv and its PROVENANCE.md): what a row
states is a fact, what it only infers stays marked, and totals the sources give without a
list are kept as totals."""

from __future__ import annotations

import csv
from collections.abc import Mapping
from importlib import resources
from typing import Any

import pytest

from govgraph.graph.model import EdgeType, NodeKind, stated_total
from govgraph.graph.store import NetworkXStore
from tests.conftest import SEEDS

SEED_002 = (SEEDS / "002_75039aa201210c3b.txt").read_text(encoding="utf-8")
DATA = resources.files("govgraph").joinpath("data")


def table(path: str) -> list[dict[str, str]]:
    return list(csv.DictReader(DATA.joinpath(path).read_text(encoding="utf-8").splitlines()))


REFERENCE = {n: row for n, row in enumerate(table("reference/crgs_after_2016_partial.csv"), start=2)}
BUILT = [row for row in table("builtin/crgs_after_2016.csv") if row["reference_row"]]
PROGRAMMES = {
    "Internal Medicine": "programme:internal-medicine",
    "Cancer": "programme:cancer",
    "Mental Health": "programme:mental-health",
    "Trauma": "programme:trauma",
    "Women and Children": "programme:women-and-children",
    "Blood and Infection": "programme:blood-and-infection",
}


def basis(attrs: Mapping[str, Any]) -> str:
    return str(attrs.get("basis") or "stated")  # no basis means stated


def crgs_after_2016(store: NetworkXStore) -> list[dict[str, object]]:
    return [dict(n) for n in store.nodes(NodeKind.CRG) if (n.get("valid_from") or "") >= "2016-04-01"]


def test_every_reference_row_becomes_one_crg_with_its_name_and_code(reference: NetworkXStore) -> None:
    assert sorted(int(row["reference_row"]) for row in BUILT) == sorted(REFERENCE)  # all 36 rows, once each
    for row in BUILT:
        source = REFERENCE[int(row["reference_row"])]
        node = reference.node(row["id"])
        assert node.get("code") == (source["code_post_2016"] or None), row["id"]
        if not source["crg_name"].startswith("("):  # a name the source could not give is said so
            assert node["name"].casefold().startswith(source["crg_name"].split(" (")[0].casefold()), row["id"]
        assert node["source"].startswith(f"reference/crgs_after_2016_partial.csv row {row['reference_row']};")


def test_a_programme_is_stated_only_where_the_row_states_it(reference: NetworkXStore) -> None:
    for row in BUILT:
        npoc = REFERENCE[int(row["reference_row"])]["npoc"]
        edges = list(reference.out_edges(row["id"], EdgeType.PART_OF))
        if npoc in PROGRAMMES:  # the row names the programme outright
            assert [(e.to_id, basis(e.attrs)) for e in edges] == [(PROGRAMMES[npoc], "stated")], row["id"]
        elif "(URL group-" in npoc:  # the page's address puts it in a programme's group
            assert [basis(e.attrs) for e in edges] == ["stated"], row["id"]
        elif edges:  # inferred from the 2013 programme or the subject
            assert [e.attrs["basis"] for e in edges] == ["inferred"], row["id"]


def test_a_model_only_where_a_page_states_it(reference: NetworkXStore) -> None:
    for row in BUILT:
        source = REFERENCE[int(row["reference_row"])]
        node = reference.node(row["id"])
        stated = source["crg_model"] if source["model_evidence"].startswith("stated") else None
        assert node.get("model") == stated, row["id"]
        # Before the page that states it, the model is not known: never applied back to 2016.
        assert bool(node.get("model_from")) == bool(stated), row["id"]
        if stated:
            assert node["model_from"] > "2016-04-01"


def test_the_start_is_stated_only_for_the_cancer_programme(reference: NetworkXStore) -> None:
    for row in BUILT:
        source = REFERENCE[int(row["reference_row"])]
        node = reference.node(row["id"])
        expected = "stated" if source["valid_from_basis"].startswith("stated") else "inferred"
        assert node["basis"] == expected, row["id"]
    # HL8565: "Since April 2016, the Cancer National Programme of Care has been supported by five CRGs".
    parts = reference.in_edges("programme:cancer", EdgeType.PART_OF, as_of="2016-04-01")
    cancer = [e.from_id for e in parts if e.from_id.startswith("crg:")]
    assert sorted(reference.node(c)["name"] for c in cancer) == [
        "Chemotherapy", "Children and Young People's Cancer", "Radiotherapy", "Specialised Cancer Diagnostics",
        "Specialised Cancer Surgery",
    ]  # fmt: skip
    assert stated_total(reference.meta, NodeKind.CRG, "2016-04-01", of="programme:cancer").total == 5


def test_the_2013_crgs_end_as_the_later_ones_begin(reference: NetworkXStore) -> None:
    def ids(day: str) -> set[str]:
        return {n["id"] for n in reference.nodes(NodeKind.CRG, as_of=day)}

    before, after = ids("2016-03-31"), ids("2016-04-01")
    assert len(before) == 73 and not before & after
    assert len(after) == 30  # the rows dated from 2016-04-01, stated or inferred


def test_nothing_runs_past_the_page_that_shows_it(reference: NetworkXStore) -> None:
    for node in crgs_after_2016(reference):
        if node["id"] == "crg:genomics":
            continue  # 002, October 2023: the newest source, no end
        assert node.get("valid_to") is None and "2016-04-01" <= str(node["attested_to"]) <= "2023-12-31", node["id"]
    # HL8565 (answered 26 June 2018) is the last word on the Cancer CRGs that no later page shows.
    assert reference.node("crg:specialised-cancer-diagnostics")["attested_to"] == "2018-06-26"


def test_only_the_merges_a_source_evidences_are_edges(reference: NetworkXStore) -> None:
    evidenced = {
        f"crg:{code.strip()}"
        for row in BUILT
        for code in REFERENCE[int(row["reference_row"])]["merged_from_2013_evidenced"].split(" (")[0].split(";")
        if code.strip()
    }
    edges = [e for e in reference.edges(EdgeType.SUCCEEDED_BY) if e.to_id in {row["id"] for row in BUILT}]
    assert {e.from_id for e in edges} == evidenced
    # A name-based guess ("CIC;CSY" for Cardiac Services) is not turned into a fact.
    assert list(reference.in_edges("crg:A05", EdgeType.SUCCEEDED_BY)) == []
    # The one mapping the source makes by name only is marked so.
    assert {e.from_id: basis(e.attrs) for e in edges if e.to_id == "crg:rehabilitation-and-disability"} == {
        "crg:CDE": "stated",
        "crg:BIR": "inferred",
    }


def test_codes_of_2013_and_after_2016_are_never_joined(reference: NetworkXStore) -> None:
    codes_2013 = {row["code"] for row in table("builtin/crgs.csv")}
    assert not codes_2013 & {str(n.get("code")) for n in crgs_after_2016(reference)}


@pytest.mark.parametrize(
    ("day", "total"), [("2015-12-31", None), ("2017-01-01", 41), ("2023-03-31", 41), ("2023-04-01", 38)]
)
def test_totals_the_sources_give_without_a_list(reference: NetworkXStore, day: str, total: int | None) -> None:
    assert "There are 38 CRGs across specialised commissioning" in SEED_002
    found = stated_total(reference.meta, NodeKind.CRG, day)
    assert (found.total if found else None) == total


def words(text: str) -> set[str]:
    return {w.strip(",()–").casefold() for w in text.split()} - {"for", "of", "the", "–", ""}


def test_posts_named_after_2015_have_no_line_of_sight_a_source_does_not_give(reference: NetworkXStore) -> None:
    named = {n: row["post"] for n, row in enumerate(table("reference/specialised_commissioning_posts.csv"), start=2)}
    for row in table("builtin/posts_after_2015.csv"):
        post = reference.node(row["id"])
        assert words(post["name"]) <= words(named[int(row["reference_row"])]), row["id"]
        assert post["basis"] == "inferred"
        assert list(reference.out_edges(row["id"], EdgeType.REPORTS_TO)) == []
        assert list(reference.in_edges(row["id"], EdgeType.REPORTS_TO)) == []
