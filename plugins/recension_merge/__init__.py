"""Pelican adapter for collation: versions in, one article per story out.

On ``article_generator_pretaxonomy`` (after every capture is read, before categories, tags and
dates are built) the capture articles are replaced by one article per story, built by the pure
``recension.collate``. Captures that could not be read are dropped from the drafts and listed in
the build report (``report/`` page and ``report.json``).
"""

from __future__ import annotations

import html
import json
import logging
import os
from datetime import datetime

from pelican import signals
from pelican.contents import Article
from pelican.generators import ArticlesGenerator
from pelican.urlwrappers import Tag
from pelican.utils import order_content
from slugify import slugify

from recension.cache import collation_caches, collect_less, story_views
from recension.collate import collate_archive
from recension.ingest import in_captures
from recension.model import Story
from recension.render import source_names, story_html
from recension.sources import source_records
from recension.spin import Lexicon
from recension.text import unique_slug

from .site import SourcesGenerator, raw_name, write_site_files

logger = logging.getLogger(__name__)

REPORT = "recension_report"
SOURCES = "recension_sources"
RAW = "recension_raw"  # capture path → file to preserve in the built site
STAGES = "recension_stages"  # stage → seconds, for the benchmark (RECENSION_TIMINGS names a file to write)


def _json_ld(story: Story, date: datetime, names: dict[str, str]) -> dict:
    """schema.org NewsArticle for the story, ``isBasedOn`` each capture it was collated from."""
    based = []
    for c in story.captures:
        item = {"@type": "CreativeWork", "name": c.title or c.path, "publisher": {"@type": "Organization",
                                                                                 "name": names[c.path]}}
        url = c.get("url")
        if url.startswith(("https://", "http://")):
            item["url"] = url
        if c.get("date"):
            item["datePublished"] = c.get("date")
        based.append(item)
    return {"@context": "https://schema.org", "@type": "NewsArticle", "headline": story.title,
            "datePublished": date.isoformat(), "isBasedOn": based}


def _story_date(story: Story, fallback: datetime) -> tuple[datetime, str]:
    """The earliest date a capture states; else the earliest file time (and say so)."""
    stated, mtimes = [], []
    for c in story.captures:
        m = c.meta.get("date")
        if not m:
            continue
        try:
            value = datetime.fromisoformat(m.value[:19])
        except ValueError:
            continue
        (mtimes if m.origin == "file-mtime" else stated).append(value)
    if stated:
        return min(stated), "stated in the capture"
    if mtimes:
        return min(mtimes), "no capture states a date: the capture file's modification time"
    return fallback, "unknown"


def _lexicon(settings: dict) -> tuple[Lexicon, str | None]:
    """The spin lexicon to start from: the shipped seed merged with what earlier builds learned."""
    from importlib import resources

    seed = Lexicon()
    seed_file = settings.get("SPIN_LEXICON_SEED") or str(resources.files("recension.data") / "spin_seed.json")
    for path in (seed_file, settings.get("SPIN_LEXICON_PATH")):
        if path and os.path.isfile(path):
            try:
                with open(path, encoding="utf-8") as fh:
                    seed.merge_max(Lexicon.from_json(json.load(fh)))
            except (OSError, ValueError) as exc:
                logger.warning("Spin lexicon %s not used: %s", path, exc)
    return seed, settings.get("SPIN_LEXICON_PATH")


def _release_captures(versions: list[Article]) -> list:
    """The versions' captures, which the articles no longer hold: the collation then holds the only
    reference and frees each capture once it has a newer form (a large archive's peak memory)."""
    captures = [a.capture for a in versions]
    for a in versions:
        del a.capture
        a.metadata.pop("capture", None)
    return captures


