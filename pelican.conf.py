"""Pelican settings for the Recension archive (development: relative URLs, no feeds)."""

import os
import sys

_HERE = os.path.dirname(os.path.abspath(__file__))
if _HERE not in sys.path:  # the pure core (recension/) when the project is not pip-installed
    sys.path.insert(0, _HERE)

AUTHOR = "Recension"
SITENAME = "Recension"
SITESUBTITLE = "News captures, collated: one clean text per story, with its sources"
SITEURL = ""
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%-d %B %Y"

PATH = "content"
OUTPUT_PATH = "output"
THEME = "theme"
ARTICLE_PATHS = ["captures"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = []
USE_FOLDER_AS_CATEGORY = False
DEFAULT_CATEGORY = "Stories"

# The archive's spin lexicon: the shipped seed (recension/data/spin_seed.json) plus what each build
# learns from the archive's own versions, kept here between builds.
SPIN_LEXICON_PATH = os.environ.get("RECENSION_SPIN_LEXICON", os.path.join(_HERE, "cache", "spin-lexicon.json"))

PLUGIN_PATHS = ["plugins"]
PLUGINS = ["recension_ingest", "recension_merge"]

# Clean URLs. Pagination uses /page/N/ (the default pattern collides: tag9 page 3 vs tag93).
ARTICLE_URL = "stories/{slug}/"
ARTICLE_SAVE_AS = "stories/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
CATEGORY_URL = "category/{slug}/"
CATEGORY_SAVE_AS = "category/{slug}/index.html"
TAG_URL = "tag/{slug}/"
TAG_SAVE_AS = "tag/{slug}/index.html"
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
ARCHIVES_SAVE_AS = "archives/index.html"
TAGS_SAVE_AS = "tags/index.html"
CATEGORIES_SAVE_AS = "categories/index.html"
DIRECT_TEMPLATES = ["index", "archives", "tags", "categories", "report", "search"]
REPORT_SAVE_AS = "report/index.html"
SEARCH_SAVE_AS = "search/index.html"
YEAR_ARCHIVE_URL = "archives/{date:%Y}/"
YEAR_ARCHIVE_SAVE_AS = "archives/{date:%Y}/index.html"
MONTH_ARCHIVE_URL = "archives/{date:%Y}/{date:%m}/"
MONTH_ARCHIVE_SAVE_AS = "archives/{date:%Y}/{date:%m}/index.html"
DEFAULT_PAGINATION = 20
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)
DRAFT_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""

# Development builds write no feeds; the publish settings turn them on.
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

RELATIVE_URLS = True
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
DELETE_OUTPUT_DIRECTORY = False

# Every value from a capture reaches templates as text: escape by default. Only bodies that
# Recension rendered (and escaped) itself, or Markdown pages of this site, are marked safe.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "extensions": [], "autoescape": True}

# Recension's build cache: ingested captures keyed by content and pipeline version (delete freely).
RECENSION_CACHE_PATH = os.environ.get("RECENSION_CACHE", os.path.join(_HERE, "cache"))
