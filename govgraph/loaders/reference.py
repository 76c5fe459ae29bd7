"""The built-in reference dataset: the structure of specialised commissioning governance.

Everything here comes from two places inside the package, and every node and edge cites
one of them:

* ``data/reference/*.csv``: public reference tables (ODS and ONS codes), copied with
  their ``PROVENANCE.md``; cited as ``reference/<file> row N``;
* ``data/builtin/*.csv``: facts read from the seed documents, one row each with its
  ``source`` (seed file and paragraph or section).

Seats follow the compositions the seeds give, and are created vacant: people are not
public, and a roster fills them (``govgraph.loaders.roster``). What the sources do not
give is absent rather than guessed; ``docs/dataset.md`` lists it.

Dates are the earliest and latest the sources attest; where a source gives only a month
or a year, ``docs/dataset.md`` says which day stands for it. Where no source gives an end,
``valid_to`` stays open and ``attested_to`` records the last day a source describes the
record; what a source only implies carries ``basis="inferred"``. Counts the sources give
without a list are kept as totals in the graph's metadata (``stated_totals``).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date, timedelta
from functools import cache
from importlib import resources
from typing import NamedTuple

from govgraph.graph.model import CRG, AreaTeam, Basis, Body, CRGModel, Edge, EdgeType, NodeKind, Post, Role, StatedTotal
from govgraph.graph.store import NetworkXStore
from govgraph.loaders._build import Batch, Origin, merge, new_store

__all__ = ["SEED_001", "SEED_002", "SEED_003", "SEED_004", "load_reference", "reference_batch", "stated_totals"]

SEED_001 = "001_7c6f17057a5b61aa.txt"
SEED_002 = "002_75039aa201210c3b.txt"
SEED_003 = "003_ba03cb94209cd063.txt"
SEED_004 = "004_a4fbe833b0da6a35.txt"

ESTABLISHED = date(2013, 4, 1)  # the NHS CB took on its duties (seed 003 para 1; seed 001 glossary)
COLLABORATIVE_START = date(2015, 4, 1)  # hubs' oversight groups and CCG representatives (seed 004 3.4, 3.5)
ICB_START = date(2022, 7, 1)  # ICBs replace CCGs (seed 002; reference/ccg_2021_to_icb_2022.csv)
CCGS_2021 = date(2021, 4, 1)
#: The 2013 model of ten contracting area teams (003 para 71) is not described after it.
LAT_MODEL_LAST_DAY = date(2015, 3, 31)
#: Seed 001 plans the structure "for implementation in 2013" (para 3): what only it
#: describes (the Portfolio Board, programme staff) is not known after 2013/14.
GUIDE_YEAR_LAST_DAY = date(2014, 3, 31)
#: Seed 004 describes 2015/16, "a development year" (sections 3.4, 4.1.2).
COLLABORATIVE_YEAR_LAST_DAY = date(2016, 3, 31)
REGIONAL_PROGRAMME_MANAGERS = 4  # seed 001 para 35

REGION_BY_ODS = {
    "Y54": "region:north",
    "Y55": "region:midlands-and-east",
    "Y56": "region:london",
    "Y57": "region:south",
    "Y58": "region:south-west",
    "Y59": "region:south-east",
    "Y60": "region:midlands",
    "Y61": "region:east-of-england",
    "Y62": "region:north-west",
    "Y63": "region:north-east-and-yorkshire",
}
REGIONS_2013 = ("region:north", "region:midlands-and-east", "region:south", "region:london")

#: The site-specific CRGs whose chairs form the Specialised Cancer CRG (seed 001 para 19).
SPECIALISED_CANCER_MEMBERS = (
    "UGI", "HPB", "SCS", "DMT", "TSY", "RTY", "CTY", "SCA", "CNS", "PET", "SIG", "URO", "BMT", "CSS", "CGS", "PCS",
)  # fmt: skip
LONDON_CLINICAL_SEATS = 3  # seed 001 para 24
PROFESSIONAL_ORGANISATION_SEATS = 4  # seed 001 para 34


def load_reference() -> NetworkXStore:
    """Build the reference dataset into a new store.

    >>> store = load_reference()
    >>> store.node("crg:CFS")["name"]
    'Cystic Fibrosis'
    """
    store = merge(new_store(), reference_batch())
    store.meta["stated_totals"] = [total.model_dump(mode="json", exclude_none=True) for total in stated_totals()]
    return store


@cache
def stated_totals() -> tuple[StatedTotal, ...]:
    """Counts the sources give without listing every member (``builtin/stated_totals.csv``):
    41 CRGs from April 2016, 38 from April 2023, some programmes' own counts, and the
    services and groupings of joint commissioning (002).

    >>> [(t.on.isoformat(), t.total) for t in stated_totals() if t.kind is NodeKind.CRG and t.of is None]
    [('2016-04-01', 41), ('2023-04-01', 38)]
    """
    return tuple(
        StatedTotal(kind=NodeKind(row["kind"]) if row["kind"] else None, what=row["what"], of=row["of"] or None, on=date.fromisoformat(row["on"]),
                    total=int(row["total"]), basis=_basis(row["basis"]), source=row["source"])
        for _, _, row in _builtin("stated_totals.csv")
    )  # fmt: skip


@cache
def _rows(path: str) -> tuple[tuple[int, dict[str, str]], ...]:
    """The rows of a packaged CSV with their 1-based line numbers (header is line 1)."""
    text = resources.files("govgraph").joinpath(f"data/{path}").read_text(encoding="utf-8")
    return tuple(enumerate(csv.DictReader(text.splitlines()), start=2))


def _d(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _basis(value: str) -> Basis | None:
    """A table's basis column: empty (stated), 'stated' or 'inferred'."""
    if value not in ("", "stated", "inferred"):
        raise ValueError(f"basis must be 'stated' or 'inferred', not {value!r}")
    return value or None  # type: ignore[return-value]


