"""The whole graph's seat tables as arrays, and one day of them as masks.

What a rule over every body or a coverage matrix asks (which seats count on the day,
which are filled, which areas each speaks for) is answered here with a few array
operations over every seat at once, instead of a walk per body: set-at-a-time, as a
database answers it. The arrays are built once from the ``SeatTables``
(``govgraph.queries._day``) and kept with them, so they live exactly as long as the
graph they describe is unchanged.

Rows are the tables' rows: a **seat** row per POST_IN edge whose post and edge can count
on the same day, a **speaks** row per REPRESENTS edge, a **holding** row per HOLDS edge,
a **follows** row per EX_OFFICIO edge. Two joins are kept ready: seat x speaks (the areas
each seat row speaks for) and seat x holding (who holds each seat row). Days are numbers
``yyyymmdd``: an open start is 0 and an open end sorts after every day.

What the arrays leave out, a body's seats read one by one answer (``DayIndex``): a body
with a record that carries ``attested_to`` or ``basis: inferred`` (whose verdicts depend
on which records they rest on) is marked ``flagged``, and one with an ex officio seat
(whose members are another seat's holders, which the arrays do not name) ``ex_officio``;
the rule evaluation reads them the slow way where it matters.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from weakref import WeakKeyDictionary

import numpy as np
from numpy.typing import NDArray

from govgraph.graph.store import GraphStore
from govgraph.queries._day import MAX_EX_OFFICIO_HOPS, DayIndex, SeatTables

__all__ = ["DayColumns", "SeatColumns", "day_columns", "day_number", "prepare"]

Ints = NDArray[np.int64]
Bools = NDArray[np.bool_]

_OPEN_START, _OPEN_END = 0, 100_000_000  # before and after every yyyymmdd


def day_number(iso: str) -> int:
    """A day as the number ``yyyymmdd``, which orders as the ISO text does; the tables'
    open bounds ("" and a string after every date) become 0 and 100,000,000.

    >>> day_number("2014-06-01"), day_number(""), day_number("\\uffff")
    (20140601, 0, 100000000)
    """
    if not iso:
        return _OPEN_START
    if iso[0] == "\uffff":
        return _OPEN_END
    return int(iso[0:4] + iso[5:7] + iso[8:10])


class _Ids:
    """Ids numbered in the order first seen: the arrays hold the numbers."""

    def __init__(self) -> None:
        self.number: dict[str, int] = {}
        self.ids: list[str] = []

    def __call__(self, id: str) -> int:
        found = self.number.get(id)
        if found is None:
            found = self.number[id] = len(self.ids)
            self.ids.append(id)
        return found


def _following(tables: SeatTables, posts: set[str]) -> set[str]:
    """The posts that follow one of ``posts`` ex officio, directly or through others, on any day."""
    found: set[str] = set()
    grew = True
    while grew:
        grew = False
        for post_id, rows in tables.follows.items():
            if post_id not in found and any(followed in posts or followed in found for _, _, followed, _ in rows):
                found.add(post_id)
                grew = True
    return found


def _columns(rows: Sequence[tuple[int, ...]], width: int) -> list[Ints]:
    """Rows of ``width`` numbers as one array per column."""
    return list(np.array(rows, dtype=np.int64).reshape(-1, width).T)


def _join(seat_post: Ints, posts: int, rows_of: dict[int, tuple[int, int]]) -> tuple[Ints, Ints]:
    """Each seat row with each row of another table about its post, as two arrays of row
    numbers: ``rows_of`` gives, by post number, where that post's rows start and how many."""
    first, count = np.zeros(posts, dtype=np.int64), np.zeros(posts, dtype=np.int64)
    if rows_of:
        numbers = np.fromiter(rows_of, dtype=np.int64, count=len(rows_of))
        first[numbers], count[numbers] = np.array(list(rows_of.values()), dtype=np.int64).reshape(-1, 2).T
    counts = count[seat_post]
    seats = np.repeat(np.arange(len(seat_post), dtype=np.int64), counts)
    offsets = np.arange(len(seats), dtype=np.int64) - np.repeat(np.cumsum(counts) - counts, counts)
    return seats, np.repeat(first[seat_post], counts) + offsets


