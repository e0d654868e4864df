"""CSV files open right in Excel (issue 18.13): a UTF-8 BOM, amounts as numbers with the currency in its own
column, the separator from `csv_separator` (with a decimal comma for ";"), and the CLI's day CSV is the
manager's."""

import codecs
import csv
from datetime import date
from decimal import Decimal

import pytest

from pos_app import cli
from pos_app.config.settings import Settings, SettingsError
from pos_app.domain.summary import DaySummary
from pos_app.services.manager import ManagerService
from pos_app.store.csvfile import write_day_csv
from pos_app.store.store import Store

BODY = b'{"customerId":"c1","orderId":"O-1","orderDate":"2026-11-27T10:00:00.000Z","totalPaid":164.40}'
SUMMARY = DaySummary(3, Decimal("164.40"), "EGP", 2, 1, 0, 120, 30, 10, 1, Decimal("-20.50"), 15)


def _rows(path, separator=","):
    data = path.read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    return list(csv.reader(data.decode("utf-8-sig").splitlines(), delimiter=separator))


def test_the_day_csv_keeps_numbers_and_currency_apart(tmp_path):
    write_day_csv(tmp_path / "day.csv", date(2026, 11, 27), SUMMARY)
    rows = _rows(tmp_path / "day.csv")
    assert rows[0] == ["date", "item", "value", "currency"]
    assert ["2026-11-27", "Sales", "164.40", "EGP"] in rows and ["2026-11-27", "Orders", "3", ""] in rows
    assert ["2026-11-27", "Refunded", "-20.50", "EGP"] in rows  # a number, not a formula-guarded text


def test_semicolon_locales_get_a_decimal_comma(tmp_path):
    write_day_csv(tmp_path / "day.csv", date(2026, 11, 27), SUMMARY, ";")
    assert ["2026-11-27", "Sales", "164,40", "EGP"] in _rows(tmp_path / "day.csv", ";")


def test_the_separator_setting_is_validated():
    assert Settings.from_mapping({"csv_separator": ";"}).csv_separator == ";"
    assert Settings.from_mapping({"csv_separator": "\\t"}).csv_separator == "\t"
    with pytest.raises(SettingsError, match="csv_separator"):
        Settings.from_mapping({"csv_separator": "|"})


def test_cli_and_manager_write_the_same_day_file_with_the_setting(tmp_path, memory_keyring):
    with Store.open_in(tmp_path) as store:
        store.set_setting("csv_separator", ";")
        store.accept_order("O-1", BODY, "c1", "2026-11-27T10:00:00.000Z", Decimal("164.40"), "EGP")
    cli_file, window_file = tmp_path / "cli.csv", tmp_path / "window.csv"
    assert cli.main(["report", "day", "--date", "2026-11-27", "--csv", str(cli_file), "--data-dir", str(tmp_path)]) \
        == 0
    settings = Settings.from_mapping({"csv_separator": ";"})
    service = ManagerService(tmp_path, settings)
    try:
        day = date(2026, 11, 27)
        service.save_day_csv(window_file, day, service.day_summary(day))
    finally:
        service.close()
    assert cli_file.read_bytes() == window_file.read_bytes()
    assert ["2026-11-27", "Sales", "164,40", "USD"] in _rows(cli_file, ";")  # the terminal's currency setting


def test_history_and_outbox_exports_have_a_bom_and_numeric_amounts(tmp_path):
    with Store.open_in(tmp_path) as store:
        store.accept_order("O-1", BODY, "c1", "2026-11-27T10:00:00.000Z", Decimal("164.40"), "EGP")
        store.export_history_csv(tmp_path / "h.csv", "2026-11-27T00:00:00.000Z", "2026-11-28T00:00:00.000Z", ";")
        store.export_outbox_csv(tmp_path / "o.csv", separator=";")
    history = _rows(tmp_path / "h.csv", ";")
    assert history[1][history[0].index("total_paid")] == "164,40" and history[1][history[0].index("currency")] == "EGP"
    outbox = _rows(tmp_path / "o.csv", ";")
    assert outbox[1][outbox[0].index("total_paid")] == "164,40"