class _Builder:
    """Collects the reference records, remembering each node's dates so that an edge
    never outlives either end, nor is known for longer than either end is attested."""

    def __init__(self) -> None:
        self.batch = Batch(sources=["govgraph built-in reference dataset"])
        self.spans: dict[str, tuple[date | None, date | None]] = {}
        self.attested: dict[str, date | None] = {}

    def node(self, node: Body | AreaTeam | CRG | Post, file: str, row: int | None = None) -> None:
        self.spans[node.id] = (node.valid_from, node.valid_to)
        self.attested[node.id] = node.attested_to
        self.batch.add_node(node, Origin(file, row))

    def edge(
        self,
        type: EdgeType,
        from_id: str,
        to_id: str,
        source: str,
        *,
        valid_from: date | None = None,
        valid_to: date | None = None,
        attested_to: date | None = None,
        basis: Basis | None = None,
    ) -> None:
        if type is EdgeType.SUCCEEDED_BY:
            # A succession is dated by the day it happens, when the old body has just ended.
            start, end = valid_from, valid_to
            known = attested_to
        elif type is EdgeType.REPRESENTS:
            # A seat goes on speaking for its patch after the area is succeeded (a 2021
            # CCG's seat speaks for part of its ICB), so only the seat's own life bounds it.
            start, end = _overlap(self.spans[from_id], (valid_from, valid_to))
            known = _earliest(attested_to, self.attested[from_id])
        else:
            start, end = _overlap(self.spans[from_id], self.spans[to_id], (valid_from, valid_to))
            known = _earliest(attested_to, self.attested[from_id], self.attested[to_id])
        if start is not None and end is not None and end <= start:
            return  # the two never existed at the same time
        if known is not None and start is not None and known < start:
            raise ValueError(
                f"{type} {from_id} -> {to_id} starts {start}, after the last day its ends are attested ({known})"
            )
        edge = Edge(type=type, from_id=from_id, to_id=to_id, valid_from=start, valid_to=end,
                    attested_to=_unless_ended(known, end), basis=basis, source=source)  # fmt: skip
        self.batch.add_edge(edge, Origin(source))

    def post(
        self,
        id: str,
        name: str,
        role: Role,
        owner: str,
        source: str,
        *,
        single_holder: bool = True,
        valid_from: date | None = None,
        valid_to: date | None = None,
        attested_to: date | None = None,
        basis: Basis | None = None,
    ) -> None:
        """A seat of ``owner``, known no longer than its owner is."""
        start, end = _overlap(self.spans[owner], (valid_from, valid_to))
        if start is not None and end is not None and end <= start:
            return
        known = _unless_ended(_earliest(attested_to, self.attested[owner]), end)
        self.node(
            Post(id=id, name=name, role=role, single_holder=single_holder, valid_from=start, valid_to=end,
                 attested_to=known, basis=basis, source=source),
            source,
        )  # fmt: skip
        self.edge(EdgeType.POST_IN, id, owner, source)


