"""What the open data is, said for machines: the Frictionless Data Package of each
plan (`datos/<plan>/datapackage.json`), the zip of a plan's files at its latest corte,
the site's DCAT catalogue (`datos/catalogo.jsonld`) and the schema.org `Dataset` the
data page carries.

Every description comes from the data dictionary (write/dictionary.py). URLs are
relative, since the site has no `site_url`: within the Data Package, to the package;
in the catalogue, to `datos/`; on the data page, to the page. Every file here is
byte-stable: keys in a fixed order, the publication date instead of the clock.
"""

from __future__ import annotations

import json
import re
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from generator.model import Plan
from generator.results import PlanResults
from generator.write.dictionary import DEFAULT_LICENCIA, DICTIONARY, TABLE_TITLES, licence_of

DATAPACKAGE = "datapackage.json"
CATALOGUE = "catalogo.jsonld"
FORMATS = {"csv": ("CSV", "text/csv"),
           "xlsx": ("Excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
           "json": ("JSON", "application/json")}
ZIP_MEDIA_TYPE = "application/zip"

# Primary and foreign keys of each table, as they hold in the data (tests validate them).
PRIMARY_KEYS = {
    "niveles": ["codigo", "vigencia"],
    "metas": ["codigo_meta", "vigencia"],
    "historial": ["codigo", "corte"],
    "rezagadas": ["codigo_meta", "vigencia"],
    "dependencias": ["dependencia", "vigencia"],
    "seguimiento": ["codigo_meta", "corte"],
}
FOREIGN_KEYS = {
    "metas": [(["codigo_padre", "vigencia"], "niveles", ["codigo", "vigencia"])],
    "historial": [(["codigo", "vigencia"], "niveles", ["codigo", "vigencia"])],
    "rezagadas": [(["codigo_meta", "vigencia"], "metas", ["codigo_meta", "vigencia"])],
    "presupuesto": [(["codigo_meta", "vigencia"], "metas", ["codigo_meta", "vigencia"])],
    "reprogramaciones": [(["codigo_meta"], "metas", ["codigo_meta"])],
    "seguimiento": [(["codigo_meta"], "metas", ["codigo_meta"])],
}

_ENTIDAD_PREFIX = re.compile(r"^\s*(alcald[ií]a|gobernaci[oó]n)(\s+municipal)?\s+(de|del)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Download:
    """One file of a plan's open data: its path under `datos/<plan>/`, title and type."""

    path: str
    title: str
    media_type: str


def municipality(entidad: str) -> str:
    """The place an entity governs: "Alcaldía Municipal de Sopó (Cundinamarca)" -> "Sopó (Cundinamarca)"."""
    return _ENTIDAD_PREFIX.sub("", entidad).strip() or entidad


def zip_name(results: PlanResults) -> str:
    """The zip of every open-data file of a plan at its latest corte."""
    corte = results.current.corte if results.current else "sin-cortes"
    return f"datos-{results.plan.slug}-{corte}.zip"


def downloads(results: PlanResults, tables: list[str]) -> list[Download]:
    """Every file a plan's open data offers, in a fixed order: each table in each
    format, the Data Package descriptor, the zip."""
    files = [Download(f"{table}.{ext}", f"{TABLE_TITLES[table]} ({label})", media)
             for table in tables for ext, (label, media) in FORMATS.items()]
    files.append(Download(DATAPACKAGE, "Descriptor Data Package (Frictionless) de todas las tablas", "application/json"))
    files.append(Download(zip_name(results), "Todos los archivos del corte en un solo zip", ZIP_MEDIA_TYPE))
    return files


def _description(plan: Plan) -> str:
    lead = (f"Seguimiento al cumplimiento de las metas del plan «{plan.nombre}» de {plan.entidad}, "
            f"periodo {plan.periodo[0]}-{plan.periodo[1]}: resultados por nivel, metas, historial por corte, "
            "metas rezagadas, dependencias, presupuesto, reprogramaciones, seguimiento de compromisos y cambios entre cortes.")
    return f"{lead} {plan.descripcion}".strip()


def _licence(plan: Plan) -> tuple[str, str, str]:
    """(name as the plan writes it, page URL, SPDX identifier)."""
    name = plan.licencia or DEFAULT_LICENCIA
    url, spdx = licence_of(name)
    return name, url, spdx


def _field(name: str, table: str) -> dict:
    column = DICTIONARY[table][name]
    out = {"name": name, "type": column.type, "description": column.full_description}
    if column.type == "date":
        out["format"] = "default"
    return out


def table_schema(table: str, columns: list[str]) -> dict:
    schema: dict = {"fields": [_field(c, table) for c in columns], "missingValues": [""]}
    if table in PRIMARY_KEYS:
        schema["primaryKey"] = PRIMARY_KEYS[table]
    if table in FOREIGN_KEYS:
        schema["foreignKeys"] = [{"fields": fields, "reference": {"resource": resource, "fields": ref}}
                                 for fields, resource, ref in FOREIGN_KEYS[table]]
    return schema


def datapackage(results: PlanResults, tables: dict[str, list[str]], published: date) -> dict:
    """The Frictionless Data Package of a plan: one tabular resource per CSV."""
    plan = results.plan
    name, url, spdx = _licence(plan)
    licence = {"name": spdx, "title": name} | ({"path": url} if url else {})
    corte = results.current.corte if results.current else None
    return {
        "profile": "tabular-data-package",
        "name": f"rendicion-cuentas-{plan.slug}",
        "title": f"Datos abiertos: {plan.nombre}",
        "description": _description(plan),
        "licenses": [licence],
        "sources": [{"title": f"Plan Indicativo y reportes de seguimiento de {plan.entidad}"}],
        "contributors": [{"title": plan.entidad, "role": "publisher"}],
        "created": f"{published.isoformat()}T00:00:00Z",
        "keywords": ["plan de desarrollo", "rendición de cuentas", "metas", municipality(plan.entidad)],
        "corte": corte,
        "periodo": list(plan.periodo),
        "resources": [
            {"name": table, "path": f"{table}.csv", "profile": "tabular-data-resource", "title": TABLE_TITLES[table],
             "format": "csv", "mediatype": "text/csv", "encoding": "utf-8", "schema": table_schema(table, columns)}
            for table, columns in tables.items()
        ],
    }


def write_json_file(path: Path, document: dict) -> None:
    path.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def write_zip(path: Path, files: list[Path], published: date) -> None:
    """The files in one zip, byte-stable: sorted names, the publication date as every
    entry's time, fixed permissions."""
    stamp = (published.year, published.month, published.day, 0, 0, 0)
    with zipfile.ZipFile(path, "w") as archive:
        for file in sorted(files, key=lambda f: f.name):
            info = zipfile.ZipInfo(file.name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, file.read_bytes())


def _catalogue_dataset(results: PlanResults, tables: list[str], published: date) -> dict:
    plan = results.plan
    _, url, _ = _licence(plan)
    slug = plan.slug
    return {
        "@id": f"{slug}/",
        "@type": "dcat:Dataset",
        "dct:title": f"Datos abiertos: {plan.nombre}",
        "dct:description": _description(plan),
        "dct:publisher": {"@type": "foaf:Agent", "foaf:name": plan.entidad},
        "dct:license": {"@id": url} if url else plan.licencia,
        "dct:language": {"@id": "http://publications.europa.eu/resource/authority/language/SPA"},
        "dct:temporal": {"@type": "dct:PeriodOfTime",
                         "dcat:startDate": {"@value": f"{plan.periodo[0]}-01-01", "@type": "xsd:date"},
                         "dcat:endDate": {"@value": f"{plan.periodo[1]}-12-31", "@type": "xsd:date"}},
        "dct:spatial": {"@type": "dct:Location", "locn:geographicName": municipality(plan.entidad)},
        "dct:modified": {"@value": published.isoformat(), "@type": "xsd:date"},
        "dct:accrualPeriodicity": {"@id": "http://publications.europa.eu/resource/authority/frequency/QUARTERLY"},
        "dcat:keyword": ["plan de desarrollo", "rendición de cuentas", "metas"],
        "dcat:landingPage": {"@id": f"../{slug}/datos/"},
        "dcat:distribution": [
            {"@type": "dcat:Distribution", "dct:title": d.title,
             "dcat:accessURL": {"@id": f"../{slug}/datos/"}, "dcat:downloadURL": {"@id": f"{slug}/{d.path}"},
             "dcat:mediaType": {"@id": f"https://www.iana.org/assignments/media-types/{d.media_type}"}}
            for d in downloads(results, tables)
        ],
    }


def catalogue(all_results: list[PlanResults], tables: list[str], published: date) -> dict:
    """The site's DCAT catalogue (DCAT-AP style), one dcat:Dataset per plan. Its URLs
    are relative to `datos/catalogo.jsonld` itself."""
    return {
        "@context": {"dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/",
                     "foaf": "http://xmlns.com/foaf/0.1/", "locn": "http://www.w3.org/ns/locn#",
                     "xsd": "http://www.w3.org/2001/XMLSchema#"},
        "@id": "",
        "@type": "dcat:Catalog",
        "dct:title": "Rendición de cuentas: datos abiertos",
        "dct:description": "Cumplimiento de las metas de los planes de desarrollo publicados en este sitio.",
        "dct:language": {"@id": "http://publications.europa.eu/resource/authority/language/SPA"},
        "dct:modified": {"@value": published.isoformat(), "@type": "xsd:date"},
        "dcat:dataset": [_catalogue_dataset(r, tables, published) for r in all_results],
    }


def schema_org_dataset(results: PlanResults, tables: list[str], published: date, to_datos: str) -> dict:
    """The schema.org Dataset of a plan's data page (what dataset search engines read);
    `to_datos` is the relative URL from the page to `datos/<plan>/`."""
    plan = results.plan
    _, url, _ = _licence(plan)
    return {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": f"Datos abiertos: {plan.nombre}",
        "description": _description(plan),
        "url": "./",
        "inLanguage": "es",
        "isAccessibleForFree": True,
        "license": url or plan.licencia,
        "creator": {"@type": "GovernmentOrganization", "name": plan.entidad},
        "publisher": {"@type": "GovernmentOrganization", "name": plan.entidad},
        "temporalCoverage": f"{plan.periodo[0]}/{plan.periodo[1]}",
        "spatialCoverage": {"@type": "Place", "name": municipality(plan.entidad)},
        "dateModified": published.isoformat(),
        "keywords": ["plan de desarrollo", "rendición de cuentas", "metas"],
        "distribution": [
            {"@type": "DataDownload", "name": d.title, "encodingFormat": d.media_type, "contentUrl": to_datos + d.path}
            for d in downloads(results, tables)
        ],
    }
