"""The example roster (govgraph/data/example): fictional, loads cleanly into the built-in
dataset, and has exactly the deliberate gaps docs/example-roster.md lists."""

from __future__ import annotations

import csv
from collections import defaultdict
from importlib import resources
from pathlib import Path

import pytest

from govgraph.graph.model import EdgeType, NodeKind, Role
from govgraph.graph.store import NetworkXStore
from govgraph.loaders.reference import load_reference
from govgraph.loaders.roster import load_rosters
from govgraph.queries.coverage import coverage
from govgraph.queries.lookahead import upcoming
from govgraph.queries.representation import gaps, representation

EXAMPLE = Path(str(resources.files("govgraph").joinpath("data/example")))
SURNAME_ROOTS = (
    "Example",
    "Sample",
    "Specimen",
    "Fiction",
    "Madeup",
    "Demo",
    "Mock",
    "Dummy",
    "Pretend",
    "Placeholder",
)

VACANT_SENATE_SEATS = {
    "crg:HIV": ["post:crg:HIV/senate-wessex"],
    "crg:BCS": ["post:crg:BCS/senate-london-3"],
    "crg:PNS": ["post:crg:PNS/senate-cheshire-and-merseyside", "post:crg:PNS/senate-northern-england"],
}
NO_CHAIR = "crg:VAS"
OVERSIZE = "crg:RSP"
FIVE_PROFESSIONAL_ORGANISATIONS = "crg:CIC"
VACANT_REGIONAL_MEDICAL_DIRECTOR = "post:region:north/medical-director"
BROKEN_PROVIDERS = (
    "post:org:dalesford-example-teaching-hospitals/medical-director",
    "post:org:northby-example-hospitals/medical-director",
)
UNREPRESENTED_CCG_SEAT = "post:board:oversight-wessex/ccg-10L"
MANY_SEATS = "person:ada-example"
SEAT_PAST_ICB = "post:board:oversight-south-west/ccg-11N"

# Gaps of the era of the CRG pages of about 2016-18, 2016-04-01 to 2018-03-31 (worked from
# the rows of posts.csv and memberships.csv for crg:A05, crg:F02 and crg:B02):
# (l) crg:A05 has no holder of post:crg:A05/clinical-member-london-2: London has 1 clinical
#     member of 2, and the CRG 7 of 8 clinical members, so two rules fail;
# (m) crg:F02 has no holder of post:crg:F02/ppv-3: 2 PPV members, at least 3 needed;
# (n) crg:B02 has no holder of post:crg:B02/lead-commissioner.
ERA_2016_GAPS = {
    ("crg-2016-regional-members", "crg:A05"),
    ("crg-2016-clinical-members", "crg:A05"),
    ("crg-2016-ppv", "crg:F02"),
    ("crg-2016-lead-commissioner", "crg:B02"),
}
# Gaps of the era of the CRG models (seed 000), from each CRG's model_from:
# (o) Adult Critical Care (Transform from 2021-01-01) has no holder of its public health lead seat;
# (p) Specialised Dermatology (Respond and Advise from 2021-01-01) has a clinical member, a group where
#     the model has none.
MODEL_GAPS = {
    ("crg-transform-public-health", "crg:adult-critical-care"),
    ("crg-respond-and-advise-no-group", "crg:specialised-dermatology"),
}
# Present-day gaps (seed 002, from 2023-04-01):
# (q) the Delegated Commissioning Group's second PPV partner left on 2025-09-30: 1 of 2 from 2025-10-01;
# (r) the Trauma PoC board's second PPV partner (person:felix-fictionby) left on 2026-06-30: 1 of 2
#     from 2026-07-01.
PRESENT_GAPS = {
    ("commissioning-group-ppv", "board:delegated-commissioning-group"),
    ("poc-board-ppv", "board:poc-trauma"),
}
# Gap (i), 001 para 35: one accountable commissioner has four CRGs (two or three allowed).
FOUR_CRG_COMMISSIONER_CRGS = ("crg:CFS", "crg:EDO", "crg:HPB", "crg:MOS")
# Gap (j), 001 paras 36 and 39: one CRG has no collaborating commissioner.
NO_COLLABORATING_COMMISSIONER = "crg:IRY"
# Gap (k), 001 para 47: one Programme of Care chair is not one of its CRGs' chairs.
POC_CHAIR_NOT_A_CRG_CHAIR = "board:poc-mental-health"
# Gap (s), 001 para 20: a chair serves at most three years from appointment. crg:RHU's chair
# was appointed 2012-07-01, in the transition, before the CRG began on 2013-04-01:
# 2012-07-01 + 3 years = 2015-07-01, the first day past the limit, so the rule fails
# from 2015-07-01 to the CRG's last day, 2016-03-31.
CHAIR_APPOINTED_IN_TRANSITION = "crg:RHU"

