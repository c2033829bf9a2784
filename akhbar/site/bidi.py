"""Isolate Latin runs inside Urdu text, so mixed lines read in the right order.

In a right-to-left paragraph the Unicode bidi algorithm lets neutral characters (spaces,
full stops, brackets) between an English name and the Urdu around it take the wrong side:
"(Reuters)" loses a bracket, "IMF." puts its full stop on the left, a URL's slashes flip.
Wrapping each Latin run in `<span dir="ltr" lang="en">` isolates it (CSS gives
`unicode-bidi: isolate`) and tells screen readers and the font stack it is English, while
the punctuation that ends an Urdu sentence stays outside the run, on the Urdu side.

Two entry points, both safe for templates:

- `isolate_text(text)`: plain text in, escaped HTML out.
- `isolate_html(html)`: trusted HTML (e.g. Wagtail rich text output) in; only text nodes
  change, re-escaped; text already inside an element carrying `lang` or `dir` (and inside
  code, pre, script, style) is left alone.
"""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser

# A URL or e-mail address: kept whole, trailing sentence punctuation left outside.
_URL = r"(?:https?://|www\.)[^\s<>\"]*[^\s<>\".,;:!?،۔)\]]|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
# A Latin word run: starts with a Latin letter (or a number directly followed by one, e.g.
# "5 km", "G20"), may continue through Latin words, digits and the joiners names use,
# and ends on a letter or digit so a closing full stop or comma stays with the Urdu.
_LETTER = r"[A-Za-z\u00C0-\u024F]"
_WORD = rf"(?:{_LETTER}|\d)(?:[\w'’&.\-/]*[\w])?"
_LATIN = rf"(?:\d[\d.,]*\s+)?{_LETTER}(?:[\w'’&.\-/]*\w)?(?:[.,]?[ \t]+(?:[&+]\s+)?{_WORD})*"
_RUN = re.compile(rf"{_URL}|{_LATIN}")
# \w also matches Urdu letters; a run must not swallow them.
_URDU = re.compile(r"[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]")

SPAN = '<span dir="ltr" lang="en">{}</span>'
_SKIP = {"code", "pre", "script", "style", "textarea", "bdo", "svg", "math"}
_VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip


def _runs(text: str) -> list[tuple[int, int]]:
    """Spans (start, end) of Latin runs in text, trimmed where Urdu letters begin."""
    out = []
    for m in _RUN.finditer(text):
        chunk = m.group(0)
        urdu = _URDU.search(chunk)
        if urdu:  # \w ran on into Urdu: cut there and drop trailing non-word characters
            chunk = re.sub(r"[\W_]+$", "", chunk[: urdu.start()])
        if chunk and re.search(_LETTER, chunk):
            out.append((m.start(), m.start() + len(chunk)))
    return out


def isolate_text(text: str) -> str:
    """Escape plain text and wrap each Latin run in an ltr, lang=en span."""
    text = str(text)
    parts, pos = [], 0
    for start, end in _runs(text):
        parts.append(escape(text[pos:start], quote=False))
        parts.append(SPAN.format(escape(text[start:end], quote=False)))
        pos = end
    parts.append(escape(text[pos:], quote=False))
    return "".join(parts)


class _Isolator(HTMLParser):
    """Re-emits trusted HTML tag for tag, isolating Latin runs in eligible text nodes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        # One entry per open element: does text inside it stay as it is?
        self.frozen: list[bool] = []

    def _is_frozen(self) -> bool:
        return bool(self.frozen) and self.frozen[-1]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self.get_starttag_text() or "")
        if tag in _VOID:
            return
        names = {name for name, _ in attrs}
        self.frozen.append(self._is_frozen() or tag in _SKIP or bool(names & {"lang", "dir"}))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        if tag not in _VOID and self.frozen:
            self.frozen.pop()
        self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if self.cdata_elem:  # script/style content arrives raw and must leave raw
            self.out.append(data)
        elif self._is_frozen():
            self.out.append(escape(data, quote=False))
        else:
            self.out.append(isolate_text(data))

    def handle_comment(self, data: str) -> None:
        pass  # comments never reach readers

    def handle_decl(self, decl: str) -> None:
        pass

    def handle_pi(self, data: str) -> None:
        pass

    def unknown_decl(self, data: str) -> None:
        pass


def isolate_html(html: str) -> str:
    """Isolate Latin runs in the text nodes of trusted HTML; markup passes unchanged."""
    parser = _Isolator()
    parser.feed(str(html))
    parser.close()
    return "".join(parser.out)
