"""Errors of the relay protocol, shared by the parsers of every inbound format."""

from __future__ import annotations


class ProtocolError(ValueError):
    """An inbound message the relay cannot accept; ``message`` is shown to the client."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def to_dict(self) -> dict[str, str]:
        return {"type": "error", "code": self.code, "message": self.message}
