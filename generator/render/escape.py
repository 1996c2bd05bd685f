"""Text from the data never becomes markup.

Names, descriptions and level names come from Excel and YAML files: they may hold
HTML, Markdown syntax, Jinja or Plotly's label tags.

HTML is built as `Html` (markupsafe's `Markup` with our escaping): every plain `str`
that meets it, in `Html("<td>{}</td>").format(x)`, `Html("").join(...)` or `+`, is
escaped on the way in, so a builder cannot forget it; an `Html` value is already
safe and is never escaped twice. Every HTML builder of the render stage returns
`Html` (tests/test_render_builders.py lists them all). Pages are Markdown: join
their parts with "".join, since `"## Título\n\n" + Html(...)` would escape the
Markdown onto one line.

The other contexts have their own function:

- `html_text`: a plain string as `Html` (front matter titles, the nav).
- `md_text`: into an inline Markdown run (a paragraph or a list item we write).
- `json_attribute`: JSON into a single-quoted attribute (a chart's data).
- `plotly_text`: into a Plotly label, which understands a subset of HTML tags and
  `%{...}` placeholders.
- `safe_url`: only http(s) links survive.
- `md_paragraphs`: a description with a tiny, safe Markdown subset (bold, italic,
  http(s) links, paragraphs) rendered to `Html` by us, never by the Markdown engine.
"""

from __future__ import annotations

import html
import re
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup

# Python-Markdown's escapable characters (ESCAPED_CHARS, plus `|` from the tables
# extension); a backslash before any other character would show.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")
_SPACES = re.compile(r"\s+")
# Control characters have no business in a name or an observation; C1 ones (U+0080 to
# U+009F) would even break the YAML front matter of a page.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def escape_html(text: str) -> str:
    """html.escape, and `=` as an entity too: data then never shows a piece of an
    attribute (`onerror=...`) even as text, which keeps simple scanners quiet."""
    return html.escape(text, quote=True).replace("=", "&#61;")


def json_attribute(text: str) -> str:
    """Text (JSON) for a single-quoted attribute, `data-x='...'`: escaped as
    `escape_html` escapes, but for `"`, which needs no entity between single quotes.
    JSON is full of `"`: as `&quot;` they were a third of the demo's Markdown, and
    each entity costs MkDocs's HTML parsers time on every page."""
    return escape_html(text).replace("&quot;", '"')


def one_line(text: object) -> str:
    """Collapse every run of whitespace (newlines included) into one space."""
    return _SPACES.sub(" ", _CONTROL.sub("", "" if text is None else str(text))).strip()


class Html(Markup):
    """Safe HTML. A plain value meeting it is shown literally: on one line and trimmed
    (a newline in a raw HTML block would let Markdown read what follows), with `=` as
    an entity; None is empty. Spaces around a value belong in the template."""

    __slots__ = ()

    @classmethod
    def escape(cls, s: Any, /) -> "Html":
        if hasattr(s, "__html__"):
            return cls(s.__html__())
        return cls(escape_html(one_line(s)))


def html_text(text: object) -> Html:
    """Text for HTML content or a quoted attribute: shown literally, on one line."""
    return Html.escape(text)


def md_text(text: object) -> str:
    """Text for an inline Markdown run: no emphasis, link, heading, table cell or
    attribute list can come out of it, and HTML shows literally."""
    # Backslashes first, on the raw text (entities made afterwards hold `#`, which
    # must stay as it is); `<`, `>`, `&` and quotes then become entities.
    return escape_html(_MD_SPECIAL.sub(r"\\\1", one_line(text)))


def plotly_text(text: object, limit: int | None = None) -> str:
    """Text for a Plotly label: Plotly reads `<b>`, `<br>`, `<a href>`... in labels,
    and decodes entities, so escaping `&`, `<` and `>` makes it show literally. The `%`
    of `%{` becomes `&#37;` too: in a hover or text template `%{y}` would be replaced
    by a value, `&#37;{y}` is shown as `%{y}`."""
    value = one_line(text)
    if limit is not None and len(value) > limit:
        value = value[: limit - 1].rstrip() + "…"
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("%{", "&#37;{")


def safe_url(url: object) -> str | None:
    """The URL when it is an absolute http(s) one, else None."""
    value = "" if url is None else str(url).strip()
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc and not re.search(r"\s", value):
        return value
    return None


_LINK = re.compile(r"\[([^\[\]]+)\]\(([^()\s]+)\)")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_ITALIC = re.compile(r"(?<![\w*])[*_](?=\S)(.+?)(?<=\S)[*_](?![\w*])")


def _inline(text: str) -> Html:
    """Escape a paragraph, then turn back on bold, italic and http(s) links."""
    out, last = [], 0
    for match in _LINK.finditer(text):
        out.append(_emphasis(text[last:match.start()]))
        label = _emphasis(match.group(1))
        url = safe_url(match.group(2))
        if url is None:
            out.append(label)  # an unsafe link keeps its words and loses its target
        else:
            out.append(Html('<a href="{}" rel="nofollow noopener">{}</a>').format(url, label))
        last = match.end()
    out.append(_emphasis(text[last:]))
    return Html("").join(out)


def _emphasis(text: str) -> Html:
    """The text escaped, with `**bold**` and `*italic*` turned back on (the markers
    and the words between them are escaped text already)."""
    escaped = escape_html(text)
    escaped = _BOLD.sub(r"<strong>\1</strong>", escaped)
    return Html(_ITALIC.sub(r"<em>\1</em>", escaped))


def md_paragraphs(text: object, css_class: str = "descripcion") -> Html:
    """A description as a raw HTML block: paragraphs split on blank lines; bold,
    italic and http(s) links kept; everything else literal."""
    source = "" if text is None else str(text)
    paragraphs = [p for p in re.split(r"\n\s*\n", source) if p.strip()]
    if not paragraphs:
        return Html("")
    body = Html("").join(Html("<p>{}</p>").format(_inline(one_line(p))) for p in paragraphs)
    return Html('<div class="{}">{}</div>').format(css_class, body)
