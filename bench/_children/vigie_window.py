"""Cold start of Vigie: a new process until its first window (the login dialog) is shown, offscreen.

Run as a script by bench/app.py (not imported), with the data folder of a
station made beforehand as its argument. Prints "shown" on standard output
once the window is exposed, then exits without entering the event loop; or
"unavailable: ..." (exit status 3) when this tree has no GUI start yet.
"""

import sys
import time
from pathlib import Path

TIMEOUT_S = 30.0
EXIT_UNAVAILABLE = 3


def load_start():
    try:
        from app.ui.application import start
    except ModuleNotFoundError as exc:
        if exc.name not in ("app.ui", "app.ui.application"):
            raise
        return None
    except ImportError as exc:
        if "start" not in str(exc):
            raise
        return None
    return start


def main() -> int:
    from app.bootstrap import build_gate
    from app.crypto.secretstore import NoSecretStore

    start = load_start()
    if start is None:
        print("unavailable: app.ui.application.start does not exist yet", flush=True)
        return EXIT_UNAVAILABLE
    gate = build_gate(Path(sys.argv[1]), secrets=NoSecretStore())
    started = start(gate, [sys.argv[0]])
    app, window = started[0], started[1]
    deadline = time.monotonic() + TIMEOUT_S
    while not (window.isVisible() and window.windowHandle() is not None and window.windowHandle().isExposed()):
        if time.monotonic() > deadline:
            print("timeout", flush=True)
            return 2
        app.processEvents()
    print(f"shown {type(window).__name__}", flush=True)
    gate.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