def _earliest(*days: date | None) -> date | None:
    known = [d for d in days if d is not None]
    return min(known) if known else None


def _unless_ended(attested_to: date | None, valid_to: date | None) -> date | None:
    """``attested_to`` only where the record may run past it: a record that ends by the
    day after its last attested day is attested to its end."""
    if attested_to is None or (valid_to is not None and valid_to <= attested_to + timedelta(days=1)):
        return None
    return attested_to


def _overlap(*spans: tuple[date | None, date | None]) -> tuple[date | None, date | None]:
    starts = [s for s, _ in spans if s is not None]
    ends = [e for _, e in spans if e is not None]
    return (max(starts) if starts else None, min(ends) if ends else None)


def reference_batch() -> Batch:
    """The reference dataset as one batch of records, ready to merge into a store."""
    b = _Builder()
    _regions(b)
    _area_teams(b)
    _hubs(b)
    _senates(b)
    _ccgs_and_icbs(b)
    _portfolios_and_programmes(b)
    _crgs(b)
    _boards(b)
    _programme_staff(b)
    _clinical_leadership_forums(b)
    _line_of_sight(b)
    _posts_after_2015(b)
    return b.batch


def _builtin(name: str) -> Iterator[tuple[str, int, dict[str, str]]]:
    for line, row in _rows(f"builtin/{name}"):
        yield f"builtin/{name}", line, row


def _regions(b: _Builder) -> None:
    for file, line, row in _builtin("regions.csv"):
        b.node(
            Body(id=row["id"], kind=NodeKind.REGION, name=row["name"], code=row["code"],
                 valid_from=_d(row["valid_from"]), valid_to=_d(row["valid_to"]), source=row["source"]),
            file, line,
        )  # fmt: skip
    eauth = "reference/nhs_england_ods_eauth_regions_and_local_offices_2012_2018.csv"
    for successor in ("region:south-west", "region:south-east"):
        b.edge(EdgeType.SUCCEEDED_BY, "region:south", successor, f"{eauth} rows 23-25 (Y57 closed when Y58 and Y59 opened)",
               valid_from=date(2018, 4, 1))  # fmt: skip


def _area_teams(b: _Builder) -> None:
    for file, line, row in _builtin("area_teams.csv"):
        b.node(
            AreaTeam(id=row["id"], name=row["name"], code=row["code"] or None,
                     specialised_contracting=row["specialised_contracting"] == "yes",
                     valid_from=_d(row["valid_from"]), valid_to=_d(row["valid_to"]),
                     attested_to=_d(row["attested_to"]), source=row["source"]),
            file, line,
        )  # fmt: skip
        b.edge(EdgeType.PART_OF, row["id"], row["region"], row["source"])


def _hubs(b: _Builder) -> None:
    for file, line, row in _builtin("hubs.csv"):
        b.node(
            Body(
                id=row["id"],
                kind=NodeKind.HUB,
                name=row["name"],
                valid_from=_d(row["valid_from"]),
                attested_to=_d(row["attested_to"]),
                source=row["source"],
            ),
            file,
            line,
        )
        b.edge(EdgeType.PART_OF, row["id"], row["region"], row["source"])


def _senates(b: _Builder) -> None:
    rows = list(_builtin("senates.csv"))
    for file, line, row in rows:
        b.node(
            Body(id=row["id"], kind=NodeKind.SENATE, name=row["name"],
                 valid_from=_d(row["valid_from"]), valid_to=_d(row["valid_to"]), source=row["source"]),
            file, line,
        )  # fmt: skip
    for _, _, row in rows:
        if row["region"]:
            b.edge(EdgeType.PART_OF, row["id"], row["region"], row["source"])
        if row["succeeded_by"]:
            b.edge(EdgeType.SUCCEEDED_BY, row["id"], row["succeeded_by"], row["source"], valid_from=_d(row["valid_to"]))