class SeatColumns:
    """Every seat, holding, area spoken for and ex officio link of a graph, as arrays.

    Built from ``SeatTables`` with ``of`` and kept with them, so a change to the graph,
    which builds new tables, builds new columns.
    """

    def __init__(self, tables: SeatTables) -> None:
        self.bodies, self.posts, self.people, self.targets, self.roles = _Ids(), _Ids(), _Ids(), _Ids(), _Ids()
        days: dict[str, int] = {}

        def number(iso: str) -> int:
            found = days.get(iso)
            if found is None:
                found = days[iso] = day_number(iso)
            return found

        flagged_posts: set[str] = set()
        # Each table's rows of one post are contiguous: where they start and how many, by post.
        speak: list[tuple[int, int, int, int]] = []  # post, target, start, end
        speaks: dict[int, tuple[int, int]] = {}
        for post_id, rows in tables.speaks.items():
            post = self.posts(post_id)
            speaks[post] = (len(speak), len(rows))
            speak += [(post, self.targets(target), number(start), number(end)) for start, end, target, _ in rows]
            if any(flagged for *_, flagged in rows):
                flagged_posts.add(post_id)
        hold: list[tuple[int, int, int, int]] = []  # post, person, start, end
        held: dict[int, tuple[int, int]] = {}
        for post_id, rows in tables.held.items():
            post = self.posts(post_id)
            held[post] = (len(hold), len(rows))
            hold += [
                (post, self.people(holder.person_id), number(start), number(end)) for start, end, holder, _ in rows
            ]
            if any(flagged for *_, flagged in rows):
                flagged_posts.add(post_id)
        follow: list[tuple[int, int, int, int]] = []  # post, followed post, start, end
        for post_id, rows in tables.follows.items():
            post = self.posts(post_id)
            follow += [(post, self.posts(followed), number(start), number(end)) for start, end, followed, _ in rows]
            if any(flagged for *_, flagged in rows):
                flagged_posts.add(post_id)
        flagged_posts |= _following(tables, flagged_posts)
        seat: list[tuple[int, int, int, int, int]] = []  # body, post, role, start, end
        flagged_bodies, ex_officio_bodies = set(), set()
        for body_id, rows in tables.seats.items():
            body = self.bodies(body_id)
            for start, end, (post_id, _, role), flagged in rows:
                seat.append((body, self.posts(post_id), self.roles(role), number(start), number(end)))
                if flagged or post_id in flagged_posts:
                    flagged_bodies.add(body)
                if post_id in tables.follows:
                    ex_officio_bodies.add(body)
        self.seat_body, self.seat_post, self.seat_role, self.seat_start, self.seat_end = _columns(seat, 5)
        self.speak_post, self.speak_target, self.speak_start, self.speak_end = _columns(speak, 4)
        self.hold_post, self.hold_person, self.hold_start, self.hold_end = _columns(hold, 4)
        self.follow_post, self.follow_to, self.follow_start, self.follow_end = _columns(follow, 4)
        posts = len(self.posts.ids)
        self.pair_seat, self.pair_speak = _join(self.seat_post, posts, speaks)
        self.filling_seat, self.filling_hold = _join(self.seat_post, posts, held)
        #: Bodies with a seat whose records (its post, its holdings and areas, and those of
        #: the posts it follows ex officio) carry ``attested_to`` or ``basis: inferred``.
        self.flagged = self._marked(flagged_bodies)
        #: Bodies with a seat filled ex officio: their members are another seat's holders.
        self.ex_officio = self._marked(ex_officio_bodies)

    def _marked(self, bodies: set[int]) -> Bools:
        marks = np.zeros(len(self.bodies.ids), dtype=np.bool_)
        marks[list(bodies)] = True
        return marks

    @classmethod
    def of(cls, tables: SeatTables) -> SeatColumns:
        """The columns of ``tables``, built once and kept as long as they are."""
        known = _COLUMNS.get(tables)
        if known is None:
            with _BUILDING:  # one build for every thread that asks at once (``SeatTables.of``)
                known = _COLUMNS.get(tables)
                if known is None:
                    known = _COLUMNS[tables] = cls(tables)
        return known

    def day(self, day: str) -> DayColumns:
        return DayColumns(self, day)


_COLUMNS: WeakKeyDictionary[SeatTables, SeatColumns] = WeakKeyDictionary()
_BUILDING = threading.Lock()


def prepare(store: GraphStore) -> None:
    """Build the whole graph's seat tables and their arrays now, rather than at the first
    whole-graph question (nothing to build for a store other than the embedded one)."""
    tables = SeatTables.of(store)
    if tables is not None:
        SeatColumns.of(tables)


def day_columns(index: DayIndex) -> DayColumns | None:
    """The columns of the day ``index`` is for, built once per index so that the queries of
    one request share them; ``None`` when the index reads node by node (any store but the
    embedded one, or a view that must see every read)."""
    tables = index.tables
    if tables is None:
        return None
    known = _DAYS.get(index)
    if known is None:
        known = _DAYS[index] = SeatColumns.of(tables).day(index.day)
    return known


_DAYS: WeakKeyDictionary[DayIndex, DayColumns] = WeakKeyDictionary()


def _on(start: Ints, end: Ints, day: int) -> Bools:
    return (start <= day) & (day < end)


