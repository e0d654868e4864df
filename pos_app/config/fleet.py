"""Fleet configuration files: the terminal's non-secret settings as TOML, for IT to copy across terminals.

Keys never go in these files: a file that holds anything secret-looking is refused, naming the key.
"""

from __future__ import annotations

import tomllib
from typing import Any

from pos_app.config.settings import Settings, SettingsError
from pos_app.domain.redaction import looks_secret

HEADER = "# pos-app terminal settings. No keys here: set them with `pos-app config set-keys`.\n"


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'


# Per till: a file copied to every terminal must not give them all one name (issue 12).
PER_TERMINAL = frozenset({"terminal_id"})


def export_toml(settings: Settings) -> str:
    """The settings a fleet shares; the terminal id stays out, so each till keeps its own."""
    lines = [f"{key} = {_toml_value(value)}" for key, value in settings.to_mapping().items()
             if key not in PER_TERMINAL]
    return HEADER + "[terminal]\n" + "\n".join(lines) + "\n"


def parse_toml(text: str, base: Settings | None = None, terminal: str = "") -> Settings:
    """Validate a settings file; raises SettingsError naming the bad key (or `file` for bad TOML).

    A fleet file may list its tills as `[[terminals]]` tables, each with its own `terminal_id` (and any of its
    own settings, such as `branch_id`) over the shared `[terminal]` table: `terminal` picks this till's entry.
    A file without that list takes `terminal` as this till's terminal id.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise SettingsError("file", f"not valid TOML: {error}") from None
    entries = data.pop("terminals", None)
    table = data.get("terminal", data)
    if not isinstance(table, dict):
        raise SettingsError("terminal", "must be a table of settings")
    _check_keys(table)
    values = dict(table)
    if entries is not None:
        values.update(_entry_for(_terminal_entries(entries), terminal))
    elif terminal:
        if values.get("terminal_id", terminal) != terminal:
            raise SettingsError("terminal_id", f"the file names this till {values['terminal_id']!r}, "
                                               f"not {terminal!r}")
        values["terminal_id"] = terminal
    settings = Settings.from_mapping(values, base=base)
    settings.require_terminal_id()
    return settings


def _check_keys(table: dict[str, Any], where: str = "") -> None:
    for key in table:
        if looks_secret(key):
            raise SettingsError(where + key, "secrets do not belong in a settings file; use `pos-app config set-keys`")
        if isinstance(table[key], dict | list):
            raise SettingsError(where + key, "unknown table")


def _terminal_entries(entries: object) -> list[dict[str, Any]]:
    """The `[[terminals]]` list, each entry named, and no terminal id twice: two tills named alike are one
    mistake copied to both, found here rather than in Gameball's history (issue 12)."""
    if not isinstance(entries, list) or not all(isinstance(entry, dict) for entry in entries):
        raise SettingsError("terminals", "must be a list of [[terminals]] tables")
    seen: dict[str, int] = {}
    for index, entry in enumerate(entries):
        where = f"terminals[{index}]."
        _check_keys(entry, where)
        name = entry.get("terminal_id")
        if not isinstance(name, str) or not name:
            raise SettingsError(where + "terminal_id", "required: each till of the file needs its own name")
        if name in seen:
            raise SettingsError(where + "terminal_id", f"terminals[{seen[name]}] and terminals[{index}] both have "
                                                       f"terminal_id {name!r}; every till of the account needs "
                                                       "its own")
        seen[name] = index
    return entries


def _entry_for(entries: list[dict[str, Any]], terminal: str) -> dict[str, Any]:
    names = ", ".join(str(entry["terminal_id"]) for entry in entries)
    if not terminal:
        raise SettingsError("terminal_id", f"the file lists the tills {names}: say which one this is "
                                           "(`config import FILE --terminal ID`)")
    for entry in entries:
        if entry["terminal_id"] == terminal:
            return entry
    raise SettingsError("terminal_id", f"{terminal!r} is not in the file's tills ({names})")