def _ccgs_and_icbs(b: _Builder) -> None:
    to_icb = {row["ccg_ods_code"]: (line, row) for line, row in _rows("reference/ccg_2021_to_icb_2022.csv")}
    established = f"established 1 April 2013: {SEED_001} glossary (CCG)"
    codes_2015 = set()
    for line, row in _rows("reference/ccgs_2015.csv"):
        code = row["ccg_ods_code"]
        codes_2015.add(code)
        later = to_icb.get(code)
        # 13T was formed in April 2015 (reference/PROVENANCE.md); the others date from 2013.
        start = date(2015, 4, 1) if code == "13T" else ESTABLISHED
        end = ICB_START if later else CCGS_2021  # gone by April 2021; the day is not in the sources
        name_2015 = " ".join(row["ccg_name_ons"].split())
        source = f"reference/ccgs_2015.csv row {line}; {established if code != '13T' else 'formed April 2015: reference/PROVENANCE.md'}"
        renamed: dict[str, object] = {}
        if later:
            source += f"; reference/ccg_2021_to_icb_2022.csv row {later[0]}"
            if later[1]["ccg_name_2021"] != name_2015:
                # Names belong to periods: the 2015 name until the 2021 list attests the
                # new one (the day of the change is not in the sources).
                renamed = {"earlier_name": name_2015, "name_from": CCGS_2021}
        name = later[1]["ccg_name_2021"] if later else name_2015
        b.node(Body(id=f"ccg:{code}", kind=NodeKind.CCG, name=name, code=code, valid_from=start, valid_to=end, source=source,
                    **renamed),  # type: ignore[arg-type]
               "reference/ccgs_2015.csv", line)  # fmt: skip
    for code, (line, row) in to_icb.items():
        if code not in codes_2015:
            b.node(Body(id=f"ccg:{code}", kind=NodeKind.CCG, name=row["ccg_name_2021"], code=code,
                        valid_from=CCGS_2021, valid_to=ICB_START, source=f"reference/ccg_2021_to_icb_2022.csv row {line}"),
                   "reference/ccg_2021_to_icb_2022.csv", line)  # fmt: skip
    for file, line, row in _builtin("ccgs_2013_merged.csv"):
        b.node(Body(id=row["id"], kind=NodeKind.CCG, name=row["name"], valid_from=ESTABLISHED, valid_to=COLLABORATIVE_START,
                    source=row["source"]), file, line)  # fmt: skip
        b.edge(EdgeType.SUCCEEDED_BY, row["id"], row["succeeded_by"], row["source"], valid_from=COLLABORATIVE_START)
    for footprint in _footprints():
        b.edge(EdgeType.PART_OF, footprint.ccg, footprint.hub, footprint.source, basis=footprint.basis)
    for line, row in _rows("reference/icbs_2022.csv"):
        icb = f"icb:{row['icb_ods_code']}"
        source = f"reference/icbs_2022.csv row {line}; established July 2022: {SEED_002} 'How are specialised services commissioned?'"
        b.node(Body(id=icb, kind=NodeKind.ICB, name=row["icb_name"], code=row["icb_ods_code"], valid_from=ICB_START, source=source),
               "reference/icbs_2022.csv", line)  # fmt: skip
        b.edge(EdgeType.PART_OF, icb, REGION_BY_ODS[row["region_ods_code"]], source)
    for code, (line, row) in to_icb.items():
        b.edge(EdgeType.SUCCEEDED_BY, f"ccg:{code}", f"icb:{row['icb_ods_code']}", f"reference/ccg_2021_to_icb_2022.csv row {line}",
               valid_from=ICB_START)  # fmt: skip


class _Footprint(NamedTuple):
    ccg: str
    hub: str
    source: str
    basis: Basis | None = None


