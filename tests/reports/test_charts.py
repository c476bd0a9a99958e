from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from datetime import date

from PIL import Image

from converge.reports.charts import burnup_chart, status_bars_chart, to_png, to_svg, value_bars_chart
from converge.reports.figures import BurnupPoint

SVG = "{http://www.w3.org/2000/svg}"


def _charts():
    points = [
        BurnupPoint(date(2025, 1, 1), 3, 0),
        BurnupPoint(date(2025, 3, 1), 4, 1),
        BurnupPoint(date(2025, 5, 1), 4, 2),
    ]
    return [
        burnup_chart(points),
        status_bars_chart(
            {"Acute <medicine> & more": {"in_review": 1, "adopted": 1}, "Haematology": {"approved": 2}}
        ),
        value_bars_chart(
            {"Acute medicine": 0.4, "A very long specialty name that will not fit the label column": 0.8}
        ),
    ]


def test_svg_is_well_formed_accessible_and_script_free():
    for n, chart in enumerate(_charts()):
        svg = to_svg(chart, f"c{n}")
        root = ET.fromstring(svg)  # well-formed, labels escaped
        assert root.get("role") == "img"
        assert root.get("aria-labelledby") == f"c{n}-title c{n}-desc"
        assert root.find(f"{SVG}title").text == chart.title
        assert root.find(f"{SVG}desc").text
        assert "<script" not in svg and "style=" not in svg
        assert root.findall(f".//{SVG}text")


def test_chart_text_carries_the_numbers():
    burn, status, div = (to_svg(c) for c in _charts())
    assert "Converged: 2" in burn and "All topics: 4" in burn and "01 Jan 2025" in burn
    assert "Acute &lt;medicine&gt; &amp; more" in status and "Approved" in status and ">2<" in status
    assert "0.80" in div and "…" in div  # long label shortened, full name kept in the tooltip
    assert "A very long specialty name that will not fit the label column" in div


def test_png_has_the_chart_size_and_ink():
    for chart in _charts():
        image = Image.open(io.BytesIO(to_png(chart, scale=2)))
        assert image.size == (chart.width * 2, chart.height * 2)
        colours = image.convert("RGB").getcolors(maxcolors=100000)
        assert len(colours) > 10  # more than a blank canvas


def test_empty_data_still_draws():
    assert "<svg" in to_svg(burnup_chart([]))
    assert "<svg" in to_svg(status_bars_chart({}))
    assert Image.open(io.BytesIO(to_png(value_bars_chart({})))).size[0] > 0
