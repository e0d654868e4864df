"""UTC ISO-8601 times as Gameball wants them (`2024-10-16T08:13:29.290Z`)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, tzinfo

# RFC 3339 section 5.6 `date-time`, what OpenAPI's `format: date-time` means: an offset is required,
# `T`/`Z` may be lower case, fractions have any number of digits.
_RFC3339 = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt]([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]+))?"
                      r"(?:([Zz])|([+-])([0-9]{2}):([0-9]{2}))")


def utc_now() -> datetime:
    return datetime.now(UTC)


def to_iso_z(moment: datetime) -> str:
    """Milliseconds, always UTC, always with a `Z`; a naive datetime is refused, not guessed."""
    if moment.tzinfo is None:
        raise ValueError("a naive datetime has no time zone; give a UTC-aware one")
    moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def parse_iso(text: str) -> datetime:
    """Parse Gameball's times; those without an offset (`2024-10-16T08:13:29.29`) are UTC."""
    value = text.strip()
    if value.endswith(("Z", "z")):
        value = value[:-1] + "+00:00"
    # Python 3.11 accepts 1 to 6 fractional digits only in fixed widths; pad to microseconds.
    if "." in value:
        head, _, tail = value.partition(".")
        digits = ""
        rest = tail
        while rest and rest[0].isdigit():
            digits, rest = digits + rest[0], rest[1:]
        value = f"{head}.{digits[:6].ljust(6, '0')}{rest}"
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def parse_rfc3339(text: str) -> datetime | None:
    """An RFC 3339 date-time as an aware UTC datetime (fractions below a microsecond cut); None if it is not one."""
    found = _RFC3339.fullmatch(text)
    if found is None:
        return None
    year, month, day, hour, minute, second, fraction, zulu, sign, off_hours, off_minutes = found.groups()
    if zulu:
        offset = timedelta(0)
    else:
        if int(off_hours) > 23 or int(off_minutes) > 59:
            return None
        offset = timedelta(hours=int(off_hours), minutes=int(off_minutes)) * (-1 if sign == "-" else 1)
    micro = int((fraction or "0")[:6].ljust(6, "0"))
    try:
        local = datetime(int(year), int(month), int(day), int(hour), int(minute), int(second), micro)
        return (local - offset).replace(tzinfo=UTC)
    except (ValueError, OverflowError):
        # Day 31 of a 30-day month, second 60 (a leap second Python cannot hold), year 0 or 9999 shifted out.
        return None


def is_utc_iso_z(text: str) -> bool:
    """True for a UTC ISO-8601 timestamp ending in Z, the only form `orderDate` may take."""
    if not isinstance(text, str) or not text.endswith("Z") or "T" not in text:
        return False
    try:
        parse_iso(text)
    except ValueError:
        return False
    return True


def local_midnight(day: date, zone: tzinfo | None = None) -> datetime:
    """The moment `day` begins, with that day's own UTC offset (not today's): across a daylight-saving change
    the two differ by an hour. `zone` None is this machine's local time, which the OS resolves per date (on
    Windows without the tz database, where zoneinfo has no data). A midnight skipped by a change begins the
    day at the offset before it, i.e. at the first local time that exists."""
    if zone is None:
        return datetime.combine(day, time.min).astimezone()
    return datetime.combine(day, time.min, tzinfo=zone)


def local_days_utc(first: date | None, last: date | None, zone: tzinfo | None = None) -> tuple[str | None, str | None]:
    """Whole local days `first`..`last` (inclusive) as UTC ISO bounds [since, until); None leaves a side open.

    People pick days on the store's calendar; orders are kept with UTC times. Each bound takes its own day's
    offset (`local_midnight`); `zone` None is the machine's local time.
    """

    def start(day: date) -> str:
        return to_iso_z(local_midnight(day, zone))

    return (start(first) if first else None, start(last + timedelta(days=1)) if last else None)
