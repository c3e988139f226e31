"""The hosted sync server (FastAPI on uvicorn): stores the stations' ciphertexts, reads none.

It imports app.sync.protocol, never the station's kernel nor its screens. docs/sync.md
describes it; `vigie-server` (app.server.cli) runs and administers it.
"""

__all__: list[str] = []
