"""The sync protocol between stations and the hosted server, as code (docs/sync.md).

Both sides import this module: the station's sync client and the server. It holds the
paths, the limits, the size buckets, the bodies as TypedDicts and the digest, and nothing
that needs the server's dependencies (no FastAPI, no pydantic).

Everything meaningful (record kind, id, version, fields, compartment, tombstone) travels
inside the AES-256-GCM ciphertext made by the stations; the server sees tenant, device, an
opaque handle (HMAC-SHA256 of kind and id under a service key), sequences, sizes and times.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
import secrets
import struct
from collections.abc import Iterable, Sequence
from datetime import timedelta
from typing import Literal, NotRequired, TypedDict

API_VERSION = "v1"
PREFIX = "/v1"

# Paths under the base URL http(s)://HOST:PORT (PREFIX included).
HEALTH = f"{PREFIX}/health"
REGISTER = f"{PREFIX}/register"
PUSH = f"{PREFIX}/push"
PULL = f"{PREFIX}/pull"
DIGEST = f"{PREFIX}/digest"
OPENAPI = f"{PREFIX}/openapi.json"
PAIRINGS = f"{PREFIX}/pairings"
PAIRING_CLAIM = f"{PREFIX}/pairings/claim"
DEVICE_SELF = f"{PREFIX}/devices/self"  # DELETE: a device gives up its own token


def blob_path(blob_handle: str) -> str:
    return f"{PREFIX}/blobs/{blob_handle}"


def chunk_path(blob_handle: str, index: int) -> str:
    return f"{PREFIX}/blobs/{blob_handle}/{index}"


def pairing_path(code: str) -> str:
    return f"{PREFIX}/pairings/{code}"


def approve_path(code: str) -> str:
    return f"{PREFIX}/pairings/{code}/approve"


# Headers.
SERVER_TIME_HEADER = "X-Vigie-Server-Time"
AUTHORIZATION_HEADER = "Authorization"
BEARER = "Bearer"

# Limits.
MAX_PUSH_CHANGES = 500
MAX_PUSH_BYTES = 8 * 1024 * 1024          # the whole request body, as sent
MAX_CHUNK_BYTES = 1024 * 1024             # one blob chunk, raw bytes
MAX_JSON_BYTES = 64 * 1024                # any other JSON request body
PULL_LIMIT_DEFAULT = 500
PULL_LIMIT_MAX = 1000
MAX_DEVICE_NAME = 200
PAIRING_TTL = timedelta(minutes=10)
TOKEN_BYTES = 32
X25519_KEY_BYTES = 32
MAX_SEALED_KEYS_BYTES = 16 * 1024

# The size buckets of padded plaintexts: a station pads every payload up to the smallest
# bucket that holds it (pad() below), so that the ciphertext's size tells only the bucket.
SIZE_BUCKETS: tuple[int, ...] = (
    512, 1024, 2048, 4096, 8192, 16384, 32768, 65536, 131072, 262144, 524288,
    1048576, 2097152, 4194304,
)
AES_GCM_OVERHEAD = 12 + 16                # nonce before, tag after
_LENGTH = struct.Struct(">I")

HANDLE_RE = re.compile(r"^[0-9a-f]{64}$")
MUTATION_ID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
# A pairing code: 16 characters of Crockford's base32 (80 bits) in four groups.
PAIRING_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
PAIRING_CODE_RE = re.compile(r"^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$")

# Error codes, in {"error": code, "detail": text}.
ERROR_BAD_REQUEST = "bad_request"
ERROR_UNAUTHORIZED = "unauthorized"
ERROR_FORBIDDEN = "forbidden"
ERROR_NOT_FOUND = "not_found"
ERROR_GONE = "gone"
ERROR_TOO_LARGE = "too_large"
ERROR_RATE_LIMITED = "rate_limited"
ERROR_UNAVAILABLE = "unavailable"         # 503: the server's database is away for a moment; retry later


class SyncProtocolError(ValueError):
    """A body that does not follow the protocol (bad base64, a bucket too small...)."""


# ---- bodies -------------------------------------------------------------------------------

class ErrorBody(TypedDict):
    error: str
    detail: str


class HealthBody(TypedDict):
    status: str
    version: str


class RegisterRequest(TypedDict):
    registration_token: str
    device_name: str


class Enrolment(TypedDict):
    tenant_id: str
    device_id: str
    device_token: str


class Change(TypedDict):
    mutation_id: str
    handle: str
    base_seq: int | None
    ciphertext: str                       # base64
    # True when the change erases its record (a tombstone): the server then deletes the handle's
    # earlier envelopes and stores nothing more for it (docs/sync.md, "What the server forgets").
    erasure: NotRequired[bool]
    # True when the change is a state that replaces every earlier one of its record and must not leave
    # them behind (the record emptied of personal data erased by a court outcome or retention, or the
    # tombstone of a record whose natural key may be given again): the server deletes the handle's
    # earlier envelopes in the transaction that stores it, and, unlike after an erasure, stores the
    # handle's later changes as usual (docs/sync.md, "What the server forgets").
    forget_earlier: NotRequired[bool]


class PushRequest(TypedDict):
    changes: list[Change]


PushStatus = Literal["stored", "duplicate", "conflict"]
STORED: PushStatus = "stored"
DUPLICATE: PushStatus = "duplicate"
CONFLICT: PushStatus = "conflict"


class PushResult(TypedDict):
    mutation_id: str
    status: PushStatus
    seq: int
    head_seq: int


class PushResponse(TypedDict):
    results: list[PushResult]


class Envelope(TypedDict):
    seq: int
    handle: str
    base_seq: int | None
    device_id: str
    mutation_id: str
    ciphertext: str                       # base64
    # Only for a ciphertext the server's disk altered: the SHA-256 it was stored with (app/server/envelopes.py).
    stored_sha256: NotRequired[str]


class PullResponse(TypedDict):
    envelopes: list[Envelope]
    last_seq: int
    more: bool
    head: NotRequired[int]  # the tenant's latest seq (servers before it did not say)


class DigestResponse(TypedDict):
    count: int
    digest: str
    # Every backup copy the server keeps holds the tenant's envelopes up to this seq (0: no copy).
    backed_up: NotRequired[int]


class ChunkList(TypedDict):
    chunks: list[int]


class PairingRequest(TypedDict):
    public_key: str                       # base64 of a raw X25519 public key


class PairingOpened(TypedDict):
    pairing_code: str
    claim_secret: str                     # base64
    expires_at: str                       # ISO 8601 UTC


class PairingShown(TypedDict):
    public_key: str
    expires_at: str


class ApproveRequest(TypedDict):
    sealed_keys: str                      # base64
    device_name: str


class Approved(TypedDict):
    device_id: str


class ClaimRequest(TypedDict):
    pairing_code: str
    claim_secret: str


class ClaimResponse(TypedDict):
    status: NotRequired[str]              # "waiting" (202)
    tenant_id: NotRequired[str]
    device_id: NotRequired[str]
    device_token: NotRequired[str]
    sealed_keys: NotRequired[str]


# ---- helpers both sides use ---------------------------------------------------------------

def b64encode(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def b64decode(text: str) -> bytes:
    """Standard padded base64, strictly: no stray character, exactly the padding it needs."""
    try:
        data = base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError, ValueError) as exc:
        raise SyncProtocolError("not standard base64") from exc
    if base64.b64encode(data).decode("ascii") != text:
        raise SyncProtocolError("not standard base64")
    return data


def new_token() -> str:
    """A device or registration token: 32 random bytes, urlsafe base64."""
    return base64.urlsafe_b64encode(secrets.token_bytes(TOKEN_BYTES)).decode("ascii")


def token_hash(token: str) -> str:
    """What the server keeps of a token: its SHA-256, hex."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_pairing_code() -> str:
    """80 random bits, as "K7QF-M2XD-9TRA-WH3P"."""
    chars = "".join(secrets.choice(PAIRING_ALPHABET) for _ in range(16))
    return "-".join(chars[i:i + 4] for i in range(0, 16, 4))


