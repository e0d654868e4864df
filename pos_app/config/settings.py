"""Non-secret terminal settings: store identity, region, currency, sync options. No keys here, ever."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields, replace
from decimal import Decimal
from typing import Any

from pos_app.domain.address import DEFAULT_API_BASE, validate_api_base
from pos_app.domain.money import max_amount

DEFAULT_BRIDGE_PORT = 8741
_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")


class SettingsError(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Settings:
    merchant_id: str = ""
    merchant_name: str = ""
    branch_id: str = ""
    branch_name: str = ""
    # No default: a default would be the same on every till (issue 12). Setup and fleet import require it.
    terminal_id: str = ""
    currency: str = "USD"
    phone_region: str = "US"
    language: str = "en"
    api_base: str = DEFAULT_API_BASE
    bridge_port: int = DEFAULT_BRIDGE_PORT
    batch_enabled: bool = True
    # At 50 due orders a batch (one POST and a few status polls) beats 50 single POSTs, which take over
    # a second at 30/s and compete with history pulls for the same limits; below it, single POSTs give
    # each order its own answer (points for the slip) at once.
    batch_threshold: int = 50
    # Terminals sharing this Gameball account's rate limits (which are per account): each terminal sends at
    # 1/fleet_terminals of them, so a chain's terminals reconnecting together do not live on 429s.
    fleet_terminals: int = 1
    # The store's return period: delivered orders sold longer ago than this are archived out of the database
    # (store/retention.py). Longer than any return window a store gives, so no return can need them.
    return_period_days: int = 400
    # How long after the sale an order's points are taken as settled, so history stops pulling its transactions:
    # Gameball documents no return window in any answer (only `cashbackConfigurations.returnWindow` in a request,
    # which the till does not send), so the store says how long its account keeps points pending.
    points_settle_days: int = 14
    # Gameball documents batch order items with customerId, orderId, orderDate and totalPaid only, and the
    # till adds channel and merchant to every order, so nothing goes by batch. On, full order bodies go by
    # batch: only for an account whose batch Gameball confirmed takes them, else branch, line multipliers,
    # the guest flag and hold consumption may be lost for every order of an outage backlog.
    batch_full_bodies: bool = False
    # CSV exports: "," or, where Excel's list separator is ";" (decimal-comma locales), ";" (amounts are then
    # written with a decimal comma); "\t" also works.
    csv_separator: str = ","
    # A free line above this asks the cashier to confirm it; empty means about 1,000 US dollars' worth.
    free_line_confirm_above: str = ""
    # The largest sale the till takes (the bridge and the window refuse more); empty means nine digits in all
    # (9,999,999.99 USD), which is also the most it may be set to.
    max_amount: str = ""
    # The store's customer-ID format: IDs (typed, or in a QR code) start with this; empty takes any ID.
    customer_id_prefix: str = ""
    # Proof of the customer for redemption (issue 15): OTP "always", "above" a points threshold, or
    # "never" (accounts without SMS/OTP); a scanned Gameball QR is proof on its own.
    otp_policy: str = "above"
    otp_threshold_points: int = 500
    # Abuse notices: a customer on more sales than this at this terminal in a day (0: off).
    frequent_customer_limit: int = 5
    # The customer-facing display: the screen index (0 = off; 1 = the first screen, ...) and its idle text.
    customer_display_screen: int = 0
    customer_display_idle: str = ""

    def to_mapping(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], base: Settings | None = None) -> Settings:
        """Validate and merge `data` over `base`; raises SettingsError naming the first bad field."""
        known = {f.name: f for f in fields(cls)}
        values: dict[str, Any] = {}
        for key, raw in data.items():
            if key not in known:
                raise SettingsError(key, "unknown setting")
            values[key] = _coerce(key, raw, type(getattr(base or cls(), key)))
        result = replace(base or cls(), **values)
        result.validate()
        return result

    def require_terminal_id(self) -> None:
        """Setup and fleet import: a till must be named, and named apart from the account's other tills."""
        if not self.terminal_id:
            raise SettingsError("terminal_id", "required: a name for this till, different from every other till "
                                               "of the Gameball account")

    def validate(self) -> None:
        for name in ("merchant_id", "branch_id", "terminal_id"):
            value = getattr(self, name)
            if value and not _ID.match(value):
                raise SettingsError(name, "use 1-64 letters, digits, dot, dash, colon or underscore")
        if not re.fullmatch(r"[A-Z]{3}", self.currency):
            raise SettingsError("currency", "an ISO 4217 code such as USD, EGP or SAR")
        if not re.fullmatch(r"[A-Z]{2}", self.phone_region):
            raise SettingsError("phone_region", "a two-letter region such as EG, SA or US")
        if self.language not in ("en", "ar"):
            raise SettingsError("language", "en or ar")
        try:
            validate_api_base(self.api_base)
        except ValueError as exc:
            raise SettingsError("api_base", str(exc).removeprefix("api_base: ")) from None
        if not 1 <= self.bridge_port <= 65535:
            raise SettingsError("bridge_port", "a TCP port from 1 to 65535")
        if self.csv_separator not in (",", ";", "\t"):
            raise SettingsError("csv_separator", 'a comma, a semicolon or a tab ("\\t")')
        if not 2 <= self.batch_threshold <= 10_000:
            raise SettingsError("batch_threshold", "from 2 to 10000")
        if not 1 <= self.fleet_terminals <= 10_000:
            raise SettingsError("fleet_terminals", "from 1 to 10000 (terminals on this Gameball account)")
        if not 30 <= self.return_period_days <= 3650:
            raise SettingsError("return_period_days", "from 30 to 3650 days")
        if not 0 <= self.points_settle_days <= 7300:
            raise SettingsError("points_settle_days", "from 0 to 7300 days (Gameball's longest return window)")
        if self.customer_id_prefix and not _ID.match(self.customer_id_prefix):
            raise SettingsError("customer_id_prefix", "use 1-64 letters, digits, dot, dash, colon or underscore")
        if self.max_amount and not (re.fullmatch(r"\d{1,9}(\.\d{1,3})?", self.max_amount)
                                    and 0 < Decimal(self.max_amount) <= max_amount(self.currency)):
            raise SettingsError("max_amount", f"an amount above 0 and at most {max_amount(self.currency):,}, "
                                              "or empty for that")
        if self.free_line_confirm_above and not re.fullmatch(r"\d{1,9}(\.\d{1,3})?", self.free_line_confirm_above):
            raise SettingsError("free_line_confirm_above", "an amount such as 1000 or 250.50, or empty for the default")
        if self.otp_policy not in ("always", "above", "never"):
            raise SettingsError("otp_policy", "always, above or never")
        if not 0 <= self.otp_threshold_points <= 100_000_000:
            raise SettingsError("otp_threshold_points", "from 0 to 100000000 points")
        if not 0 <= self.frequent_customer_limit <= 1000:
            raise SettingsError("frequent_customer_limit", "from 0 (off) to 1000 sales")
        if not 0 <= self.customer_display_screen <= 16:
            raise SettingsError("customer_display_screen", "0 (off) or a screen number from 1 to 16")
        if len(self.customer_display_idle) > 200:
            raise SettingsError("customer_display_idle", "at most 200 characters")


def _coerce(field: str, raw: Any, kind: type) -> Any:
    if kind is bool:
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, str) and raw.lower() in ("true", "false", "1", "0", "yes", "no", "on", "off"):
            return raw.lower() in ("true", "1", "yes", "on")
        raise SettingsError(field, "true or false")
    if kind is int:
        if isinstance(raw, bool):
            raise SettingsError(field, "a whole number")
        try:
            return int(str(raw).strip())
        except ValueError:
            raise SettingsError(field, "a whole number") from None
    if not isinstance(raw, (str, int)) or isinstance(raw, bool):
        raise SettingsError(field, "text")
    if field == "csv_separator":  # the tab would not survive strip(); written as \t on a command line
        return "\t" if raw in ("\t", "\\t", "tab") else str(raw).strip()
    value = str(raw).strip()
    return value.upper() if field in ("currency", "phone_region") else value
