"""Plain-text dumps of saved pages by several HTML-to-text converters.

    python -m recension.learn.dumps ../shared/corpus/aeb --out dumps/

A user's text captures come from whatever turned a page into text: a browser's copy, html-text,
a Markdown converter, a text-mode browser. The line classifier must read them all, so this writes,
for every page of a corpus with saved HTML and gold text, one corpus per converter
(``OUT/<converter>/truth.json`` and ``OUT/<converter>/<id>.txt``, scored with
``../shared/eval/score.py extract``), to measure how extraction carries across converters and to
train on more than one layout. Needs requirements-train.txt (and ``lynx``/``w3m`` on the PATH for
those two; converters that are missing are skipped with a message).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path


def _html_text(html: str) -> str:
    import html_text

    return html_text.extract_text(html)


def _inscriptis(html: str) -> str:
    from inscriptis import get_text

    return get_text(html)


def _html2text(html: str) -> str:
    import html2text

    h = html2text.HTML2Text()
    h.ignore_images = True
    return h.handle(html)


def _markdownify(html: str) -> str:
    from bs4 import BeautifulSoup
    from markdownify import markdownify

    soup = BeautifulSoup(html, "lxml")
    for tag in soup(["script", "style", "noscript", "template", "head"]):
        tag.decompose()
    return markdownify(str(soup))


def _soup(html: str) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "lxml")
    for tag in soup(["script", "style", "noscript", "template"]):
        tag.decompose()
    return soup.get_text("\n")


def _browser(cmd: list[str]) -> Callable[[str], str]:
    def run(html: str) -> str:
        out = subprocess.run(cmd, input=html.encode("utf-8"), capture_output=True, timeout=60, check=False)
        return out.stdout.decode("utf-8", "replace")

    return run


# Each converter: (how a page becomes text, what it needs). The layouts differ in ways a reader of
# captures meets: html-text joins inline text and breaks at blocks; inscriptis keeps the visual
# layout (indents, table columns); html2text writes Markdown, hard-wrapped at 78 columns, with link
# targets; markdownify writes Markdown unwrapped, headings underlined; BeautifulSoup breaks at every
# tag; lynx and w3m wrap and indent as a terminal shows.
CONVERTERS: dict[str, tuple[Callable[[str], str], str | None]] = {
    "html-text": (_html_text, None),
    "inscriptis": (_inscriptis, None),
    "html2text": (_html2text, None),
    "soup": (_soup, None),
    "markdownify": (_markdownify, None),
    "lynx": (_browser(["lynx", "-dump", "-nolist", "-assume_charset=utf-8", "-display_charset=utf-8", "-stdin"]),
             "lynx"),
    "w3m": (_browser(["w3m", "-dump", "-T", "text/html", "-I", "UTF-8", "-O", "UTF-8", "-cols", "100"]), "w3m"),
}


def _read_html(path: Path) -> str:
    raw = path.read_bytes()
    m = re.search(rb"<meta[^>]+charset=[\"']?([\w-]+)", raw[:4096], re.I)
    for enc in (m.group(1).decode("ascii") if m else "utf-8", "utf-8", "cp1252"):
        try:
            return raw.decode(enc)
        except (LookupError, UnicodeDecodeError):
            continue
    return raw.decode("utf-8", "replace")


def missing(name: str) -> str | None:
    """Why converter ``name`` cannot run here, or None when it can."""
    _, needs = CONVERTERS[name]
    if needs:
        return None if shutil.which(needs) else f"{needs} is not on the PATH"
    module = {"html-text": "html_text", "soup": "bs4"}.get(name, name)
    return None if importlib.util.find_spec(module) else f"the {module} package is not installed"


def write_dumps(corpus: Path, out: Path, names: list[str]) -> list[str]:
    """Write one corpus per converter under ``out``; return the names written (missing ones are
    skipped with a message)."""
    truth = json.loads((corpus / "truth.json").read_text("utf-8"))
    base = corpus / truth["meta"].get("captures_dir", ".")
    pages = {p: r for p, r in sorted(truth["captures"].items()) if r.get("format") == "html" and r.get("body")}
    written = []
    for name in names:
        if why := missing(name):
            print(f"{name}: skipped, {why}", file=sys.stderr)
            continue
        convert, _ = CONVERTERS[name]
        folder = out / name
        folder.mkdir(parents=True, exist_ok=True)
        captures = {}
        for path, rec in pages.items():
            target = Path(path).with_suffix(".txt").name
            (folder / target).write_text(convert(_read_html(base / path)), "utf-8")
            captures[target] = {**rec, "format": "text"}
        meta = {**truth["meta"], "captures_dir": ".", "converter": name}
        (folder / "truth.json").write_text(json.dumps({"meta": meta, "captures": captures}, ensure_ascii=False),
                                           "utf-8")
        print(f"{name}: {len(captures)} dumps → {folder}")
        written.append(name)
    return written


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--converters", default=",".join(CONVERTERS), help="comma-separated names")
    args = ap.parse_args(argv)
    write_dumps(args.corpus, args.out, [n for n in args.converters.split(",") if n])


if __name__ == "__main__":
    main(sys.argv[1:])
