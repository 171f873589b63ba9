"""A line chart of closeness and safety, readable without colour.

Each meter has its own line style (solid / dashed), marker shape (circle /
square) and name in the legend, and every point carries its value as a
number. The numbers are placed so that none covers a marker or another
number: the higher series' number goes above its marker, the lower one's
below, and when that spot is taken the number moves further out or to the
side (see `place_labels`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .canvas import Canvas
from .theme import Theme

PLOT_H = 170


def plot_height(canvas: Canvas) -> float:
    """Taller with bigger text, so the axis numbers keep their room."""
    return min(230.0, PLOT_H * max(1.0, canvas.text.line_height("chart") / 24))


MARKER_R = 7.0


@dataclass
class ChartLayout:
    """Where draw_chart put things, in logical pixels (the tests read it)."""

    markers: list = field(default_factory=list)  # (x, y, w, h) for every marker drawn
    labels: list = field(default_factory=list)  # (text, (x, y, w, h)) for every value label drawn
    bounds: tuple = (0, 0, 0, 0)  # where value labels may go


def overlaps(a, b) -> bool:
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    return ax < bx + bw and bx < ax + aw and ay < by + bh and by < ay + ah


def _inside(r, bounds) -> bool:
    x, y, w, h = r
    bx, by, bw, bh = bounds
    return x >= bx and y >= by and x + w <= bx + bw and y + h <= by + bh


def place_labels(wanted, markers, bounds, pad: float = 2.0) -> list:
    """Choose a rectangle for each value label so none touches a marker or another label.

    `wanted` is a list of (text, (cx, cy), (w, h), side) where (cx, cy) is the marker's
    centre and side is "above" or "below", the side to try first. Each label tries
    spots near its own marker, nearest first: its side, the other side, then left and
    right, then further out. A label with no free spot is left out (its value is still
    written in the list of moves) rather than drawn over something.
    """
    taken = [(x - pad, y - pad, w + 2 * pad, h + 2 * pad) for x, y, w, h in markers]
    out = []
    for text, (cx, cy), (w, h), side in wanted:
        r = MARKER_R + pad + 1
        above = [(cx - w / 2, cy - r - h - d) for d in (0, h * 0.5, h)]
        below = [(cx - w / 2, cy + r + d) for d in (0, h * 0.5, h)]
        beside = [(cx + r + 2, cy - h / 2), (cx - r - 2 - w, cy - h / 2)]
        near = [above[0], below[0]] if side == "above" else [below[0], above[0]]
        far = list(zip(above[1:], below[1:])) if side == "above" else list(zip(below[1:], above[1:]))
        spots = near + beside + [p for pair in far for p in pair]
        for sx, sy in spots:
            rect = (sx, sy, w, h)
            if _inside(rect, bounds) and not any(overlaps(rect, t) for t in taken):
                out.append((text, rect))
                taken.append(rect)
                break
    return out


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


def _marker(canvas: Canvas, kind: str, centre, colour, r: float = MARKER_R) -> None:
    x, y = centre
    if kind == "square":
        canvas.rect((x - r, y - r, 2 * r, 2 * r), colour)
    else:
        canvas.circle((x, y), r, colour)


def draw_chart(canvas: Canvas, theme: Theme, rect, series: list[Series], lo: int, hi: int,
               x_labels: list[str], title: str = "") -> ChartLayout:
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
    # the lines and markers
    layout = ChartLayout()
    num_w = text.measure("10", "chart")[0] + 4
    show_all = spacing >= num_w + 6
    all_pts = []
    for s in series:
        colour = getattr(theme, s.colour_key)
        pts = [(xs[i], to_y(v)) for i, v in enumerate(s.values)]
        all_pts.append(pts)
        for a, b in zip(pts, pts[1:]):
            if s.dashed:
                canvas.dashed(a, b, colour, 3, 9)
            else:
                canvas.line(a, b, colour, 3)
        for p in pts:
            _marker(canvas, s.marker, p, colour)
            layout.markers.append((p[0] - MARKER_R, p[1] - MARKER_R, 2 * MARKER_R, 2 * MARKER_R))
    # the values: at each point the higher series is labelled above, the lower below
    wanted = []
    for i in range(n):
        for k, s in enumerate(series):
            if i >= len(s.values):
                continue
            v = s.values[i]
            changed = i == 0 or i == len(s.values) - 1 or s.values[i - 1] != v
            if not (show_all or changed):
                continue
            others = [o.values[i] for j, o in enumerate(series) if j != k and i < len(o.values)]
            if any(v > o for o in others):
                side = "above"
            elif any(v < o for o in others):
                side = "below"
            else:  # level with the other series: the first one's number above, the next below
                side = "above" if k % 2 == 0 else "below"
            label = str(v)
            size = (text.measure(label, "chart")[0] + 2, small)
            wanted.append((label, all_pts[k][i], size, side))
    layout.bounds = (px0, y + small * 1.3, x + w - px0, py1 + small * 0.9 - (y + small * 1.3))
    layout.labels = place_labels(wanted, layout.markers, layout.bounds)
    for label, rect in layout.labels:
        # a halo in the panel's colour keeps the digits readable where a line passes behind them
        lx, ly, lw, lh = rect
        for dx, dy in ((-1.5, 0), (1.5, 0), (0, -1.5), (0, 1.5)):
            canvas.text_in(label, "chart", (lx + dx, ly + dy, lw, lh), theme.panel, align="center",
                           where="chart halo")
        canvas.text_in(label, "chart", rect, theme.text, align="center", where="chart value")
    return layout
