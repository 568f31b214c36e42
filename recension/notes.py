"""Source notes: what each source is, what the pipeline did to it, and how it differs."""

from __future__ import annotations

from collections import Counter

from .model import Story


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def story_notes(story: Story, scores: dict[str, tuple[float, int]], spun: set[str],
                restored: dict[str, list[tuple[str, str, str]]]) -> dict:
    """Structured notes for the theme and ``invoke collate`` (plain JSON-ready data)."""
    segs = [s for p in story.passages for s in p.segments]
    canonical = [s for s in segs if s.shown]
    sources = []
    attributions: set[str] = set()
    for c in story.captures:
        carried = sum(1 for s in canonical if c.path in s.witnesses)
        repairs = Counter(ch.kind for ch in c.changes if ch.stage in ("decode", "repair"))
        removed = sum(1 for ln in c.lines if not ln.kept and ln.role == "chrome")
        if c.get("attribution"):
            attributions.add(c.get("attribution"))
        score, subs = scores.get(c.path, (0.0, 0))
        sources.append({
            "path": c.path,
            "source": c.source or "unknown source",
            "source_from": c.meta["source"].origin if "source" in c.meta else "unknown",
            "headline": c.title,
            "date": c.get("date") or None,
            "date_from": c.meta["date"].origin if "date" in c.meta else None,
            "byline": c.get("byline") or None,
            "standfirst": c.get("summary") or None,
            "attribution": c.get("attribution") or None,
            "url": c.get("url") or None,
            "format": c.format,
            "encoding": c.encoding,
            "chrome_removed": removed,
            "chrome_lines": [ln.text for ln in c.lines if not ln.kept and ln.role == "chrome"][:200],
            "repairs": dict(sorted(repairs.items())),
            "spin_score": round(score, 3),
            "substitutions": subs,
            "spun": c.path in spun,
            "restored": [{"spun": a, "clean": b, "evidence": n} for a, b, n in restored.get(c.path, [])],
            "added": [s.text for s in segs if s.status == "single-source" and s.witnesses == (c.path,)],
            "editorial": [{"text": s.text, "reason": s.reason} for s in segs
                          if s.status == "editorial" and s.witnesses == (c.path,)],
            "lacks": len(canonical) - carried,
            "dropped": [{"text": s.text, "reason": s.reason} for s in segs
                        if s.status == "chrome" and s.witnesses == (c.path,)],
        })
    n = len(story.captures)
    parts = [_plural(n, "version")]
    for s in sources:
        bits = []
        if s["spun"]:
            bits.append("spun" + (f", restored {_plural(len(s['restored']), 'phrase')}" if s["restored"] else ""))
        if s["editorial"]:
            bits.append(f"added {_plural(len(s['editorial']), 'opinion sentence')}")
        if s["added"] and n > 1:
            bits.append(f"alone carries {_plural(len(s['added']), 'sentence')}")
        if bits:
            parts.append(f"{s['source']}: " + "; ".join(bits))
    return {
        "summary": "; ".join(parts),
        "title": story.title,
        "title_reason": story.title_reason,
        "title_variants": [{"headline": t, "path": p} for t, p in story.title_variants],
        "standfirst": {"text": story.standfirst, "path": story.standfirst_source} if story.standfirst else None,
        "attribution": sorted(attributions),
        "sources": sources,
        "variants": [{"passage": v.passage, "chosen": v.chosen,
                      "readings": [{"text": t, "witnesses": list(ws)} for t, ws in v.readings]}
                     for v in story.variants],
        "editorial": [{"text": s.text, "witnesses": list(s.witnesses), "reason": s.reason}
                      for s in segs if s.status == "editorial"],
    }
