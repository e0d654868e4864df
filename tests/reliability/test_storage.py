"""Issue 13 (1, 2, 3, 9) through the real headless process: the terminal never says yes when its store cannot
keep the order, and says what is wrong in one sentence instead of a traceback."""

import contextlib
import os
import sqlite3
import subprocess
import sys

import pytest
from reliability_harness import closed_api_base, order_body, rewarded, wait_for

from pos_app.store.db import DB_FILENAME
from pos_app.store.health import marker_path


def _seed(terminal, count):
    """Start, accept `count` orders (Gameball unreachable, so all stay queued) and stop cleanly."""
    terminal.start()
    acknowledged = terminal.post_orders([order_body() for _ in range(count)])
    assert terminal.stop() == 0, terminal.console()
    return acknowledged


def _refused_at_start(terminal):
    """Spawn, expect exit 2 without the bridge ever answering; return the console."""
    terminal.spawn()
    assert terminal.process.wait(timeout=30) == 2, terminal.console()
    console = terminal.console()
    assert "Traceback" not in console
    return console


def _post(terminal, body):
    with terminal.client() as client:
        return client.post(f"{terminal.url}/v1/orders", json=body)


def test_a_used_directory_whose_database_became_0_bytes_refuses_to_start(headless_factory):
    terminal = headless_factory(closed_api_base())
    _seed(terminal, 300)
    database = terminal.database
    for extra in terminal.data_dir.glob(f"{DB_FILENAME}-*"):
        extra.unlink()
    database.write_bytes(b"")

    console = _refused_at_start(terminal)
    assert str(database) in console and "0 bytes" in console and str(marker_path(database)) in console
    assert database.stat().st_size == 0  # nothing was started fresh over it


def _garbage_header(database):
    database.write_bytes(os.urandom(database.stat().st_size))


