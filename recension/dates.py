"""Finding and parsing publication dates written in article text."""

from __future__ import annotations

import re
from datetime import datetime
from functools import lru_cache

from dateutil import parser as dateparser

# A news dateline opening a paragraph: "LONDON (Reuters) —", "BAAR, SWITZERLAND –".
DATELINE_LEAD = re.compile(r"^[A-Z][A-Z .,'-]{2,40}(\([^)]{1,30}\))?\s*[—–-]")
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
# A line that opens with a day of a month, no year: "June 9 – Tampa, FL", "3 March: Lyon" (a schedule's rows).
DAY_LEAD = re.compile(rf"^\s*(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH})(?!\w)",
                      re.IGNORECASE)
_TIME = r"(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?)?"
DATE = re.compile(
    rf"\b(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}"
    rf"|\d{{4}}-\d{{2}}-\d{{2}}(?:[T ]\d{{2}}:\d{{2}}(?::\d{{2}})?)?|\d{{1,2}}/\d{{1,2}}/\d{{4}}){_TIME}",
    re.IGNORECASE,
)

_YEAR = re.compile(r"\d{4}")


@lru_cache(maxsize=1 << 15)  # every line is asked, and a site's lines recur
def find_date(text: str) -> tuple[datetime, str] | None:
    """The first date in ``text`` with the matched words, or None."""
    if not _YEAR.search(text):
        return None  # every form of DATE holds a four-digit year
    for m in DATE.finditer(text):
        try:
            value = dateparser.parse(m.group(0).replace(" at ", " "), fuzzy=False)
        except (ValueError, OverflowError):
            continue
        if 1900 <= value.year <= 2100:
            return value.replace(tzinfo=None), m.group(0)
    return None


@lru_cache(maxsize=1 << 15)
def is_dateline(text: str) -> bool:
    """A line that is essentially a date (perhaps with a time, a weekday, 'Published', 'Updated')."""
    m = find_date(text)
    if not m:
        return False
    rest = text.replace(m[1], " ")
    rest = re.sub(r"(?i)\b(published|updated|posted|last|on|at|mon|tue|wed|thu|fri|sat|sun)\w*\b|[|:,\-–—•·]",
                  " ", rest)
    return len(re.findall(r"\w+", rest)) <= 2
