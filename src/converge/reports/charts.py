"""Report charts drawn once as a list of shapes, then written as SVG (the web page) or PNG (the board report).

One drawing, two outputs, so the chart in the board paper is the chart on the screen. SVG needs no script
and no CDN; PNG is drawn with Pillow (already installed with pdfplumber), which avoids adding matplotlib,
a large dependency, for three simple chart types. Charts are accessible: <title> and <desc>, role="img",
text labels on every axis and bar, and colours with at least 3:1 contrast against white.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from .figures import BurnupPoint, status_label

FONT_FAMILY = "Frutiger W01, Arial, Helvetica, sans-serif"
TEXT = "#212b32"
AXIS = "#4c6272"
GRID = "#d8dde0"
# NHS identity colours chosen for 3:1 contrast or better against white (non-text contrast, WCAG 1.4.11).
STATUS_COLOURS = {
    "proposed": "#768692",
    "confirmed": "#005eb8",
    "in_review": "#c05b00",
    "draft_agreed": "#00788a",
    "approved": "#007f3b",
    "adopted": "#004f2d",
    "local_variation_accepted": "#330072",
    "not_to_be_converged": "#425563",
}
BLUE = "#005eb8"
GREEN = "#007f3b"


@dataclass(frozen=True, slots=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    fill: str
    tip: str = ""  # shown as a tooltip (<title>) in SVG


@dataclass(frozen=True, slots=True)
class Line:
    points: tuple[tuple[float, float], ...]
    stroke: str
    width: float = 1.0
    dashed: bool = False


@dataclass(frozen=True, slots=True)
class Dot:
    x: float
    y: float
    r: float
    fill: str
    tip: str = ""


@dataclass(frozen=True, slots=True)
class Text:
    x: float
    y: float  # baseline
    text: str
    size: float = 12
    anchor: str = "start"  # start | middle | end
    fill: str = TEXT
    bold: bool = False
    tip: str = ""


Shape = Rect | Line | Dot | Text


@dataclass(slots=True)
class Chart:
    """A drawing: its size, an accessible title and description, and its shapes in painting order."""

    width: int
    height: int
    title: str
    desc: str
    shapes: list[Shape] = field(default_factory=list)

    def add(self, *shapes: Shape) -> None:
        self.shapes.extend(shapes)


# --- measuring text (the same font the PNG uses, a little wider than the SVG's Arial) -------------------


@lru_cache(maxsize=16)
def _font(size: int, bold: bool = False):
    from PIL import ImageFont

    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    for folder in ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/Library/Fonts"):
        path = Path(folder) / name
        if path.exists():
            return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size=size)


def text_width(text: str, size: float) -> float:
    return float(_font(round(size)).getlength(text))


def _fit(text: str, size: float, room: float) -> str:
    """Shorten a label to fit `room` pixels, ending in an ellipsis (the full text stays in a tooltip)."""
    if text_width(text, size) <= room:
        return text
    while text and text_width(text + "…", size) > room:
        text = text[:-1]
    return text.rstrip() + "…"


def _nice_max(value: float) -> float:
    """A round axis maximum at or above `value`."""
    if value <= 0:
        return 1.0
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if value <= step * 5:
            return float(step * (int(-(-value // step)) or 1))
    return float(value)


def _ticks(top: float, count: int = 5) -> list[float]:
    return [top * n / count for n in range(count + 1)]


def _num(value: float) -> str:
    return f"{value:g}" if value != int(value) else str(int(value))


# --- the three charts ------------------------------------------------------------------------------------


def burnup_chart(points: Sequence[BurnupPoint], title: str = "Converged topics over time") -> Chart:
    """Burn-up: all topics and converged (approved or adopted) topics at each sampled day."""
    width, height, left, right, top, bottom = 720, 320, 56, 150, 40, 48
    last = points[-1] if points else BurnupPoint(date.today(), 0, 0)
    desc = (
        f"Line chart of {len(points)} dates from {points[0].day if points else last.day} to {last.day}. "
        f"On {last.day}: {last.converged} of {last.topics} topics converged."
    )
    chart = Chart(width, height, title, desc)
    plot_w, plot_h = width - left - right, height - top - bottom
    y_max = _nice_max(max((p.topics for p in points), default=1))
    chart.add(Text(left, 22, title, 15, bold=True))
    for tick in _ticks(y_max):
        y = top + plot_h - plot_h * tick / y_max
        chart.add(
            Line(((left, y), (left + plot_w, y)), GRID), Text(left - 8, y + 4, _num(tick), 11, "end", AXIS)
        )
    chart.add(Line(((left, top), (left, top + plot_h), (left + plot_w, top + plot_h)), AXIS))
    if not points:
        return chart
    span = max((points[-1].day - points[0].day).days, 1)

    def xy(p: BurnupPoint, value: int) -> tuple[float, float]:
        return (left + plot_w * (p.day - points[0].day).days / span, top + plot_h - plot_h * value / y_max)

    converged_y = xy(last, last.converged)[1]
    for series, colour, dashed, name in (
        ("topics", AXIS, True, "All topics"),
        ("converged", GREEN, False, "Converged"),
    ):
        coords = tuple(xy(p, getattr(p, series)) for p in points)
        chart.add(Line(coords, colour, 2.5, dashed))
        for p, (x, y) in zip(points, coords, strict=True):
            chart.add(Dot(x, y, 3, colour, f"{p.day}: {getattr(p, series)} {name.lower()}"))
        label_y = coords[-1][1] + 4
        if series == "topics" and converged_y - coords[-1][1] < 16:
            label_y = converged_y - 12  # keep the two end labels apart when the lines meet
        chart.add(
            Text(left + plot_w + 8, label_y, f"{name}: {getattr(last, series)}", 12, fill=colour, bold=True)
        )
    label_days = [points[0], points[len(points) // 2], points[-1]] if len(points) > 2 else list(points)
    for p, anchor in zip(label_days, ("start", "middle", "end"), strict=False):
        chart.add(Text(xy(p, 0)[0], top + plot_h + 18, p.day.strftime("%d %b %Y"), 11, anchor, AXIS))
    chart.add(Text(left, height - 8, "Topics (match groups)", 11, fill=AXIS))
    return chart


def status_bars_chart(rows: Mapping[str, Mapping[str, int]], title: str = "Status by specialty") -> Chart:
    """Horizontal stacked bars: the groups of each row (specialty, wave or trust) by workflow status."""
    statuses = [s for s in STATUS_COLOURS if any(r.get(s) for r in rows.values())]
    label_w, bar_h, gap, top = 190, 18, 8, 44
    legend_rows = -(-len(statuses) // 3) if statuses else 0
    width = 720
    height = top + len(rows) * (bar_h + gap) + 28 + legend_rows * 20 + 10
    total_max = _nice_max(max((sum(r.values()) for r in rows.values()), default=1))
    parts = "; ".join(
        f"{k}: " + ", ".join(f"{v} {status_label(s).lower()}" for s, v in r.items() if v)
        for k, r in rows.items()
    )
    chart = Chart(width, height, title, f"Stacked bar chart of groups by workflow status. {parts}"[:2000])
    chart.add(Text(0, 22, title, 15, bold=True))
    plot_w = width - label_w - 60
    y = top
    for name, counts in rows.items():
        chart.add(Text(label_w - 8, y + bar_h - 4, _fit(name, 12, label_w - 12), 12, "end", tip=name))
        x = float(label_w)
        for status in statuses:
            n = counts.get(status, 0)
            if not n:
                continue
            w = plot_w * n / total_max
            chart.add(
                Rect(x, y, w, bar_h, STATUS_COLOURS[status], f"{name}: {n} {status_label(status).lower()}")
            )
            x += w
        chart.add(Text(x + 6, y + bar_h - 4, str(sum(counts.values())), 12))
        y += bar_h + gap
    chart.add(Line(((label_w, top - 4), (label_w, y)), AXIS))
    y += 16
    for n, status in enumerate(statuses):
        lx, ly = label_w + (n % 3) * 170, y + (n // 3) * 20
        chart.add(
            Rect(lx, ly - 11, 12, 12, STATUS_COLOURS[status]), Text(lx + 18, ly, status_label(status), 12)
        )
    return chart


def value_bars_chart(
    values: Mapping[str, float],
    title: str = "Divergence by specialty",
    unit: str = "mean divergence (0 = identical, 1 = entirely different)",
    colour: str = BLUE,
) -> Chart:
    """Horizontal bars with their value written at the end (e.g. mean divergence by specialty)."""
    label_w, bar_h, gap, top = 190, 18, 8, 44
    width, height = 720, top + len(values) * (bar_h + gap) + 36
    top_value = max(values.values(), default=0.0)
    scale = 1.0 if top_value <= 1.0 else _nice_max(top_value)
    desc = f"Bar chart of {unit}. " + "; ".join(f"{k}: {v:.2f}" for k, v in values.items())
    chart = Chart(width, height, title, desc[:2000])
    chart.add(Text(0, 22, title, 15, bold=True))
    plot_w = width - label_w - 70
    y = top
    for name, value in values.items():
        w = plot_w * value / scale
        chart.add(
            Text(label_w - 8, y + bar_h - 4, _fit(name, 12, label_w - 12), 12, "end", tip=name),
            Rect(label_w, y, max(w, 1), bar_h, colour, f"{name}: {value:.2f}"),
            Text(label_w + w + 6, y + bar_h - 4, f"{value:.2f}", 12),
        )
        y += bar_h + gap
    chart.add(
        Line(((label_w, top - 4), (label_w, y)), AXIS),
        Text(label_w, y + 18, unit.capitalize(), 11, fill=AXIS),
    )
    return chart


# --- writers ---------------------------------------------------------------------------------------------


def to_svg(chart: Chart, chart_id: str = "chart") -> str:
    """The chart as an inline SVG element (presentation attributes only: no style, no script)."""
    cid = escape(chart_id, {'"': "&quot;"})
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {chart.width} {chart.height}" '
        f'width="{chart.width}" height="{chart.height}" role="img" class="cv-chart" '
        f'aria-labelledby="{cid}-title {cid}-desc" font-family="{FONT_FAMILY}">',
        f'<title id="{cid}-title">{escape(chart.title)}</title>',
        f'<desc id="{cid}-desc">{escape(chart.desc)}</desc>',
        f'<rect x="0" y="0" width="{chart.width}" height="{chart.height}" fill="#ffffff"/>',
    ]
    for s in chart.shapes:
        tip_text = getattr(s, "tip", "")
        tip = f"<title>{escape(tip_text)}</title>" if tip_text else ""
        if isinstance(s, Rect):
            out.append(
                f'<rect x="{s.x:.1f}" y="{s.y:.1f}" width="{s.w:.1f}" height="{s.h:.1f}" fill="{s.fill}" '
                f'stroke="#ffffff" stroke-width="1">{tip}</rect>'
            )
        elif isinstance(s, Line):
            pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in s.points)
            dash = ' stroke-dasharray="6 4"' if s.dashed else ""
            out.append(
                f'<polyline points="{pts}" fill="none" stroke="{s.stroke}" stroke-width="{s.width}"{dash}/>'
            )
        elif isinstance(s, Dot):
            out.append(f'<circle cx="{s.x:.1f}" cy="{s.y:.1f}" r="{s.r}" fill="{s.fill}">{tip}</circle>')
        else:
            weight = ' font-weight="bold"' if s.bold else ""
            out.append(
                f'<text x="{s.x:.1f}" y="{s.y:.1f}" font-size="{s.size}" fill="{s.fill}" '
                f'text-anchor="{s.anchor}"{weight}>{escape(s.text)}{tip}</text>'
            )
    out.append("</svg>")
    return "\n".join(out)


def _dashes(points: Sequence[tuple[float, float]], on: float = 6, off: float = 4):
    """Split a polyline into dash segments (Pillow draws only solid lines)."""
    for (x1, y1), (x2, y2) in zip(points, points[1:], strict=False):
        length = ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5
        pos = 0.0
        while pos < length:
            end = min(pos + on, length)
            a, b = pos / length, end / length
            yield (x1 + (x2 - x1) * a, y1 + (y2 - y1) * a), (x1 + (x2 - x1) * b, y1 + (y2 - y1) * b)
            pos = end + off


def to_png(chart: Chart, scale: float = 2.0) -> bytes:
    """The chart as PNG bytes, at `scale` times its SVG size (2x prints sharply in a board paper)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (round(chart.width * scale), round(chart.height * scale)), "#ffffff")
    draw = ImageDraw.Draw(image)
    anchors = {"start": "ls", "middle": "ms", "end": "rs"}
    for s in chart.shapes:
        if isinstance(s, Rect):
            box = (s.x * scale, s.y * scale, (s.x + s.w) * scale, (s.y + s.h) * scale)
            draw.rectangle(box, fill=s.fill, outline="#ffffff", width=max(1, round(scale / 2)))
        elif isinstance(s, Line):
            pts = [(x * scale, y * scale) for x, y in s.points]
            width = max(1, round(s.width * scale))
            if s.dashed:
                for a, b in _dashes(pts, 6 * scale, 4 * scale):
                    draw.line([a, b], fill=s.stroke, width=width)
            else:
                draw.line(pts, fill=s.stroke, width=width, joint="curve")
        elif isinstance(s, Dot):
            r = s.r * scale
            draw.ellipse((s.x * scale - r, s.y * scale - r, s.x * scale + r, s.y * scale + r), fill=s.fill)
        else:
            draw.text(
                (s.x * scale, s.y * scale),
                s.text,
                fill=s.fill,
                font=_font(round(s.size * scale), s.bold),
                anchor=anchors.get(s.anchor, "ls"),
            )
    buf = io.BytesIO()
    image.save(buf, format="PNG", optimize=True)
    return buf.getvalue()
