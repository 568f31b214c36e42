"""Printing ``invoke extract --explain``: per capture, each line kept or removed and why."""

from __future__ import annotations


def explanation_lines(record: dict) -> list[str]:
    """Human-readable lines for one capture record written with explain=True."""
    out = [f"== {record['path']}  title: {record['title']!r}  source: {record['source']!r}"]
    for ch in record.get("changes", []):
        if ch["stage"] in ("decode", "repair", "header", "structure"):
            where = f"line {ch['line']}: " if "line" in ch else ""
            detail = ""
            if ch.get("before") or ch.get("after"):
                detail = f" {ch.get('before', '')!r} → {ch.get('after', '')!r}"
            out.append(f"  repair   {where}{ch['kind']}: {ch['reason']}{detail}")
    for ln in record.get("lines", []):
        mark = "keep  " if ln["kept"] else "remove"
        out.append(f"  {mark} {ln['line']:>4} [{ln['role']}] {ln['text'][:90]!r} — {ln['reason']}")
    return out


def print_explanations(result: dict) -> None:
    for rec in result["captures"]:
        print("\n".join(explanation_lines(rec)))
