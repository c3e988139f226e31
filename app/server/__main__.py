"""`python -m app.server ...`: the same as `vigie-server ...`."""

import sys

from app.server.cli import main

sys.exit(main())
