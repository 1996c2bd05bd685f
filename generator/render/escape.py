"""Text from the data never becomes markup.

Names, descriptions and level names come from Excel and YAML files: they may hold
HTML, Markdown syntax, Jinja or Plotly's label tags. Every such string goes through one
of these functions on its way into a page:

- `html_text`: into HTML (raw HTML blocks, attributes, front matter titles, the nav).
- `md_text`: into an inline Markdown run (a paragraph or a list item we write).
- `plotly_text`: into a Plotly label, which understands a subset of HTML tags.
- `safe_url`: only http(s) links survive.
- `md_paragraphs`: a description with a tiny, safe Markdown subset (bold, italic,
  http(s) links, paragraphs) rendered to HTML by us, never by the Markdown engine.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

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


def one_line(text: object) -> str:
    """Collapse every run of whitespace (newlines included) into one space."""
    return _SPACES.sub(" ", _CONTROL.sub("", "" if text is None else str(text))).strip()


def html_text(text: object) -> str:
    """Text for HTML content or a quoted attribute: shown literally, on one line."""
    return escape_html(one_line(text))


def md_text(text: object) -> str:
    """Text for an inline Markdown run: no emphasis, link, heading, table cell or
    attribute list can come out of it, and HTML shows literally."""
    # Backslashes first, on the raw text (entities made afterwards hold `#`, which
    # must stay as it is); `<`, `>`, `&` and quotes then become entities.
    return escape_html(_MD_SPECIAL.sub(r"\\\1", one_line(text)))


def plotly_text(text: object, limit: int | None = None) -> str:
    """Text for a Plotly label: Plotly reads `<b>`, `<br>`, `<a href>`... in labels,
    and decodes entities, so escaping `&`, `<` and `>` makes it show literally."""
    value = one_line(text)
    if limit is not None and len(value) > limit:
        value = value[: limit - 1].rstrip() + "…"
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


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


def _inline(text: str) -> str:
    """Escape a paragraph, then turn back on bold, italic and http(s) links."""
    out, last = [], 0
    for match in _LINK.finditer(text):
        out.append(_emphasis(escape_html(text[last:match.start()])))
        label = _emphasis(escape_html(match.group(1)))
        url = safe_url(match.group(2))
        if url is None:
            out.append(label)  # an unsafe link keeps its words and loses its target
        else:
            out.append(f'<a href="{escape_html(url)}" rel="nofollow noopener">{label}</a>')
        last = match.end()
    out.append(_emphasis(escape_html(text[last:])))
    return "".join(out)


def _emphasis(escaped: str) -> str:
    escaped = _BOLD.sub(r"<strong>\1</strong>", escaped)
    return _ITALIC.sub(r"<em>\1</em>", escaped)


def md_paragraphs(text: object, css_class: str = "descripcion") -> str:
    """A description as a raw HTML block: paragraphs split on blank lines; bold,
    italic and http(s) links kept; everything else literal."""
    source = "" if text is None else str(text)
    paragraphs = [one_line(p) for p in re.split(r"\n\s*\n", source) if p.strip()]
    if not paragraphs:
        return ""
    body = "".join(f"<p>{_inline(p)}</p>" for p in paragraphs)
    return f'<div class="{css_class}">{body}</div>'
