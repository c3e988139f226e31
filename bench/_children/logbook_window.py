"""Resident memory of Vigie with the main courante open: the real window, the whole log shown.

Run as a script by bench/logbook.py with the demo station's data folder:
logs in as the demo agent, shows the main courante, loads "Tout le
registre" (a year of entries, lazily fetched) and scrolls down five pages,
then prints "rss <kilobytes>". With --bare it prints the memory of a bare
PySide6 window holding an empty table, the baseline.
"""

import sys
import time
from pathlib import Path

TIMEOUT_S = 120.0


def rss_kb() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS in /proc/self/status")


def wait(app, condition) -> None:
    deadline = time.monotonic() + TIMEOUT_S
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the log did not load in time")
        app.processEvents()


def bare() -> int:
    from PySide6.QtWidgets import QApplication, QTableView

    app = QApplication([sys.argv[0]])
    view = QTableView()
    view.resize(1280, 800)
    view.show()
    wait(app, lambda: view.windowHandle() is not None and view.windowHandle().isExposed())
    print(f"rss {rss_kb()}", flush=True)
    return 0


def vigie(data_dir: Path) -> int:
    from app.bootstrap import build_gate
    from app.crypto.secretstore import NoSecretStore
    from app.i18n import install_translator
    from app.qt import QApplication
    from app.ui.main_window import MainWindow
    from app.ui.tasks import TaskManager

    app = QApplication([sys.argv[0]])
    install_translator(app)
    gate = build_gate(data_dir, secrets=NoSecretStore())
    gate.purge_at_opening = False  # a day's purge is not what is measured
    actor = gate.login("lpetit", "demo-agent-Montclair")
    services = gate.services
    tasks = TaskManager(app)
    services.kernel.subscribe(tasks.relay)  # as app.ui.application does once per open station
    window = MainWindow(services, actor, tasks, services.station.rights.accesses(actor))
    window.resize(1280, 800)
    window.show()
    page = window.show_module("main_courante")
    wait(app, lambda: page.loaded and not page.is_busy)
    page.start_date.setDate(page.end_date.date().addYears(-1))
    page.tabs.setCurrentIndex(1)
    page.load_all()
    wait(app, lambda: page.all_model.pages_fetched >= 1 and not page.is_busy)
    for _ in range(5):
        page.all_table.scrollToBottom()
        app.processEvents()
    tasks.wait_for_done()
    print(f"rss {rss_kb()} rows {page.all_model.rowCount()}", flush=True)
    gate.close()
    return 0


if __name__ == "__main__":
    sys.exit(bare() if sys.argv[1:] == ["--bare"] else vigie(Path(sys.argv[1])))
