"""Citations as a person reads them, and the passages of the shipped source documents they
open. Expected passages are read off the seed texts by hand (the line numbers are the
files' own)."""

from __future__ import annotations

import pytest

from govgraph.errors import NotFound
from govgraph.viz.citations import cite, cited_passages, document, documents, passages

GUIDE = "001_7c6f17057a5b61aa.txt"
OPERATING_MODEL = "003_ba03cb94209cd063.txt"
COLLABORATIVE = "004_a4fbe833b0da6a35.txt"
FRAMEWORK = "002_75039aa201210c3b.txt"


def passage(file: str, anchor: str) -> str:
    return "\n".join(next(p for p in passages(file) if p.anchor == anchor).lines)


def test_every_seed_ships_with_its_title_and_date() -> None:
    # The table of /work/shared/seeds/README.md.
    assert {f: (d.title, d.published) for f, d in documents().items()} == {
        "000_9918a89313aec497.txt": (
            "National Programmes of Care and Clinical Reference Groups (web page)",
            "c. 2023 (the page as current then)",
        ),
        GUIDE: ("Clinical Reference Groups for Specialised Services: A Guide for Clinicians", "January 2013"),
        FRAMEWORK: (
            "Framework for patient and public participation in specialised commissioning",
            "October 2023 (version 2)",
        ),
        OPERATING_MODEL: (
            "Securing Equity and Excellence in Commissioning Specialised Services (operating model)",
            "November 2012",
        ),
        COLLABORATIVE: (
            "Developing a more collaborative approach to the commissioning of specialised services: guidance",
            "4 March 2015",
        ),
    }


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (f"{GUIDE} paras 20 and 39", [(GUIDE, "paras 20 and 39", ("para-20", "para-39"))]),
        (f"{GUIDE} paras 29-33 and 39", [(GUIDE, "paras 29-33 and 39", tuple(f"para-{n}" for n in (29, 30, 31, 32, 33, 39)))]),
        (
            f"{GUIDE} para 4; {OPERATING_MODEL} para 95",
            [(GUIDE, "para 4", ("para-4",)), (OPERATING_MODEL, "para 95", ("para-95",))],
        ),
        (f"{COLLABORATIVE} section 3.4.1", [(COLLABORATIVE, "section 3.4.1", ("section-3.4.1",))]),
        (
            f"{FRAMEWORK} section 'Patient and Public Voice Assurance Group (PPVAG)'",
            [(FRAMEWORK, "section 'Patient and Public Voice Assurance Group (PPVAG)'",
              ("section-patient-and-public-voice-assurance-group-ppvag",))],
        ),
        # An abbreviation finds the heading that spells it out in brackets.
        (
            f"{FRAMEWORK} sections 'PPVAG', 'CPAG' and 'Individual Funding Request Panel'",
            [(FRAMEWORK, "sections 'PPVAG', 'CPAG' and 'Individual Funding Request Panel'",
              ("section-patient-and-public-voice-assurance-group-ppvag",
               "section-clinical-priorities-advisory-group-cpag", "section-individual-funding-request-panel"))],
        ),
        ("regions.csv row 2", [(None, "", ())]),
        ("test roster row 2", [(None, "", ())]),
    ],
)  # fmt: skip
def test_a_source_reads_as_documents_and_passages(
    source: str, expected: list[tuple[str | None, str, tuple[str, ...]]]
) -> None:
    assert [(c.document.file if c.document else None, c.where, c.anchors) for c in cite(source)] == expected


def test_a_numbered_paragraph_runs_to_the_next() -> None:
    # 001 para 20 (line 156): the chair's role, to a maximum of three years.
    text = passage(GUIDE, "para-20")
    assert text.startswith("20. The clinical Chair role will continue in the format tested during transition.")
    assert "maximum of three years from appointment" in text and "21." not in text
    # 003 para 95 is hard-wrapped with blank lines between its lines: it stays whole.
    text = passage(OPERATING_MODEL, "para-95")
    assert text.startswith("95. The reach of clinical advice") and "Provider Medical Director." in text


def test_a_section_holds_its_subsections() -> None:
    marked = [passages(COLLABORATIVE)[i].anchor for i in sorted(cited_passages(COLLABORATIVE, ["section-3.4"]))]
    assert marked == ["section-3.4", "section-3.4.1", "section-3.4.2", "section-3.4.3"]
    assert passage(COLLABORATIVE, "section-3.4.1").startswith("3.4.1 Membership of specialised collaborative")


def test_a_named_section_runs_to_the_next_heading() -> None:
    text = passage(FRAMEWORK, "section-individual-funding-request-panel")
    assert text.startswith("Individual Funding Request Panel")
    assert "Future commissioning model programme" not in text


def test_an_unknown_document_is_not_found() -> None:
    with pytest.raises(NotFound, match="unknown id '005_x.txt'"):
        document("005_x.txt")