CRG_GAPS = {
    ("crg-chair", NO_CHAIR),
    ("crg-professional-organisations", FIVE_PROFESSIONAL_ORGANISATIONS),
    ("crg-size", OVERSIZE),
    ("crg-collaborating-commissioner", NO_COLLABORATING_COMMISSIONER),
    *(("crg-senate-coverage", crg) for crg in VACANT_SENATE_SEATS),
    *(("crg-accountable-commissioner-load", crg) for crg in FOUR_CRG_COMMISSIONER_CRGS),
}


@pytest.fixture(scope="module")
def store() -> NetworkXStore:
    """The reference dataset with the example roster; tests must not change it."""
    return load_rosters(load_reference(), [EXAMPLE])


def rows(name: str) -> list[dict[str, str]]:
    with (EXAMPLE / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def holders(store: NetworkXStore, post: str, day: str | None = None) -> list[str]:
    return [edge.from_id for edge in store.in_edges(post, EdgeType.HOLDS, as_of=day)]


def seats(store: NetworkXStore, body: str, day: str) -> list[str]:
    return sorted(edge.from_id for edge in store.in_edges(body, EdgeType.POST_IN, as_of=day))


def members(store: NetworkXStore, body: str, day: str) -> set[str]:
    return {person for post in seats(store, body, day) for person in holders(store, post, day)}


def crgs_of_2013(store: NetworkXStore) -> list[str]:
    return sorted(crg["id"] for crg in store.nodes(NodeKind.CRG, as_of="2014-06-01"))


def test_the_example_roster_loads_and_every_row_lands(store: NetworkXStore, reference: NetworkXStore) -> None:
    assert store.count(NodeKind.PERSON) == len(rows("people"))
    assert sum(1 for _ in store.edges(EdgeType.HOLDS)) == len(rows("memberships"))
    assert store.count(NodeKind.ORGANISATION) == reference.count(NodeKind.ORGANISATION) + len(rows("organisations"))
    assert store.count(NodeKind.POST) == reference.count(NodeKind.POST) + len(rows("posts"))


def test_everyone_and_everything_it_adds_is_fictional() -> None:
    for person in rows("people"):
        assert any(root in person["name"].split()[-1] for root in SURNAME_ROOTS), person["name"]
        assert person["email"].endswith("@example.org"), person["email"]
    for body in rows("organisations"):
        assert body["name"].endswith("(fictional)"), body["name"]


def test_the_2013_crgs_are_mostly_filled(store: NetworkXStore) -> None:
    day = "2014-06-01"
    crg_seats = [
        post
        for crg in crgs_of_2013(store)
        for post in seats(store, crg, day)
        if not any(store.out_edges(post, EdgeType.EX_OFFICIO))
    ]
    filled = [post for post in crg_seats if holders(store, post, day)]
    assert len(filled) / len(crg_seats) >= 0.9


def members_of_2013(store: NetworkXStore, body: str, day: str) -> set[str]:
    """Members as 001 para 38 counts them: the four CCG representatives of 2015 (004 section
    3.5) are counted beside the 15 to 25 (docs/representation.md)."""
    posts = [post for post in seats(store, body, day) if store.node(post)["role"] != Role.CCG_REPRESENTATIVE]
    return {person for post in posts for person in holders(store, post, day)}


@pytest.mark.parametrize("day", ["2014-06-01", "2016-01-01"])
def test_every_crg_but_the_oversized_one_has_15_to_25_members(store: NetworkXStore, day: str) -> None:
    sizes = {crg: len(members_of_2013(store, crg, day)) for crg in crgs_of_2013(store) if crg != "crg:SCR"}
    assert {crg for crg, size in sizes.items() if not 15 <= size <= 25} == {OVERSIZE}
    assert sizes[OVERSIZE] == 29


def test_gap_a_the_named_senate_seats_are_vacant_and_no_others(store: NetworkXStore) -> None:
    for crg in crgs_of_2013(store):
        senate_seats = [
            post for post in seats(store, crg, "2014-06-01") if store.node(post)["role"] == Role.CLINICAL_MEMBER
        ]
        vacant = sorted(post for post in senate_seats if not holders(store, post))
        assert vacant == VACANT_SENATE_SEATS.get(crg, []), crg


def test_gap_b_one_crg_has_no_chair(store: NetworkXStore) -> None:
    # The Specialised Cancer CRG has no chair seat at all: 001 para 19 forms it from sixteen other chairs.
    crgs = [crg for crg in crgs_of_2013(store) if crg != "crg:SCR"]
    without = [crg for crg in crgs if not holders(store, f"post:{crg}/chair", "2014-06-01")]
    assert without == [NO_CHAIR]
    assert holders(store, f"post:{NO_CHAIR}/chair") == []


def test_gap_c_one_crg_has_more_than_25_members(store: NetworkXStore) -> None:
    ppv = holders(store, f"post:{OVERSIZE}/ppv", "2014-06-01")
    assert len(ppv) == 6 and len(members(store, OVERSIZE, "2014-06-01")) == 29


def test_gap_d_one_crg_has_five_professional_organisations(store: NetworkXStore) -> None:
    day = "2014-06-01"
    for crg in crgs_of_2013(store):
        held = [
            post
            for post in seats(store, crg, day)
            if store.node(post)["role"] == Role.PROFESSIONAL_ORGANISATION and holders(store, post, day)
        ]
        assert (len(held) == 5) == (crg == FIVE_PROFESSIONAL_ORGANISATIONS), crg
    fifth = f"post:{FIVE_PROFESSIONAL_ORGANISATIONS}/professional-organisation-5"
    assert [e.to_id for e in store.out_edges(fifth, EdgeType.REPRESENTS)] == ["org:example-society-of-cardiology"]
    # Its chair holds the fifth seat too, which keeps the CRG within 25 members from April 2015.
    assert holders(store, fifth) == holders(store, f"post:{FIVE_PROFESSIONAL_ORGANISATIONS}/chair")


def test_gap_e_a_vacant_regional_medical_director_breaks_two_lines_of_sight(store: NetworkXStore) -> None:
    day = "2014-06-01"
    # The National Directors of each programme (001 para 35) are directors outside the chain.
    line_of_sight = [
        post["id"]
        for role in (Role.DIRECTOR, Role.MEDICAL_DIRECTOR)
        for post in store.posts_with_role(role, as_of=day)
        if not post["id"].startswith("post:programme:")
    ]
    vacant = [post for post in line_of_sight if not holders(store, post, day)]
    assert vacant == [VACANT_REGIONAL_MEDICAL_DIRECTOR]
    assert holders(store, VACANT_REGIONAL_MEDICAL_DIRECTOR) == []
    below = {edge.from_id for edge in store.in_edges(VACANT_REGIONAL_MEDICAL_DIRECTOR, EdgeType.REPORTS_TO)}
    providers = {p for team in below for p in (e.from_id for e in store.in_edges(team, EdgeType.REPORTS_TO))}
    assert providers == set(BROKEN_PROVIDERS)


def test_gap_f_one_ccg_has_no_seat_filled_on_its_hub_oversight_group(store: NetworkXStore) -> None:
    day = "2016-01-01"
    oversight = [
        board["id"] for board in store.nodes(NodeKind.BOARD, as_of=day) if board["id"].startswith("board:oversight-")
    ]
    vacant = [post for board in oversight for post in seats(store, board, day) if not holders(store, post, day)]
    assert vacant == [UNREPRESENTED_CCG_SEAT]
    assert holders(store, UNREPRESENTED_CCG_SEAT) == []
    # Some seats are held by a member from another CCG of the same group, who holds their own too.
    seat_counts: dict[str, int] = defaultdict(int)
    for board in oversight:
        for post in seats(store, board, day):
            for person in holders(store, post, day):
                seat_counts[person] += 1
    assert max(seat_counts.values()) == 2


def test_gap_g_one_person_holds_nine_seats_and_nobody_else_more_than_three(store: NetworkXStore) -> None:
    for day in ("2013-04-01", "2014-06-01", "2015-06-01", "2016-01-01", "2024-01-01"):
        held: dict[str, int] = defaultdict(int)
        for edge in store.edges(EdgeType.HOLDS, as_of=day):
            held[edge.from_id] += 1
        assert max(count for person, count in held.items() if person != MANY_SEATS) <= 3, day
        assert held[MANY_SEATS] == (9 if day < "2016-04-01" else 0), day


def test_gap_h_one_member_still_holds_a_ccg_seat_after_the_ccg_became_part_of_an_icb(store: NetworkXStore) -> None:
    ccgs = [edge.to_id for edge in store.out_edges(SEAT_PAST_ICB, EdgeType.REPRESENTS)]
    assert ccgs == ["ccg:11N"]
    successions = [(e.to_id, e.attrs["valid_from"]) for e in store.out_edges("ccg:11N", EdgeType.SUCCEEDED_BY)]
    assert successions == [("icb:QT6", "2022-07-01")]
    assert len(holders(store, SEAT_PAST_ICB, "2023-01-01")) == 1
    # Every other holding of a seat speaking for a CCG ends by the time the CCG does.
    late = []
    for edge in store.edges(EdgeType.HOLDS):
        for area in store.out_edges(edge.to_id, EdgeType.REPRESENTS):
            ends = store.node(area.to_id).get("valid_to")
            if (
                store.node(area.to_id)["kind"] == NodeKind.CCG
                and ends
                and (edge.attrs.get("valid_to") or "9999") > ends
            ):
                late.append(edge.to_id)
    assert late == [SEAT_PAST_ICB]


def test_gap_h_the_member_counts_for_the_icb_and_is_noted(store: NetworkXStore) -> None:
    day = "2023-01-01"
    rep = representation(store, "board:oversight-south-west", as_of=day, rules=[])
    assert [note.split(" speaks for ")[0] for note in rep.notes] == [f"{SEAT_PAST_ICB} (person:olwen-pretendton)"]
    assert "succeeded by icb:QT6" in rep.notes[0]
    matrix = coverage(store, of="board", by="icb", as_of=day)
    (row,) = [b for b in matrix.bodies if b.id == "board:oversight-south-west"]
    assert [(c.area_id, c.filled) for c in row.cells if c.filled] == [("icb:QT6", 1)]
    before = coverage(store, of="board", by="icb", as_of="2022-06-30")
    (row,) = [b for b in before.bodies if b.id == "board:oversight-south-west"]
    # Before the ICB existed it is answered through its CCG: the same member counts.
    assert ("icb:QT6", 1) in [(c.area_id, c.filled) for c in row.cells]


def test_gap_i_one_accountable_commissioner_has_four_crgs(store: NetworkXStore) -> None:
    day = "2014-06-01"
    load: dict[str, list[str]] = defaultdict(list)
    for post in store.posts_with_role(Role.ACCOUNTABLE_COMMISSIONER, as_of=day):
        for person in holders(store, post["id"], day):
            load[person].append(post["id"].split("/")[0].removeprefix("post:"))
    assert {person: len(crgs) for person, crgs in load.items() if not 2 <= len(crgs) <= 3} == {MANY_SEATS: 4}
    assert sorted(load[MANY_SEATS]) == list(FOUR_CRG_COMMISSIONER_CRGS)


def test_gap_j_one_crg_has_no_collaborating_commissioner(store: NetworkXStore) -> None:
    day = "2014-06-01"
    without = [
        crg
        for crg in crgs_of_2013(store)
        if crg != "crg:SCR" and not holders(store, f"post:{crg}/collaborating-commissioner", day)
    ]
    assert without == [NO_COLLABORATING_COMMISSIONER]


def test_gap_k_one_programme_of_care_chair_is_not_a_crg_chair(store: NetworkXStore) -> None:
    day = "2014-06-01"
    not_drawn = []
    for board in (b["id"] for b in store.nodes(NodeKind.BOARD, as_of=day) if b["id"].startswith("board:poc-")):
        crgs = [
            e.from_id
            for e in store.in_edges(board, EdgeType.ACCOUNTABLE_TO, as_of=day)
            if store.node(e.from_id)["kind"] == NodeKind.CRG
        ]
        chairs = [f"post:{crg}/chair" for crg in crgs if store.has_node(f"post:{crg}/chair")]  # crg:SCR has none
        crg_chairs = {person for chair in chairs for person in holders(store, chair, day)}
        if not set(holders(store, f"post:{board}/chair", day)) <= crg_chairs:
            not_drawn.append(board)
    assert not_drawn == [POC_CHAIR_NOT_A_CRG_CHAIR]


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (
            "2014-06-01",
            CRG_GAPS
            | {("provider-line-of-sight", post) for post in BROKEN_PROVIDERS}
            | {("poc-chair-from-crg-chairs", POC_CHAIR_NOT_A_CRG_CHAIR)},
        ),
        (
            "2016-01-01",
            CRG_GAPS
            | {("hub-oversight-every-ccg", "board:oversight-wessex")}
            # Gap (s), 001 para 20: crg:RHU's chair, appointed 2012-07-01, is past three years.
            | {("crg-chair-tenure", CHAIR_APPOINTED_IN_TRANSITION)},
        ),
        # 004 describes the oversight groups for 2015/16 only (docs/dataset.md): from
        # 2016-04-01 gap (f) is not assessed rather than failed.
        ("2019-06-01", set()),
        # Gaps (l), (m), (n): the CRG pages of 2016-18 (reference/crg_membership_after_2016.csv).
        ("2017-01-01", ERA_2016_GAPS),
        # Gaps (o), (p): the CRG models of seed 000; crg:E08, attested to 2021-12-31, is not assessed.
        ("2022-06-01", MODEL_GAPS),
        # Every 2023 framework seat is filled on the day; the CRGs are known to 2023-12-31 only.
        ("2024-01-01", set()),
        # Today: gaps (q) and (r), the present-day gaps.
        ("2026-11-30", PRESENT_GAPS),
    ],
)
def test_the_gap_report_finds_the_deliberate_gaps_and_nothing_else(
    store: NetworkXStore, day: str, expected: set[tuple[str, str]]
) -> None:
    report = gaps(store, as_of=day)
    assert {(verdict.rule_id, verdict.subject_id) for verdict in report.gaps} == expected
    for verdict in report.gaps:  # each breach cites its paragraph
        assert verdict.source.startswith(
            ("000_", "001_", "002_", "004_", "reference/crg_membership_after_2016.csv")
        ) or (verdict.rule_id == "provider-line-of-sight")


