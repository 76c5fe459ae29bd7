"""A diagram as an SVG picture, drawn from the same positions as the page.

The picture is what the page shows, to keep or to put in a paper: edges as lines (dashed
where the page dashes them) with an arrowhead, nodes in their shapes and colours, labels
below them. Every string is XML-escaped.
"""

from __future__ import annotations

import math
from xml.sax.saxutils import escape, quoteattr

from govgraph.viz.model import VisGraph, VisNode

__all__ = ["to_svg"]

_MARGIN = 120.0
_FONT = 13
_LINE = 15


def to_svg(vis: VisGraph) -> str:
    """The diagram as a standalone SVG document.

    >>> from govgraph.viz.model import VisGraph
    >>> to_svg(VisGraph(view="focus", title="t", as_of="2014-01-01", focus_id=None, nodes=[], edges=[], legend=[],
    ...                 notes=[])).startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    True
    """
    xs = [n.x for n in vis.nodes] or [0.0]
    ys = [n.y for n in vis.nodes] or [0.0]
    left, top = min(xs) - _MARGIN, min(ys) - _MARGIN
    width, height = max(xs) - left + _MARGIN, max(ys) - top + _MARGIN + 3 * _LINE
    at = {n.id: n for n in vis.nodes}
    out = [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{left:.1f} {top:.1f} {width:.1f} {height:.1f}" '
            f'width="{width:.0f}" height="{height:.0f}" font-family="system-ui, sans-serif" font-size="{_FONT}">'
        ),
        f"<title>{escape(vis.title)}, as of {escape(vis.as_of)}</title>",
        f'<rect x="{left:.1f}" y="{top:.1f}" width="{width:.1f}" height="{height:.1f}" fill="#ffffff"/>',
        (
            '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
            'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#666"/></marker></defs>'
        ),
    ]
    for edge in vis.edges:
        a, b = at.get(edge.from_), at.get(edge.to)
        if a is None or b is None:
            continue
        (x1, y1), (x2, y2) = _trim(a, b)
        dash = ' stroke-dasharray="6 4"' if edge.dashes else ""
        out.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke={quoteattr(edge.color)} '
            f'stroke-width="1.5"{dash} marker-end="url(#arrow)"><title>{escape(edge.title)}</title></line>'
        )
    for node in vis.nodes:
        out.append(_node(node))
    out.append("</svg>")
    return "\n".join(out)


def _trim(a: VisNode, b: VisNode) -> tuple[tuple[float, float], tuple[float, float]]:
    """The line between two nodes, ending at the edge of the second so the arrow shows."""
    dx, dy = b.x - a.x, b.y - a.y
    length = math.hypot(dx, dy) or 1.0
    return (a.x, a.y), (b.x - dx / length * b.size, b.y - dy / length * b.size)


def _node(node: VisNode) -> str:
    x, y, r = node.x, node.y, node.size
    fill, title = quoteattr(node.color), f"<title>{escape(chr(10).join(node.title))}</title>"
    lines = node.label.split("\n")
    if node.shape == "text":
        return _text(lines, x, y, weight="bold") + title
    if node.shape == "box":
        width = max(len(line) for line in lines) * _FONT * 0.6 + 16
        height = len(lines) * _LINE + 10
        box = (f'<rect x="{x - width / 2:.1f}" y="{y - height / 2:.1f}" width="{width:.1f}" height="{height:.1f}" '
               f'rx="4" fill={fill} stroke="#444">{title}</rect>')  # fmt: skip
        return box + _text(lines, x, y - height / 2 + _LINE + 2)
    if node.shape == "diamond":
        shape = f'<polygon points="{x},{y - r} {x + r},{y} {x},{y + r} {x - r},{y}" fill={fill} stroke="#444">{title}</polygon>'
    elif node.shape == "square":
        shape = f'<rect x="{x - r:.1f}" y="{y - r:.1f}" width="{2 * r}" height="{2 * r}" fill={fill} stroke="#444">{title}</rect>'
    else:
        shape = f'<circle cx="{x}" cy="{y}" r="{r}" fill={fill} stroke="#444">{title}</circle>'
    return shape + _text(lines, x, y + r + _LINE)


def _text(lines: list[str], x: float, y: float, *, weight: str = "normal") -> str:
    spans = "".join(
        f'<tspan x="{x}" dy="{0 if i == 0 else _LINE}">{escape(line)}</tspan>' for i, line in enumerate(lines)
    )
    return f'<text x="{x}" y="{y}" text-anchor="middle" font-weight="{weight}" fill="#1f1f1f">{spans}</text>'
