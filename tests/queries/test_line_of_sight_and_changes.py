from __future__ import annotations

import pytest

from govgraph.queries.changes import changes
from govgraph.queries.line_of_sight import BreakType, below, line_of_sight
from tests.queries import fixture

NCD = "post:org:nhse/ncd"


@pytest.fixture(scope="module")
def store():
    return fixture.build()


def kinds(result):
    return [(b.type, b.post_id) for b in result.breaks]


def test_chain_with_a_vacant_link(store) -> None:
    result = line_of_sight(store, "post:org:trust/md", as_of="2014-01-01", target=NCD)
    assert [link.post_id for link in result.chains[0]] == ["post:org:trust/md", "post:org:nhse/at-md", NCD]
    assert [h.name for h in result.chains[0][0].holders] == ["Kim"]
    assert kinds(result) == [(BreakType.VACANT, "post:org:nhse/at-md")]
    assert not result.complete


def test_chain_asked_for_a_person_follows_their_posts(store) -> None:
    result = line_of_sight(store, "person:kim", as_of="2014-01-01", target=NCD)
    assert [chain[0].post_id for chain in result.chains] == ["post:org:trust/md"]


def test_missing_link_cycle_and_ended_post(store) -> None:
    assert kinds(line_of_sight(store, "post:org:other/md", as_of="2014-01-01", target=NCD)) == [
        (BreakType.VACANT, "post:org:other/md"),
        (BreakType.MISSING_LINK, "post:org:other/md"),
    ]
    assert (BreakType.CYCLE, "post:org:loop/a") in kinds(
        line_of_sight(store, "post:org:loop/a", as_of="2014-01-01", target=NCD)
    )


def test_a_post_that_has_ended_reports_that_one_fact_with_its_lifespan(reference) -> None:
    # The Wessex area team (and its medical director's post) closed on 2018-04-01, so its
    # last day was 2018-03-31 (reference data); its superiors are not followed.
    ended = line_of_sight(reference, "post:area-team:wessex/medical-director", as_of="2018-06-01")
    assert [(b.type, b.message) for b in ended.breaks] == [
        (
            BreakType.ENDED_POST,
            "post:area-team:wessex/medical-director did not exist on 2018-06-01: it existed from 2013-04-01 to 2018-03-31",
        )
    ]
    assert ended.chains == [[]] and not ended.complete


def test_the_chain_tops_out_at_the_deputy_medical_director(reference) -> None:
    # 003 para 95: Deputy Medical Director - NCD - Regional MD - Area Team MD - Provider MD.
    dmd = "post:org:nhs-england/deputy-medical-director"
    from_area_team = line_of_sight(reference, "post:area-team:wessex/medical-director", as_of="2014-01-01")
    assert [link.post_id for link in from_area_team.chains[0]][-2:] == [
        "post:org:nhs-england/national-clinical-director-specialised-services",
        dmd,
    ]
    assert BreakType.MISSING_LINK not in [b.type for b in from_area_team.breaks]
    at_top = line_of_sight(reference, dmd, as_of="2014-01-01")
    # Started at the top it is the top, not a break; the only break is that nobody holds it
    # (the reference dataset has no people).
    assert [link.post_id for link in at_top.chains[0]] == [dmd]
    assert [b.type for b in at_top.breaks] == [BreakType.VACANT]


def test_the_top_falls_vacant_on_the_day_its_holder_leaves(store) -> None:
    def ncd_vacant(day: str) -> bool:
        result = line_of_sight(store, "post:org:trust/md", as_of=day, target=NCD)
        return (BreakType.VACANT, NCD) in kinds(result)

    assert not ncd_vacant("2014-12-31")
    assert ncd_vacant("2015-01-01")


def test_everyone_below_a_post(store) -> None:
    result = below(store, NCD, as_of="2014-01-01")
    assert [(p.post_id, p.depth) for p in result.posts] == [("post:org:nhse/at-md", 1), ("post:org:trust/md", 2)]


def test_changes_between_two_days(store, tmp_path) -> None:
    from govgraph.queries.rules import load_rules

    path = tmp_path / "rules.yaml"
    path.write_text(fixture.RULES_YAML)
    result = changes(store, "2014-01-01", "2014-06-01", rules=load_rules([path], with_builtin=False))
    assert [(c.id, c.other_id, str(c.on)) for c in result.left] == [("person:ada", "post:crg:TST/chair", "2014-04-01")]
    assert result.joined == []
    assert [c.id for c in result.seats_vacated] == ["post:crg:TST/chair"]
    assert result.rules_newly_failing == ["chair crg:TST"]
    assert result.rules_newly_passing == []
    later = changes(store, "2022-01-01", "2022-07-01", rules=[])
    assert [(c.id, c.other_id) for c in later.bodies_succeeded] == [("ccg:X", "icb:Y")]
    assert [c.id for c in later.bodies_created] == ["icb:Y"] and [c.id for c in later.bodies_ended] == ["ccg:X"]


def test_changes_refuse_a_window_that_runs_backwards(store) -> None:
    with pytest.raises(ValueError, match="before"):
        changes(store, "2015-01-01", "2014-01-01")


def test_below_a_post_that_did_not_exist_says_so(reference) -> None:
    # The Wessex area team's medical director: 2013-04-01 to 2018-03-31 (reference data).
    result = below(reference, "post:area-team:wessex/medical-director", as_of="2019-01-01")
    assert (result.exists, result.posts) == (False, [])
    assert result.reason == (
        "post:area-team:wessex/medical-director did not exist on 2019-01-01: it existed from 2013-04-01 to 2018-03-31"
    )


def test_after_2015_the_chain_is_not_known_for_the_period_not_broken() -> None:
    from govgraph.loaders import load_reference

    # reference/specialised_commissioning_posts.csv names a Regional Director of Specialised Commissioning
    # North (about 2016-19) but nobody says to whom the post reports; the Deputy Medical Director, the top
    # of 003 para 95's chain, is attested to 2015-03-31 (docs/dataset.md).
    los = line_of_sight(load_reference(), "post:region:north/director-of-specialised-commissioning", as_of="2017-06-01")
    assert BreakType.MISSING_LINK not in [b.type for b in los.breaks]
    assert los.not_known == [
        (
            "the line of sight from post:region:north/director-of-specialised-commissioning to "
            "post:org:nhs-england/deputy-medical-director is not known for this period: no source gives the chain after "
            "2015-03-31"
        )
    ]
    assert not los.complete
