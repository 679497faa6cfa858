"""The SVG charts: accessible names, the numbers in the description, labels escaped."""

from lms.reports import charts


def test_bar_chart_has_title_desc_and_escaped_labels():
    svg = str(charts.bar_chart(title="Penjualan <b>", items=[("<script>", 1500), ("Menjahit", 12.5)]))
    assert svg.startswith('<svg class="chart" role="img"')
    assert "<title" in svg and "<desc" in svg and "aria-labelledby" in svg
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "Penjualan &lt;b&gt;" in svg
    assert "1.500" in svg and "12,5" in svg  # Indonesian number format, in the description too
    assert svg.count("<rect") == 2


def test_bar_widths_follow_the_values():
    svg = str(charts.bar_chart(title="T", items=[("a", 100), ("b", 50)], maximum=100))
    widths = [int(part.split('"')[0]) for part in svg.split('width="')[2:]]
    assert widths[0] == 2 * widths[1]


def test_line_chart_and_empty_charts():
    svg = str(charts.line_chart(title="Aktif", points=[("2026-01", 3), ("2026-02", 7)]))
    assert "<polyline" in svg and "2026-01: 3; 2026-02: 7" in svg
    assert "Belum ada data." in str(charts.bar_chart(title="Kosong", items=[]))  # Indonesian by default
