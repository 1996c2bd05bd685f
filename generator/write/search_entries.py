"""The search index entries of the generated pages, made while the pages are written.

Material's search plugin indexes a page by parsing its HTML with Python's HTMLParser
and a handler of its own: on the demo, over 40 % of MkDocs's time, for pages that are
mostly tables. The generated pages say `search: exclude` in their front matter, so the
plugin leaves them alone, and their entries are made here instead, in the processes
that write the pages, then added to the index MkDocs writes (write/search_index.py).

`page_entries` gives what the plugin would give: the page's Markdown converted with the
site's own extensions and settings (mkdocs.yml), divided into sections at each heading
with an id, each section's text with the plugin's few kept tags (`<p>`, `<li>`,
`<code>`...). The tags are found with one regular expression instead of a general
HTML parser: the HTML is the generator's own and Python-Markdown's, whose attribute
values never hold a raw `>`. tests/test_search_entries.py checks every demo page
against the plugin itself.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

import markdown
import yaml

MKDOCS_YML = Path(__file__).resolve().parent.parent.parent / "mkdocs.yml"
# MkDocs adds these to those of mkdocs.yml (MkDocsConfig.markdown_extensions.builtins;
# importing MkDocs's config to read them costs more than half a second).
MKDOCS_BUILTIN_EXTENSIONS = ("toc", "tables", "fenced_code")

# What the plugin does with each tag (material/plugins/search/plugin.py).
_SKIPPED = frozenset({"object", "script", "style"})
_KEPT = frozenset({"p", "code", "pre", "li", "ol", "ul", "sub", "sup"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                   "source", "track", "wbr"})
# The tags whose attributes the parser reads (an id, a permalink's class); others only
# matter when they say data-search-exclude or linenodiv.
_READ = dict.fromkeys(_HEADINGS | {"a"}, True)
_TAG = re.compile(r"<(/?)([a-zA-Z][^\s/>]*)([^>]*)>|<!--.*?-->|<![^>]*>|<\?[^>]*>", re.S)
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?\n)(?:---|\.\.\.)\s*\n", re.S)
_YAML = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def site_markdown_extensions(mkdocs_yml: Path = MKDOCS_YML) -> tuple[list[str], dict[str, dict]]:
    """The Markdown extensions MkDocs converts the site's pages with: its own built-in
    ones, then those of mkdocs.yml; and their settings."""
    listed = yaml.safe_load(mkdocs_yml.read_text(encoding="utf-8"))["markdown_extensions"]
    names = [e if isinstance(e, str) else next(iter(e)) for e in listed]
    builtins = [n for n in MKDOCS_BUILTIN_EXTENSIONS if n not in names]
    return builtins + names, {k: v for e in listed if isinstance(e, dict) for k, v in e.items()}


def site_markdown() -> markdown.Markdown:
    """A converter that turns a page's Markdown into the HTML MkDocs makes of it."""
    names, settings = site_markdown_extensions()
    return markdown.Markdown(extensions=names, extension_configs=settings)


def page_url(relative: str) -> str:
    """The page's address in the site, as MkDocs gives it (use_directory_urls)."""
    path = relative[:-len(".md")] if relative.endswith(".md") else relative
    if path == "index" or path.endswith("/index"):
        path = path[:-len("index")]
    return path + "/" if path and not path.endswith("/") else path


@dataclass(frozen=True)
class Converted:
    """A page's Markdown as MkDocs converts it: its front matter, the Markdown after
    it, the HTML and the table of contents (the toc extension's tokens)."""
    meta: dict
    body: str
    html: str
    toc: list


def convert_page(md: markdown.Markdown, source: str) -> Converted:
    """Convert the page whose file holds `source` with `md` (site_markdown)."""
    found = _FRONT_MATTER.match(source)
    meta = (yaml.load(found.group(1), Loader=_YAML) or {}) if found else {}
    body = source[found.end():] if found else source
    html_text = md.reset().convert(body)
    return Converted(meta, body, html_text, getattr(md, "toc_tokens", []))


def page_entries(md: markdown.Markdown, relative: str, source: str) -> list[dict] | None:
    """The entries Material's search plugin would make of the page at `relative` (a
    docs-relative .md path) whose file holds `source`, were it not excluded from the
    plugin; None for a page whose front matter says `buscable: false`."""
    return converted_entries(relative, convert_page(md, source))


