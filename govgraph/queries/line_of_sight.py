"""The clinical line of sight: the chain of REPORTS_TO from a post up to the top, and
everyone below a post.

Terms
    A **link** is one post in the chain with whoever fills it on the day (see
    ``govgraph.queries._seats`` for filled, acting and ex officio).
    The **top** is the Deputy Medical Director: seed 003 para 95 gives the chain
    Deputy Medical Director - National Clinical Director for Specialised Services -
    Regional Medical Director - Area Team Medical Director - Provider Medical Director
    (seed 001 para 4 names it from the NCD down). A chain started at the top is complete.
    The chain is **complete** when it reaches the target post (by default the top) with
    no break on the way.
    A **break** is typed:

    ``vacant``        a post in the chain that nobody fills; the chain goes on through it,
                      because the structure is there, but nobody carries the advice;
    ``missing_link``  a post below the target with no superior at all, while the target is
                      attested (a post reporting to no one past the target's
                      ``attested_to`` is "not known for this period" instead: no source
                      gives the chain then, as after the area teams of 2015);
    ``ended_link``    a post whose link upward has ended by the day (or whose superior has);
    ``ended_post``    the starting post does not exist on the day (before it began or after
                      it ended). That is the one fact reported: the chain is not followed,
                      and the message gives the post's lifespan;
    ``cycle``         the chain returns to a post already in it.

A post or link past its ``attested_to`` (the last day a source describes it) is listed in
``LineOfSight.not_known``, and the chain is then not called complete: no source says it
still runs that way.

A broken line of sight is an answer, not an error: ``LineOfSight.breaks`` lists them.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any

from pydantic import Field

from govgraph.graph.model import EdgeType, NodeKind, Record
from govgraph.graph.store import GraphStore
from govgraph.graph.timeline import active, attested, lifespan, not_known, parse_date
from govgraph.queries._day import DayIndex
from govgraph.queries._seats import Holder, holders

__all__ = [
    "DEPUTY_MEDICAL_DIRECTOR",
    "NATIONAL_CLINICAL_DIRECTOR",
    "Below",
    "BelowPost",
    "Break",
    "BreakType",
    "LineOfSight",
    "Link",
    "below",
    "line_of_sight",
]

NATIONAL_CLINICAL_DIRECTOR = "post:org:nhs-england/national-clinical-director-specialised-services"
#: The top of the line of sight (seed 003 para 95).
DEPUTY_MEDICAL_DIRECTOR = "post:org:nhs-england/deputy-medical-director"


class BreakType(StrEnum):
    VACANT = "vacant"
    MISSING_LINK = "missing_link"
    ENDED_LINK = "ended_link"
    ENDED_POST = "ended_post"
    CYCLE = "cycle"


class Link(Record):
    post_id: str = Field(description="The post at this step of the chain.")
    name: str = Field(description="The post's name.")
    org_id: str | None = Field(description="The body the post is a seat of; null for a post of no body.")
    org_name: str | None = Field(description="The name of that body.")
    holders: list[Holder] = Field(description="Who holds the post on as_of; empty when it is vacant.")

    @property
    def vacant(self) -> bool:
        return not self.holders


class Break(Record):
    type: BreakType = Field(description="What is wrong: vacant, missing_link, ended_link, ended_post or cycle.")
    post_id: str = Field(description="The post where the chain breaks.")
    message: str = Field(description="What is wrong, for people.")


class LineOfSight(Record):
    start: str = Field(description="The post or person asked about.")
    as_of: date = Field(description="The day the chain is followed on.")
    target: str = Field(description="The post every chain should reach: the Deputy Medical Director.")
    chains: list[list[Link]] = Field(description="One chain per starting post (a person may hold several).")
    breaks: list[Break] = Field(description="Every break found in any chain.")
    not_known: list[str] = Field(
        default_factory=list, description="Posts and links of the chain no source describes on as_of."
    )
    complete: bool = Field(description="Every chain reaches the target with no break, on data attested for the day.")

    def rows(self) -> list[dict[str, Any]]:
        """One row per link of each chain, with the breaks found at that post."""
        at = {}
        for b in self.breaks:
            at.setdefault(b.post_id, []).append(b.type.value)
        return [
            {"chain": n, "step": step, "post": link.post_id, "name": link.name, "body": link.org_name,
             "held by": ", ".join(h.name + (" (acting)" if h.acting else "") for h in link.holders),
             "breaks": " ".join(at.get(link.post_id, []))}
            for n, chain in enumerate(self.chains, start=1)
            for step, link in enumerate(chain, start=1)
        ]  # fmt: skip


class BelowPost(Record):
    post_id: str = Field(description="A post below the asked post.")
    name: str = Field(description="The post's name.")
    depth: int = Field(description="1 for posts reporting directly to the asked post.")
    reports_to: str = Field(description="The post it reports to directly.")
    holders: list[Holder] = Field(description="Who holds it on as_of; empty when it is vacant.")


class Below(Record):
    post_id: str = Field(description="The post asked about.")
    as_of: date = Field(description="The day the reporting lines are followed on.")
    exists: bool = Field(description="Whether the post exists on as_of; when it does not, nothing is below it.")
    reason: str | None = Field(default=None, description="When the post does not exist on as_of: its lifespan.")
    posts: list[BelowPost] = Field(description="Every post reporting to it, directly or through others, nearest first.")

    def rows(self) -> list[dict[str, Any]]:
        return [
            {"post": p.post_id, "name": p.name, "depth": p.depth, "reports to": p.reports_to,
             "held by": ", ".join(h.name for h in p.holders)}
            for p in self.posts
        ]  # fmt: skip


def line_of_sight(
    store: GraphStore, start: str, *, as_of: str | date | None = None, target: str = DEPUTY_MEDICAL_DIRECTOR
) -> LineOfSight:
    """The chain of accountable posts from ``start`` (a post, or a person's posts) upwards.

    >>> from govgraph.loaders import load_reference
    >>> store = load_reference()
    >>> los = line_of_sight(store, "post:area-team:wessex/medical-director", as_of="2014-01-01")
    >>> [link.post_id.split("/")[-1] for link in los.chains[0]]
    ['medical-director', 'medical-director', 'national-clinical-director-specialised-services', 'deputy-medical-director']
    >>> sorted({b.type.value for b in los.breaks})   # nobody holds the posts without a roster
    ['vacant']
    >>> [b.message for b in line_of_sight(store, "post:area-team:wessex/medical-director", as_of="2012-01-01").breaks]
    ['post:area-team:wessex/medical-director did not exist on 2012-01-01: it existed from 2013-04-01 to 2018-03-31']
    """
    day = parse_date(as_of)
    node = store.node(start)
    store.node(target)
    if node["kind"] == NodeKind.PERSON:
        posts = sorted({e.to_id for e in store.out_edges(start, EdgeType.HOLDS, as_of=day)})
    else:
        posts = [start]
    chains, breaks, unknown = [], [], []
    index = DayIndex(store, day)  # every link's holders from the day's tables
    for post in posts:
        chain, found, unsure = _chain(store, index, post, day, target)
        chains.append(chain)
        breaks += found
        unknown += [note for note in unsure if note not in unknown]
    reached = bool(chains) and all(any(link.post_id == target for link in chain) for chain in chains)
    return LineOfSight(start=start, as_of=day, target=target, chains=chains, breaks=breaks, not_known=unknown,
                       complete=reached and not breaks and not unknown)  # fmt: skip


def _chain(
    store: GraphStore, index: DayIndex, post_id: str, day: str, target: str
) -> tuple[list[Link], list[Break], list[str]]:
    chain: list[Link] = []
    breaks: list[Break] = []
    unknown: list[str] = []
    post = store.node(post_id)
    if not active(post, day):  # one fact: following links that do not exist on the day says nothing more
        return chain, [Break(type=BreakType.ENDED_POST, post_id=post_id, message=lifespan(post, day))], unknown
    seen: set[str] = set()
    current: str | None = post_id
    while current is not None:
        if current in seen:
            breaks.append(Break(type=BreakType.CYCLE, post_id=current, message=f"the chain returns to {current}"))
            break
        seen.add(current)
        link = _link(store, index, current)
        chain.append(link)
        if note := not_known(current, store.node(current), day):
            unknown.append(note)
        if link.vacant:
            breaks.append(
                Break(type=BreakType.VACANT, post_id=current, message=f"{link.name} ({current}) is vacant on {day}")
            )
        if current == target:
            break
        superiors = sorted(
            (e for e in store.out_edges(current, EdgeType.REPORTS_TO, as_of=day) if active(store.node(e.to_id), day)),
            key=lambda e: e.to_id,
        )
        if superiors:
            up = superiors[0]
            if note := not_known(f"{up.from_id} -REPORTS_TO-> {up.to_id}", up.attrs, day):
                unknown.append(note)
            current = up.to_id
            continue
        if any(True for _ in store.out_edges(current, EdgeType.REPORTS_TO)):
            breaks.append(Break(type=BreakType.ENDED_LINK, post_id=current,
                                message=f"{current} no longer reports to anyone on {day}"))  # fmt: skip
        elif target not in seen and not attested(target_node := store.node(target), day):
            # No source gives the chain to the target for this period (after the area teams of
            # 2015 and the regions of 2019 no source says who reports to whom): not a break.
            unknown.append(f"the line of sight from {current} to {target} is not known for this period: no source "
                           f"gives the chain after {target_node['attested_to']}")  # fmt: skip
        elif target not in seen:
            breaks.append(Break(type=BreakType.MISSING_LINK, post_id=current,
                                message=f"{current} reports to no one, so the chain stops short of {target}"))  # fmt: skip
        current = None
    return chain, breaks, unknown


def _link(store: GraphStore, index: DayIndex, post_id: str) -> Link:
    post = store.node(post_id)
    orgs = sorted(e.to_id for e in store.out_edges(post_id, EdgeType.POST_IN))
    org = orgs[0] if orgs else None
    return Link(post_id=post_id, name=post["name"], org_id=org, org_name=store.node(org)["name"] if org else None,
                holders=holders(store, post_id, index.day, index=index))  # fmt: skip


def below(store: GraphStore, post_id: str, *, as_of: str | date | None = None) -> Below:
    """Every post that reports, directly or through others, to ``post_id`` on the day.

    >>> from govgraph.loaders import load_reference
    >>> len(below(load_reference(), "post:region:south/medical-director", as_of="2014-01-01").posts)
    3
    """
    day = parse_date(as_of)
    post = store.node(post_id)
    if not active(post, day):
        return Below(post_id=post_id, as_of=day, exists=False, reason=lifespan(post, day), posts=[])
    found: list[BelowPost] = []
    index = DayIndex(store, day)  # every post's holders from the day's tables
    seen = {post_id}
    frontier = [(post_id, 0)]
    while frontier:
        current, depth = frontier.pop(0)
        for edge in sorted(store.in_edges(current, EdgeType.REPORTS_TO, as_of=day), key=lambda e: e.from_id):
            if edge.from_id in seen or not active(store.node(edge.from_id), day):
                continue
            seen.add(edge.from_id)
            found.append(BelowPost(post_id=edge.from_id, name=store.node(edge.from_id)["name"], depth=depth + 1,
                                   reports_to=current, holders=holders(store, edge.from_id, day, index=index)))  # fmt: skip
            frontier.append((edge.from_id, depth + 1))
    return Below(post_id=post_id, as_of=day, exists=True, posts=found)
