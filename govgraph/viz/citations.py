"""Citations a person can read: a ``source`` string as the documents and passages it names,
and a seed document as passages that a page can show with the cited ones highlighted.

A source reads ``001_7c6f17057a5b61aa.txt paras 20 and 39``; several are joined by ``; ``.
The seed documents ship in ``govgraph/data/seeds/`` with their titles and dates
(``documents.csv``) and provenance (``PROVENANCE.md``, which also says how a passage is
found). A source that names no shipped document (a reference table row, a roster row) is
kept as it is, as text.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from govgraph.errors import NotFound

__all__ = ["Citation", "Document", "Passage", "cite", "cited_passages", "document", "documents", "passages"]

_SEEDS = "data/seeds"


@dataclass(frozen=True)
class Document:
    """A shipped seed document: its file name, title, publisher and publication date."""

    file: str
    title: str
    publisher: str
    published: str


@dataclass(frozen=True)
class Citation:
    """One cited document and where in it: ``anchors`` are passage ids (``para-20``,
    ``section-3.5``) in the order cited; ``where`` is the citation's own wording."""

    text: str
    document: Document | None
    where: str
    anchors: tuple[str, ...]


@dataclass(frozen=True)
class Passage:
    """A run of the document's lines; ``anchor`` is set where a citation can point to it."""

    anchor: str | None
    lines: tuple[str, ...]


@cache
def documents() -> dict[str, Document]:
    """Every shipped document by file name, in file order."""
    text = (files("govgraph") / _SEEDS / "documents.csv").read_text(encoding="utf-8")
    return {row["file"]: Document(**row) for row in csv.DictReader(io.StringIO(text))}


def document(file: str) -> Document:
    """The shipped document ``file``; ``NotFound`` for any other name."""
    found = documents().get(file)
    if found is None:
        raise NotFound(file, sorted(documents()))
    return found


_FILE = re.compile(r"^(?P<file>[0-9]{3}_[0-9a-f]{16}\.txt)\s*(?P<where>.*)$")
_RANGE = re.compile(r"^(\d+)-(\d+)$")
_QUOTED = re.compile(r"'([^']+)'")


def cite(source: str) -> list[Citation]:
    """The citations in a source string, each with its document where one is shipped.

    >>> [(c.document.published, c.where, c.anchors) for c in cite("001_7c6f17057a5b61aa.txt paras 23-24 and 39")]
    [('January 2013', 'paras 23-24 and 39', ('para-23', 'para-24', 'para-39'))]
    >>> [c.anchors for c in cite("004_a4fbe833b0da6a35.txt section 3.5; nhs_england_regions.csv row 2")]
    [('section-3.5',), ()]
    """
    found = []
    for part in (p.strip() for p in source.split(";")):
        match = _FILE.match(part)
        doc = documents().get(match["file"]) if match else None
        if match is None or doc is None:
            found.append(Citation(text=part, document=None, where="", anchors=()))
            continue
        where = match["where"]
        anchors = tuple(_resolve(doc.file, anchor) for anchor in _anchors(where))
        found.append(Citation(text=part, document=doc, where=where, anchors=anchors))
    return found


def _anchors(where: str) -> Iterator[str]:
    if where.startswith("section"):
        names = _QUOTED.findall(where)
        if names:
            yield from (f"section-{_slug(name)}" for name in names)
        else:
            yield from (f"section-{number}" for number in re.findall(r"\d+(?:\.\d+)*", where))
    elif where.startswith("para"):
        for token in re.findall(r"\d+(?:-\d+)?", where):
            span = _RANGE.match(token)
            numbers = range(int(span[1]), int(span[2]) + 1) if span else [int(token)]
            yield from (f"para-{n}" for n in numbers)


def _resolve(file: str, anchor: str) -> str:
    """A named section's anchor as the document has it: ``section-ppvag`` is the heading
    "Patient and Public Voice Assurance Group (PPVAG)"."""
    known = [p.anchor for p in passages(file) if p.anchor]
    if anchor in known or not anchor.startswith("section-"):
        return anchor
    tail = "-" + anchor.removeprefix("section-")
    return next((a for a in known if a.endswith(tail)), anchor)


