"""What a customer call tells the cashier when it cannot do what was asked (shared by the customer services)."""

from __future__ import annotations

import math


class CustomerServiceError(Exception):
    """Something the cashier must be told; `code` and `message` are Gameball's when it answered."""

    def __init__(self, message: str, code: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


class Offline(CustomerServiceError):
    """The action needs Gameball now and Gameball cannot be reached."""


class Busy(CustomerServiceError):
    """Gameball is reachable but this terminal's share of its rate limits is in use: try again in `retry_after` s."""

    def __init__(self, retry_after: float) -> None:
        super().__init__(f"this terminal's share of Gameball's rate limits is in use; try again in "
                         f"{max(1, math.ceil(retry_after))} s")
        self.retry_after = retry_after


class Refused(CustomerServiceError):
    """Gameball answered no (not enough points, outside the redemption limits, ...)."""


class OtpRequired(Refused):
    """Gameball refused a hold without a code: the account requires OTP, so the till asks for one."""
