"""Overlap benchmark: analysis time and peak memory on 115 and 5,000 generated actions, and the
labelled set's precision/recall (test split; cross-language apart).

Run as ``python -m planmonitor.network.overlap.bench``. The plans are generated in memory from
the labelled set's texts recombined (no database), so the figure is the analysis itself.
"""

from __future__ import annotations

import os
import random
import sys
import time
import tracemalloc

from . import detector, quality


def generated_items(n: int, seed: int = 10) -> list[detector.Item]:
    rng = random.Random(seed)
    texts = [t for row in quality.load_rows() for t in (row["text_a"], row["text_b"])]
    words = [w for t in texts for w in t.split()]
    ministers = [f"Minister {k}" for k in range(9)]
    return [
        detector.Item(
            f"A{k:04d}",
            " ".join(rng.choice(texts).split()[:12] + rng.sample(words, 8)),
            rng.choice(ministers),
            frozenset({f"OD {rng.randint(1, 11)}", f"form:{rng.randint(1, 5)}"}),
        )
        for k in range(n)
    ]


def measure(n: int) -> tuple[float, float, int]:
    """Seconds (untraced run), peak MiB (a second, traced run) and the pairs flagged."""
    items = generated_items(n)
    start = time.perf_counter()
    pairs = detector.find_pairs(items)
    seconds = time.perf_counter() - start
    tracemalloc.start()
    detector.find_pairs(items)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return seconds, peak, len(pairs)


def main() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "planmonitor.settings")
    django.setup()
    for n in (115, 5000) if "--quick" not in sys.argv else (115,):
        seconds, peak, found = measure(n)
        print(f"overlap {n} actions: {seconds:.2f} s, peak {peak:.0f} MiB, {found} pairs")
    for name, q in quality.report().items():
        print(f"overlap quality {name}: {q.pairs} pairs, P {q.precision:.2f}, R {q.recall:.2f}")


if __name__ == "__main__":
    main()
