"""Site-wide pages and files beyond Pelican's own: sources, raw captures, sitemap and robots.txt."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path
from xml.sax.saxutils import escape

from pelican.generators import Generator

logger = logging.getLogger(__name__)

RAW_DIR = "raw"


def raw_name(capture_path: str) -> str:
    """Where a raw capture is preserved in the built site: served as plain text, never as a page
    (a saved HTML page must not run in the archive's origin)."""
    return f"{RAW_DIR}/{capture_path}" + ("" if capture_path.lower().endswith(".txt") else ".txt")


class SourcesGenerator(Generator):
    """A page per source (its stories and record) and a sources index; raw captures copied."""

    def generate_output(self, writer) -> None:
        sources = self.context.get("recension_sources", [])
        by_slug = {a.slug: a for a in self.context.get("articles", [])}
        relative = self.settings.get("RELATIVE_URLS", False)
        writer.write_file("sources/index.html", self.get_template("sources"), self.context, relative,
                          url="sources/", sources=sources, page_name="sources/index")
        for src in sources:
            stories = [by_slug[s] for s in src["stories"] if s in by_slug]
            writer.write_file(f"sources/{src['slug']}/index.html", self.get_template("source"), self.context,
                              relative, url=f"sources/{src['slug']}/", source=src, stories=stories,
                              page_name=f"sources/{src['slug']}/index")
        for capture_path, source_path in sorted(self.context.get("recension_raw", {}).items()):
            target = Path(self.output_path) / raw_name(capture_path)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source_path, target)


def write_site_files(pelican) -> None:
    """sitemap.xml (every built page) and robots.txt pointing at it."""
    out = Path(pelican.output_path)
    site = pelican.settings.get("SITEURL", "").rstrip("/")
    absolute = site.startswith(("http://", "https://"))
    urls = []
    for path in sorted(out.rglob("index.html")):
        rel = path.relative_to(out).parent.as_posix()
        if rel.split("/", 1)[0] in (RAW_DIR, "report", "pagefind"):
            continue
        urls.append(f"{site if absolute else ''}/{'' if rel == '.' else rel + '/'}")
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    lines += [f"  <url><loc>{escape(u)}</loc></url>" for u in urls]
    lines.append("</urlset>")
    (out / "sitemap.xml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    robots = ["User-agent: *", "Allow: /"]
    if absolute:
        robots.append(f"Sitemap: {site}/sitemap.xml")
    (out / "robots.txt").write_text("\n".join(robots) + "\n", encoding="utf-8")
    logger.info("Recension: sitemap.xml with %d pages, robots.txt", len(urls))