def test_the_breaches_of_001_paras_35_39_and_47_cite_their_paragraphs(store: NetworkXStore) -> None:
    cited = {v.rule_id: v.source for v in gaps(store, as_of="2014-06-01").gaps}
    assert cited["crg-accountable-commissioner-load"] == "001_7c6f17057a5b61aa.txt para 35"
    assert cited["crg-collaborating-commissioner"] == "001_7c6f17057a5b61aa.txt paras 36 and 39"
    assert cited["poc-chair-from-crg-chairs"] == "001_7c6f17057a5b61aa.txt para 47"


@pytest.mark.parametrize(("day", "outcome"), [("2015-06-30", "passed"), ("2015-07-01", "failed")])
def test_gap_s_a_chair_appointed_in_the_transition_passes_three_years_on_2015_07_01(
    store: NetworkXStore, day: str, outcome: str
) -> None:
    # 001 para 20: "to a maximum of three years from appointment". Appointed 2012-07-01
    # (memberships.csv, column appointed), in the seat from 2013-04-01: three years from
    # appointment end on 2015-06-30, so 2015-06-30 is the last day within the limit and
    # 2015-07-01 the first past it (three full years: 2013-07-01, 2014-07-01, 2015-07-01).
    rep = representation(store, CHAIR_APPOINTED_IN_TRANSITION, as_of=day)
    (verdict,) = [v for v in rep.verdicts if v.rule_id == "crg-chair-tenure"]
    assert verdict.outcome == outcome
    assert verdict.source == "001_7c6f17057a5b61aa.txt para 20"
    if outcome == "failed":
        (short,) = verdict.missing
        assert short.what == f"post:{CHAIR_APPOINTED_IN_TRANSITION}/chair"
        assert short.name == (
            "Dr Delphine Sampleworth (person:delphine-sampleworth), in the seat since 2013-04-01, appointed 2012-07-01"
        )
        assert short.have == 3
    # Every other chair was appointed the day the 2013 CRGs began and passes on the day.
    failing = {v.subject_id for v in gaps(store, as_of=day, rule="crg-chair-tenure").gaps}
    assert failing == ({CHAIR_APPOINTED_IN_TRANSITION} if outcome == "failed" else set())


