"""Push, pull and digest of a tenant's envelopes, and its blob chunks.

A push is one transaction that first locks its tenant's row: the tenant's pushes are applied
one after the other, so sequences are given and committed in order (a pull never sees seq n+1
before seq n), and "conflict" is decided against the handle's latest seq of that moment.
An erasure is the one envelope the server keeps of its handle (docs/sync.md, "What the server forgets").
"""

from __future__ import annotations

import binascii
import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from typing import Any

from sqlalchemy import CTE, Row, Select, String, Subquery, bindparam, cast, delete, func, insert, select, true
from sqlalchemy.orm import Session

from app.server import accounts
from app.server.accounts import Caller
from app.server.models import BackupMark, BlobChunk, Envelope, Tenant
from app.sync import protocol

log = logging.getLogger("vigie.server")


@dataclass(frozen=True)
class IncomingChange:
    mutation_id: str
    handle: str
    base_seq: int | None
    ciphertext: bytes
    erasure: bool = False  # the station says this change erases its record
    forget_earlier: bool = False  # the station says this state replaces every earlier one of its record


def _heads(session: Session, tenant_id: str, handles: set[str]) -> dict[str, int]:
    if not handles:
        return {}
    rows = session.execute(select(Envelope.handle, func.max(Envelope.seq))
                           .where(Envelope.tenant_id == tenant_id, Envelope.handle.in_(handles))
                           .group_by(Envelope.handle))
    return {handle: int(seq) for handle, seq in rows}


def _erased(session: Session, tenant_id: str, handles: set[str]) -> dict[str, int]:
    """The handles among these whose record was erased: the seq of their erasure, their last envelope."""
    if not handles:
        return {}
    rows = session.execute(select(Envelope.handle, Envelope.seq).where(
        Envelope.tenant_id == tenant_id, Envelope.handle.in_(handles), Envelope.erasure.is_(True)))
    return {handle: int(seq) for handle, seq in rows}


def _forget(session: Session, tenant_id: str, handles: dict[str, int]) -> None:
    """Every envelope of these handles before the given seq but an erasure: the ciphertexts of what was
    erased (an erasure's seq is the handle's last; a state that forgets its earlier ones may have later ones)."""
    for handle, before in sorted(handles.items()):
        session.execute(delete(Envelope).where(Envelope.tenant_id == tenant_id, Envelope.handle == handle,
                                               Envelope.seq < before, Envelope.erasure.is_(False)))


def _known(session: Session, tenant_id: str, mutation_ids: set[str]) -> dict[str, tuple[int, str]]:
    rows = session.execute(select(Envelope.mutation_id, Envelope.seq, Envelope.handle)
                           .where(Envelope.tenant_id == tenant_id, Envelope.mutation_id.in_(mutation_ids)))
    return {mutation_id: (int(seq), handle) for mutation_id, seq, handle in rows}


