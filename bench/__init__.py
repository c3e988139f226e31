"""Vigie's benchmarks: `python -m bench [--quick] [--json FILE]` prints a table of figures.

Benchmarks are not tests: they measure, they never fail a build. Each area of
Vigie has its module here (store.py, app.py...), whose functions are
registered with `@figure`; every module of this package whose name does not
start with an underscore is an area and is found by itself. bench/README.md
lists the figures, their baselines and their goals.
"""

from bench._core import (
    FIGURES,
    Goal,
    NotAvailable,
    Outcome,
    Run,
    Timed,
    compare,
    figure,
    in_unit,
    timed,
)

__all__ = ["FIGURES", "Goal", "NotAvailable", "Outcome", "Run", "Timed", "compare", "figure", "in_unit", "timed"]