def test_gap_s_is_a_term_limit_the_look_ahead_sees(store: NetworkXStore) -> None:
    # The look-ahead counts from the same appointment: 2012-07-01 + 3 years = 2015-07-01,
    # 30 days after 2015-06-01; no other tenure limit falls before the CRGs end on 2016-04-01.
    result = upcoming(store, as_of="2015-06-01", within_days=300)
    limits = [(str(v.vacates_on), v.seat.post_id, v.person_id) for v in result.vacancies if v.why.value == "term_limit"]
    assert limits == [("2015-07-01", f"post:{CHAIR_APPOINTED_IN_TRANSITION}/chair", "person:delphine-sampleworth")]


def test_the_example_roster_people_carry_the_fictional_flag(store: NetworkXStore, tmp_path: Path) -> None:
    assert {person.get("fictional") for person in store.nodes(NodeKind.PERSON)} == {True}
    # The same rows loaded from a copy are a user's roster, not the example: not marked.
    copy = tmp_path / "roster"
    copy.mkdir()
    for name in ("people", "organisations", "posts", "memberships"):
        (copy / f"{name}.csv").write_bytes((EXAMPLE / f"{name}.csv").read_bytes())
    theirs = load_rosters(load_reference(), [copy])
    assert {person.get("fictional", False) for person in theirs.nodes(NodeKind.PERSON)} == {False}


