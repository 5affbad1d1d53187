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


SEVERITY_COLOURS = {"high": "#b3261e", "medium": "#c77700", "low": "#6b6b6b"}


def severity_trend_svg(points: list[dict], width: int = 720, height: int = 240) -> Markup:
    """Open findings (new + open) per night by severity: an inline SVG with both axes, their ticks and a legend."""
    if not points:
        return Markup("")
    from .labels import SEVERITY_ES

    left, right, top_pad, bottom = 48, 20, 34, 40
    top = max(max((p[s] or 0) for s in SEVERITY_COLOURS for p in points), 1)
    n = len(points)
    step = (width - left - right) / max(n - 1, 1)

    def xy(i, v):
        return left + i * step, height - bottom - (height - bottom - top_pad) * (v or 0) / top

    ticks = sorted({0, top // 2, top}) if top > 1 else [0, 1]
    axes = (f'<line x1="{left}" y1="{height - bottom}" x2="{width - right}" y2="{height - bottom}" stroke="#555"/>'
            f'<line x1="{left}" y1="{top_pad}" x2="{left}" y2="{height - bottom}" stroke="#555"/>'
            + "".join(f'<line x1="{left - 4}" y1="{xy(0, t)[1]:.1f}" x2="{width - right}" y2="{xy(0, t)[1]:.1f}" '
                      f'stroke="#e4e4e4"/><text x="{left - 6}" y="{xy(0, t)[1] + 3:.1f}" font-size="10" '
                      f'text-anchor="end">{t}</text>' for t in ticks)
            + f'<text x="12" y="{(height - bottom + top_pad) / 2:.0f}" font-size="10" text-anchor="middle" '
              f'transform="rotate(-90 12 {(height - bottom + top_pad) / 2:.0f})">hallazgos por corregir</text>'
            + "".join(f'<text x="{xy(i, 0)[0]:.1f}" y="{height - bottom + 14}" font-size="10" text-anchor="middle">'
                      f'{escape(p["run_date"] or "")[5:]}</text>'
                      for i, p in enumerate(points) if n <= 12 or i % max(1, n // 10) == 0)
            + f'<text x="{(left + width - right) / 2:.0f}" y="{height - 6}" font-size="10" text-anchor="middle">'
              f'noche (mes-día)</text>')

    def line(severity):
        colour = SEVERITY_COLOURS[severity]
        pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in (xy(i, p[severity]) for i, p in enumerate(points)))
        dots = "".join(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}"><title>{escape(p["run_date"] or "")}'
                       f': {p[severity] or 0} ({SEVERITY_ES[severity]})</title></circle>'
                       for p, (x, y) in ((p, xy(i, p[severity])) for i, p in enumerate(points)))
        return f'<polyline class="sev-line" data-severity="{severity}" fill="none" stroke="{colour}" ' \
               f'stroke-width="2" points="{pts}"/>{dots}'

    legend = "".join(f'<rect x="{left + 10 + k * 140}" y="8" width="12" height="12" fill="{c}"/>'
                     f'<text x="{left + 26 + k * 140}" y="18" font-size="11">severidad {SEVERITY_ES[s]}</text>'
                     for k, (s, c) in enumerate(SEVERITY_COLOURS.items()))
    return Markup(f'<svg class="trend severity-trend" role="img" aria-label="Hallazgos por corregir por noche y '
                  f'severidad" viewBox="0 0 {width} {height}" width="100%" xmlns="http://www.w3.org/2000/svg">'
                  f'{axes}{"".join(line(s) for s in SEVERITY_COLOURS)}<g class="legend">{legend}</g></svg>')
