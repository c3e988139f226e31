"""Cold-start baseline: a bare PySide6 process that shows one window, offscreen.

Run as a script by bench/app.py (not imported): it prints "shown" on standard
output once the window is exposed, then exits. It imports PySide6 directly on
purpose: it is what any Qt application pays before its first window.
"""

import sys
import time

from PySide6.QtWidgets import QApplication, QWidget

TIMEOUT_S = 30.0


def main() -> int:
    app = QApplication(sys.argv)
    window = QWidget()
    window.setWindowTitle("Vigie")
    window.resize(420, 300)
    window.show()
    deadline = time.monotonic() + TIMEOUT_S
    while not (window.windowHandle() is not None and window.windowHandle().isExposed()):
        if time.monotonic() > deadline:
            print("timeout", flush=True)
            return 2
        app.processEvents()
    print("shown", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
