"""Headline clean-up shared by the text and HTML readers."""

from __future__ import annotations

import re

_SEP = re.compile(r"\s+[|–—:-]\s+|\s+::\s+|\s+»\s+")


def strip_site_suffix(title: str, site: str = "") -> str:
    """"Headline - Site" or "Headline | Section" → "Headline" (the part a page's <title> adds)."""
    parts = _SEP.split(title)
    if len(parts) < 2:
        return title
    first = parts[0].strip()
    if len(parts) == 2 and len(re.findall(r"\w+", first)) <= 2 < len(re.findall(r"\w+", parts[1])) \
            and "|" in title:
        return parts[1].strip()  # "Opinion | Headline": a section label before the headline
    last = parts[-1].strip()
    site_words = {w.lower() for w in re.findall(r"\w+", site)}
    last_words = [w.lower() for w in re.findall(r"\w+", last)]
    if (site_words and set(last_words) <= site_words | {"the", "com", "www"}) or len(last_words) <= 4:
        head = title[: title.rfind(last)].rstrip(" |–—:-»")
        if len(re.findall(r"\w+", head)) >= 2:
            return strip_site_suffix(head, site) if len(_SEP.split(head)) > 2 else head
    return title
