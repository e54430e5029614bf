#!/usr/bin/env python3
"""Writes the worst case inside the validator's limits (docs/benchmarks.md,
"Worst case"): N uncertain savings flows (default 10,000, the most a list
may hold), each with an uncertain amount and growth, every year of a
100-year horizon, and 1,000,000 draws.

    python3 tools/worst_case.py OUT.ron [N] [DRAWS]
"""
import sys

out = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
draws = int(sys.argv[3]) if len(sys.argv) > 3 else 1_000_000
lines = [
    "Scenario(",
    "    format_version: 1,",
    f'    title: "Worst case: {n:,} uncertain savings over 100 years",',
    "    settings: Settings(",
    "        start_year: 2025,",
    "        horizon_years: 100,",
    "        price_base_year: 2025,",
    "        discounting: GreenBook,",
    f"        monte_carlo: MonteCarlo(draws: {draws}, seed: 1),",
    "    ),",
    "    savings: [",
]
for i in range(n):
    lines.append(
        f'        Flow(label: "Saving {i + 1}", amount: Tri(800_000, 1_000_000, 1_300_000), '
        "profile: Annual(from: 2025), growth: Uniform(0.0, 0.01)),"
    )
lines += [
    "    ],",
    "    costs: [",
    '        Flow(label: "Set-up", amount: Pert(1_000_000_000, 2_000_000_000, 4_000_000_000), profile: Once(2025)),',
    "    ],",
    "    job_moves: [",
    '        JobMove(label: "Roles moved", jobs: Tri(9_000, 10_000, 12_000), year: 2026, salary: 25_000),',
    "    ],",
    ")",
]
with open(out, "w", encoding="utf-8") as f:
    f.write("\n".join(lines) + "\n")
