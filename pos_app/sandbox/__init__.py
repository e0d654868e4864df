"""A Gameball v4.0 emulator for demo/training mode and as the tests' Gameball (DESIGN.md section 6).

Imports only pos_app.domain, the standard library and jsonschema; never the client.
"""

from pos_app.sandbox.demo import DEMO_API_KEY, DEMO_SECRET_KEY
from pos_app.sandbox.server import Sandbox

__all__ = ["DEMO_API_KEY", "DEMO_SECRET_KEY", "Sandbox"]
