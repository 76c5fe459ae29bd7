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


def test_a_post_that_has_ended_and_its_ended_link(reference) -> None:
    # The Wessex area team (and its medical director's post) closed on 2018-04-01.
    ended = line_of_sight(reference, "post:area-team:wessex/medical-director", as_of="2018-06-01")
    assert [b.type for b in ended.breaks][:1] == [BreakType.ENDED_POST]
    assert BreakType.ENDED_LINK in [b.type for b in ended.breaks]


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
