"""What every page shares: the Jinja2 environment, the page's frame (where its links lead,
the day, the view it shows), its scripts and styles, and the Content-Security-Policy that
keeps a page from running or fetching anything else."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader
from markupsafe import Markup, escape

from govgraph.viz.assets import asset, asset_sha256, asset_version
from govgraph.viz.citations import Document, cite
from govgraph.viz.links import Links

__all__ = ["Era", "Frame", "content_security_policy", "render_page"]


@dataclass(frozen=True)
class Era:
    """The rules in force on a day, and the documents they come from."""

    day: str
    rules: int
    documents: tuple[Document, ...]


@dataclass(frozen=True)
class Frame:
    """What a page needs beyond its result: where links lead, the view it shows (so that the
    date control can ask for the same view on another day), the day asked for (``as_of``,
    none for today) and the rules in force on the day answered."""

    links: Links
    view: str
    id: str | None = None
    params: Mapping[str, str] = field(default_factory=dict)
    as_of: str | None = None
    era: Era | None = None


def render_page(
    template: str, frame: Frame, *, scripts: Sequence[str] = (), styles: Sequence[str] = (), **context: Any
) -> str:
    """A template rendered with autoescaping, the shared chrome, ``styles`` and ``scripts``
    (asset names), under a policy that lets only those scripts run."""
    links = frame.links
    all_styles = ["page.css", *styles]
    if links.inline_assets:
        head = Markup("").join(Markup("<style>{}</style>\n").format(Markup(asset(name))) for name in all_styles)
        tail = Markup("").join(Markup("<script>{}</script>\n").format(Markup(asset(name))) for name in scripts)
    else:
        head = Markup("").join(
            Markup('<link rel="stylesheet" href="/assets/{}?v={}">\n').format(name, asset_version(name))
            for name in all_styles
        )
        tail = Markup("").join(
            Markup('<script src="/assets/{}?v={}"></script>\n').format(name, asset_version(name)) for name in scripts
        )
    return (
        _environment()
        .get_template(template)
        .render(
            csp=content_security_policy(scripts, links),
            head=head,
            tail=tail,
            frame=frame,
            links=links,
            url=links.url,
            a=_Anchor(links),
            cite=_Cite(links),
            **context,
        )
    )


def content_security_policy(scripts: Sequence[str], links: Links) -> str:
    """Only the page's own scripts may run (by hash when inlined, from the service when
    served); nothing may load from anywhere else; forms go only to the service.

    >>> content_security_policy([], Links.offline()).split("; ")[:2]
    ["default-src 'none'", "script-src 'none'"]
    """
    if links.inline_assets:
        script_src = " ".join(f"'sha256-{asset_sha256(name)}'" for name in scripts) or "'none'"
        # Styles may be inline (the legend's swatches); they cannot run code, and with
        # nothing allowed to load they cannot send anything anywhere either.
        style_src, img_src = "'unsafe-inline'", "data:"
    else:
        script_src = "'self'" if scripts else "'none'"
        style_src, img_src = "'self' 'unsafe-inline'", "'self' data:"
    return (
        f"default-src 'none'; script-src {script_src}; style-src {style_src}; img-src {img_src}; "
        f"base-uri 'none'; form-action {links.form_origin or chr(39) + 'none' + chr(39)}"
    )


class _Anchor:
    """``a(text, view, id, **params)`` in a template: a link where the page has one to
    give, else the text alone."""

    def __init__(self, links: Links) -> None:
        self._links = links

    def __call__(self, text: object, view: str, id: str | None = None, **params: Any) -> Markup:
        fragment = params.pop("fragment", None)
        href = self._links.url(view, id, **params)
        if href is None:
            return Markup("<span>{}</span>").format(text)
        return Markup('<a href="{}">{}</a>').format(href + (f"#{fragment}" if fragment else ""), text)


class _Cite:
    """``cite(source)`` in a template: each citation as the document's title and date with
    the passage it names, linked to the page of the source text with that passage marked;
    a source that names no shipped document stays as it is."""

    def __init__(self, links: Links) -> None:
        self._links = links

    def __call__(self, source: str) -> Markup:
        parts = []
        for citation in cite(source):
            if citation.document is None:
                parts.append(Markup("<cite>{}</cite>").format(citation.text))
                continue
            doc = citation.document
            text = Markup("<cite>{}</cite> ({}){}").format(
                doc.title, doc.published, f", {citation.where}" if citation.where else ""
            )
            href = self._links.url("source", doc.file, at=",".join(citation.anchors) or None)
            if href is not None and citation.anchors:
                href += f"#{citation.anchors[0]}"
            parts.append(
                Markup('<a class="citation" href="{}" title="{}">{}</a>').format(href, citation.text, text)
                if href is not None
                else Markup('<span class="citation" title="{}">{}</span>').format(citation.text, text)
            )
        return Markup("; ").join(parts)


@cache
def _environment() -> Environment:
    environment = Environment(
        loader=PackageLoader("govgraph.viz", "templates"), autoescape=True, keep_trailing_newline=True
    )
    environment.filters["e"] = escape
    return environment