@cache
def _footprints() -> tuple[_Footprint, ...]:
    """Which hub each CCG is in, as 004 Appendix 2 gives it (March 2015), including the
    three CCGs that merged in April 2015; their successor, which Appendix 2 does not name,
    is placed in their hub by inference only."""
    found = [
        _Footprint(f"ccg:{row['ccg_ods_code']}", f"hub:{row['hub']}", f"{SEED_004} Appendix 2 line {row['seed_line']} ('{row['name_in_seed']}')")
        for _, _, row in _builtin("ccg_hubs_2015.csv")
    ]  # fmt: skip
    hubs_of_successor: dict[str, set[str]] = {}
    for _, _, row in _builtin("ccgs_2013_merged.csv"):
        found.append(
            _Footprint(
                row["id"],
                f"hub:{row['hub']}",
                f"{SEED_004} Appendix 2 line {row['seed_line']} ('{row['name_in_seed']}')",
            )
        )
        hubs_of_successor.setdefault(row["succeeded_by"], set()).add(f"hub:{row['hub']}")
    for successor, hubs in hubs_of_successor.items():
        if len(hubs) == 1:
            why = f"inferred: every CCG it was formed from is in this hub in {SEED_004} Appendix 2, which does not name it"
            found.append(_Footprint(successor, hubs.pop(), why, "inferred"))
    return tuple(found)


def _portfolios_and_programmes(b: _Builder) -> None:
    for file, line, row in _builtin("portfolios.csv"):
        b.node(Body(id=row["id"], kind=NodeKind.PORTFOLIO, name=row["name"], valid_from=_d(row["valid_from"]), source=row["source"]),
               file, line)  # fmt: skip
    rows = list(_builtin("programmes.csv"))
    for file, line, row in rows:
        b.node(Body(id=row["id"], kind=NodeKind.PROGRAMME, name=row["name"], valid_from=_d(row["valid_from"]),
                    valid_to=_d(row["valid_to"]), source=row["source"]), file, line)  # fmt: skip
    for _, _, row in rows:
        if row["portfolio"]:
            b.edge(EdgeType.PART_OF, row["id"], row["portfolio"], row["source"], basis=_basis(row["portfolio_basis"]))
        for successor in filter(None, row["succeeded_by"].split(";")):
            b.edge(EdgeType.SUCCEEDED_BY, row["id"], successor, row["source"], valid_from=_d(row["valid_to"]))


def _crgs(b: _Builder) -> None:
    for file, line, row in _builtin("crgs.csv"):
        crg = CRG(id=row["id"], code=row["code"], name=row["name"], new_in_2013=row["new_in_2013"] == "yes",
                  valid_from=_d(row["valid_from"]), valid_to=_d(row["valid_to"]), source=row["source"])  # fmt: skip
        b.node(crg, file, line)
        b.edge(EdgeType.PART_OF, crg.id, row["programme"], row["source"])
        if crg.code != "SCR":
            _crg_2013_seats(b, crg.id)
    _specialised_cancer_seats(b, "crg:SCR")  # after the CRGs whose chairs it is made of
    for _, _, row in _builtin("crg_programmes_2015.csv"):
        b.edge(EdgeType.PART_OF, row["crg"], row["programme"], row["source"], valid_from=_d(row["valid_from"]),
               basis=_basis(row["basis"]))  # fmt: skip
    _crgs_after_2016(b)


def _crgs_after_2016(b: _Builder) -> None:
    """The CRGs after the 2016 reorganisation, as far as the reference tables name them
    (``reference/crgs_after_2016_partial.csv``; ``builtin/crgs_after_2016.csv`` records,
    row by row, the dates, programme and model each reference row supports).

    A CRG's ``basis`` is that of its start: ``stated`` only where a source dates it
    (HL8565, for the Cancer programme), ``inferred`` otherwise. ``attested_to`` is the end
    of the period of the latest page or answer that shows it; ``model_from`` that of the
    first page that states its model. Only the 2013 CRGs a source says it took over are
    SUCCEEDED_BY edges (a trailing ``?`` marks one taken by name, ``inferred``); merges
    inferred from names alone stay in the reference table and out of the graph.
    """
    for file, line, row in _builtin("crgs_after_2016.csv"):
        cited = f"reference/crgs_after_2016_partial.csv row {row['reference_row']}; " if row["reference_row"] else ""
        source = cited + row["why"]
        crg = CRG(id=row["id"], code=row["code"] or None, name=row["name"], model=CRGModel(row["model"]) if row["model"] else None,
                  model_from=_d(row["model_from"]), valid_from=_d(row["valid_from"]), attested_to=_d(row["attested_to"]),
                  basis=_basis(row["basis"]), source=source)  # fmt: skip
        b.node(crg, file, line)
        if row["programme"]:
            b.edge(EdgeType.PART_OF, crg.id, row["programme"], source, basis=_basis(row["programme_basis"]))
        for code in filter(None, row["succeeds"].split(";")):
            basis: Basis | None = "inferred" if code.endswith("?") else None
            b.edge(
                EdgeType.SUCCEEDED_BY, f"crg:{code.rstrip('?')}", crg.id, source, valid_from=crg.valid_from, basis=basis
            )


