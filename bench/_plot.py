"""The per-membership figures of a bench run as a small SVG chart, drawn by hand (no
plotting library): how the cost of each membership grows, or not, with the roster.

Two panels over the scales measured: microseconds per membership (the load, a gap report,
the coverage matrix) and bytes of peak RSS per membership. A flat line means the cost
grows in step with the roster; a rising one, faster than it.
"""

from __future__ import annotations

from html import escape
from typing import Any

__all__ = ["per_membership_svg"]

_W, _H = 360, 240  # one panel, and room below it for the legend
_LEGEND = 44
_LEFT, _RIGHT, _TOP, _BOTTOM = 64, 16, 34, 46
_COLOURS = ("#1f77b4", "#d62728", "#2ca02c")


def per_membership_svg(results: dict[str, Any]) -> str:
    """The chart of ``results`` (as ``run.py`` writes them) as an SVG document."""
    scales = results["scales"]
    names = list(scales)
    time_lines = {
        "load": [scales[s]["load"]["us_per_membership"] for s in names],
        "gap report": [scales[s]["gaps"]["us_per_membership"] for s in names],
        "coverage": [scales[s]["coverage"]["s"] / scales[s]["memberships"] * 1e6 for s in names],
    }
    memory_lines = {"peak RSS after load": [scales[s]["load"]["bytes_per_membership"] for s in names]}
    ticks = [f"{int(s):,} ({scales[s]['memberships']:,})" for s in names]
    panels = [
        _panel(0, "µs per membership", time_lines, ticks),
        _panel(_W, "bytes of peak RSS per membership", memory_lines, ticks),
    ]
    title = f"Cost per membership by scale (memberships), measured {results['started'][:10]}"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{2 * _W}" height="{_H + 20 + _LEGEND}" '
        f'viewBox="0 0 {2 * _W} {_H + 20 + _LEGEND}" font-family="sans-serif" font-size="11">\n'
        f'<rect width="100%" height="100%" fill="white"/>\n'
        f'<text x="{_W}" y="14" text-anchor="middle" font-size="13">{escape(title)}</text>\n'
        + "".join(panels)
        + "</svg>\n"
    )


def _panel(x0: float, title: str, lines: dict[str, list[float]], ticks: list[str]) -> str:
    top = _TOP + 20
    width, height = _W - _LEFT - _RIGHT, _H - _TOP - _BOTTOM
    peak = max((v for values in lines.values() for v in values), default=1) * 1.15 or 1

    def x(i: int) -> float:
        return x0 + _LEFT + (width * (i + 0.5) / len(ticks))

    def y(value: float) -> float:
        return top + height - height * value / peak

    out = [f'<text x="{x0 + _W / 2}" y="{top - 10}" text-anchor="middle">{escape(title)}</text>\n',
           f'<line x1="{x0 + _LEFT}" y1="{top + height}" x2="{x0 + _W - _RIGHT}" y2="{top + height}" stroke="#444"/>\n',
           f'<line x1="{x0 + _LEFT}" y1="{top}" x2="{x0 + _LEFT}" y2="{top + height}" stroke="#444"/>\n']  # fmt: skip
    for step in range(5):
        value = peak * step / 4
        out.append(f'<text x="{x0 + _LEFT - 4}" y="{y(value) + 4:.1f}" text-anchor="end">{value:,.0f}</text>\n')
    for i, tick in enumerate(ticks):
        at = f'x="{x(i):.1f}" y="{top + height + 14}"'
        out.append(f'<text {at} text-anchor="middle" font-size="9">{escape(tick)}</text>\n')
    out.append(f'<text x="{x0 + _LEFT + width / 2}" y="{top + height + 30}" text-anchor="middle">scale '
               "(memberships)</text>\n")  # fmt: skip
    for n, (name, values) in enumerate(lines.items()):
        colour = _COLOURS[n % len(_COLOURS)]
        points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(values))
        out.append(f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"/>\n')
        for i, v in enumerate(values):
            out.append(f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="3" fill="{colour}"/>\n')
            out.append(f'<text x="{x(i) + 5:.1f}" y="{y(v) - 5:.1f}" fill="{colour}">{v:,.0f}</text>\n')
        legend_y = top + height + 44 + 13 * n  # below the axis, clear of the points
        out.append(f'<text x="{x0 + _LEFT}" y="{legend_y}" fill="{colour}">— {escape(name)}</text>\n')
    return "".join(out)