class DayColumns:
    """One day of ``SeatColumns``: which seat rows count, which posts are filled."""

    def __init__(self, columns: SeatColumns, day: str) -> None:
        self.columns = c = columns
        self.day = day
        number = day_number(day)
        self.seat_on = _on(c.seat_start, c.seat_end, number)
        self.hold_on = _on(c.hold_start, c.hold_end, number)
        self.filled = self._filled(number)
        # The areas each seat row counting on the day speaks for on the day.
        on = self.seat_on[c.pair_seat] & _on(c.speak_start, c.speak_end, number)[c.pair_speak]
        self.speaking_seat = c.pair_seat[on]
        self.speaking_target = c.speak_target[c.pair_speak[on]]

    def _filled(self, number: int) -> Bools:
        """Whether each post is filled on the day: held, or ex officio by a post that is,
        through at most ``MAX_EX_OFFICIO_HOPS`` links (as ``DayIndex.holders`` reads)."""
        c = self.columns
        filled = np.zeros(len(c.posts.ids), dtype=np.bool_)
        filled[c.hold_post[self.hold_on]] = True
        on = _on(c.follow_start, c.follow_end, number)
        posts, followed = c.follow_post[on], c.follow_to[on]
        direct = filled.copy()
        for _ in range(MAX_EX_OFFICIO_HOPS):
            reached = direct.copy()
            reached[posts[filled[followed]]] = True
            if np.array_equal(reached, filled):
                break
            filled = reached
        return filled

    def body_numbers(self, ids: Iterable[str]) -> Ints:
        """The row number of each body in the columns, -1 for a body with no seat row."""
        number = self.columns.bodies.number
        return np.fromiter((number.get(id, -1) for id in ids), dtype=np.int64)

    def seats_by_area(
        self, bodies: Ints, columns_of: dict[str, list[int]], role: str | None = None
    ) -> tuple[Ints, Ints]:
        """Each seat row counting on the day (of ``role``, if given) of one of ``bodies``
        (row numbers) and each area column it speaks for, once per seat and column:
        ``columns_of`` maps each area spoken for to the columns it counts for."""
        c = self.columns
        chosen = np.zeros(len(c.bodies.ids), dtype=np.bool_)
        chosen[bodies[bodies >= 0]] = True
        keep = chosen[c.seat_body[self.speaking_seat]]
        if role is not None:
            code = c.roles.number.get(role)
            keep &= c.seat_role[self.speaking_seat] == (-1 if code is None else code)
        seats, targets = self.speaking_seat[keep], self.speaking_target[keep]
        # A target counts for up to ``layers`` columns: one lookup array per layer.
        layers = max((len(cols) for cols in columns_of.values()), default=0)
        lookup = np.full((layers, len(c.targets.ids)), -1, dtype=np.int64)
        for target, cols in columns_of.items():
            number = c.targets.number.get(target)
            if number is not None:
                lookup[: len(cols), number] = cols
        width = max((col for cols in columns_of.values() for col in cols), default=0) + 1
        pieces = [np.zeros(0, dtype=np.int64)]
        for layer in lookup:
            counted = layer[targets]
            hit = counted >= 0
            pieces.append(seats[hit] * width + counted[hit])
        found = np.concatenate(pieces)
        # A seat speaking for two areas of one column counts once for it. Only a seat row
        # with two rows here (they are adjacent: the join keeps seat order), or a target
        # counting for two columns, can make a pair twice.
        if layers > 1 or bool(np.any(seats[1:] == seats[:-1])):
            found = np.unique(found)
        return found // width, found % width

    def _rows(self, bodies: Ints) -> Ints:
        """Each body row number's position in ``bodies``; ``len(bodies)`` (a spare row) for
        bodies not asked about."""
        row_of = np.full(len(self.columns.bodies.ids), len(bodies), dtype=np.int64)
        known = bodies >= 0
        row_of[bodies[known]] = np.arange(len(bodies))[known]
        return row_of

    def counts(self, seats: Ints, cols: Ints, bodies: Ints, width: int) -> tuple[Ints, Ints]:
        """Filled and vacant seats per body (a row for each of ``bodies``, in order) and
        column: what ``seats_by_area`` found, counted."""
        if not width:
            return np.zeros((len(bodies), 0), dtype=np.int64), np.zeros((len(bodies), 0), dtype=np.int64)
        c = self.columns
        cells = self._rows(bodies)[c.seat_body[seats]] * width + cols
        filled = self.filled[c.seat_post[seats]]
        size = (len(bodies) + 1) * width  # the spare row last
        full = np.bincount(cells[filled], minlength=size).reshape(-1, width)[: len(bodies)]
        empty = np.bincount(cells[~filled], minlength=size).reshape(-1, width)[: len(bodies)]
        return full, empty

    def below(self, counts: Ints, needs: Sequence[int], rows: Sequence[int]) -> tuple[Bools, dict[int, list[int]]]:
        """Where ``counts`` (a row per body, a column per area) is below its column's need,
        in ``rows`` only: as a mask of the same shape, and as the columns short by row (a
        row that is short nowhere is not there)."""
        asked = np.zeros(len(counts), dtype=np.bool_)
        asked[list(rows)] = True
        mask = (counts < np.asarray(needs, dtype=np.int64)) & asked[:, None]
        found: dict[int, list[int]] = {}
        for row, col in zip(*np.nonzero(mask), strict=True):
            found.setdefault(int(row), []).append(int(col))
        return mask, found

    def vacancies(self, seats: Ints, cols: Ints, bodies: Ints, wanted: Bools) -> dict[tuple[int, int], list[str]]:
        """The post ids of the vacant seats among ``seats`` (as found by ``seats_by_area``),
        by (position in ``bodies``, column), for the cells ``wanted`` marks (a mask of a row
        per body and a column per area) only, each sorted."""
        c = self.columns
        vacant = ~self.filled[c.seat_post[seats]]
        rows = self._rows(bodies)[c.seat_body[seats]]
        keep = vacant & wanted[np.minimum(rows, len(bodies) - 1), cols] & (rows < len(bodies))
        posts = c.posts.ids
        found: dict[tuple[int, int], list[str]] = {}
        for at, col, post in zip(
            rows[keep].tolist(), cols[keep].tolist(), c.seat_post[seats[keep]].tolist(), strict=True
        ):
            found.setdefault((at, col), []).append(posts[post])
        for ids in found.values():
            ids.sort()
        return found

    def members(self, bodies: Ints, role: str | None, except_roles: Iterable[str] = ()) -> list[int]:
        """The distinct people filling seats of each body (in the order of ``bodies``) on
        the day: of ``role`` only, if given; leaving out seats of ``except_roles``."""
        c = self.columns
        seat = c.filling_seat
        keep = self.seat_on[seat] & self.hold_on[c.filling_hold]
        if role is not None:
            keep &= c.seat_role[seat] == c.roles.number.get(role, -1)
        for left_out in except_roles:
            keep &= c.seat_role[seat] != c.roles.number.get(left_out, -1)
        row_of = self._rows(bodies)
        rows = row_of[c.seat_body[seat[keep]]]
        asked = rows < len(bodies)
        people = len(c.people.ids) or 1
        pairs = np.unique(rows[asked] * people + c.hold_person[c.filling_hold[keep]][asked])
        found: list[int] = np.bincount(pairs // people, minlength=len(bodies)).tolist()
        return found

    def vacant_seats(self, bodies: Ints, role: str | None, wanted: set[int]) -> dict[int, list[str]]:
        """The post ids of the vacant seats (of ``role``, if given) on the day of the bodies
        at the ``wanted`` positions of ``bodies``, by position, each sorted."""
        c = self.columns
        found: dict[int, list[str]] = {}
        if not wanted:
            return found
        mine = self.seat_on & ~self.filled[c.seat_post]
        if role is not None:
            mine &= c.seat_role == c.roles.number.get(role, -1)
        rows = self._rows(bodies)[c.seat_body[mine]]
        posts = c.posts.ids
        for at, post in zip(rows.tolist(), c.seat_post[mine].tolist(), strict=True):
            if at in wanted:
                found.setdefault(at, []).append(posts[post])
        for ids in found.values():
            ids.sort()
        return found

    def direct_holders(self, bodies: Ints, role: str, wanted: set[int]) -> dict[int, list[tuple[str, str]]]:
        """(post id, person id) of everyone holding a seat of ``role`` on the day himself
        (not ex officio), for the bodies at the ``wanted`` positions of ``bodies``, by
        position, in the order of post id and then person id."""
        c = self.columns
        found: dict[int, list[tuple[str, str]]] = {}
        if not wanted:
            return found
        seat = c.filling_seat
        keep = self.seat_on[seat] & self.hold_on[c.filling_hold] & (c.seat_role[seat] == c.roles.number.get(role, -1))
        rows = self._rows(bodies)[c.seat_body[seat[keep]]]
        posts, people = c.posts.ids, c.people.ids
        held = zip(rows.tolist(), c.seat_post[seat[keep]].tolist(), c.hold_person[c.filling_hold[keep]].tolist(),
                   strict=True)  # fmt: skip
        for at, post, person in held:
            if at in wanted:
                found.setdefault(at, []).append((posts[post], people[person]))
        for pairs in found.values():
            pairs.sort()
        return found