def test_gap_f_is_not_assessed_once_its_source_no_longer_describes_the_groups(store: NetworkXStore) -> None:
    report = gaps(store, as_of="2019-06-01")
    wessex = [v for v in report.not_assessed if v.subject_id == "board:oversight-wessex"]
    assert [(v.rule_id, v.reason) for v in wessex] == [
        ("hub-oversight-every-ccg", "the data this rule needs is not attested after 2016-03-31")
    ]


def _verdict(store: NetworkXStore, rule: str, subject: str, day: str):
    (found,) = gaps(store, as_of=day, rule=rule, subject=subject).gaps
    return found


def test_the_2016_gaps_count_what_the_roster_rows_give(store: NetworkXStore) -> None:
    london = _verdict(store, "crg-2016-regional-members", "crg:A05", "2017-01-01")
    # Four regions of 2013; London alone short: 1 of 2, its second seat vacant.
    assert [(m.what, m.have, m.vacant_seats) for m in london.missing] == [
        ("region:london", 1, ["post:crg:A05/clinical-member-london-2"])
    ]
    assert london.found == 3
    assert _verdict(store, "crg-2016-clinical-members", "crg:A05", "2017-01-01").found == 7
    assert _verdict(store, "crg-2016-ppv", "crg:F02", "2017-01-01").found == 2
    assert _verdict(store, "crg-2016-lead-commissioner", "crg:B02", "2017-01-01").found == 0
    # The era's seats end on 2018-03-31 with the rules (the South region split on 2018-04-01).
    assert gaps(store, as_of="2018-06-01", kind=NodeKind.CRG).verdicts_checked == 0


