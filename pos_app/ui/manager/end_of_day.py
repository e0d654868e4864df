"""The end-of-day loyalty summary of a chosen day: on screen, printed, saved as PDF, exported as CSV.

The figures are DaySummary's rows, as `pos-app report day` prints them; the CSV is the same file the CLI
writes. Reading the day's orders and writing files happen on the worker; only the printer dialog and the
hand-over to the OS's print queue are on the GUI thread, where Qt wants them.
"""

from __future__ import annotations

import html
import logging
from datetime import date, datetime
from pathlib import Path

import shiboken6
from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, QStandardPaths, Qt
from PySide6.QtGui import QGuiApplication, QPageSize, QPdfWriter, QTextDocument, QTextOption
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_app.domain.loyalty import AbuseKind
from pos_app.domain.summary import DaySummary
from pos_app.services.abuse import AbuseNotice
from pos_app.services.manager import ManagerService
from pos_app.ui.i18n import ltr
from pos_app.ui.manager.common import WorkerCalls, describe
from pos_app.ui.paper import fit_to_page, set_paper
from pos_app.ui.screen_fit import fit_to_screen
from pos_app.ui.worker import Worker

log = logging.getLogger(__name__)

# DaySummary.rows() labels, for pyside6-lupdate; the CSV keeps them in English, as the CLI writes them.
_ROW_LABELS = (
    QT_TRANSLATE_NOOP("EndOfDayDialog", "Orders"),
    QT_TRANSLATE_NOOP("EndOfDayDialog", "Sales"),
    QT_TRANSLATE_NOOP("EndOfDayDialog", "Delivered to Gameball"),
    QT_TRANSLATE_NOOP("EndOfDayDialog", "Still pending"),
    QT_TRANSLATE_NOOP("EndOfDayDialog", "Failed"),
    QT_TRANSLATE_NOOP("EndOfDayDialog", "Needs review"),
    QT_TRANSLATE_NOOP("EndOfDayDialog", "Points rewarded"),
    QT_TRANSLATE_NOOP("EndOfDayDialog", "Points expected (pending orders)"),
    QT_TRANSLATE_NOOP("EndOfDayDialog", "Points redeemed"),
    QT_TRANSLATE_NOOP("EndOfDayDialog", "Refunds"),
    QT_TRANSLATE_NOOP("EndOfDayDialog", "Refunded"),
    QT_TRANSLATE_NOOP("EndOfDayDialog", "Points reversed by refunds"),
    QT_TRANSLATE_NOOP("EndOfDayDialog", "Discount given, points not taken"),
    QT_TRANSLATE_NOOP("EndOfDayDialog", "Points not taken"),
    QT_TRANSLATE_NOOP("EndOfDayDialog", "Value of points not taken"),
)


def write_pdf(path: str, document_html: str, right_to_left: bool, page: QPageSize | None = None,
              margin_mm: float = 15.0) -> None:
    """The summary as a PDF (A4 unless `page` says otherwise). Runs on the worker: QPdfWriter and QTextDocument
    need no GUI thread."""
    writer = QPdfWriter(path)
    document = _document(document_html, right_to_left)
    try:
        set_paper(writer, page or QPageSize(QPageSize.PageSizeId.A4), margin_mm)
        writer.setTitle("Loyalty summary")
        writer.setCreator("pos-app")
        fit_to_page(document, writer)
        document.print_(writer)
    finally:
        # Deleted here, on the thread they belong to: left to the wrappers, PySide would hand the deletion to
        # the GUI thread.
        shiboken6.delete(document)
        shiboken6.delete(writer)


def _document(document_html: str, right_to_left: bool) -> QTextDocument:
    document = QTextDocument()
    if right_to_left:
        option = QTextOption()
        option.setTextDirection(Qt.LayoutDirection.RightToLeft)
        document.setDefaultTextOption(option)
    document.setHtml(document_html)
    return document


def _documents_dir() -> Path:
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or Path.home())