def push(session: Session, caller: Caller, changes: Sequence[IncomingChange], now: datetime
         ) -> list[protocol.PushResult]:
    """Store every new change (append only), in request order; the caller commits.

    An erasure is stored and the handle's earlier envelopes are deleted with it, as are those before a
    state that forgets its earlier ones (its handle stays open to later changes). A change to an erased
    handle is not stored: another erasure is the same erasure (duplicate), anything else a stale write
    (conflict), both answered with the erasure's seq, so that the station pulls it and erases too."""
    tenant = session.scalar(select(Tenant).where(Tenant.id == caller.tenant_id).with_for_update())
    assert tenant is not None  # the caller's device belongs to it
    known = _known(session, caller.tenant_id, {c.mutation_id for c in changes})
    handles = {c.handle for c in changes}
    heads = _heads(session, caller.tenant_id, handles | {h for _, h in known.values()})
    erased = _erased(session, caller.tenant_id, handles)
    outcomes: list[tuple[str, protocol.PushStatus, int, str]] = []
    rows: list[dict[str, object]] = []
    forgotten: dict[str, int] = {}  # handle: the seq before which its envelopes go
    seq = tenant.last_seq
    for change in changes:
        if change.mutation_id in known:
            original_seq, handle = known[change.mutation_id]
            outcomes.append((change.mutation_id, protocol.DUPLICATE, original_seq, handle))
            continue
        if change.handle in erased:
            status: protocol.PushStatus = protocol.DUPLICATE if change.erasure else protocol.CONFLICT
            outcomes.append((change.mutation_id, status, erased[change.handle], change.handle))
            continue
        seq += 1
        status = protocol.STORED if change.base_seq == heads.get(change.handle) else protocol.CONFLICT
        rows.append({"tenant_id": caller.tenant_id, "seq": seq, "handle": change.handle, "base_seq": change.base_seq,
                     "device_id": caller.device_id, "mutation_id": change.mutation_id,
                     "ciphertext": change.ciphertext, "size": len(change.ciphertext),
                     "ciphertext_sha256": hashlib.sha256(change.ciphertext).hexdigest(), "received_at": now,
                     "erasure": change.erasure})
        heads[change.handle] = seq
        known[change.mutation_id] = (seq, change.handle)
        if change.erasure:
            erased[change.handle] = seq
        if change.erasure or change.forget_earlier:
            forgotten[change.handle] = seq
        outcomes.append((change.mutation_id, status, seq, change.handle))
    if rows:  # one executemany on the table, no ORM object per envelope
        session.connection().execute(insert(Envelope.metadata.tables[Envelope.__tablename__]), rows)
    _forget(session, caller.tenant_id, forgotten)
    tenant.last_seq = seq
    return [{"mutation_id": mutation_id, "status": status, "seq": at, "head_seq": heads[handle]}
            for mutation_id, status, at, handle in outcomes]


_PULL = (select(Envelope.seq, Envelope.handle, Envelope.base_seq, Envelope.device_id, Envelope.mutation_id,
                Envelope.ciphertext, Envelope.ciphertext_sha256)
         .where(Envelope.tenant_id == bindparam("tenant_id"), Envelope.seq > bindparam("after"))
         .order_by(Envelope.seq).limit(bindparam("limit")))


def pull_authenticated(auth: Subquery | CTE) -> Select[Any]:
    """AUTHENTICATE (as *auth*) and the page in one statement (PostgreSQL: one round trip for a no-op
    pull): the device's row, then its tenant's envelopes after `after`, read only once the device passes."""
    page = (select(Envelope.seq, Envelope.handle, Envelope.base_seq, Envelope.device_id, Envelope.mutation_id,
                   Envelope.ciphertext, Envelope.ciphertext_sha256)
            .where(Envelope.tenant_id == auth.c.tenant_id, auth.c.revoked_at.is_(None),
                   auth.c.failures < bindparam("failure_limit"), Envelope.seq > bindparam("after"))
            .order_by(Envelope.seq).limit(bindparam("limit")).lateral("page"))
    return select(auth, page).select_from(auth.outerjoin(page, true())).order_by(page.c.seq)


PULL_AUTHENTICATED = pull_authenticated(accounts.AUTHENTICATE.subquery("auth"))


# Where a row of PULL_AUTHENTICATED has its page's columns (_PULL's, in their order): after the device's.
PAGE_AT = len(PULL_AUTHENTICATED.selected_columns) - len(_PULL.selected_columns)


def pull_rows(session: Session, caller: Caller, after: int, limit: int) -> list[Row[Any]]:
    """The page's rows (one more than the limit, to tell whether more wait)."""
    return list(session.connection().execute(_PULL, {"tenant_id": caller.tenant_id, "after": after,
                                                     "limit": limit + 1}))


def pull(session: Session, caller: Caller, after: int, limit: int) -> protocol.PullResponse:
    return page_of(pull_rows(session, caller, after, limit), caller, after, limit)


def altered(envelope: protocol.Envelope, stored_sha256: str) -> None:
    """A ciphertext that is no longer the one stored (the disk altered it): served as it is, with the hash it
    was stored with, so that the stations refuse it as altered here and their digests still agree with this
    server's (a station took it for data this server had lost, and sent everything again at every sync)."""
    log.error("envelope %s is altered on this server's disk (its SHA-256 is not the one stored)", envelope["seq"])
    envelope["stored_sha256"] = stored_sha256


