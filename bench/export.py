"""The complete export and its import at 100,000 main courante entries (with their agents and people).

A demo station filled with 100,000 entries by the demo's bulk writer; the
figure is one `ExportService.export` (the sealed zip, every kind) then one
`import_export` into a new folder, timed together, as the service's
reversibility runs them.
"""

from __future__ import annotations

import time

from app.backup.files import remove_tree
from app.backup.importing import import_export
from app.bootstrap import record_kinds
from app.store.layout import StationPaths
from bench._core import Goal, Outcome, Run, figure

ENTRIES = 100_000
PASSPHRASE = "une phrase de passe de banc d'essai"


def _station(run: Run):
    def make(run: Run):
        from app.demo import make_demo_station

        started = time.perf_counter()
        gate, _accounts = make_demo_station(run.workdir / "export", entries=10_000 if run.quick else ENTRIES)
        run.on_close(gate.close)
        print(f"  export: demo station written in {time.perf_counter() - started:.0f} s", flush=True)
        return gate

    return run.shared("export.station", make)


@figure("export.roundtrip_100k", unit="s", goal=Goal("under 30 s", lambda o: o.value is not None and o.value < 30))
def measure_roundtrip(run: Run) -> Outcome:
    gate = _station(run)
    services = gate.opened()
    admin = services.accounts.authenticate("admin", "demo-admin-Montclair")
    out = run.workdir / "export.zip"
    target = StationPaths(run.workdir / "imported")
    remove_tree(target.root)
    started = time.perf_counter()
    done = services.exports.export(admin, out, PASSPHRASE, "banc d'essai")
    exported = time.perf_counter() - started
    imported = import_export(out, PASSPHRASE, target, gate.deps, record_kinds(), "admin", "demo-admin-Montclair")
    total = time.perf_counter() - started
    assert imported.records == done.records
    return Outcome(total, None, f"{done.records:,} records ({done.counts['logbook_entry']:,} entries): export "
                                f"{exported:.1f} s, import {total - exported:.1f} s, file "
                                f"{out.stat().st_size / 1e6:.0f} MB")
