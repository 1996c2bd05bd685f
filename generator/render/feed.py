"""An Atom feed per plan (RFC 4287), `<plan>/feed.xml`: one entry per corte, so a
newsreader or a council member's tool learns when a new quarter is published.

Each entry names the corte and the plan's cumplimiento (Colombian format, as the pages
print it) and links to the corte's changes page (for the first corte, its page in the
archive of cortes).
Everything is a pure function of the results and the publication date: the same data
give the same bytes. Ids are stable `urn:uuid:`s made from the entity, the plan and
the corte, so they survive a new --site-url; links are absolute with --site-url and
relative to the feed otherwise (Atom resolves them against the feed's address). The
text from the data is escaped by ElementTree.

The plan page links the feed. The pages carry no <link rel="alternate"> to it: Material's
language switcher fetches a sitemap.xml beside every alternate link, so each page view
would ask for /<plan>/sitemap.xml and get a 404.
"""

from __future__ import annotations

import uuid
from datetime import date
from xml.etree import ElementTree

from generator.contract import corte_end, parse_corte_id
from generator.model import ROOT, Plan
from generator.render.layout import PlanLayout, cambios_section, cumplimiento_phrase
from generator.render.pages.archive import corte_url
from generator.render.pages.cambios import counts_line
from generator.render.text import fmt_pct
from generator.results import PlanResults

ATOM = "http://www.w3.org/2005/Atom"


def _id(plan: Plan, *parts: str) -> str:
    """A stable id: the same entity, plan and corte always give the same urn:uuid."""
    return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, "/".join(["rendicion-de-cuentas", plan.entidad, plan.slug, *parts])))


def _timestamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _corte_day(corte_id: str) -> date:
    return corte_end(*parse_corte_id(corte_id))


def _add(parent: ElementTree.Element, tag: str, text: str | None = None, **attributes: str) -> ElementTree.Element:
    element = ElementTree.SubElement(parent, tag, attributes)
    element.text = text
    return element


def atom_feed(results: PlanResults, layout: PlanLayout, published: date, site_url: str | None = None) -> str:
    """The plan's feed as XML text, the latest corte first."""
    plan = results.plan
    feed_dir = layout.home_url  # the feed lives in the plan's folder

    def href(url: str) -> str:
        relative = url[len(feed_dir):] if url.startswith(feed_dir) else url
        return site_url + url if site_url else relative or "./"

    cambios = {c.corte: c for c in results.cambios}
    feed = ElementTree.Element("feed", {"xmlns": ATOM, "xml:lang": "es-CO"})
    _add(feed, "id", _id(plan))
    _add(feed, "title", f"{plan.nombre}: cortes publicados")
    _add(feed, "subtitle", f"El cumplimiento de «{plan.nombre}» ({plan.entidad}) en cada informe trimestral.")
    _add(feed, "updated", _timestamp(published))  # the feed changes when the site is published
    author = _add(feed, "author")
    _add(author, "name", ", ".join(x for x in (plan.oficina, plan.entidad) if x) or plan.nombre)
    _add(feed, "link", rel="self", type="application/atom+xml", href=href(layout.feed_url))
    _add(feed, "link", rel="alternate", type="text/html", href=href(feed_dir))
    for v in reversed(results.history):  # the history is oldest first
        r = v.nodes[ROOT]
        entry = _add(feed, "entry")
        _add(entry, "id", _id(plan, v.corte))
        figure = (f"cumplimiento {v.vigencia} del {fmt_pct(r.cumplimiento)}" if r.cumplimiento is not None
                  else f"sin metas programadas en {v.vigencia}")
        _add(entry, "title", f"Corte {v.corte} de «{plan.nombre}»: {figure}")
        _add(entry, "updated", _timestamp(_corte_day(v.corte)))
        c = cambios.get(v.corte)
        page = layout.section_url(cambios_section(v.corte)) if c is not None else corte_url(layout, v.corte)
        _add(entry, "link", rel="alternate", type="text/html", href=href(page))
        summary = cumplimiento_phrase(r, v) + "."
        if c is not None:
            summary += f" Desde el corte {c.anterior}: {counts_line(c)}."
        _add(entry, "summary", summary)
    ElementTree.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(feed, encoding="unicode") + "\n"
