"""What a wrong roster value obviously meant: the ``did you mean ...?`` of a problem.

A hint is only ever a suggestion in the problem's message; the value itself is still
refused, so that nothing is loaded that the roster does not say. Each hint is given only
when one reading is plain: an id written without its prefix or in another case
(``CFS`` for ``crg:CFS``), a role in words (``Clinical Member``), a date in the day-first
form NHS documents use (``01/04/2013`` for 1 April 2013), a yes/no as a letter (``N``).

The ids come from the store the roster is loaded into; they are indexed the first time a
hint is asked for, so a clean load pays nothing.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from datetime import date
from itertools import islice

from govgraph.graph.model import EdgeType, NodeKind, Role, kind_of_id
from govgraph.graph.store import NetworkXStore
from govgraph.graph.timeline import EARLIEST, parse_date

__all__ = ["Hints", "did_you_mean", "meant_date", "meant_flag", "meant_role", "suggest_id"]


def did_you_mean(options: Iterable[str]) -> str:
    """The message's tail for ``options``: ``"; did you mean 'a' or 'b'?"``, or ``""``.

    >>> did_you_mean(["crg:CFS"]), did_you_mean(["a", "b", "c"]), did_you_mean([])
    ("; did you mean 'crg:CFS'?", "; did you mean 'a', 'b' or 'c'?", '')
    """
    quoted = [repr(option) for option in options]
    if not quoted:
        return ""
    listed = quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} or {quoted[-1]}"
    return f"; did you mean {listed}?"


_MONTH_NAMES = (
    "jan january", "feb february", "mar march", "apr april", "may", "jun june",
    "jul july", "aug august", "sep sept september", "oct october", "nov november", "dec december",
)  # fmt: skip
_MONTHS = {name: number for number, names in enumerate(_MONTH_NAMES, start=1) for name in names.split()}
_DAY_FIRST = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")  # 01/04/2013, 1.4.2013, 01-04-2013
_YEAR_FIRST = re.compile(r"(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})")  # 2013/04/01, 2013-4-1
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")  # 20130401
_IN_WORDS = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{4})")  # 1 April 2013, 1st Apr 2013


def meant_date(value: str) -> str | None:
    """The ISO date a date in another common form stands for; day first, as NHS papers write it.

    >>> meant_date("01/04/2013"), meant_date("1.4.2013"), meant_date("2013/04/01"), meant_date("1 April 2013")
    ('2013-04-01', '2013-04-01', '2013-04-01', '2013-04-01')

    A form whose century or day is not plain, or a day that does not exist, has no hint:

    >>> meant_date("01/04/13"), meant_date("31/02/2013"), meant_date("2013-02-30"), meant_date("13/13/2013")
    (None, None, None, None)
    """
    text = value.strip()
    parts: tuple[str, str, str] | None = None
    if match := _DAY_FIRST.fullmatch(text):
        day, month, year = match.groups()
        parts = (year, month, day)
    elif match := _YEAR_FIRST.fullmatch(text) or _COMPACT.fullmatch(text):
        parts = (match[1], match[2], match[3])
    elif (match := _IN_WORDS.fullmatch(text)) and match[2].lower() in _MONTHS:
        parts = (match[3], str(_MONTHS[match[2].lower()]), match[1])
    if parts is None:
        return None
    try:
        meant = date(int(parts[0]), int(parts[1]), int(parts[2]))
        iso = parse_date(meant, default_today=False)
    except ValueError:  # no such day, or outside the years a roster may name (InvalidDate)
        return None
    return iso if meant >= EARLIEST and iso != text else None


_FLAGS = {"y": "yes", "n": "no", "t": "yes", "f": "no", "1": "yes", "0": "no", "ja": "yes", "nein": "no"}


def meant_flag(value: str) -> str | None:
    """``yes`` or ``no`` for a letter or digit that plainly stands for one.

    >>> meant_flag("N"), meant_flag("y"), meant_flag("1"), meant_flag("perhaps")
    ('no', 'yes', 'yes', None)
    """
    return _FLAGS.get(value.strip().lower())


def meant_role(value: str) -> str | None:
    """The role a role written in words (or with a slip of the keyboard) stands for.

    >>> meant_role("Clinical Member"), meant_role("vice_chair"), meant_role("clinical-memebr")
    ('clinical-member', 'vice-chair', 'clinical-member')
    >>> meant_role("secretary") is None
    True
    """
    words = re.sub(r"[\s_]+", "-", value.strip().lower())
    if words in Role.__members__.values():
        return words
    close = difflib.get_close_matches(words, [str(role) for role in Role], n=1, cutoff=0.85)
    return close[0] if close else None


class Hints:
    """Ids of a store and of the roster being read (``defined``, filled as its rows are
    parsed), indexed for hints the first time one is asked for."""

    def __init__(self, store: NetworkXStore, defined: Mapping[str, object]) -> None:
        self.store = store
        self.defined = defined
        self._by_lower: dict[str, list[str]] = defaultdict(list)
        self._by_local: dict[str, list[str]] = defaultdict(list)
        self._store_indexed = False
        self._defined_indexed = 0  # ``defined`` keeps its order: the ids past this are new

    def _add(self, ids: Iterable[str]) -> None:
        for id in ids:
            self._by_lower[id.lower()].append(id)
            self._by_local[id.partition(":")[2].lower()].append(id)

    def ids(
        self, value: str, kinds: Collection[NodeKind], *, within: str | None = None, role: str | None = None
    ) -> list[str]:
        """The ids of ``kinds`` that ``value`` plainly means: the same id in another case
        (``CRG:cfs``), or its local part with no prefix (``CFS``, ``London``); in id order.

        Where a local part names several ids (``london`` is a region, a hub, an area team and
        a Senate area), those that a seat of the body ``within`` (with ``role``) speaks for
        come alone.
        """
        if not self._store_indexed:
            self._add(self.store.graph.nodes)
            self._store_indexed = True
        self._add(islice(self.defined, self._defined_indexed, None))
        self._defined_indexed = len(self.defined)
        key = value.strip().lower()
        found = sorted(id for id in self._by_lower.get(key, ()) if kind_of_id(id) in kinds)
        for local in (key, key.partition(":")[2]):  # no prefix, or a wrong one (people:ann)
            found = found or sorted(id for id in self._by_local.get(local, ()) if kind_of_id(id) in kinds)
        if len(found) > 1 and within is not None and self.store.has_node(within):
            spoken_for = {
                target.to_id
                for seat in self.store.in_edges(within, EdgeType.POST_IN)
                if role is None or self.store.node(seat.from_id).get("role") == role
                for target in self.store.out_edges(seat.from_id, EdgeType.REPRESENTS)
            }
            found = [id for id in found if id in spoken_for] or found
        return found


def suggest_id(id: str, store: NetworkXStore, others: Collection[str] = ()) -> list[str]:
    """For an id of the right form that is nowhere: the same id in another case
    (``crg:cfs`` for ``crg:CFS``), else the closest id of its kind (``crg:CSF``), from the
    store first, then from ``others`` (the ids the roster itself defines)."""
    kind = kind_of_id(id)
    pool = [node["id"] for node in store.nodes(kind)] if kind is not None else list(store.graph.nodes)
    key = id.lower()
    same = [other for other in (*pool, *others) if other.lower() == key and other != id]
    if same:
        return same[:1]
    return store.suggest(id, n=1) or difflib.get_close_matches(id, list(others), n=1)
