"""/v1/health, /v1/push, /v1/pull, /v1/digest and /v1/blobs (docs/sync.md, app/sync/protocol.py)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Header, Path, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from sqlalchemy.exc import IntegrityError

from app import __version__
from app.server import envelopes
from app.server.db import forget_old_pages
from app.server.bodies import (
    HANDLE_PATTERN, MAX_SEQ, ChunksOut, DigestOut, Error, Health, PullOut, PushIn, PushOut,
)
from app.server.context import call
from app.server.errors import bad_request, not_found, too_large
from app.sync import protocol

router = APIRouter(prefix=protocol.PREFIX)
ERRORS: dict[int | str, dict[str, object]] = {
    code: {"model": Error} for code in (400, 401, 404, 413, 429)}
Auth = Annotated[str | None, Header(alias="Authorization")]
BlobHandle = Annotated[str, Path(pattern=HANDLE_PATTERN)]
ChunkIndex = Annotated[int, Path(ge=0, le=2 ** 31 - 1)]


@router.get("/health", response_model=Health)
def health() -> JSONResponse:
    return JSONResponse({"status": "ok", "version": __version__})


@router.post("/push", response_model=PushOut, responses=ERRORS)
def push(request: Request, body: PushIn, authorization: Auth = None) -> JSONResponse:
    with call(request, authorization) as current:
        if len(body.changes) > protocol.MAX_PUSH_CHANGES:
            raise too_large(f"at most {protocol.MAX_PUSH_CHANGES} changes per push")
        changes = []
        for change in body.changes:
            try:
                ciphertext = protocol.b64decode(change.ciphertext)
            except protocol.SyncProtocolError as exc:
                raise bad_request(f"ciphertext of {change.mutation_id}: {exc}") from exc
            changes.append(envelopes.IncomingChange(change.mutation_id, change.handle, change.base_seq,
                                                    ciphertext, change.erasure, change.forget_earlier))
        results = envelopes.push(current.session, current.device, changes, current.now)
        current.done()
    if any(change.erasure or change.forget_earlier for change in changes):
        forget_old_pages(request.app.state.server.engine)
    return JSONResponse({"results": results})


# The pull's parameters, as FastAPI would declare them: they are read by the endpoint itself (_query_int),
# with the same bounds, FastAPI's validation of them having been a fifth of a no-op pull's time.
PULL_PARAMETERS = [
    {"name": "after", "in": "query", "required": False,
     "schema": {"type": "integer", "minimum": 0, "maximum": MAX_SEQ, "default": 0, "title": "After"}},
    {"name": "limit", "in": "query", "required": False,
     "schema": {"type": "integer", "minimum": 1, "maximum": protocol.PULL_LIMIT_MAX,
                "default": protocol.PULL_LIMIT_DEFAULT, "title": "Limit"}},
    {"name": "Authorization", "in": "header", "required": False,
     "schema": {"anyOf": [{"type": "string"}, {"type": "null"}], "title": "Authorization"}},
]
_DIGITS = re.compile(r"[0-9]{1,19}")


def _query_int(request: Request, name: str, default: int, low: int, high: int) -> int:
    raw = request.query_params.get(name)
    if raw is None:
        return default
    if not _DIGITS.fullmatch(raw) or not low <= int(raw) <= high:
        raise bad_request(f"query.{name}: an integer from {low} to {high} is expected")
    return int(raw)


@router.get("/pull", response_model=PullOut, responses=ERRORS, openapi_extra={"parameters": PULL_PARAMETERS})
def pull(request: Request) -> Response:
    after = _query_int(request, "after", 0, 0, MAX_SEQ)
    limit = _query_int(request, "limit", protocol.PULL_LIMIT_DEFAULT, 1, protocol.PULL_LIMIT_MAX)
    authorization = request.headers.get(protocol.AUTHORIZATION_HEADER)
    # The common case on PostgreSQL was answered in front of FastAPI (app/server/front.py): here come the
    # refusals, the other parameters, SQLite, and a pull the short way could not answer.
    with call(request, authorization, authenticate=False, reads_only=True) as current:
        rows: Sequence[Sequence[Any]]
        if current.session.get_bind().dialect.name == "postgresql":  # the device and its page in one statement
            rows = [row[envelopes.PAGE_AT:] for row in current.authenticate(
                authorization, envelopes.PULL_AUTHENTICATED, {"after": after, "limit": limit + 1})]
        else:  # SQLite (no LATERAL; no round trip to spare either)
            current.authenticate(authorization)
            rows = envelopes.pull_rows(current.session, current.device, after, limit)
        page = envelopes.page_of(rows, current.device, after, limit)
        current.done()
    # orjson: a page of a thousand envelopes written in a tenth of json's time (the same compact JSON).
    return Response(orjson.dumps(page), media_type="application/json")


@router.get("/digest", response_model=DigestOut, responses=ERRORS)
def digest(request: Request, upto: Annotated[int, Query(ge=0, le=MAX_SEQ)], authorization: Auth = None
           ) -> JSONResponse:
    with call(request, authorization) as current:  # one snapshot for the whole digest
        answer = envelopes.digest(current.session, current.device, upto)
        current.done()
    return JSONResponse(answer)


@router.put("/blobs/{blob_handle}/{index}", status_code=204, responses=ERRORS,
            openapi_extra={"requestBody": {"content": {"application/octet-stream": {
                "schema": {"type": "string", "format": "binary", "maxLength": protocol.MAX_CHUNK_BYTES}}}}})
async def put_chunk(request: Request, blob_handle: BlobHandle, index: ChunkIndex,
                    authorization: Auth = None) -> Response:
    data = await request.body()
    await run_in_threadpool(_store_chunk, request, authorization, blob_handle, index, data)
    return Response(status_code=204)


def _store_chunk(request: Request, authorization: str | None, blob_handle: str, index: int, data: bytes) -> None:
    with call(request, authorization) as current:
        envelopes.put_chunk(current.session, current.device, blob_handle, index, data, current.now)
        try:
            current.done()
        except IntegrityError:  # the same chunk stored by a concurrent request: already there
            current.session.rollback()


@router.get("/blobs/{blob_handle}/{index}", responses={**ERRORS, 200: {
    "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}}})
def get_chunk(request: Request, blob_handle: BlobHandle, index: ChunkIndex, authorization: Auth = None
              ) -> Response:
    with call(request, authorization, reads_only=True) as current:
        data = envelopes.get_chunk(current.session, current.device, blob_handle, index)
        if data is None:
            raise not_found("no such chunk")
        current.done()
    return Response(content=data, media_type="application/octet-stream")


@router.get("/blobs/{blob_handle}", response_model=ChunksOut, responses=ERRORS)
def list_chunks(request: Request, blob_handle: BlobHandle, authorization: Auth = None) -> JSONResponse:
    with call(request, authorization, reads_only=True) as current:
        indices = envelopes.chunks(current.session, current.device, blob_handle)
        current.done()
    return JSONResponse({"chunks": indices})


@router.delete("/blobs/{blob_handle}", status_code=204, responses=ERRORS)
def delete_blob(request: Request, blob_handle: BlobHandle, authorization: Auth = None) -> Response:
    """An erased attachment's chunks go; deleting a blob that is not there changes nothing."""
    with call(request, authorization) as current:
        envelopes.delete_blob(current.session, current.device, blob_handle)
        current.done()
    return Response(status_code=204)
