"""A line chart of closeness and safety, readable without colour.

Each meter has its own line style (solid / dashed), marker shape (circle /
square) and name in the legend, and every point carries its value as a
number.
"""

from __future__ import annotations

from dataclasses import dataclass

from .canvas import Canvas
from .theme import Theme

PLOT_H = 170


def plot_height(canvas: Canvas) -> float:
    """Taller with bigger text, so the axis numbers keep their room."""
    return min(230.0, PLOT_H * max(1.0, canvas.text.line_height("chart") / 24))


@dataclass(frozen=True)
class Series:
    label: str
    values: tuple[int, ...]
    colour_key: str  # Theme attribute
    dashed: bool
    marker: str  # "circle" | "square"


def chart_height(canvas: Canvas) -> float:
    small = canvas.text.line_height("chart")
    return small * 1.4 + small + plot_height(canvas) + small * 2 + small


def _marker(canvas: Canvas, kind: str, centre, colour, r: float = 7) -> None:
    x, y = centre
    if kind == "square":
        canvas.rect((x - r, y - r, 2 * r, 2 * r), colour)
    else:
        canvas.circle((x, y), r, colour)


def draw_chart(canvas: Canvas, theme: Theme, rect, series: list[Series], lo: int, hi: int,
               x_labels: list[str], title: str = "") -> None:
    x, y, w, h = rect
    text = canvas.text
    small = text.line_height("chart")
    # legend: shape, line sample and name for each series
    lx = x
    if title:
        block = canvas.text_in(title, "label", (lx, y, text.measure(title, "label")[0] + 2, small * 1.3),
                               theme.text, where="chart title")
        lx += block.width + 24
    for s in series:
        colour = getattr(theme, s.colour_key)
        cy = y + small * 0.65
        if s.dashed:
            canvas.dashed((lx, cy), (lx + 44, cy), colour, 3, 8)
        else:
            canvas.line((lx, cy), (lx + 44, cy), colour, 3)
        _marker(canvas, s.marker, (lx + 22, cy), colour)
        lw = text.measure(s.label, "chart")[0] + 2
        canvas.text_in(s.label, "chart", (lx + 54, y, lw, small * 1.3), theme.text, where="chart legend")
        lx += 54 + lw + 28
    # the axis labels take the width of the widest number
    label_w = max(text.measure(str(v), "chart")[0] for v in (lo, hi)) + 12
    px0 = x + label_w
    px1 = x + w - 20
    py0 = y + small * 1.4 + small  # room above for value labels
    py1 = py0 + plot_height(canvas)
    span = max(1, hi - lo)

    def to_y(v: float) -> float:
        return py1 - (v - lo) / span * (py1 - py0)

    per_unit = (py1 - py0) / span
    step = next((s for s in (1, 2, 5, 10, 20, 50) if s * per_unit >= small * 1.15), span)
    for v in range(lo, hi + 1, step):
        gy = to_y(v)
        canvas.line((px0, gy), (px1, gy), theme.grid, 1)
        canvas.text_in(str(v), "chart", (x, gy - small / 2, label_w - 8, small), theme.text_muted, align="right",
                       where="chart axis")
    n = max(len(s.values) for s in series)
    if n <= 1:
        xs = [(px0 + px1) / 2]
    else:
        xs = [px0 + 20 + i * (px1 - px0 - 40) / (n - 1) for i in range(n)]
    # x labels: thin them out when they would touch
    widest = max((text.measure(lbl, "chart")[0] for lbl in x_labels), default=0)
    spacing = (xs[1] - xs[0]) if len(xs) > 1 else w
    every = 1
    while every < n and spacing * every < widest + 12:
        every += 1
    for i, lbl in enumerate(x_labels[:n]):
        if i % every and i != n - 1:
            continue
        lw = text.measure(lbl, "chart")[0] + 2
        canvas.text_in(lbl, "chart", (xs[i] - lw / 2, py1 + small * 0.9, lw, small), theme.text_muted,
                       where="chart x label")
    # the lines, markers and values
    num_w = text.measure("10", "chart")[0] + 4
    show_all = spacing >= num_w + 6
    for k, s in enumerate(series):
        colour = getattr(theme, s.colour_key)
        pts = [(xs[i], to_y(v)) for i, v in enumerate(s.values)]
        for a, b in zip(pts, pts[1:]):
            if s.dashed:
                canvas.dashed(a, b, colour, 3, 9)
            else:
                canvas.line(a, b, colour, 3)
        for i, (p, v) in enumerate(zip(pts, s.values)):
            _marker(canvas, s.marker, p, colour)
            changed = i == 0 or i == len(pts) - 1 or s.values[i - 1] != v
            if not (show_all or changed):
                continue
            label = str(v)
            lw = text.measure(label, "chart")[0] + 2
            above = k % 2 == 0
            ly = p[1] - small - 6 if above else p[1] + 8
            canvas.text_in(label, "chart", (p[0] - lw / 2, ly, lw, small), theme.text, align="center",
                           where="chart value")
