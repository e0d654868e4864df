"""A logoff or shutdown ends the window's session with aboutToQuit, and Windows may end the process before
exec() returns: the held points must be released by then (issue 18.9). Run in its own process
(tests/ui/quit_mid_sale.py): quitting the application in the test process would leave it unable to give
later tests' windows the focus."""

import subprocess
import sys
from pathlib import Path

import pytest
from till_helpers import PHONE

from pos_app.sandbox import Sandbox

SCRIPT = Path(__file__).with_name("quit_mid_sale.py")


@pytest.mark.parametrize("mode", ["quit", "session-end"])
def test_the_end_of_the_session_releases_the_hold(tmp_path, mode):
    with Sandbox(port=0, demo=True) as sandbox:
        sandbox.state.seed_customer(PHONE, name="Nour Said", mobile=PHONE, tier="Gold", available=1000)
        done = subprocess.run([sys.executable, str(SCRIPT), str(tmp_path), sandbox.url, mode], capture_output=True,
                              text=True, timeout=60, cwd=SCRIPT.parent)
        assert done.returncode == 0, done.stdout + done.stderr[-2000:]
        reference = done.stdout.split()[0]
        assert sandbox.state.holds[reference].state == "released"
