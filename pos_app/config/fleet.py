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


def parse_toml(text: str, base: Settings | None = None) -> Settings:
    """Validate a settings file; raises SettingsError naming the bad key (or `file` for bad TOML)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise SettingsError("file", f"not valid TOML: {error}") from None
    table = data.get("terminal", data)
    if not isinstance(table, dict):
        raise SettingsError("terminal", "must be a table of settings")
    for key in table:
        if looks_secret(key):
            raise SettingsError(key, "secrets do not belong in a settings file; use `pos-app config set-keys`")
        if isinstance(table[key], dict):
            raise SettingsError(key, "unknown table")
    settings = Settings.from_mapping(table, base=base)
    settings.require_terminal_id()
    return settings
