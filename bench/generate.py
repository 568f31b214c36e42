"""A synthetic archive for the speed benchmark: N captures of N/2 stories, 1–4 versions each.

Story texts are drawn from the sentences of the evaluation corpora's gold texts when
``../shared/corpus`` is there (else from generated sentences), so every story is distinct; each
version wears one of a set of site templates (masthead, motto, menu, related list, newsletter box,
footer), and versions are reprints, spun copies (synonyms from the shipped spin seed, reversed),
truncated copies and mis-encoded ones (cp1252, UTF-16, mojibake). Alongside, the same stories as
clean Markdown articles: what a user would give plain Pelican by hand.

Speed is what this measures, not quality: the chrome here is simple.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

VERSIONS = (1, 2, 3, 2)  # versions per story, cycled: two captures per story on average
MENU = ["Home", "World", "Business", "Technology", "Science", "Sport", "Culture", "Opinion", "Video"]
FOOTER = ["About us", "Contact", "Privacy policy", "Terms of use", "Advertise with us", "Careers"]


@dataclass(frozen=True)
class Site:
    name: str
    motto: str
    menu: list[str]
    footer: list[str]


def sentences(corpus: Path | None, rng: random.Random) -> list[str]:
    """Sentences of 8+ words from the corpora's gold texts, else generated ones."""
    out: list[str] = []
    if corpus and corpus.is_dir():
        for truth in sorted(corpus.glob("*/truth.json")):
            data = json.loads(truth.read_text("utf-8"))
            bodies = {s.get("body") for s in data.get("stories", {}).values()}
            bodies |= {c.get("body") for c in data.get("captures", {}).values()}
            for body in sorted(b for b in bodies if b):
                for line in body.split("\n"):
                    out += [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z])", line.strip())
                            if len(s.split()) >= 8 and s.isascii() and s[-1] in ".!?"]
    if len(out) < 2000:
        from wordfreq import top_n_list

        words = top_n_list("en", 3000)[100:]
        for _ in range(20000):
            out.append(" ".join(rng.choices(words, k=rng.randint(10, 22))).capitalize() + f" {rng.randint(2, 2099)}.")
    return sorted(set(out))


def sites(n: int, rng: random.Random) -> list[Site]:
    adjectives = ["Northern", "Valley", "Harbour", "Capital", "Coastal", "Evening", "Morning", "Daily", "Weekly",
                  "County", "Metro", "Island", "Prairie", "Lakeside", "Summit"]
    nouns = ["Ledger", "Courier", "Herald", "Chronicle", "Gazette", "Observer", "Post", "Times", "Tribune", "Dispatch"]
    out = []
    for k in range(n):
        name = f"The {adjectives[k % len(adjectives)]} {nouns[(k * 7) % len(nouns)]}"
        if k >= len(adjectives):
            name += f" {k}"
        out.append(Site(name, f"News you can trust since {1900 + k * 3}", rng.sample(MENU, 6), rng.sample(FOOTER, 4)))
    return out


def spin(text: str, table: dict[str, str]) -> str:
    return re.sub(r"\b[a-z]+\b", lambda m: table.get(m.group(0), m.group(0)), text)


def capture_text(site: Site, title: str, paras: list[str], related: list[str], day: int) -> str:
    lines = [site.name, site.motto, "", *site.menu, "", title, "", f"By Staff Reporter | 2024-{1 + day % 12:02d}-"
             f"{1 + day % 28:02d}", ""]
    for p in paras:
        lines += [p, ""]
    lines += ["Related stories", *related, "", "Sign up for our newsletter", "Enter your email address", "",
              *site.footer, f"© 2024 {site.name}. All rights reserved."]
    return "\n".join(lines) + "\n"


def encode(text: str, how: str) -> bytes:
    if how == "cp1252":
        return text.replace("'", "’").encode("cp1252", errors="replace")
    if how == "utf-16":
        return text.encode("utf-16")
    if how == "mojibake":
        return text.replace("'", "’").encode("utf-8").decode("cp1252", errors="replace").encode("utf-8")
    return text.encode("utf-8")


def generate(out: Path, captures: int = 2000, corpus: Path | None = None, seed: int = 0) -> dict:
    """Write ``out/captures/<site>/…`` and ``out/markdown/…``; return counts."""
    rng = random.Random(seed)
    pool = sentences(corpus, rng)
    spin_seed = json.loads((Path(__file__).parents[1] / "recension" / "data" / "spin_seed.json").read_text("utf-8"))
    table = {clean: spun for spun, clean, _n in spin_seed["pairs"] if " " not in clean and " " not in spun}
    site_list = sites(max(4, captures // 40), rng)
    (out / "captures").mkdir(parents=True, exist_ok=True)
    (out / "markdown").mkdir(parents=True, exist_ok=True)
    titles: list[str] = []
    stories: list[tuple[str, list[str]]] = []
    made = k = 0
    while made < captures:
        n = min(VERSIONS[k % len(VERSIONS)], captures - made)
        paras = [" ".join(rng.sample(pool, rng.randint(2, 4))) for _ in range(rng.randint(4, 9))]
        first = re.split(r"(?<=[.!?])\s", paras[0])[0]
        title = " ".join(first.split()[:rng.randint(7, 12)]).rstrip(",.;:") + f" ({k})"
        titles.append(title)
        stories.append((title, paras))
        made += n
        k += 1
    made = 0
    for k, (title, paras) in enumerate(stories):
        n = min(VERSIONS[k % len(VERSIONS)], captures - made)
        date = f"2024-{1 + k % 12:02d}-{1 + k % 28:02d}"
        md = f"Title: {title}\nDate: {date}\nCategory: Stories\n\n" + "\n\n".join(paras) + "\n"
        (out / "markdown" / f"story-{k:05d}.md").write_text(md, "utf-8")
        for v in range(n):
            site = site_list[(k * 3 + v * 5) % len(site_list)]
            related = [titles[(k + j * 17 + 1) % len(titles)] for j in range(3)]
            kind = ("origin", "spun", "reprint", "truncated")[v]
            body = paras
            if kind == "spun":
                body = [spin(p, table) for p in paras]
            elif kind == "truncated":
                body = paras[: max(2, len(paras) // 2)] + ["Subscribe to continue reading."]
            how = ("utf-8", "cp1252", "utf-16", "mojibake")[(k + v) % 4] if (k + v) % 3 == 0 else "utf-8"
            text = capture_text(site, title if kind != "spun" else spin(title, table), body, related, k)
            folder = out / "captures" / re.sub(r"\W+", "-", site.name.lower()).strip("-")
            folder.mkdir(exist_ok=True)
            (folder / f"story-{k:05d}-{kind}.txt").write_bytes(encode(text, how))
            made += 1
    return {"captures": made, "stories": len(stories), "sentence_pool": len(pool)}