def test_the_model_gaps_and_the_crgs_no_source_describes_then(store: NetworkXStore) -> None:
    assert _verdict(store, "crg-respond-and-advise-no-group", "crg:specialised-dermatology", "2022-06-01").found == 1
    report = gaps(store, as_of="2022-06-01", rule="crg-transform-public-health")
    assert [v.subject_id for v in report.gaps] == ["crg:adult-critical-care"]
    # crg:E08's pages end with 2021 (attested to 2021-12-31): its verdict is not assessed, not passed.
    assert [(v.subject_id, v.reason) for v in report.not_assessed] == [
        ("crg:E08", "the data this rule needs is not attested after 2021-12-31")
    ]


def test_the_ppv_partners_by_category_are_not_assessed_while_crgs_are_unnamed(store: NetworkXStore) -> None:
    # 2023-06-01: 37 CRGs exist in the dataset (36 named after 2016 and the Genomics CRG of 002), 38 stated;
    # 8 have a stated model, 2 of them Transform (crg:E08 known only to 2021-12-31; crg:adult-critical-care).
    report = gaps(store, as_of="2023-06-01", rule="crg-transform-ppv-partners")
    assert report.gaps == []
    assert {v.subject_id: v.reason for v in report.not_assessed} == {
        "crg:E08": "the data this rule needs is not attested after 2021-12-31",
        "crg:adult-critical-care": "only 37 of 38 CRGs are named in the dataset, 8 with a stated model and 2 of them "
        "Transform; the 26 ppv are counted across all Transform CRGs",
    }


