"""`pos-app outbox archive [--dry-run]` and the reports over archived days (`report day`, `report history`), run
in-process through cli.main on a data directory whose orders cross the return period."""

import csv
import io
import re
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from pos_app import cli
from pos_app.store.records import Delivery, ErrorInfo
from pos_app.store.store import Store

NOW = datetime.now(UTC)
# Sold at local noon, so the local day is the same whatever the machine's time zone.
OLD_DAY = (datetime.now().astimezone() - timedelta(days=420)).replace(hour=12, minute=0, second=0, microsecond=0)


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def accept(store, order_id, moment, deliver=True):
    store.accept_order(order_id, b'{"orderId": "%s"}' % order_id.encode(), "C1", iso(moment), Decimal("10.00"),
                       "USD")
    item = store.list_items()[-1].id
    if deliver:
        store.mark_sending([item])
        store.mark_delivered_many([Delivery(item, {"ok": True}, 10, 0)])
    return item


@pytest.fixture
def data_dir(tmp_path):
    with Store.open_in(tmp_path) as store:
        accept(store, "OLD-1", OLD_DAY)
        accept(store, "OLD-2", OLD_DAY + timedelta(minutes=5))
        accept(store, "OLD-PENDING", OLD_DAY, deliver=False)
        failed = accept(store, "OLD-REVIEW", OLD_DAY - timedelta(days=3), deliver=False)
        store.mark_sending([failed])
        store.mark_failed(failed, ErrorInfo(error_class="failed", message="check it in Gameball", status=409))
        accept(store, "RECENT", NOW - timedelta(days=399))  # a return is still possible
    return tmp_path


def orders(data_dir):
    with Store.open_in(data_dir) as store:
        return {o.order_id for o in store.list_orders(limit=100)}


def test_dry_run_says_what_it_would_archive_and_writes_nothing_but_the_audit(data_dir, capsys):
    assert cli.main(["outbox", "archive", "--dry-run", "--data-dir", str(data_dir)]) == 0
    out = capsys.readouterr().out
    assert "return period: 400 days" in out
    assert f"would archive 2 delivered order(s) sold {OLD_DAY.astimezone(UTC):%Y-%m-%d}" in out
    assert str(data_dir / "archive") in out
    assert "kept: 2 order(s)" in out
    assert orders(data_dir) == {"OLD-1", "OLD-2", "OLD-PENDING", "OLD-REVIEW", "RECENT"}
    assert not (data_dir / "archive").exists()
    with Store.open_in(data_dir) as store:
        (entry,) = store.audit_entries(action="orders.archive.dry_run")
        assert entry.actor == "cli" and entry.detail["orders"] == 2


def test_archive_moves_only_what_nothing_can_change_and_names_the_file(data_dir, capsys):
    assert cli.main(["outbox", "archive", "--data-dir", str(data_dir)]) == 0
    out = capsys.readouterr().out
    (path,) = re.findall(r"to (\S+\.jsonl\.gz)", out)
    assert "archived 2 delivered order(s)" in out and (data_dir / "archive").samefile(path.rsplit("/", 1)[0])
    assert orders(data_dir) == {"OLD-PENDING", "OLD-REVIEW", "RECENT"}
    with Store.open_in(data_dir) as store:
        (entry,) = store.audit_entries(action="orders.archived")
        assert entry.actor == "cli" and entry.detail == {"orders": 2, "file": path.rsplit("/", 1)[1],
                                                         "cutoff": entry.detail["cutoff"]}
    assert cli.main(["outbox", "archive", "--data-dir", str(data_dir)]) == 0
    assert "nothing to archive" in capsys.readouterr().out


def test_reports_over_an_archived_day_name_the_archive_file(data_dir, tmp_path, capsys):
    day = OLD_DAY.date().isoformat()
    today = datetime.now().astimezone().date().isoformat()
    assert cli.main(["report", "day", "--date", day, "--data-dir", str(data_dir)]) == 0
    assert "note:" not in capsys.readouterr().out  # nothing archived yet: the report is whole
    assert cli.main(["outbox", "archive", "--data-dir", str(data_dir)]) == 0
    (archive,) = (data_dir / "archive").glob("*.jsonl.gz")
    capsys.readouterr()

    day_csv = tmp_path / "day.csv"
    assert cli.main(["report", "day", "--date", day, "--csv", str(day_csv), "--data-dir", str(data_dir)]) == 0
    out = capsys.readouterr().out
    assert f"were archived to {archive}" in out
    assert re.search(r"Orders\s+1\b", out)  # the pending one is still on file and counted
    rows = list(csv.reader(io.StringIO(day_csv.read_text(encoding="utf-8-sig"))))
    assert [day, "Archived, not counted", archive.name, ""] in rows

    history = tmp_path / "history.csv"
    assert cli.main(["report", "history", "--from", day, "--to", today, str(history),
                     "--data-dir", str(data_dir)]) == 0
    out = capsys.readouterr().out
    assert f"were archived to {archive}" in out and "2 order(s) written" in out  # pending and recent
    rows = list(csv.DictReader(io.StringIO(history.read_text(encoding="utf-8-sig"))))
    (note,) = [r for r in rows if r["record"] == "archived"]
    assert note["order_id"] == archive.name and note["order_date"] == iso(OLD_DAY)

    # A day after the archived ones, and a range before them, are whole: no note.
    later = (OLD_DAY + timedelta(days=1)).date().isoformat()
    assert cli.main(["report", "day", "--date", later, "--data-dir", str(data_dir)]) == 0
    earlier = (OLD_DAY - timedelta(days=2)).date().isoformat()
    assert cli.main(["report", "history", "--from", earlier, "--to", earlier, str(history),
                     "--data-dir", str(data_dir)]) == 0
    assert "note:" not in capsys.readouterr().out
    assert "archived" not in history.read_text(encoding="utf-8-sig")


def test_an_archive_that_cannot_be_written_removes_nothing_and_says_why(data_dir, capsys):
    (data_dir / "archive").write_text("a file where the archive folder should be")
    assert cli.main(["outbox", "archive", "--data-dir", str(data_dir)]) == 2
    assert "cannot write the archive" in capsys.readouterr().err
    assert orders(data_dir) == {"OLD-1", "OLD-2", "OLD-PENDING", "OLD-REVIEW", "RECENT"}
