"""A hostile corpus, generated (never committed): broken, huge, binary and malicious captures.

``make_hostile(captures)`` writes the files and returns, per file (path inside ``captures``), what
a build must do with it: ``bad`` (one warning and a row in the build report), ``good`` (used),
or ``any`` (either, but never a crash).
"""

from __future__ import annotations

import json
from pathlib import Path

CASES = Path(__file__).resolve().parent / "cases"
TOWNS = ["Arden", "Belmont", "Corvale", "Dunmore", "Eastwick", "Fairholm", "Glenrock", "Harlow", "Ivybridge",
         "Juniper", "Kestrel", "Larkfield", "Marlow", "Northam", "Oakhurst", "Penrith"]
TOPICS = ["library", "bridge", "harbour", "school", "hospital", "railway", "market", "museum", "stadium", "park",
          "reservoir", "airport", "theatre", "ferry", "observatory", "aquarium"]


def vectors() -> list[str]:
    return json.loads((CASES / "xss.json").read_text("utf-8"))["vectors"]


def story(n: int, payload: str = "") -> list[str]:
    """A plausible article of four paragraphs about town ``n`` (each story its own names and numbers)."""
    town, topic = TOWNS[n % len(TOWNS)], TOPICS[n % len(TOPICS)]
    k = 11 + 7 * n
    return [
        f"The council of {town} voted on Tuesday to spend {k} million on rebuilding the {topic}, ending a "
        f"debate that had lasted since {1990 + n} and divided residents of the {town} district. {payload}",
        f"Officials said the work on the {topic} would begin in spring {2030 + n} and take about {k + 3} months, "
        f"with the old building kept open for as long as possible during construction. {payload}",
        f"Critics in {town} argued that the {k} million should go to roads and housing instead, and a petition "
        f"with {k * 100} signatures was handed to the mayor, Dana {town}son, last week. {payload}",
        f"The mayor said the {topic} was used by {k * 1000} people a year and that the decision would be "
        f"reviewed if the costs rose by more than {n + 5} percent before the contracts are signed.",
    ]


def _text(lines: list[str], header: dict[str, str] | None = None) -> str:
    head = "".join(f"{k}: {v}\n" for k, v in (header or {}).items())
    return head + ("\n" if head else "") + "\n\n".join(lines) + "\n"


def make_hostile(captures: Path) -> dict[str, str]:
    """Write the hostile corpus under ``captures``; return path → expectation."""
    v = vectors()
    files: dict[str, tuple[bytes, str]] = {}
    files["empty.txt"] = (b"", "bad")
    files["whitespace.txt"] = (b"  \n\t\n   \r\n", "bad")
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 64
    files["image.txt"] = (png, "bad")
    files["image.html"] = (png, "bad")
    files["nul-bytes.txt"] = (_text(story(0)).replace(". ", ".\x00 ").encode(), "any")
    chunk = ("\n\n".join(story(1)) + "\n\n").encode()
    files["huge.txt"] = ((chunk * (20 * 1024 * 1024 // len(chunk) + 1))[: 20 * 1024 * 1024], "bad")
    files["large.txt"] = (chunk * 3000, "any")  # about 2 MB of article-like text: slow is fine, hanging is not
    files["long-line.txt"] = (("word " * 20_000 + "\n\n" + _text(story(2))).encode(), "any")
    bad_utf8 = _text(story(3)).encode().replace(b"council", b"coun\xff\xfecil", 1)
    files["invalid-utf8.txt"] = (bad_utf8, "good")
    files["utf16-no-bom.txt"] = (_text(story(4)).encode("utf-16-le"), "good")
    lines = story(5)
    utf8 = ("\n\n".join(lines[:2]) + "\n\nCaf\u00e9 owners said: \u201cfine\u201d.\n\n").encode()
    files["mixed-encodings.txt"] = (utf8 + ("\n\n".join(lines[2:]) + "\n\nCaf\u00e9 na\u00efve.\n").encode("cp1252"),
                                    "good")
    files["deep.html"] = (("<html><body>" + "<div>" * 10_000 + "<p>" + " ".join(story(6)) + "</p>"
                           + "</div>" * 10_000 + "</body></html>").encode(), "any")
    page = ("<html><head><title>Harbour plan</title></head><body><article><h1>Harbour plan</h1>"
            + "".join(f"<p>{p}</p>" for p in story(7)) + "</article></body></html>")
    files["truncated.html"] = (page[: len(page) * 2 // 3].encode(), "any")
    files["no-article.html"] = (b"<html><body><nav><a href='/'>Home</a><a href='/n'>News</a></nav></body></html>",
                                "bad")
    files["menu.txt"] = (b"Home\nNews\nSport\nSubscribe\nFacebook\nTwitter\n", "bad")
    # Payloads in every field a capture can set.
    files["xss-text.txt"] = (_text([p.replace(".", f". {v[i % len(v)]}", 1) for i, p in enumerate(story(8))],
                                   {"Title": f"Council vote {v[0]} {v[5]}", "Author": v[8], "Source": v[3],
                                    "Tags": f"{v[11]}, safe tag", "URL": "javascript:window.__pwned=1"}).encode(),
                             "good")
    body = "".join(f"<p>{p} {v[i % len(v)]} {v[(i + 7) % len(v)]}</p>" for i, p in enumerate(story(9)))
    ld = json.dumps({"@type": "NewsArticle", "headline": v[27], "author": {"name": v[0]}})
    files["xss-page.html"] = ((f"<html><head><title>{v[27]} Reservoir</title>"
                               f"<meta property=\"og:title\" content=\"Reservoir {v[3]}\">"
                               f"<meta name=\"author\" content=\"{v[4]}\"><meta property=\"og:site_name\" "
                               f"content=\"{v[9]}\"><script type=\"application/ld+json\">{ld}</script>"
                               f"<script>window.__pwned=1</script></head><body onload=\"window.__pwned=1\">"
                               f"<article><h1>Reservoir {v[0]}</h1>{body}<iframe src=\"javascript:top.__pwned=1\">"
                               f"</iframe></article></body></html>").encode(), "good")
    files[f"{v[8]}.txt"] = (_text(story(10)).encode(), "good")  # a file name that is a payload
    files["bad-header.txt"] = (_text(story(11), {"Date": "the thirty-second of Smarch", "Flavour": "unknown key",
                                                 "Title": "Header with a date no calendar has"}).encode(), "good")
    files["duplicate-a.txt"] = (_text(story(12)).encode(), "good")
    files["duplicate-b.txt"] = (_text(story(12)).encode(), "good")
    files["same-title-1.txt"] = (_text(story(13), {"Title": "Council decides"}).encode(), "good")
    files["same-title-2.txt"] = (_text(story(14), {"Title": "Council decides"}).encode(), "good")
    files["Région Süd/une histoire #2.txt"] = (_text(story(15)).encode(), "good")
    out = {}
    for name, (data, expect) in files.items():
        path = captures / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        out[name] = expect
    return out
