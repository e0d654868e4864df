"""Finds text a person cannot read on screen: labels and buttons narrower than what they hold.

A QLabel never elides; a layout squeezed by a small screen, a capped panel or 150% scaling cuts its
text at the edge, and a cut amount is a wrong amount. `audit(window)` walks every visible label and
button of a top-level window and reports each one that shows less than it holds (text wider or taller
than the room it has, or the widget itself reaching past its window or a non-scrolling parent), and a
window larger than the screen it is on. Text shortened on purpose with an elision marker counts as
shown: the full text is then in its tooltip.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import (
    QFontMetrics,
    QGuiApplication,
    Qt,  # QtGui's Qt also has mightBeRichText
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QCheckBox,
    QLabel,
    QPushButton,
    QRadioButton,
    QStyle,
    QStyleOptionButton,
    QWidget,
)

from pos_app.ui.fit_label import FitLabel

# One pixel of slack: font metrics round, and a glyph's last pixel of bearing is empty.
TOLERANCE = 1
# Touch targets (WCAG 2.5.5, Apple's HIG): a finger needs 44 logical pixels.
MIN_TOUCH = 44


@dataclass(frozen=True)
class Finding:
    window: str
    widget: str
    problem: str

    def __str__(self) -> str:
        return f"{self.window}: {self.widget}: {self.problem}"


def _name(widget: QWidget) -> str:
    name = widget.objectName() or type(widget).__name__
    text = widget.text() if isinstance(widget, (QLabel, QAbstractButton)) else ""
    return f"{name} {text[:60]!r}" if text else name


def _is_rich(label: QLabel) -> bool:
    fmt = label.textFormat()
    return fmt == Qt.TextFormat.RichText or (fmt == Qt.TextFormat.AutoText and Qt.mightBeRichText(label.text()))


def _label_room(label: QLabel) -> QRect:
    rect = label.contentsRect()
    margin = label.margin()
    return rect.adjusted(margin, margin, -margin, -margin)


def _label_problem(label: QLabel) -> str | None:
    if not label.text() or label.pixmap() is not None and not label.pixmap().isNull():
        return None
    if isinstance(label, FitLabel):
        return None if label.fits() else "the figure does not fit even at the smallest font"
    room = _label_room(label)
    document = QTextDocument()
    document.setDefaultFont(label.font())
    document.setDocumentMargin(0)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere if label.wordWrap()
                       else QTextOption.WrapMode.NoWrap)
    document.setDefaultTextOption(option)
    if _is_rich(label):
        document.setHtml(label.text())
    else:
        document.setPlainText(_shown(label.text()) if label.buddy() is not None else label.text())
    if label.wordWrap():
        document.setTextWidth(room.width())
        # Any-where wrapping tells whether the text fits at all; QLabel itself breaks only at words.
        words = max((QFontMetrics(label.font()).horizontalAdvance(word) for word in
                     document.toPlainText().split()), default=0)
        if words > room.width() + TOLERANCE:
            return f"a word needs {words} px, the label has {room.width()}"
        height = label.heightForWidth(label.width())
        if height > label.height() + TOLERANCE:
            return f"wrapped text needs {height} px of height, the label has {label.height()}"
        return None
    if _is_rich(label):
        width, height = int(document.idealWidth() + 0.999), int(document.size().height())
    else:
        # Plain text is laid out by QFontMetrics, as QLabel itself does (a text document measures a pixel or
        # two wider, which reported whole labels as cut).
        shown = _shown(label.text()) if label.buddy() is not None else label.text()
        bounds = label.fontMetrics().boundingRect(QRect(0, 0, 100_000, 100_000), int(label.alignment()), shown)
        width, height = bounds.width(), bounds.height()
    if width > room.width() + TOLERANCE:
        return f"text needs {width} px, the label has {room.width()}"
    if height > room.height() + TOLERANCE:
        return f"text needs {height} px of height, the label has {room.height()}"
    return None


def _shown(text: str) -> str:
    """The text as drawn: a single & marks the mnemonic and takes no room, && is one &."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _button_problem(button: QAbstractButton) -> str | None:
    if not button.text():
        return None
    metrics = QFontMetrics(button.font())
    text = _shown(button.text())
    lines = text.split("\n")
    content_w = max(metrics.horizontalAdvance(line) for line in lines)
    if not button.icon().isNull():
        content_w += button.iconSize().width() + 4
    if isinstance(button, QPushButton):
        option = QStyleOptionButton()
        button.initStyleOption(option)
        needed = button.style().sizeFromContents(
            QStyle.ContentsType.CT_PushButton, option,
            QSize(content_w, metrics.height() * len(lines)), button).width()
        # The style's own minimum button width is not text: measure only what the text and padding need.
        needed = min(needed, button.sizeHint().width())
    elif isinstance(button, (QCheckBox, QRadioButton)):
        needed = button.sizeHint().width()
    else:
        needed = content_w
    if needed > button.width() + TOLERANCE:
        return f"text needs {needed} px, the button has {button.width()}"
    return None


def _clipped_by_parent(widget: QWidget) -> str | None:
    """The widget reaches past a parent that does not scroll (or past its window)."""
    rect = QRect(widget.mapTo(widget.window(), widget.rect().topLeft()), widget.size())
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent.parentWidget(), QAbstractScrollArea):
            return None  # inside a scrolling viewport: scrolling is allowed
        if parent.isWindow():
            bounds = QRect(0, 0, parent.width(), parent.height())
        else:
            bounds = QRect(parent.mapTo(parent.window(), parent.rect().topLeft()), parent.size())
        if not bounds.contains(rect):
            return f"reaches past {parent.objectName() or type(parent).__name__} ({rect} outside {bounds})"
        if parent.isWindow():
            return None
        parent = parent.parentWidget()
    return None


def _visible_text_widgets(window: QWidget) -> list[QWidget]:
    found: list[QWidget] = []
    for widget in window.findChildren(QWidget):
        if widget.window() is not window or not widget.isVisibleTo(window):
            continue
        if isinstance(widget, (QLabel, QAbstractButton)):
            found.append(widget)
    return found


def audit(window: QWidget, *, touch: bool = False) -> list[Finding]:
    """Every cut text of `window` (a top-level widget that has been shown and laid out).

    With `touch`, buttons lower than MIN_TOUCH logical pixels are findings too.
    """
    findings: list[Finding] = []
    title = window.objectName() or type(window).__name__
    screen = window.screen() or QGuiApplication.primaryScreen()
    available = screen.availableGeometry()
    if window.width() > available.width() or window.height() > available.height():
        findings.append(Finding(title, title, f"window {window.width()}x{window.height()} larger than the screen "
                                              f"{available.width()}x{available.height()}"))
    for widget in _visible_text_widgets(window):
        problem = _label_problem(widget) if isinstance(widget, QLabel) else _button_problem(widget)
        problem = problem or _clipped_by_parent(widget)
        if problem is None and touch and isinstance(widget, QPushButton) and widget.height() < MIN_TOUCH:
            problem = f"button {widget.height()} px high, a finger needs {MIN_TOUCH}"
        if problem is not None:
            findings.append(Finding(title, _name(widget), problem))
    return findings