def page_of(rows: Sequence[Sequence[Any]], caller: Caller, after: int, limit: int) -> protocol.PullResponse:
    """The pull's answer from its rows, each _PULL's columns in their order (of PULL_AUTHENTICATED's rows,
    those from PAGE_AT on: a device without envelopes has one row of nulls). Read by position and encoded
    by binascii: a thousand envelopes by name and base64.b64encode cost three times as much."""
    rows = [row for row in rows if row[0] is not None]
    page = rows[:limit]
    encode, sha256 = binascii.b2a_base64, hashlib.sha256
    envelopes: list[protocol.Envelope] = [
        {"seq": seq, "handle": handle, "base_seq": base_seq, "device_id": device_id, "mutation_id": mutation_id,
         "ciphertext": encode(ciphertext, newline=False).decode("ascii")}
        for seq, handle, base_seq, device_id, mutation_id, ciphertext, _stored in page]
    for envelope, row in zip(envelopes, page, strict=True):
        if sha256(row[5]).hexdigest() != row[6]:
            altered(envelope, row[6])
    # The tenant's latest seq: a station whose checkpoint is not that seq once nothing more comes holds
    # what the server lost, or a restore moved the sequence past it (docs/sync.md, "Pull").
    head = max(caller.tenant_seq, page[-1][0]) if page else caller.tenant_seq
    return {"envelopes": envelopes, "last_seq": page[-1][0] if page else after, "more": len(rows) > limit,
            "head": head}


# protocol.Digester's line of an envelope, without its newline, made by the database (SQLite and PostgreSQL
# write an integer in the same digits): a row's formatting in Python was most of a digest's time.
_DIGEST_LINE = cast(Envelope.seq, String) + ":" + Envelope.handle + ":" + Envelope.ciphertext_sha256


def digest(session: Session, caller: Caller, upto: int) -> protocol.DigestResponse:
    digester = protocol.Digester()
    lines = session.connection().execute(  # Core, streamed (a server-side cursor on PostgreSQL)
        select(_DIGEST_LINE).where(Envelope.tenant_id == caller.tenant_id, Envelope.seq <= upto)
        .order_by(Envelope.seq).execution_options(stream_results=True, max_row_buffer=5000)).scalars()
    while part := lines.fetchmany(5000):
        digester.add_lines(part)
    backed_up = session.scalar(select(func.min(BackupMark.last_seq)).where(BackupMark.tenant_id == caller.tenant_id))
    return {"count": digester.count, "digest": digester.hexdigest(), "backed_up": int(backed_up or 0)}


def put_chunk(session: Session, caller: Caller, blob_handle: str, index: int, data: bytes, now: datetime) -> None:
    """Store a chunk once; the same chunk sent again changes nothing (idempotent)."""
    key = (caller.tenant_id, blob_handle, index)
    if session.get(BlobChunk, key) is None:
        session.add(BlobChunk(tenant_id=caller.tenant_id, blob_handle=blob_handle, chunk_index=index, data=data,
                              size=len(data), device_id=caller.device_id, received_at=now))


def get_chunk(session: Session, caller: Caller, blob_handle: str, index: int) -> bytes | None:
    return session.scalar(select(BlobChunk.data).where(
        BlobChunk.tenant_id == caller.tenant_id, BlobChunk.blob_handle == blob_handle,
        BlobChunk.chunk_index == index))


def chunks(session: Session, caller: Caller, blob_handle: str) -> list[int]:
    return [int(i) for i in session.scalars(select(BlobChunk.chunk_index).where(
        BlobChunk.tenant_id == caller.tenant_id, BlobChunk.blob_handle == blob_handle)
        .order_by(BlobChunk.chunk_index))]


def delete_blob(session: Session, caller: Caller, blob_handle: str) -> int:
    """Every chunk of the caller's tenant's blob (an attachment erased on a station): how many went."""
    result = session.execute(delete(BlobChunk).where(BlobChunk.tenant_id == caller.tenant_id,
                                                     BlobChunk.blob_handle == blob_handle))
    return int(getattr(result, "rowcount", 0) or 0)
