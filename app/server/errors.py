"""A refusal the server answers with: status, the protocol's error code, an English detail."""

from __future__ import annotations

from app.sync import protocol


class ApiError(Exception):
    def __init__(self, status: int, code: str, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.code = code
        self.detail = detail
        self.recorded = False  # True once the access log holds this refusal


def bad_request(detail: str) -> ApiError:
    return ApiError(400, protocol.ERROR_BAD_REQUEST, detail)


def not_found(detail: str = "not found") -> ApiError:
    return ApiError(404, protocol.ERROR_NOT_FOUND, detail)


def too_large(detail: str) -> ApiError:
    return ApiError(413, protocol.ERROR_TOO_LARGE, detail)
