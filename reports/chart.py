"""The trend chart: findings present (and new) per night, as an inline SVG with no script and no external file."""
from __future__ import annotations

from markupsafe import Markup, escape

from .labels import RUN_STATUS_ES


def trend_svg(points: list[dict], width: int = 640, height: int = 160) -> Markup:
    """An inline SVG line chart of findings present per night (and new ones), no script, no external file."""
    if not points:
        return Markup("")
    top = max(max((p["present"] or 0) for p in points), 1)
    n = len(points)
    step = (width - 60) / max(n - 1, 1)

    def xy(i, v):
        return 40 + i * step, height - 25 - (height - 45) * (v or 0) / top

    def line(key, color):
        pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in (xy(i, p[key]) for i, p in enumerate(points)))
        dots = "".join(  # a hollow point: that night's run was not complete, so it audited less
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" stroke="{color}" '
            f'fill="{color if p.get("status", "complete") == "complete" else "#fff"}"><title>'
            f'{escape(p["run_date"] or "")}: {p[key] or 0}'
            f'{"" if p.get("status", "complete") == "complete" else " (" + RUN_STATUS_ES.get(p["status"], p["status"]) + ")"}'
            f'</title></circle>'
            for p, (x, y) in ((p, xy(i, p[key])) for i, p in enumerate(points)))
        return f'<polyline fill="none" stroke="{color}" stroke-width="2" points="{pts}"/>{dots}'

    labels = "".join(
        f'<text x="{xy(i, 0)[0]:.1f}" y="{height - 8}" font-size="10" text-anchor="middle">{escape(p["run_date"] or "")[5:]}</text>'
        for i, p in enumerate(points) if n <= 12 or i % max(1, n // 10) == 0)
    svg = (f'<svg class="trend" role="img" aria-label="Tendencia de hallazgos por noche" viewBox="0 0 {width} {height}" '
           f'width="100%" xmlns="http://www.w3.org/2000/svg">'
           f'<line x1="40" y1="{height - 25}" x2="{width - 20}" y2="{height - 25}" stroke="#999"/>'
           f'<text x="4" y="20" font-size="10">{top}</text><text x="4" y="{height - 25}" font-size="10">0</text>'
           f'{line("present", "#b3261e")}{line("new", "#1f5fa8")}{labels}</svg>')
    return Markup(svg)