def _crg_2013_seats(b: _Builder, crg: str) -> None:
    """The membership of a 2013 CRG (seed 001 paras 20-39), from 2015 with a CCG
    representative for each region (seed 004 section 3.5)."""
    b.post(f"post:{crg}/chair", "Clinical Chair", Role.CHAIR, crg, f"{SEED_001} paras 20 and 39")
    for senate, name in _senates_2013():
        seats = LONDON_CLINICAL_SEATS if senate == "senate:london" else 1
        for n in range(1, seats + 1):
            slug = senate.removeprefix("senate:")
            id = f"post:{crg}/senate-{slug}" + (f"-{n}" if seats > 1 else "")
            b.post(id, f"Clinical member for {name}" + (f" ({n} of {seats})" if seats > 1 else ""), Role.CLINICAL_MEMBER, crg,
                   f"{SEED_001} paras 23-24 and 39")  # fmt: skip
            b.edge(EdgeType.REPRESENTS, id, senate, f"{SEED_001} paras 23-24 and 39")
    b.post(
        f"post:{crg}/ppv",
        "Patient or carer experience members",
        Role.PPV,
        crg,
        f"{SEED_001} paras 29-33 and 39",
        single_holder=False,
    )
    for n in range(1, PROFESSIONAL_ORGANISATION_SEATS + 1):
        b.post(f"post:{crg}/professional-organisation-{n}", f"Professional organisation member {n}", Role.PROFESSIONAL_ORGANISATION,
               crg, f"{SEED_001} paras 34 and 39")  # fmt: skip
    b.post(f"post:{crg}/accountable-commissioner", "Accountable Commissioner", Role.ACCOUNTABLE_COMMISSIONER, crg,
           f"{SEED_001} paras 35 and 39")  # fmt: skip
    b.post(f"post:{crg}/collaborating-commissioner", "Collaborating Commissioners", Role.COLLABORATING_COMMISSIONER, crg,
           f"{SEED_001} paras 36-37 and 39", single_holder=False)  # fmt: skip
    for region in REGIONS_2013:
        id = f"post:{crg}/ccg-representative-{region.removeprefix('region:')}"
        b.post(
            id,
            "CCG representative",
            Role.CCG_REPRESENTATIVE,
            crg,
            f"{SEED_004} section 3.5",
            valid_from=COLLABORATIVE_START,
        )
        if id in b.spans:
            b.edge(EdgeType.REPRESENTS, id, region, f"{SEED_004} section 3.5")


def _specialised_cancer_seats(b: _Builder, crg: str) -> None:
    """The Specialised Cancer CRG is formed from the chairs of site-specific CRGs (seed 001
    para 19); the paragraph gives it no chair of its own, so none is made."""
    for code in SPECIALISED_CANCER_MEMBERS:
        id = f"post:{crg}/chair-of-{code}"
        b.post(id, f"Chair of the {code} CRG (ex officio)", Role.MEMBER, crg, f"{SEED_001} para 19")
        b.edge(EdgeType.EX_OFFICIO, id, f"post:crg:{code}/chair", f"{SEED_001} para 19")


@cache
def _senates_2013() -> tuple[tuple[str, str], ...]:
    return tuple((row["id"], row["name"]) for _, _, row in _builtin("senates.csv") if row["valid_from"] == "2013-04-01")


