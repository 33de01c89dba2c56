"""A refused change of the Báo cáo's outline or draft: a Vietnamese message shown as is, and the 4xx a view
answers with. One class, so that every consolidation editor refuses the same way."""

from __future__ import annotations


class Refusal(Exception):
    """``code``: "invalid" (400), "not_found" (404) or "conflict" (409, someone saved meanwhile)."""

    STATUS = {"invalid": 400, "not_found": 404, "conflict": 409}

    def __init__(self, message: str, *, code: str = "invalid") -> None:
        self.message, self.code = message, code
        super().__init__(message)

    @property
    def status(self) -> int:
        return self.STATUS[self.code]