def _read_only(data_dir):
    """A data directory the process cannot write: a read-only bind mount (root ignores file modes)."""
    if os.geteuid() != 0:
        data_dir.chmod(0o555)
        return lambda: data_dir.chmod(0o755)
    mounted = subprocess.run(["mount", "--bind", str(data_dir), str(data_dir)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot bind-mount: {mounted.stderr.decode().strip()}")
    subprocess.run(["mount", "-o", "remount,ro,bind", str(data_dir)], check=True)
    return lambda: subprocess.run(["umount", str(data_dir)], check=True)


@pytest.mark.parametrize("damage", ["garbage header", "half-truncated file", "read-only directory"])
def test_a_start_up_failure_is_one_sentence_naming_the_file(damage, headless_factory):
    terminal = headless_factory(closed_api_base())
    _seed(terminal, 5)
    undo = lambda: None  # noqa: E731
    if damage == "garbage header":
        _garbage_header(terminal.database)
        expected = (str(terminal.database), "damaged or is not a pos-app database")
    elif damage == "half-truncated file":
        os.truncate(terminal.database, terminal.database.stat().st_size // 2)
        expected = (str(terminal.database), "damaged")
    else:
        undo = _read_only(terminal.data_dir)
        expected = (str(terminal.data_dir), "Read-only file system" if os.geteuid() == 0 else "Permission denied")
    try:
        console = _refused_at_start(terminal)
    finally:
        undo()
    lines = [line for line in console.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("pos-app: "), console
    assert all(part in lines[0] for part in expected), console


def _corrupt_outbox_leaf(database):
    connection = sqlite3.connect(database)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    pages = [row[0] for row in connection.execute(
        "SELECT pageno FROM dbstat WHERE name = 'outbox' AND pagetype = 'leaf' ORDER BY pageno")]
    page_size = connection.execute("PRAGMA page_size").fetchone()[0]
    connection.close()
    with open(database, "r+b") as handle:
        handle.seek((pages[len(pages) // 2] - 1) * page_size)
        handle.write(b"\xa5" * page_size)


def test_a_corrupt_page_stops_the_yes_and_export_salvages_the_readable_orders(headless_factory, tmp_path, report):
    terminal = headless_factory(closed_api_base())
    acknowledged = _seed(terminal, 300)
    _corrupt_outbox_leaf(terminal.database)

    terminal.start()  # the check runs behind the bridge, which answers at once
    status = wait_for(lambda: (s := terminal.status())["storage"] == "damaged" and s, 20, "status: damaged")
    assert "damaged" in status["message"]
    refused = _post(terminal, order_body())
    assert refused.status_code == 503 and refused.json()["error"]["code"] == "storage_error", refused.text
    crashes = terminal.data_dir / "crash"
    assert not crashes.exists() or not any(crashes.iterdir())  # a damaged file is not a bug to report
    assert "Traceback" not in terminal.console()

    target = tmp_path / "salvage.csv"
    export = subprocess.run([sys.executable, "-m", "pos_app", "outbox", "export", "--data-dir",
                             str(terminal.data_dir), str(target)], capture_output=True, text=True, timeout=60,
                            env=terminal._environment())
    assert export.returncode == 0, export.stderr
    salvaged = target.read_text(encoding="utf-8-sig")
    found = sum(order_id in salvaged for order_id in acknowledged)
    assert 0 < found < 300
    report(f"corrupt outbox page: status 'damaged' and 503 storage_error; outbox export salvaged {found} of 300 "
           "acknowledged orders")
    assert terminal.stop() == 0


@contextlib.contextmanager
def _small_disk(path, size="2m"):
    path.mkdir(parents=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                             capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"a full disk needs a small tmpfs, and mount refused: {mounted.stderr.decode().strip()}")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


def test_a_full_disk_is_507_storage_full_and_nothing_acknowledged_is_lost(headless_factory, tmp_path, report):
    with _small_disk(tmp_path / "disk") as disk:
        terminal = headless_factory(closed_api_base(), name="disk/terminal")
        terminal.output_path = tmp_path / "console.txt"  # not on the disk that fills up
        filler = disk / "filler"
        terminal.start()
        filler.write_bytes(b"\0" * 300_000)  # the space given back later
        acknowledged, answer = [], None
        with terminal.client(keep_alive=False) as client:
            for _ in range(3000):
                body = order_body()
                answer = client.post(f"{terminal.url}/v1/orders", json=body)
                if answer.status_code != 202:
                    break
                acknowledged.append(body["orderId"])
            assert answer is not None and answer.status_code == 507, answer.text
            assert answer.json()["error"]["code"] == "storage_full" and answer.headers["Retry-After"]
            assert terminal.status()["storage"] == "full"
            for _ in range(20):  # the till keeps trying: refused every time, and the console stays short
                assert client.post(f"{terminal.url}/v1/orders", json=order_body()).status_code == 507
        assert len(acknowledged) > 10
        console_lines = terminal.console().count("\n")
        assert console_lines < 10, terminal.console()

        filler.unlink()
        again = _post(terminal, order_body())
        assert again.status_code == 202, again.text
        acknowledged.append(again.json()["orderId"])
        assert terminal.status()["storage"] == "ok"
        assert terminal.stop() == 0
        states = terminal.order_states()
        assert all(states.get(order_id) == "queued" for order_id in acknowledged)
        assert terminal.integrity() == ["ok"]
        report(f"full disk (2 MB tmpfs): {len(acknowledged) - 1} acknowledged, then 507 storage_full x21 with "
               f"{console_lines} console lines; after freeing space 202 again; all {len(acknowledged)} kept")


@pytest.mark.slow
def test_last_sync_at_moves_while_a_long_drain_is_under_way(sandbox_factory, headless_factory, report):
    sandbox = sandbox_factory()
    sandbox.faults.refuse()
    terminal = headless_factory(sandbox.url)
    terminal.start()
    acknowledged = terminal.post_orders([order_body() for _ in range(30)])
    sandbox.faults.clear()
    sandbox.faults.latency(120, path="/orders$")  # each order takes a while: the drain lasts several seconds
    seen = set()

    def drained():
        status = terminal.status()
        if status["pending"] and status["lastSyncAt"]:
            seen.add(status["lastSyncAt"])
        return status["pending"] == 0

    wait_for(drained, 60, "the backlog to drain", interval=0.25)
    assert len(seen) >= 3, seen  # it moved during the drain, not only at its end
    report(f"lastSyncAt during a 30-order drain at 120 ms per order: {len(seen)} distinct values before pending 0")
    books = rewarded(sandbox)
    assert all(books.get(order_id) == 1 for order_id in acknowledged)
    assert terminal.stop() == 0

