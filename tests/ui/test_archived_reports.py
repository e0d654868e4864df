"""The window's reports over days retention archived part of (store/retention.py): the end-of-day dialog, its
print and CSV, and the history export name the archive file; a day nothing left of says nothing."""

import csv
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
import shiboken6
from PySide6.QtCore import QDate

from pos_app.config.settings import Settings
from pos_app.services.manager import ManagerService
from pos_app.store.records import Delivery
from pos_app.store.store import Store
from pos_app.ui.manager.end_of_day import EndOfDayDialog
from pos_app.ui.manager.export_dialog import ExportHistoryDialog
from pos_app.ui.worker import Worker

# Local noon 420 days ago: past the 400-day return period, and the same local day in any time zone.
OLD = (datetime.now().astimezone() - timedelta(days=420)).replace(hour=12, minute=0, second=0, microsecond=0)


def sell(store, order_id, moment):
    store.accept_order(order_id, b'{"orderId": "%s"}' % order_id.encode(), "C1",
                       moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z"), Decimal("10.00"), "USD")
    item = store.list_items()[-1].id
    store.mark_sending([item])
    store.mark_delivered_many([Delivery(item, {"ok": True}, 10, 0)])


@pytest.fixture
def archived(qtbot, tmp_path):
    with Store.open_in(tmp_path) as store:
        sell(store, "OLD-1", OLD)
        sell(store, "OLD-2", OLD + timedelta(hours=1))
        (archive,) = store.archive_old_orders(400).files
    service, worker = ManagerService(tmp_path, Settings(terminal_id="TILL-03")), Worker()
    yield service, worker, archive
    worker.stop(service.close)
    shiboken6.delete(worker)


def test_end_of_day_over_an_archived_day_names_the_file_on_screen_in_print_and_csv(qtbot, archived, tmp_path):
    service, worker, archive = archived
    dialog = EndOfDayDialog(service, worker)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.summary is not None)
    assert dialog.archived.isHidden() and archive.name not in dialog.report_html()  # today: nothing archived

    dialog.day.setDate(QDate(OLD.year, OLD.month, OLD.day))
    qtbot.waitUntil(lambda: dialog.summary is not None and dialog.summary.archived_in == (archive.name,))
    assert not dialog.archived.isHidden() and archive.name in dialog.archived.text()
    assert dict(dialog.rows())["Orders"] == "0"  # both left the database: the note is why the day looks empty
    assert archive.name in dialog.report_html()
    target = tmp_path / "day.csv"
    dialog.save_csv(str(target))
    qtbot.waitUntil(lambda: "day.csv" in dialog.message.text())
    with target.open(encoding="utf-8-sig") as handle:
        assert [OLD.date().isoformat(), "Archived, not counted", archive.name, ""] in list(csv.reader(handle))

    dialog.day.setDate(QDate(OLD.year, OLD.month, OLD.day).addDays(1))
    qtbot.waitUntil(lambda: dialog.summary is not None and dialog.summary.archived_in == ())
    assert dialog.archived.isHidden() and archive.name not in dialog.report_html()
    dialog.close()


def test_history_export_over_an_archived_range_says_which_file_lacks_from_it(qtbot, archived, tmp_path):
    service, worker, archive = archived
    dialog = ExportHistoryDialog(service, worker)
    qtbot.addWidget(dialog)
    dialog.first.setDate(QDate(OLD.year, OLD.month, OLD.day).addDays(-1))
    target = tmp_path / "history.csv"
    dialog.export(str(target))
    qtbot.waitUntil(lambda: "written" in dialog.message.text())
    assert "0 order(s) written" in dialog.message.text() and archive.name in dialog.message.text()
    with target.open(encoding="utf-8-sig") as handle:
        (row,) = [r for r in csv.DictReader(handle) if r["record"] == "archived"]
    assert row["order_id"] == archive.name

    dialog.first.setDate(QDate.currentDate())
    dialog.export(str(target))
    qtbot.waitUntil(lambda: "written" in dialog.message.text() and "archived" not in dialog.message.text())
    dialog.close()
