"""`python -m bench [--quick] [--json FILE] [--only NAME] [--list]`: measure Vigie, print the figures."""

from __future__ import annotations

import argparse
import importlib
import json
import math
import os
import pkgutil
import sys
import tempfile
import time
import traceback
from pathlib import Path

import bench
from bench._core import FIGURES, Figure, NotAvailable, Outcome, Run

EXIT_OK = 0
EXIT_FIGURE_FAILED = 1


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    load_areas()
    figures = _selected(args.only)
    if args.list:
        for fig in figures:
            print(f"{fig.name}\t{fig.unit}\t{fig.goal.text if fig.goal else ''}")
        return EXIT_OK
    outcomes = run_figures(figures, quick=args.quick, workdir=args.workdir, entries=args.entries)
    print(format_table(figures, outcomes))
    if args.json:
        args.json.write_text(json.dumps(as_json(figures, outcomes, args.quick), indent=2) + "\n", encoding="utf-8")
    failed = any(o.note.startswith("failed") for o in outcomes.values())
    return EXIT_FIGURE_FAILED if failed else EXIT_OK


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench", description="Vigie's benchmark figures.")
    parser.add_argument("--quick", action="store_true", help="fewer rounds: well under a minute, noisier")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the figures to FILE as JSON")
    parser.add_argument("--only", action="append", metavar="NAME",
                        help="run the figures whose name starts with NAME (repeatable), e.g. store.")
    parser.add_argument("--list", action="store_true", help="list the figures and their goals, measure nothing")
    parser.add_argument("--entries", type=int, metavar="N",
                        help="entries of the main courante the logbook figures run on (default: 1,000,000)")
    parser.add_argument("--workdir", type=Path, metavar="DIR",
                        help="scratch folder for the stations (default: a temporary folder); "
                             "put it on the disk a station would use, since commits wait for it")
    return parser


def load_areas() -> None:
    """Import every area module of the package; importing registers its figures."""
    for module in sorted(pkgutil.iter_modules(bench.__path__), key=lambda m: m.name):
        if not module.name.startswith("_"):
            importlib.import_module(f"bench.{module.name}")


def _selected(prefixes: list[str] | None) -> list[Figure]:
    figures = sorted(FIGURES.values(), key=lambda f: (f.name.split(".")[0], f.order))
    if prefixes:
        figures = [f for f in figures if any(f.name.startswith(p) for p in prefixes)]
    return figures


def run_figures(figures: list[Figure], quick: bool, workdir: Path | None, entries: int | None = None
                ) -> dict[str, Outcome]:
    outcomes: dict[str, Outcome] = {}
    with tempfile.TemporaryDirectory(prefix="vigie-bench-", dir=workdir) as scratch:
        run = Run(quick=quick, workdir=Path(scratch))
        run.shared("options.entries", lambda _run: entries)  # read by bench/logbook.py
        try:
            for fig in figures:
                outcomes[fig.name] = _measure(fig, run)
        finally:
            run.close()
    return outcomes


def _measure(fig: Figure, run: Run) -> Outcome:
    print(f"measuring {fig.name}...", file=sys.stderr, flush=True)
    start = time.perf_counter()
    try:
        outcome = fig.measure(run)
    except NotAvailable as exc:
        outcome = Outcome(None, None, f"not available: {exc}")
    except Exception as exc:  # one broken figure must not hide the others
        traceback.print_exc()
        outcome = Outcome(None, None, f"failed: {type(exc).__name__}: {exc}")
    print(f"  {fig.name}: {time.perf_counter() - start:.1f} s", file=sys.stderr, flush=True)
    return outcome


# -- output --------------------------------------------------------------------------------

HEADERS = ("figure", "value", "unit", "baseline", "ratio", "goal", "met")


def format_table(figures: list[Figure], outcomes: dict[str, Outcome]) -> str:
    rows = [HEADERS]
    notes = []
    for fig in figures:
        outcome = outcomes[fig.name]
        met = "" if fig.goal is None or outcome.value is None else ("yes" if fig.goal.check(outcome) else "NO")
        rows.append((
            fig.name,
            _number(outcome.value) if outcome.value is not None else "n/a",
            fig.unit,
            _number(outcome.baseline),
            f"{outcome.ratio:.2f}x" if outcome.ratio is not None else "",
            fig.goal.text if fig.goal else "",
            met,
        ))
        if outcome.note:
            notes.append(f"  {fig.name}: {outcome.note}")
    widths = [max(len(row[i]) for row in rows) for i in range(len(HEADERS))]
    numeric = {1, 3, 4}
    lines = []
    for n, row in enumerate(rows):
        cells = [cell.rjust(w) if i in numeric and n else cell.ljust(w) for i, (cell, w) in enumerate(zip(row, widths))]
        lines.append("  ".join(cells).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    if notes:
        lines += ["", "notes:", *notes]
    return "\n".join(lines)


def _number(value: float | None) -> str:
    if value is None:
        return ""
    if value >= 100:
        return f"{value:.0f}"
    if value >= 10:
        return f"{value:.1f}"
    if value >= 1:
        return f"{value:.2f}"
    return f"{value:.3g}"


def as_json(figures: list[Figure], outcomes: dict[str, Outcome], quick: bool) -> dict:
    data: dict = {"figures": {}, "notes": {}, "quick": quick,
                  "python": sys.version.split()[0], "platform": sys.platform, "cpus": os.cpu_count()}
    for fig in figures:
        outcome = outcomes[fig.name]
        data["figures"][fig.name] = {
            "value": _rounded(outcome.value),
            "unit": fig.unit,
            "baseline": _rounded(outcome.baseline),
            "ratio": _rounded(outcome.ratio),
        }
        if outcome.note:
            data["notes"][fig.name] = outcome.note
    return data


def _rounded(value: float | None) -> float | None:
    if value is None or value == 0:
        return value
    return round(value, 5 - int(math.floor(math.log10(abs(value)))))


if __name__ == "__main__":
    sys.exit(main())
