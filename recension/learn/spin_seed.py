"""Learn the shipped spin-lexicon seed from a corpus of multi-version stories.

    python -m recension.learn.spin_seed ../shared/corpus/stories-dev/captures --out recension/data/spin_seed.json

Every aligned substitution between a spun and a clean version teaches a pair (recension/spin.py);
pairs seen at least ``--min-count`` times are kept, with how often the spun phrase occurs in clean
text (the confidence check). A build starts from this seed and adds what its own archive teaches.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from recension.collate import collate_archive
from recension.results import ingest_dir


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("src", type=Path)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--min-count", type=int, default=3)
    args = ap.parse_args(argv)
    captures, _ = ingest_dir(args.src)
    _, archive = collate_archive(captures)
    data = archive.to_json(min_count=args.min_count)
    data["learned_from"] = f"{len(captures)} captures; pairs seen at least {args.min_count} times"
    args.out.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", "utf-8")
    print(f"{len(data['pairs'])} pairs → {args.out}")


if __name__ == "__main__":
    main()
