"""The SVG bar chart: accessible, proportional, labelled with its values, and escaping its labels."""

import re
import xml.etree.ElementTree as ET

from .. import charts

SVG = "{http://www.w3.org/2000/svg}"


def test_bars_are_proportional_and_labelled():
    svg = charts.horizontal_bars(
        "c1", "发布作品", [("青少年", 10), ("老年人", 5), ("<b>未标注</b>", 0)], unit="作品数"
    )
    root = ET.fromstring(str(svg))  # noqa: S314 - the SVG this module drew
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "c1-title c1-desc"
    assert root.find(f"{SVG}title").text == "发布作品（作品数）"
    assert "青少年：10" in root.find(f"{SVG}desc").text
    widths = [float(rect.get("width")) for rect in root.iter(f"{SVG}rect")]
    assert widths[0] == 2 * widths[1] and widths[2] == 0
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert texts == ["青少年", "10", "老年人", "5", "<b>未标注</b>", "0"]  # escaped in the markup
    assert "<b>" not in str(svg)


def test_a_share_is_drawn_against_its_maximum():
    svg = str(charts.horizontal_bars("c2", "满意度", [("包头市", 50.0)], maximum=100))
    width = float(re.search(r'<rect [^>]*width="([\d.]+)"', svg).group(1))
    assert width == (charts.WIDTH - charts.LABEL_WIDTH - charts.VALUE_ROOM) / 2
    assert ">50.0<" in svg


def test_an_empty_chart_is_still_valid():
    root = ET.fromstring(str(charts.horizontal_bars("c3", "空", [])))  # noqa: S314
    assert list(root.iter(f"{SVG}rect")) == []