def converted_entries(relative: str, page: Converted) -> list[dict] | None:
    """page_entries, of a page already converted."""
    if page.meta.get("buscable") is False:
        return None
    return [_entry(section, page_url(relative), str(page.meta.get("title", "")))
            for section in _sections(page.html) if not section.excluded]


@dataclass
class _Section:
    tag: str
    depth: float = 0
    id: str | None = None
    excluded: bool = False  # its heading says data-search-exclude
    title: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)


def _entry(section: _Section, url: str, page_title: str) -> dict:
    title = "".join(section.title).strip() if section.title else page_title
    return {"location": url + "#" + section.id if section.id else url, "title": title.strip(),
            "text": "".join(section.text).strip()}


def _attributes(text: str) -> dict[str, str]:
    return {m.group(1).lower(): html.unescape(next((g for g in m.groups()[1:] if g is not None), ""))
            for m in _ATTRIBUTE.finditer(text)}


def _sections(content: str) -> list[_Section]:
    """The plugin's parser, step for step (its elements compare by tag name, so its
    sets of elements are sets of tag names here)."""
    tags: list[str] = []  # the open elements, and their attributes where the parser reads them
    attributes: list[dict] = []
    skip = set(_SKIPPED)
    sections: list[_Section] = []
    section: _Section | None = None

    def start(tag: str, attrs: dict) -> None:
        nonlocal section
        if tag in _VOID:
            return
        tags.append(tag)
        attributes.append(attrs)
        if tag in _HEADINGS and "id" in attrs:
            if tag != "h1" and not sections:
                sections.append(_Section("hx", len(tags)))
            section = _Section(tag, len(tags), attrs["id"] if sections else None,
                               excluded="data-search-exclude" in attrs)
            sections.append(section)
        if section is None:
            section = _Section("hx")
            sections.append(section)
        if "data-search-exclude" in attrs or attrs.get("class") == "linenodiv":
            skip.add(tag)
            return
        if tag in _KEPT and skip.isdisjoint(tags):
            _target().append(f"<{tag}>")

    def end(tag: str) -> None:
        nonlocal section
        if not tags or tags[-1] != tag:
            return
        if section.depth > len(tags):
            for earlier in reversed(sections):
                if earlier.depth <= len(tags):
                    section.depth = float("inf")
                    section = earlier
                    break
        tags.pop()
        attributes.pop()
        if tag in skip:
            if tag not in _SKIPPED:
                skip.remove(tag)
            return
        if tag in _KEPT and skip.isdisjoint(tags):
            data = _target()
            index = data.index(f"<{tag}>")
            if any(not part.isspace() for part in data[index + 1:]):
                data.append(f"</{tag}>")
            else:
                del data[index:]

    def text(data: str) -> None:
        nonlocal section
        if not skip.isdisjoint(tags):
            return
        if "pre" not in tags:
            data = data.replace("\n", " ") if not data.isspace() else " "
        if section is None:
            section = _Section("hx")
            sections.append(section)
        if section.tag in tags:
            if not any(t == "a" and a.get("class") == "headerlink" for t, a in zip(tags, attributes)):
                section.title.append(html.escape(data, quote=False))
        elif data.isspace():
            if not section.text or not section.text[-1].isspace() or "pre" in tags:
                section.text.append(data)
        else:
            section.text.append(html.escape(data, quote=False))

    def _target() -> list[str]:
        return section.title if section.tag in tags else section.text

    position = 0
    for found in _TAG.finditer(content):
        if found.start() < position:  # inside a script or a style
            continue
        if found.start() > position:
            text(html.unescape(content[position:found.start()]))
        position = found.end()
        if found.group(2) is None:  # a comment, a declaration
            continue
        tag = found.group(2).lower()
        if found.group(1):
            end(tag)
            continue
        attrs = found.group(3)
        start(tag, _attributes(attrs) if _READ.get(tag, False) or "data-search-exclude" in attrs
              or "linenodiv" in attrs else {})
        if attrs.endswith("/"):
            end(tag)
        if tag in ("script", "style"):  # their content is text up to their closing tag
            close = re.compile(rf"</{tag}\s*>", re.I).search(content, position)
            stop = close.start() if close else len(content)
            if stop > position:
                text(content[position:stop])
            position = stop
    if position < len(content):
        text(html.unescape(content[position:]))
    return sections
