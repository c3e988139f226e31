import multiprocessing

# In the installed application, the process that opens a long pull's pages (app/sync/pull_process.py) is
# this executable started again: it does that work and exits here, before Vigie itself is imported.
multiprocessing.freeze_support()

from app.cli import main  # noqa: E402  (after the line above, which may end the process)

raise SystemExit(main())