def _slug(text: str) -> str:
    """
    >>> _slug("Patient and Public Voice Assurance Group (PPVAG)")
    'patient-and-public-voice-assurance-group-ppvag'
    """
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


_PARA = re.compile(r"^\s*(?:[-•]\s*)?(\d{1,3})\.\s+\S")
_SECTION = re.compile(r"^\s*(\d+(?:\.\d+)+|\d+)\s+[A-Z]")
# Paragraph numbering only moves forward, by a little: a list numbered from 1 inside a
# paragraph does not start a new one.
_MAX_PARA_STEP = 3
_NUMBERED_DOCUMENT = 10  # paragraphs: fewer are a numbered list, not the document's scheme


@cache
def passages(file: str) -> tuple[Passage, ...]:
    """The document as passages: numbered paragraphs (``para-N``), numbered sections
    (``section-3.4.1``), named sections (``section-<slug>`` of the heading line) and the
    text between them (no anchor)."""
    document(file)
    lines = (files("govgraph") / _SEEDS / file).read_text(encoding="utf-8").splitlines()
    paras: dict[int, str] = {}
    last_para = 0
    for index, line in enumerate(lines):
        para = _PARA.match(line)
        if para and last_para < int(para[1]) <= last_para + _MAX_PARA_STEP:
            last_para = int(para[1])
            paras[index] = f"para-{para[1]}"
    # In a document of numbered paragraphs, a paragraph runs on to the next one: its
    # hard-wrapped lines (003) would otherwise pass for headings and cut it short.
    named = len(paras) < _NUMBERED_DOCUMENT
    starts: dict[int, str] = dict(paras)
    for index, line in enumerate(lines):
        section = _SECTION.match(line)
        if index in starts:
            continue
        if section and "." in section[1]:
            starts[index] = f"section-{section[1]}"
        elif named and _is_heading(lines, index):
            starts[index] = f"section-{_slug(line)}"
    result: list[Passage] = []
    seen: set[str] = set()
    bounds = sorted(starts)
    first = bounds[0] if bounds else len(lines)
    if first:
        result.append(Passage(anchor=None, lines=tuple(lines[:first])))
    for at, end in zip(bounds, [*bounds[1:], len(lines)]):
        anchor = starts[at]
        result.append(Passage(anchor=None if anchor in seen else anchor, lines=tuple(lines[at:end])))
        seen.add(anchor)
    return tuple(result)


def _is_heading(lines: list[str], index: int) -> bool:
    """A short line on its own (blank lines around it) with no closing punctuation."""
    text = lines[index].strip()
    before = index == 0 or not lines[index - 1].strip()
    after = index + 1 >= len(lines) or not lines[index + 1].strip()
    return (
        before and after and 0 < len(text) <= 90 and text[0].isupper() and text[-1] not in ".:,;" and "\t" not in text
    )


def cited_passages(file: str, anchors: tuple[str, ...] | list[str]) -> set[int]:
    """The indexes in ``passages(file)`` of what ``anchors`` cite: a paragraph's passage, a
    numbered section with its subsections, a named section up to the next heading.

    >>> parts = passages("004_a4fbe833b0da6a35.txt")
    >>> sorted(parts[i].anchor for i in cited_passages("004_a4fbe833b0da6a35.txt", ["section-3.4"]))
    ['section-3.4', 'section-3.4.1', 'section-3.4.2', 'section-3.4.3']
    """
    parts = passages(file)
    found: set[int] = set()
    for anchor in anchors:
        start = next((i for i, part in enumerate(parts) if part.anchor == anchor), None)
        if start is None:
            continue
        found.add(start)
        number = anchor.removeprefix("section-")
        if anchor.startswith("section-") and re.fullmatch(r"[0-9.]+", number):
            for i in range(start + 1, len(parts)):
                next_anchor = parts[i].anchor or ""
                # Named headings inside a numbered section (004's subheadings) stay in it.
                if re.fullmatch(r"section-[0-9.]+", next_anchor) and not next_anchor.startswith(f"section-{number}."):
                    break
                found.add(i)
    return found
