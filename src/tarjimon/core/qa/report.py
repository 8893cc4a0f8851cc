"""HTML reports an editor signs off with: the match analysis and the project's statistics. One self-contained
page each (inline CSS and SVG charts, no script, nothing fetched from the network)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from html import escape
from typing import Any

from tarjimon.core.qa.analysis import BANDS, Analysis

_BAND_COLOURS = dict(zip(BANDS, ("#7b61ff", "#1b7f3b", "#2ea44f", "#6cc070", "#b5d96b", "#f2c94c", "#f2994a",
                                 "#d9534f"), strict=True))  # fmt: skip
_STATUS_COLOURS = {"reviewed": "#1b7f3b", "translated": "#6cc070", "draft": "#f2c94c", "empty": "#dddddd"}
_SEVERITY_COLOURS = {"error": "#d9534f", "warning": "#f2994a", "info": "#4a90d9"}
_STYLE = """
body { font: 14px/1.4 system-ui, sans-serif; margin: 2em; color: #222; }
h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 1.5em; }
table { border-collapse: collapse; margin: .5em 0 1em; } th, td { padding: .25em .6em; text-align: right; }
th:first-child, td:first-child { text-align: left; } thead th { border-bottom: 2px solid #444; }
tbody tr:nth-child(even) { background: #f4f4f4; } tfoot td { border-top: 1px solid #444; font-weight: bold; }
.legend span { display: inline-block; margin-right: 1em; } .sw { width: .9em; height: .9em;
  display: inline-block; vertical-align: middle; margin-right: .3em; }
"""


def _page(title: str, body: str) -> str:
    return (f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{escape(title)}</title>"
            f"<style>{_STYLE}</style></head><body>\n<h1>{escape(title)}</h1>\n{body}\n</body></html>\n")


def _bar(parts: Sequence[tuple[str, float, str]], width: int = 480, height: int = 18) -> str:
    """A stacked horizontal bar as inline SVG: (label, value, colour) parts, scaled to their sum."""
    total = sum(v for _, v, _ in parts) or 1
    x = 0.0
    rects = []
    for label, value, colour in parts:
        w = width * value / total
        if w > 0:
            rects.append(f'<rect x="{x:.1f}" y="0" width="{w:.1f}" height="{height}" fill="{colour}">'
                         f"<title>{escape(label)}: {value:g}</title></rect>")
        x += w
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img">'
            f'<rect width="{width}" height="{height}" fill="#eee"/>{"".join(rects)}</svg>')


def _legend(colours: dict[str, str]) -> str:
    items = "".join(f'<span><i class="sw" style="background:{c}"></i>{escape(k)}</span>' for k, c in colours.items())
    return f'<p class="legend">{items}</p>'


def analysis_html(analysis: Analysis) -> str:
    """The match analysis: per document and language a table of the bands and a bar of their words."""
    parts = [f"<p>Counted {escape(analysis.against)}.</p>", _legend(_BAND_COLOURS)]
    for doc in analysis.documents:
        total = doc.total
        rows = "".join(
            f"<tr><td>{escape(b)}</td><td>{c.segments}</td><td>{c.words}</td><td>{c.characters}</td>"
            f"<td>{100 * c.words / (total.words or 1):.1f}%</td></tr>" for b, c in doc.bands.items())
        bar = _bar([(b, c.words, _BAND_COLOURS[b]) for b, c in doc.bands.items()])
        parts.append(
            f"<h2>{escape(doc.document)} → {escape(doc.lang)}</h2>{bar}<table><thead><tr><th>band</th>"
            f"<th>segments</th><th>words</th><th>characters</th><th>% words</th></tr></thead><tbody>{rows}</tbody>"
            f"<tfoot><tr><td>total</td><td>{total.segments}</td><td>{total.words}</td><td>{total.characters}"
            f"</td><td>100%</td></tr></tfoot></table>")
    return _page(f"Match analysis: {analysis.project}", "\n".join(parts))


def stats_html(stats: dict[str, Any], findings: Sequence[Any]) -> str:
    """Progress per language (a bar of segments by status) and the QA findings by check and language."""
    statuses = ("reviewed", "translated", "draft", "empty")
    body = [f"<p>{stats['documents']} documents, {stats['segments']} segments, {stats['words']} source words, "
            f"{stats['tm_units']} TM units; source {escape(stats['source'])}.</p>",
            "<h2>Progress</h2>", _legend(_STATUS_COLOURS), "<table><thead><tr><th>language</th><th>progress</th>"
            "<th></th>" + "".join(f"<th>{s}</th>" for s in statuses) + "<th>words done</th></tr></thead><tbody>"]
    for lang, c in stats["languages"].items():
        bar = _bar([(s, c[s], _STATUS_COLOURS[s]) for s in statuses], width=320)
        body.append(f"<tr><td>{escape(lang)}</td><td>{c['progress']:.1f}%</td><td>{bar}</td>"
                    + "".join(f"<td>{c[s]}</td>" for s in statuses) + f"<td>{c['words_translated']}</td></tr>")
    body.append("</tbody></table><h2>QA findings by check</h2>")
    if not findings:
        body.append("<p>No findings.</p>")
    else:
        langs = list(stats["targets"])
        by = Counter((f.check, f.lang) for f in findings)
        severity = {f.check: f.severity for f in findings}
        most = max(sum(by[(check, lang)] for lang in langs) for check in severity)
        body.append("<table><thead><tr><th>check</th><th>severity</th>" + "".join(f"<th>{escape(lang)}</th>"
                    for lang in langs) + "<th>total</th><th></th></tr></thead><tbody>")
        for check in sorted(severity, key=lambda k: (-sum(by[(k, lang)] for lang in langs), k)):
            n = sum(by[(check, lang)] for lang in langs)
            bar = _bar([(check, n, _SEVERITY_COLOURS.get(severity[check], "#888")), ("", most - n, "#eee")],
                       width=200, height=12)
            body.append(f"<tr><td>{escape(check)}</td><td>{severity[check]}</td>"
                        + "".join(f"<td>{by[(check, lang)]}</td>" for lang in langs) + f"<td>{n}</td><td>{bar}</td></tr>")
        body.append("</tbody></table>")
    return _page(f"Project statistics: {stats['project']}", "\n".join(body))
