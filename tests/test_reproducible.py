"""Reproducible builds (issue "Trust"): the same data gives the same bytes, and the
publication date (SOURCE_DATE_EPOCH) changes only the files that show it.

A citizen or an auditor can rebuild the published site from the published data and
compare checksums; a build that embeds the clock, a random id or the machine's path
would make that impossible.
"""

from __future__ import annotations

import gzip
import io
import struct
import subprocess
import zipfile
from datetime import date, datetime, timezone
from pathlib import Path

from generator import build
from generator.render.text import fmt_date
from tests.helpers import tree_hash

REPO = Path(__file__).resolve().parent.parent
OTHER_DAY = date(2001, 2, 3)  # a publication date no build of the demo data uses


def texts_of(path: Path) -> list[bytes]:
    """The bytes a reader of the file sees: the file, a .gz's content and the date in
    its header, a zip's members and each member's date (dates as ISO text), a PDF's text
    (pdftotext, from poppler-utils)."""
    data = path.read_bytes()
    if path.suffix == ".pdf":
        return [data, subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True).stdout]
    if path.suffix == ".gz":
        stamp = datetime.fromtimestamp(struct.unpack("<I", data[4:8])[0], timezone.utc).date()
        return [data, gzip.decompress(data), stamp.isoformat().encode()]
    if zipfile.is_zipfile(io.BytesIO(data)):
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return [data] + [z.read(i) for i in z.infolist()] + [
                date(*i.date_time[:3]).isoformat().encode() for i in z.infolist()]
    return [data]


def shows(path: Path, day: date) -> bool:
    """Whether the file shows `day` (ISO, in words, or as a zip entry's date)."""
    forms = [day.isoformat().encode(), fmt_date(day).encode("utf-8")]
    return any(form in text for text in texts_of(path) for form in forms)


def test_the_demo_site_built_twice_is_byte_identical(demo_site, demo_site_url, tmp_path):
    build.build_site(REPO / "data", tmp_path / "otra", site_url=demo_site_url)
    first, second = tree_hash(demo_site), tree_hash(tmp_path / "otra")
    assert sorted(first) == sorted(second), "the two builds do not have the same files"
    assert [name for name in first if first[name] != second[name]] == []


def test_another_publication_date_changes_only_the_files_that_show_it(demo_site, demo_site_url, tmp_path, monkeypatch,
                                                                      capsys):
    published = build.publication_date(REPO / "data")  # the demo_site fixture's date
    assert published != OTHER_DAY
    epoch = int(datetime(OTHER_DAY.year, OTHER_DAY.month, OTHER_DAY.day, 12, tzinfo=timezone.utc).timestamp())
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(epoch))
    build.build_site(REPO / "data", tmp_path / "otra-fecha", site_url=demo_site_url)
    first, second = tree_hash(demo_site), tree_hash(tmp_path / "otra-fecha")
    assert sorted(first) == sorted(second), "the publication date changed which files are published"
    changed = sorted(name for name in first if first[name] != second[name])
    assert changed, "the publication date does not appear anywhere in the site"
    not_showing = [name for name in changed
                   if not (shows(demo_site / name, published) and shows(tmp_path / "otra-fecha" / name, OTHER_DAY))]
    assert not_showing == [], "files changed by the publication date that do not show it"
    with capsys.disabled():
        print(f"\n{len(changed)} de {len(first)} archivos cambian con la fecha de publicación "
              f"({published} -> {OTHER_DAY}): " + ", ".join(changed))