def test_the_present_day_gaps_cite_seed_002(store: NetworkXStore) -> None:
    delegated = _verdict(store, "commissioning-group-ppv", "board:delegated-commissioning-group", "2026-11-30")
    assert (delegated.found, delegated.source) == (
        1,
        "002_75039aa201210c3b.txt section 'Specialised commissioning governance'",
    )
    trauma = _verdict(store, "poc-board-ppv", "board:poc-trauma", "2026-11-30")
    assert trauma.found == 1 and trauma.missing[0].vacant_seats == ["post:board:poc-trauma/ppv-2"]
    assert trauma.source == "002_75039aa201210c3b.txt section 'National Programmes of Care'"
    # The day before each left, both boards had their two partners.
    assert _verdict_or_none(store, "poc-board-ppv", "board:poc-trauma", "2026-06-30") is None
    assert (
        _verdict_or_none(store, "commissioning-group-ppv", "board:delegated-commissioning-group", "2025-09-30") is None
    )


def _verdict_or_none(store: NetworkXStore, rule: str, subject: str, day: str):
    found = gaps(store, as_of=day, rule=rule, subject=subject).gaps
    return found[0] if found else None


def test_adult_critical_care_covers_the_seven_regions_of_the_day(store: NetworkXStore) -> None:
    # Row 13: one clinical member from each of the seven regions of 2019. The roster gives
    # post:crg:adult-critical-care/clinical-member-1 to -7 one region each, all held from 2021-01-01.
    (verdict,) = representation(store, "crg:adult-critical-care", as_of="2022-06-01").verdicts[:1]
    assert (verdict.rule_id, verdict.outcome, verdict.found) == (
        "crg-adult-critical-care-regional-members",
        "passed",
        7,
    )
    # The regions of the day: the seven of 2019, not the four of 2013.
    assert len(list(store.nodes(NodeKind.REGION, as_of="2022-06-01"))) == 7
