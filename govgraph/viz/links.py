"""Where a page's links lead, and how it gets its scripts and styles.

A page is drawn for one of three places, and ``Links`` says which:

* **the service** (``Links.served()``): links are paths on the service (``/nodes/crg:CFS``),
  scripts and styles are shared, cacheable files under ``/assets``;
* **a site of files** (``Links.site(names, day)``, what ``govgraph render --out-dir``
  writes): a link to a page that was written is the sibling file's name; any other link
  goes to the service when a base URL is given, and is plain text otherwise;
* **one file** (``Links.offline(base_url)``): every link goes to the service at
  ``base_url``, or, without one, is plain text.

Files inline every script and style, so each one opens on its own, from disk or from an
e-mail. A link is never dead: where there is nowhere to go, ``url`` answers ``None`` and
the page shows text.

Every view has a path on the service and a file name in a site (``file_name``). A page of
a site answers for the site's day, so a link to another day leaves the site.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode

__all__ = ["PATHS", "Links", "file_name", "path"]

#: The service path of each view; ``{id}`` is the node (or document) the view is about.
PATHS: dict[str, str] = {
    "home": "/",
    "search": "/search",
    "node": "/nodes/{id}",
    "source": "/sources/{id}",
    "coverage": "/coverage",
    "coverage.csv": "/coverage.csv",
    "coverage.xlsx": "/coverage.xlsx",
    "gaps": "/gaps",
    "changes": "/changes",
    "upcoming": "/upcoming",
    "upcoming.csv": "/upcoming.csv",
    "what-if": "/what-if",
    "what-if.csv": "/what-if.csv",
    "recruit": "/recruit",
    "recruit.csv": "/recruit.csv",
    "overview": "/diagrams/overview",
    "focus": "/diagrams/focus/{id}",
    "representation": "/diagrams/representation/{id}",
    "line-of-sight": "/diagrams/line-of-sight/{id}",
    "changes-diagram": "/diagrams/changes",
    "docs": "/docs",
}

Params = Mapping[str, str | int | None]


def path(view: str, id: str | None = None) -> str:
    """The service path of a view. Ids keep their ``:`` and ``/``; anything else is quoted.

    >>> path("focus", "post:crg:CFS/chair")
    '/diagrams/focus/post:crg:CFS/chair'
    """
    template = PATHS[view]
    return quote(template.replace("{id}", id or ""), safe=":/")


def file_name(view: str, id: str | None = None, params: Params | None = None) -> str:
    """The name of a view's file in a site: the view, the id and any parameters other than
    the day, with every character a file name or a URL could trip on replaced.

    >>> file_name("home"), file_name("representation", "crg:MSD-deaf"), file_name("focus", "post:crg:CFS/chair")
    ('index.html', 'representation--crg~MSD-deaf.html', 'focus--post~crg~CFS+chair.html')
    >>> file_name("coverage", params={"by": "region", "as_of": "2014-06-01"}), file_name("coverage.csv")
    ('coverage--by-region.html', 'coverage.csv')
    """
    if view == "home":
        return "index.html"
    stem, dot, extension = view.partition(".")
    parts = [stem]
    if id is not None:
        parts.append(_safe(id))
    parts += [
        f"{name}-{_safe(str(value))}"
        for name, value in sorted((params or {}).items())
        if name not in _NOT_IN_FILE_NAMES and value is not None
    ]
    return "--".join(parts) + "." + (extension if dot else "html")


# A site answers for one day; the passages a source page marks are marked in a file by the
# link's #fragment instead.
_NOT_IN_FILE_NAMES = frozenset({"as_of", "at"})


def _safe(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]", lambda m: {":": "~", "/": "+"}.get(m[0], "_"), text)


@dataclass(frozen=True)
class Links:
    """Where links lead (see the module docstring); build one with a class method."""

    base_url: str | None
    files: frozenset[str] | None = None
    day: str | None = None
    inline_assets: bool = True
    #: The CSP ``form-action`` source for the date and search forms, when they have somewhere to go.
    form_origin: str | None = field(default=None)

    @classmethod
    def served(cls) -> Links:
        """Pages the service sends: links are its own paths; assets are shared files."""
        return cls(base_url="", inline_assets=False, form_origin="'self'")

    @classmethod
    def offline(cls, base_url: str | None = None) -> Links:
        """One self-contained file: links lead to the service at ``base_url`` or nowhere."""
        base = base_url.rstrip("/") if base_url else None
        return cls(base_url=base, form_origin=_origin(base) if base else None)

    @classmethod
    def site(cls, files: frozenset[str], day: str, base_url: str | None = None) -> Links:
        """A page of a site of files for ``day``: ``files`` are the names written."""
        base = base_url.rstrip("/") if base_url else None
        return cls(base_url=base, files=files, day=day, form_origin=_origin(base) if base else None)

    @property
    def forms(self) -> bool:
        """Whether a form (the day, search) has a service to ask."""
        return self.base_url is not None

    def url(self, view: str, id: str | None = None, **params: str | int | None) -> str | None:
        """The link to a view, or ``None`` where this page has nowhere to send it.

        >>> Links.served().url("node", "crg:CFS", as_of="2014-06-01")
        '/nodes/crg:CFS?as_of=2014-06-01'
        >>> Links.offline("http://host:8000/").url("gaps", as_of=None)
        'http://host:8000/gaps'
        >>> Links.offline().url("gaps") is None
        True
        >>> site = Links.site(frozenset({"node--crg~CFS.html"}), "2014-06-01")
        >>> site.url("node", "crg:CFS", as_of="2014-06-01"), site.url("node", "crg:CFS", as_of="2015-01-01")
        ('node--crg~CFS.html', None)
        """
        if self.files is not None:
            name = file_name(view, id, params)
            if name in self.files and params.get("as_of") in (None, self.day):
                return name
        if self.base_url is None:
            return None
        query = urlencode({name: value for name, value in params.items() if value is not None})
        return self.base_url + path(view, id) + (f"?{query}" if query else "")

    def action(self, view: str, id: str | None = None) -> str | None:
        """Where a form on the page for ``view`` sends its fields, if anywhere."""
        return None if self.base_url is None else self.base_url + path(view, id)


def _origin(url: str) -> str:
    """
    >>> _origin("https://gov.example.org:8443/govgraph")
    'https://gov.example.org:8443'
    """
    match = re.match(r"^[a-z][a-z0-9+.-]*://[^/]+", url)
    return match[0] if match else "'none'"
