"""How well the matching ranks the sample directory for invented people.

For each vignette in ``tests/match_vignettes.py`` (a person, and the five assets a
link worker would suggest to them) it ranks the 117 sample assets and prints the
top five with score, reasons and concerns, marking the ones the link worker chose
(``*``), then precision@5 and nDCG@5 for the person, and the means.

    python bench/match_quality.py
    python bench/match_quality.py --only arthur --top 10

A quality report, not a timing: it always exits 0.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for entry in (str(ROOT), str(ROOT / "tests")):
    if entry not in sys.path:
        sys.path.insert(0, entry)

from match_vignettes import VIGNETTES, ndcg_at, precision_at, run  # noqa: E402

K = 5


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="one vignette, by key")
    parser.add_argument("--top", type=int, default=K, help="how many suggestions to show")
    args = parser.parse_args(argv)

    precisions: list[float] = []
    gains: list[float] = []
    for vignette in VIGNETTES:
        if args.only and vignette.key != args.only:
            continue
        result = run(vignette)
        names = [s.name for s in result.suggestions]
        precision = precision_at(K, names, vignette.relevant)
        ndcg = ndcg_at(K, names, vignette.relevant)
        precisions.append(precision)
        gains.append(ndcg)
        print(f"== {vignette.key}: {vignette.summary}")
        for i, s in enumerate(result.suggestions[: args.top], start=1):
            mark = "*" if s.name in vignette.relevant else " "
            print(f" {mark}{i:2}. {s.name} ({s.score:.1f})")
            if s.reasons:
                print(f"       + {'; '.join(s.reasons)}")
            if s.concerns:
                print(f"       ? {'; '.join(s.concerns)}")
        missed = [name for name in vignette.relevant if name not in names[:K]]
        for name in missed:
            at = names.index(name) + 1 if name in names else None
            print(f"   missed: {name} ({f'at {at}' if at else 'not listed'})")
        if result.hints:
            print(f"   hints: {' | '.join(result.hints)}")
        if result.left_out:
            print("   left out: " + ", ".join(f"{r} ({n})" for r, n in result.left_out))
        print(f"   precision@{K} {precision:.2f}   nDCG@{K} {ndcg:.2f}\n")

    if precisions:
        print(
            f"mean over {len(precisions)} vignettes: precision@{K} "
            f"{statistics.fmean(precisions):.2f}   nDCG@{K} {statistics.fmean(gains):.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
