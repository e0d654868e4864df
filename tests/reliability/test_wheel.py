"""The wheel is complete (issue 16): built from this checkout, installed alone in a fresh virtual environment,
its `pos-app` passes the self-test and opens the demo till, with resources/ found inside the installed package."""

import subprocess
import sys
import venv
from pathlib import Path

import pytest
from exit_helpers import FATAL_MARKS, environment, start_and_stop
from reliability_harness import free_port

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]  # a fresh venv with PySide6: about a minute


def run(command, **kwargs):
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)
    assert result.returncode == 0, f"{command} exited {result.returncode}:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def test_the_built_wheel_alone_runs_the_self_test_and_the_demo(tmp_path):
    run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path / "wheel"), str(ROOT)])
    [wheel] = (tmp_path / "wheel").glob("pos_app-*.whl")
    venv.create(tmp_path / "venv", with_pip=True)
    scripts = tmp_path / "venv" / ("Scripts" if sys.platform == "win32" else "bin")
    python = scripts / ("python.exe" if sys.platform == "win32" else "python")
    run([str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", str(wheel)])

    # Run from outside the checkout, so nothing of it can stand in for the installed package.
    where = run([str(python), "-c", "import pos_app.resources as r; print(r.resources_dir())"], cwd=tmp_path)
    site = Path(run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"]).strip())
    assert Path(where.strip()) == site / "pos_app" / "_resources"

    pos_app = str(scripts / "pos-app")
    output = run([pos_app, "--self-test", "--data-dir", str(tmp_path / "selftest")], cwd=tmp_path, env=environment())
    assert str(site / "pos_app" / "_resources") in output

    if sys.platform == "win32":
        return  # stopping the demo needs SIGTERM; the Windows workflow runs the installed demo itself
    demo_dir = tmp_path / "demo"
    code, console = start_and_stop([pos_app, "--demo", "--data-dir", str(demo_dir), "--bridge-port", str(free_port())],
                                   demo_dir, "till window open")
    assert code == 0 and not [m for m in FATAL_MARKS if m in console], console