class EndOfDayDialog(WorkerCalls, QDialog):
    def __init__(self, service: ManagerService, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.track(worker)
        self.summary: DaySummary | None = None
        self._query = 0
        self.setObjectName("endOfDayDialog")
        self.setWindowTitle(self.tr("End of day"))
        self.day = QDateEdit(QDate.currentDate())
        self.day.setObjectName("dayEdit")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setMaximumDate(QDate.currentDate())
        self.day.dateChanged.connect(self.refresh)
        self.title = QLabel()
        self.title.setObjectName("endOfDayTitle")
        self.title.setStyleSheet("font-size: 13pt; font-weight: bold;")
        # Retention moved some of the day's orders to an archive file: the figures lack them, and say so.
        self.archived = QLabel()
        self.archived.setObjectName("archivedNote")
        self.archived.setWordWrap(True)
        self.archived.hide()
        self.table = QTableWidget(0, 2)
        self.table.setObjectName("summaryTable")
        self.table.setHorizontalHeaderLabels([self.tr("Item"), self.tr("Value")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        # Abuse caught the same shift (issue 15): what a manager should look at before closing the day.
        self.notices_title = QLabel(self.tr("Notices"))
        self.notices_title.setStyleSheet("font-weight: bold;")
        self.notices_table = QTableWidget(0, 3)
        self.notices_table.setObjectName("noticesTable")
        self.notices_table.setHorizontalHeaderLabels([self.tr("Time"), self.tr("Notice"), self.tr("Reason")])
        self.notices_table.verticalHeader().hide()
        self.notices_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.notices_table.setWordWrap(True)
        notice_header = self.notices_table.horizontalHeader()
        notice_header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        notice_header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        notice_header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.notices: list[AbuseNotice] = []
        self.message = QLabel()
        self.message.setObjectName("endOfDayMessage")
        self.message.setWordWrap(True)
        self.print_button = QPushButton(self.tr("&Print..."))
        self.pdf_button = QPushButton(self.tr("Save as P&DF..."))
        self.csv_button = QPushButton(self.tr("Export &CSV..."))
        self.print_button.clicked.connect(self.print_summary)
        self.pdf_button.clicked.connect(lambda: self.save_pdf())
        self.csv_button.clicked.connect(lambda: self.save_csv())
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        top = QHBoxLayout()
        day_label = QLabel(self.tr("&Day"))
        day_label.setBuddy(self.day)
        top.addWidget(day_label)
        top.addWidget(self.day)
        top.addStretch(1)
        buttons = QHBoxLayout()
        for button in (self.print_button, self.pdf_button, self.csv_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(top)
        layout.addWidget(self.archived)
        layout.addWidget(self.table, 3)
        layout.addWidget(self.notices_title)
        layout.addWidget(self.notices_table, 2)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        fit_to_screen(self, 620, 560)
        self._enable()
        self.refresh()

    def chosen_day(self) -> date:
        return self.day.date().toPython()

    def _enable(self) -> None:
        for button in (self.print_button, self.pdf_button, self.csv_button):
            button.setEnabled(self.summary is not None)

    def refresh(self) -> None:
        self._query += 1
        query, day = self._query, self.chosen_day()
        self.summary = None
        self._enable()
        self.call("day summary", lambda: self.service.day_summary(day), lambda s: self._show(s, query), self._failed,
                  query=True)
        self.call("day notices", lambda: self.service.abuse_notices(day), lambda n: self._show_notices(n, query),
                  self._failed, query=True)

    def notice_rows(self) -> list[tuple[str, str, str]]:
        """(time, what, reason) per notice, in the manager's language."""
        rows = []
        for notice in self.notices:
            when = datetime.fromtimestamp(notice.at).strftime("%H:%M") if notice.at is not None else self.tr("all day")
            till = notice.terminal_id or "?"
            if notice.kind is AbuseKind.FREQUENT_CUSTOMER:
                what = self.tr("Customer {customer} on {count} sales at till {till}").format(
                    customer=ltr(notice.subject), count=notice.count, till=ltr(till))
            elif notice.kind is AbuseKind.UNPROVEN_REDEMPTION:
                what = self.tr("{points} points redeemed without OTP or QR at till {till}").format(
                    points=f"{notice.count or 0:,}", till=ltr(till))
            else:
                actions = {"outbox.requeue": self.tr("Retried"), "outbox.discard": self.tr("Discarded"),
                           "settings.set": self.tr("Settings changed"), "keys.set": self.tr("API keys changed"),
                           "settings.import": self.tr("Settings imported from"),
                           "bridge_token.rotate": self.tr("Bridge token rotated")}
                what = self.tr("{action} {subject} at till {till}").format(
                    action=actions.get(notice.action, notice.action), subject=ltr(notice.subject), till=ltr(till))
            rows.append((ltr(when), what, notice.reason or ""))
        return rows

    def _show_notices(self, notices: list[AbuseNotice], query: int) -> None:
        if query != self._query:
            return
        self.notices = notices
        rows = self.notice_rows() or [("", self.tr("No notices on this day."), "")]
        self.notices_table.setRowCount(len(rows))
        for number, row in enumerate(rows):
            for column, text in enumerate(row):
                self.notices_table.setItem(number, column, QTableWidgetItem(text))
        self.notices_table.resizeRowsToContents()

    def rows(self) -> list[tuple[str, str]]:
        """The summary's rows with the labels in the manager's language."""
        assert self.summary is not None
        return [(self.tr(label), value) for label, value in self.summary.rows()]

    def archived_note(self) -> str:
        """Empty unless the day's figures lack orders retention archived; then it names the files."""
        if self.summary is None or not self.summary.archived_in:
            return ""
        return self.tr("Some of this day's orders were archived to {files} and are not counted in this summary."
                       ).format(files=", ".join(ltr(name) for name in self.summary.archived_in))

    def _show(self, summary: DaySummary, query: int) -> None:
        if query != self._query:
            return
        self.summary = summary
        self.archived.setText(self.archived_note())
        self.archived.setVisible(bool(summary.archived_in))
        self.title.setText(self.tr("Loyalty summary {date}, till {terminal}").format(
            date=ltr(self.chosen_day().isoformat()), terminal=ltr(self.service.settings.terminal_id)))
        rows = self.rows()
        self.table.setRowCount(len(rows))
        for number, (label, value) in enumerate(rows):
            self.table.setItem(number, 0, QTableWidgetItem(label))
            cell = QTableWidgetItem(ltr(value))  # "164.40 USD" must not turn into "USD 164.40" right to left
            cell.setTextAlignment(Qt.AlignmentFlag.AlignTrailing | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(number, 1, cell)
        self._enable()

    def report_html(self) -> str:
        settings = self.service.settings
        where = " / ".join(part for part in (settings.merchant_name or settings.merchant_id,
                                             settings.branch_name or settings.branch_id) if part)
        title = self.tr("Loyalty summary {date}").format(date=ltr(self.chosen_day().isoformat()))
        subtitle = self.tr("Till {terminal}").format(terminal=ltr(settings.terminal_id))
        if where:
            subtitle += f" \u2014 {where}"
        printed = self.tr("Printed {time}").format(time=ltr(datetime.now().strftime("%Y-%m-%d %H:%M")))
        direction, trailing = ("rtl", "left") if self.right_to_left() else ("ltr", "right")
        cells = "".join(f"<tr><td>{html.escape(label)}</td><td align='{trailing}'>{html.escape(ltr(value))}</td></tr>"
                        for label, value in self.rows())
        notices = "".join(f"<tr>{''.join(f'<td>{html.escape(text)}</td>' for text in row)}</tr>"
                          for row in self.notice_rows())
        if notices:
            notices = (f"<h3>{html.escape(self.tr('Notices'))}</h3><table dir='{direction}' border='1' "
                       f"cellspacing='0' cellpadding='6' width='100%'>{notices}</table>")
        note = self.archived_note()
        archived = f"<p><b>{html.escape(note)}</b></p>" if note else ""
        return (f"<html><body dir='{direction}'><h2>{html.escape(title)}</h2><p>{html.escape(subtitle)}</p>"
                f"{archived}<table dir='{direction}' border='1' cellspacing='0' cellpadding='6' width='100%'>"
                f"{cells}</table>"
                f"{notices}<p>{html.escape(printed)}</p></body></html>")

    @staticmethod
    def right_to_left() -> bool:
        return QGuiApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft

    # --- print, PDF, CSV -------------------------------------------------------------------------

    def print_summary(self) -> None:
        if self.summary is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        day, document_html = self.chosen_day(), self.report_html()

        def chosen() -> None:
            document = _document(document_html, self.right_to_left())
            fit_to_page(document, printer)  # the chosen paper, an 80 mm roll as much as A4
            document.print_(printer)
            self.message.setText(self.tr("Sent to the printer."))
            self.call("audit print", lambda: self.service.note("report.print", {"date": day.isoformat()}))

        dialog.accepted.connect(chosen)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _ask_file(self, title: str, name: str, kind: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(self, title, str(_documents_dir() / name), kind)
        return path or None

    def save_pdf(self, path: str | None = None) -> None:
        if self.summary is None:
            return
        day = self.chosen_day()
        path = path or self._ask_file(self.tr("Save the summary as PDF"), f"loyalty-{day}.pdf", "PDF (*.pdf)")
        if path is None:
            return
        document_html, rtl = self.report_html(), self.right_to_left()

        def write() -> None:
            write_pdf(path, document_html, rtl)
            self.service.note("report.pdf", {"date": day.isoformat(), "file": Path(path).name})

        self.call("summary pdf", write, lambda _: self._written(path), self._failed)

    def save_csv(self, path: str | None = None) -> None:
        summary = self.summary
        if summary is None:
            return
        day = self.chosen_day()
        path = path or self._ask_file(self.tr("Export the summary as CSV"), f"loyalty-{day}.csv", "CSV (*.csv)")
        if path is None:
            return
        self.call("summary csv", lambda: self.service.save_day_csv(path, day, summary), lambda _: self._written(path),
                  self._failed)

    def _written(self, path: str) -> None:
        self.message.setText(self.tr("Saved to {path}").format(path=ltr(path)))

    def _failed(self, error: Exception) -> None:
        self.message.setText(describe(error))