def _boards(b: _Builder) -> None:
    rows = list(_builtin("boards.csv"))
    for file, line, row in rows:
        b.node(Body(id=row["id"], kind=NodeKind.BOARD, name=row["name"], valid_from=_d(row["valid_from"]),
                    valid_to=_d(row["valid_to"]), attested_to=_d(row["attested_to"]), source=row["source"]), file, line)  # fmt: skip
    for _, _, row in rows:
        if row["part_of"]:
            b.edge(EdgeType.PART_OF, row["id"], row["part_of"], row["source"])
        if row["accountable_to"]:
            b.edge(EdgeType.ACCOUNTABLE_TO, row["id"], row["accountable_to"], row["source"])
    for _, _, row in _builtin("crgs.csv"):
        board = f"board:poc-{row['programme'].removeprefix('programme:')}"
        b.edge(
            EdgeType.ACCOUNTABLE_TO, row["id"], board, f"{SEED_001} para 21 (reports through a Programme of Care Board)"
        )
    for _, _, row in _builtin("crg_programmes_2015.csv"):
        board = f"board:poc-{row['programme'].removeprefix('programme:')}"
        b.edge(EdgeType.ACCOUNTABLE_TO, row["crg"], board, row["source"], valid_from=_d(row["valid_from"]),
               basis=_basis(row["basis"]))  # fmt: skip
    for file, line, row in _builtin("board_seats.csv"):
        count = int(row["count"])
        for n in range(1, count + 1):
            id = f"post:{row['board']}/{row['slug']}" + (f"-{n}" if count > 1 else "")
            b.post(id, row["name"] + (f" {n}" if count > 1 else ""), Role(row["role"]), row["board"], row["source"],
                   single_holder=row["single_holder"] == "yes", valid_from=_d(row["valid_from"]),
                   valid_to=_d(row["valid_to"]), attested_to=_d(row["attested_to"]))  # fmt: skip
            if row["ex_officio_of"] and id in b.spans:
                b.edge(EdgeType.EX_OFFICIO, id, row["ex_officio_of"], row["source"])
    for footprint in _footprints():
        board = footprint.hub.replace("hub:", "board:oversight-")
        id = f"post:{board}/{footprint.ccg.replace(':', '-')}"
        source = f"{SEED_004} section 3.4.1; footprint: {footprint.source}"
        ccg_from, ccg_to = b.spans[footprint.ccg]
        if ccg_to is not None and ccg_to <= COLLABORATIVE_START:
            continue  # merged before the groups began (the CCGs of Newcastle and Gateshead)
        # A seat may outlive its CCG: it goes on speaking for that part of the ICB.
        b.post(id, "CCG member (joins, or is represented by another CCG)", Role.CCG_REPRESENTATIVE, board, source,
               valid_from=ccg_from, basis=footprint.basis)  # fmt: skip
        if id in b.spans:
            b.edge(EdgeType.REPRESENTS, id, footprint.ccg, source, basis=footprint.basis)


def _programme_staff(b: _Builder) -> None:
    """The staff of each 2013 Programme of Care (seed 001 para 35): two National Directors
    and four Regional Programme Managers; for Mental Health two National Directors and a
    service specialist in each of the ten specialised area teams (who form its National
    Programme Board, para 51). Which region each manager covers is not given."""
    source = f"{SEED_001} paras 35 and 50"
    for _, _, row in _builtin("programmes.csv"):
        programme = row["id"]
        if _d(row["valid_from"]) != ESTABLISHED:
            continue  # the programmes of 2015: 004 gives no staffing
        for n in (1, 2):
            b.post(f"post:{programme}/national-director-{n}", f"National Director {n}", Role.DIRECTOR, programme, source,
                   attested_to=GUIDE_YEAR_LAST_DAY)  # fmt: skip
        if programme == "programme:mental-health":
            continue
        for n in range(1, REGIONAL_PROGRAMME_MANAGERS + 1):
            b.post(f"post:{programme}/regional-programme-manager-{n}", f"Regional Programme Manager {n}", Role.MEMBER,
                   programme, source, attested_to=GUIDE_YEAR_LAST_DAY)  # fmt: skip
    # Para 51 says these ten form the Mental Health programme board; they are kept as the
    # programme's staff, as no source gives the board's other seats after 2013/14.
    programme, source = "programme:mental-health", f"{SEED_001} paras 35 and 51"
    for _, _, row in _builtin("area_teams.csv"):
        if row["specialised_contracting"] == "yes":
            id = f"post:{programme}/service-specialist-{row['id'].removeprefix('area-team:')}"
            b.post(id, f"Service specialist, {row['name']}", Role.MEMBER, programme, source, valid_from=ESTABLISHED,
                   valid_to=_d(row["valid_to"]), attested_to=GUIDE_YEAR_LAST_DAY)  # fmt: skip
            b.edge(EdgeType.REPRESENTS, id, row["id"], source)


