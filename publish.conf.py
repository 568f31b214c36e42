"""Publish settings: the development settings plus absolute URLs and feeds.

``from pelicanconf import *`` cannot import a file named ``pelican.conf.py`` (the dot makes it
a package path), so the base settings are executed from their path instead.
"""

import os
import runpy

_BASE = runpy.run_path(os.path.join(os.path.dirname(os.path.abspath(__file__)), "pelican.conf.py"))
globals().update({k: v for k, v in _BASE.items() if k.isupper()})

SITEURL = os.environ.get("RECENSION_SITEURL", "https://archive.example.org")
RELATIVE_URLS = False
FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = "feeds/all.rss.xml"
CATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"
DELETE_OUTPUT_DIRECTORY = True
