"""pos_app: a Gameball loyalty companion for retail point-of-sale terminals."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("pos-app")
except PackageNotFoundError:  # running from a source tree or a frozen bundle without metadata
    __version__ = "0.1.0"