def normalise_pairing_code(code: str) -> str:
    """A code as a person types it: case and spaces forgiven, O read as 0, I and L as 1."""
    text = code.strip().upper().replace(" ", "").replace("-", "")
    text = text.translate(str.maketrans("OIL", "011"))
    if len(text) != 16:
        return code
    return "-".join(text[i:i + 4] for i in range(0, 16, 4))


def bucket_size(length: int) -> int:
    """The smallest bucket that holds *length* bytes of payload and its length prefix."""
    needed = length + _LENGTH.size
    for bucket in SIZE_BUCKETS:
        if needed <= bucket:
            return bucket
    raise SyncProtocolError(f"payload of {length} bytes exceeds the largest bucket")


def pad(payload: bytes) -> bytes:
    """*payload* behind its 4-byte length, zero-filled to its bucket (encrypt the result)."""
    bucket = bucket_size(len(payload))
    return _LENGTH.pack(len(payload)) + payload + bytes(bucket - len(payload) - _LENGTH.size)


def unpad(padded: bytes) -> bytes:
    if len(padded) not in SIZE_BUCKETS:
        raise SyncProtocolError("padded payload is not a bucket size")
    (length,) = _LENGTH.unpack_from(padded)
    if length > len(padded) - _LENGTH.size:
        raise SyncProtocolError("padded payload's length is out of range")
    return padded[_LENGTH.size:_LENGTH.size + length]


def digest_line(seq: int, handle: str, ciphertext: bytes) -> bytes:
    return f"{seq}:{handle}:{hashlib.sha256(ciphertext).hexdigest()}\n".encode("ascii")


class Digester:
    """The digest of a tenant's envelopes, fed in seq order: DigestResponse's count and digest."""

    def __init__(self) -> None:
        self._hash = hashlib.sha256()
        self.count = 0

    def add(self, seq: int, handle: str, ciphertext: bytes) -> None:
        self._hash.update(digest_line(seq, handle, ciphertext))
        self.count += 1

    def add_lines(self, lines: Sequence[str]) -> None:
        """Several envelopes' lines, each "seq:handle:sha256 of the ciphertext" (hex) without its newline, from
        what is already known of them (a station keeps only the hash; the server's database writes them)."""
        if lines:
            self._hash.update(("\n".join(lines) + "\n").encode("ascii"))
            self.count += len(lines)

    def hexdigest(self) -> str:
        return self._hash.hexdigest()


def digest(envelopes: Iterable[tuple[int, str, bytes]]) -> DigestResponse:
    """count and digest over (seq, handle, ciphertext) given in seq order."""
    digester = Digester()
    for seq, handle, ciphertext in envelopes:
        digester.add(seq, handle, ciphertext)
    return {"count": digester.count, "digest": digester.hexdigest()}


def error_body(code: str, detail: str) -> ErrorBody:
    return {"error": code, "detail": detail}
