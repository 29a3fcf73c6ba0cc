"""Calls per second of the industry mapping, as the ingest uses it (one call per patent).

Synthetic patents carry 1-4 IPC codes drawn from the subclasses of the CNIPA concordance
with random main groups and subgroups, so most codes are distinct (a cold cache) and some
repeat (as real portfolios do). Prints figures; asserts nothing.
"""

from __future__ import annotations

import random
import sys
import time

from graph.industry_mapping import IndustryMapper, parse_ipc

PATENTS = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000


def synthetic_patents(mapper: IndustryMapper, n: int, seed: int = 2024) -> list[list[str]]:
    rng = random.Random(seed)
    prefixes = sorted({p.prefix for r in mapper.concordance.rules for p in r.include})
    subclasses = [p for p in prefixes if len(p) == 4] + ["A01B", "E21C", "B65D", "F16H"]
    patents = []
    for _ in range(n):
        codes = []
        for _ in range(rng.randint(1, 4)):
            sub = rng.choice(subclasses)
            group = rng.choice([1, 3, 4, 8, 10, 11, 13, 21, 31, 33, 50])
            subgroup = rng.choice(["00", "02", "04", "10", "14", "0525", "58", "613"])
            form = rng.random()
            if form < 0.6:
                codes.append(f"{sub}{group}/{subgroup}")
            elif form < 0.8:
                codes.append(f"{sub} {group}/{subgroup}")
            else:
                codes.append(f"{sub}{group:04d}{subgroup.ljust(6, '0')}")
        patents.append(codes)
    return patents


def main() -> None:
    started = time.perf_counter()
    mapper = IndustryMapper()
    compile_s = time.perf_counter() - started
    patents = synthetic_patents(mapper, PATENTS)
    distinct = len({c for p in patents for c in p})

    rates: dict[str, float] = {}
    for label in ("cold cache", "warm cache"):
        if label == "cold cache":
            parse_ipc.cache_clear()
            mapper._sei_cache.clear()
        t0 = time.perf_counter()
        classified = 0
        for codes in patents:
            sei = mapper.sei_for_ipc(codes)
            section = mapper.gbt4754_decision(codes, sei).section
            classified += bool(sei) and section is not None
        elapsed = time.perf_counter() - t0
        rates[label] = PATENTS / elapsed
        print(
            f"{label}: {PATENTS:,} patents ({distinct:,} distinct IPC codes) in {elapsed:.2f} s "
            f"= {PATENTS / elapsed:,.0f} patents/s (sei_for_ipc + gbt4754), "
            f"{classified / PATENTS:.0%} with an SEI class"
        )
    rules = len(mapper.concordance.rules)
    print(f"concordance compiled in {compile_s * 1000:.0f} ms ({rules} rules)")
    for label, rate in rates.items():
        print(f"1.5M patents at the {label} rate: about {1_500_000 / rate:.0f} s")


if __name__ == "__main__":
    main()