def _clinical_leadership_forums(b: _Builder) -> None:
    """Local clinical leadership forums "based around the twelve senate footprints"
    (seed 004 section 3.5), one for each Senate of 2015. They advise the oversight groups;
    no source says to whom they answer, so they have no edges."""
    source = f"{SEED_004} section 3.5"
    for senate, name in _senates_2013():
        b.node(Body(id=f"board:clinical-leadership-forum-{senate.removeprefix('senate:')}", kind=NodeKind.BOARD,
                    name=f"Clinical leadership forum ({name.removesuffix(' Clinical Senate')} senate footprint)",
                    valid_from=COLLABORATIVE_START, attested_to=COLLABORATIVE_YEAR_LAST_DAY, source=source), source)  # fmt: skip


def _line_of_sight(b: _Builder) -> None:
    """Deputy Medical Director - NCD Specialised Services - Regional Medical Director -
    Area Team Medical Director (seed 003 para 95; seed 001 para 4). Provider medical
    directors come from rosters.

    Only the 2013 operating model (003) describes this chain; by March 2015 hubs
    commission specialised services (004 section 2.1), and no source gives the chain
    after that, so every post of it is not known after 2015-03-31 (those of the eight
    area teams that end on 2015-04-01 simply end)."""
    source = f"{SEED_003} para 95; {SEED_001} para 4"
    known = LAT_MODEL_LAST_DAY
    nhse = "org:nhs-england"
    b.node(Body(id=nhse, kind=NodeKind.ORGANISATION, name="NHS England (NHS Commissioning Board)", valid_from=date(2012, 10, 1),
                source=f"{SEED_001} glossary (NHS CB established October 2012)"), SEED_001)  # fmt: skip
    dmd = f"post:{nhse}/deputy-medical-director"
    ncd = f"post:{nhse}/national-clinical-director-specialised-services"
    b.post(dmd, "Deputy Medical Director", Role.DIRECTOR, nhse, source, valid_from=ESTABLISHED, attested_to=known)
    b.post(ncd, "National Clinical Director for Specialised Services", Role.DIRECTOR, nhse, source,
           valid_from=ESTABLISHED, attested_to=known)  # fmt: skip
    b.edge(EdgeType.REPORTS_TO, ncd, dmd, source)
    for region in REGIONS_2013:
        post = f"post:{region}/medical-director"
        b.post(post, "Regional Medical Director", Role.MEDICAL_DIRECTOR, region, source, valid_from=ESTABLISHED,
               attested_to=known)  # fmt: skip
        b.edge(EdgeType.REPORTS_TO, post, ncd, source)
    for _, _, row in _builtin("area_teams.csv"):
        if row["specialised_contracting"] == "yes":
            post = f"post:{row['id']}/medical-director"
            b.post(post, "Area Team (Specialised Services) Medical Director", Role.MEDICAL_DIRECTOR, row["id"],
                   f"{source}; {SEED_003} para 71", valid_from=ESTABLISHED, attested_to=known)  # fmt: skip
            b.edge(EdgeType.REPORTS_TO, post, f"post:{row['region']}/medical-director", source)


def _posts_after_2015(b: _Builder) -> None:
    """National and regional posts that public material names after the area teams
    (``reference/specialised_commissioning_posts.csv``), each dated by the period of its
    source, all ``inferred``. No source says whom they report to, so they have no
    REPORTS_TO edges: the line of sight after March 2015 is not known."""
    for file, line, row in _builtin("posts_after_2015.csv"):
        source = f"reference/specialised_commissioning_posts.csv row {row['reference_row']}; {row['why']}"
        start, owner = _d(row["valid_from"]), row["owner"]
        b.node(Post(id=row["id"], name=row["name"], role=Role(row["role"]), valid_from=start,
                    valid_to=b.spans[owner][1], attested_to=_unless_ended(_d(row["attested_to"]), b.spans[owner][1]),
                    basis="inferred", source=source), file, line)  # fmt: skip
        b.edge(EdgeType.POST_IN, row["id"], owner, source)