def merge(generator: ArticlesGenerator) -> None:
    failed = {in_captures(a.relative_source_path): a for a in generator.drafts if hasattr(a, "capture_error")}
    failures = [{"path": a.relative_source_path, "reason": a.capture_error, "raw": raw_name(path)}
                for path, a in failed.items()]
    generator.drafts = [a for a in generator.drafts if not hasattr(a, "capture_error")]
    versions = [a for a in generator.articles if hasattr(a, "capture")]
    others = [a for a in generator.articles if not hasattr(a, "capture")]
    by_path = {a.capture.path: a for a in versions}
    seed, lexicon_path = _lexicon(generator.settings)
    stages = generator.context.setdefault(STAGES, {})
    caches = collation_caches(generator.settings.get("RECENSION_CACHE_PATH") or None)
    raw_paths = {a.capture.path: a.source_path for a in versions}
    stories, archive = collate_archive(_release_captures(versions), seed, stages, **caches)
    if lexicon_path:
        os.makedirs(os.path.dirname(lexicon_path) or ".", exist_ok=True)
        with open(lexicon_path, "w", encoding="utf-8") as fh:
            json.dump(archive.to_json(), fh, ensure_ascii=False, indent=0)
            fh.write("\n")
    taken = {a.slug for a in others}
    merged = []
    views = story_views(stories, caches["store"])
    for story, view in zip(stories, views, strict=True):
        base = by_path[story.captures[0].path]
        date, date_reason = _story_date(story, base.date)
        # A tag names a page and a URL: one that looks like markup or has no letters is not kept.
        tags = sorted({t.strip() for c in story.captures for t in c.get("tags").split(",")
                       if t.strip() and not set("<>\"'`") & set(t) and slugify(t)})
        names = source_names(story)
        metadata = {
            "title": story.title,
            "date": date,
            "slug": unique_slug(slugify(story.title, max_length=80, word_boundary=True), taken, "story"),
            # Pelican takes a summary as HTML (feeds carry it so): the capture's text is escaped.
            "summary": html.escape(story.standfirst or (story.passages[0].text[:300] if story.passages else "")),
            "standfirst": story.standfirst,
            "notes": story.notes,
            "date_reason": date_reason,
            "sources": sorted(set(names.values())),
            "capture_paths": [c.path for c in story.captures],
            "raw_files": {c.path: raw_name(c.path) for c in story.captures},
            "versions": view,
            "jsonld": _json_ld(story, date, names),
        }
        if tags:
            metadata["tags"] = [Tag(t, generator.settings) for t in tags]
        article = Article(story_html(story), metadata=metadata, settings=generator.settings,
                          source_path=base.source_path, context=generator.context)
        merged.append(article)
        for c in story.captures:
            generator.context["generated_content"][by_path[c.path].get_relative_source_path()] = article
    generator.articles[:] = order_content(merged + others, generator.settings["ARTICLE_ORDER_BY"])
    generator.context[SOURCES] = source_records(stories, [a.slug for a in merged])
    slug_of = {r["name"]: r["slug"] for r in generator.context[SOURCES]}
    for story in stories:
        for s in story.notes["sources"]:
            s["source_slug"] = slug_of.get(s["source"])
    generator.context[RAW] = {**{path: a.source_path for path, a in failed.items()},
                              **raw_paths}
    for f in failures:
        logger.info("Build report: %s not used (%s)", f["path"], f["reason"])
    generator.context[REPORT] = {
        "captures": len(versions),
        "stories": len(stories),
        "failures": failures,
    }
    logger.info("Recension: %d captures → %d stories; %d captures could not be used",
                len(versions), len(stories), len(failures))


def write_report(generators) -> None:
    for g in generators:
        if isinstance(g, ArticlesGenerator) and os.environ.get("RECENSION_TIMINGS"):
            with open(os.environ["RECENSION_TIMINGS"], "w", encoding="utf-8") as fh:
                json.dump(g.context.get(STAGES, {}), fh, indent=1, sort_keys=True)
        if isinstance(g, ArticlesGenerator) and REPORT in g.context:
            path = os.path.join(g.output_path, "report.json")
            os.makedirs(g.output_path, exist_ok=True)
            with open(path, "w", encoding="utf-8") as fh:
                json.dump(g.context[REPORT], fh, ensure_ascii=False, indent=2, sort_keys=True)
                fh.write("\n")


def _generators(pelican):
    return SourcesGenerator


def register():
    collect_less()
    signals.article_generator_pretaxonomy.connect(merge)
    signals.all_generators_finalized.connect(write_report)
    signals.get_generators.connect(_generators)
    signals.finalized.connect(write_site_files)
