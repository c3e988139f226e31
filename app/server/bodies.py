"""Request bodies as pydantic models, for FastAPI's validation and the published OpenAPI schema.

They mirror the TypedDicts of app/sync/protocol.py. Every number is bounded and every free
text refuses control characters, so that no input reaches the database it cannot hold.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from app.sync import protocol

MAX_SEQ = 2 ** 62
HANDLE_PATTERN = protocol.HANDLE_RE.pattern
UUID_PATTERN = protocol.MUTATION_ID_RE.pattern
# Printable text, no control character (a NUL byte cannot be stored in PostgreSQL text).
NAME_PATTERN = r"^[^\x00-\x1f\x7f]+$"
B64_PATTERN = r"^[A-Za-z0-9+/]*={0,2}$"


class _Body(BaseModel):
    model_config = ConfigDict(extra="ignore")


class RegisterIn(_Body):
    registration_token: str = Field(min_length=1, max_length=200, pattern=NAME_PATTERN)
    device_name: str = Field(min_length=1, max_length=protocol.MAX_DEVICE_NAME, pattern=NAME_PATTERN)


class ChangeIn(_Body):
    mutation_id: str = Field(pattern=UUID_PATTERN)
    handle: str = Field(pattern=HANDLE_PATTERN)
    base_seq: int | None = Field(default=None, ge=0, le=MAX_SEQ)
    ciphertext: str = Field(min_length=4, pattern=B64_PATTERN)
    # The change erases its record: the server deletes the handle's earlier envelopes (docs/sync.md).
    erasure: bool = False
    # The change replaces its record's earlier states (a state emptied of erased personal data): they are
    # deleted, and the handle's later changes are stored as usual.
    forget_earlier: bool = False


class PushIn(_Body):
    changes: list[ChangeIn]


class PairingIn(_Body):
    public_key: str = Field(min_length=44, max_length=44, pattern=B64_PATTERN)


class ApproveIn(_Body):
    sealed_keys: str = Field(min_length=4, max_length=protocol.MAX_SEALED_KEYS_BYTES * 4 // 3 + 4,
                             pattern=B64_PATTERN)
    device_name: str = Field(min_length=1, max_length=protocol.MAX_DEVICE_NAME, pattern=NAME_PATTERN)


class ClaimIn(_Body):
    pairing_code: str = Field(min_length=1, max_length=64, pattern=NAME_PATTERN)
    claim_secret: str = Field(min_length=1, max_length=200, pattern=NAME_PATTERN)


class Error(BaseModel):
    error: str
    detail: str


class Health(BaseModel):
    status: str
    version: str


class EnrolmentOut(BaseModel):
    tenant_id: str
    device_id: str
    device_token: str


class PushResultOut(BaseModel):
    mutation_id: str
    status: str
    seq: int
    head_seq: int


class PushOut(BaseModel):
    results: list[PushResultOut]


class EnvelopeOut(BaseModel):
    seq: int
    handle: str
    base_seq: int | None
    device_id: str
    mutation_id: str
    ciphertext: str


class PullOut(BaseModel):
    envelopes: list[EnvelopeOut]
    last_seq: int
    more: bool
    head: int


class DigestOut(BaseModel):
    count: int
    digest: str
    backed_up: int


class ChunksOut(BaseModel):
    chunks: list[int]


class PairingOpenedOut(BaseModel):
    pairing_code: str
    claim_secret: str
    expires_at: str


class PairingShownOut(BaseModel):
    public_key: str
    expires_at: str


class ApprovedOut(BaseModel):
    device_id: str


class ClaimOut(BaseModel):
    status: str | None = None
    tenant_id: str | None = None
    device_id: str | None = None
    device_token: str | None = None
    sealed_keys: str | None = None
