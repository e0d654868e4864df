"""A label for money and points: the whole figure always shows, shrunk to fit, never cut.

QLabel never elides and a layout may give it less room than its text needs (a capped panel, a small
screen, 150% scaling): "4,599.00 EGP" would then read "99.00 EGP". A FitLabel draws its text in the
largest font, up to its own, that fits the width it has, and wraps (at spaces) only when even the
smallest font does not fit; it never drops a character.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QStyle, QStyleOption, QWidget

# Below this the figure is no longer readable at a till; the label then wraps instead.
MIN_POINT_SIZE = 7.0


class FitLabel(QLabel):
    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def _font_for(self, width: int, height: int | None = None) -> QFont | None:
        """The largest font, from the label's own down to MIN_POINT_SIZE, in which the text fits `width`
        (and `height`, when given: a comma's tail cut off at the bottom turns 8,499 into 8.499)."""
        font = QFont(self.font())
        size = font.pointSizeF()
        while size >= MIN_POINT_SIZE:
            font.setPointSizeF(size)
            metrics = QFontMetrics(font)
            if metrics.horizontalAdvance(self.text()) <= width and (height is None or metrics.height() <= height):
                return font
            size -= 0.5
        return None

    def fits(self) -> bool:
        """True when the whole text shows: in one line at some font size, or wrapped within the height."""
        rect = self.contentsRect()
        if self._font_for(rect.width(), rect.height()) is not None:
            return True
        return self._wrapped_height(rect.width()) <= rect.height()

    def _small_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(MIN_POINT_SIZE)
        return font

    def _wrapped_height(self, width: int) -> int:
        metrics = QFontMetrics(self._small_font())
        flags = int(Qt.TextFlag.TextWordWrap)
        return metrics.boundingRect(QRect(0, 0, max(width, 1), 100_000), flags, self.text()).height()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        # Room for the figure at the smallest font: layouts may squeeze it that far, never further.
        metrics = QFontMetrics(self._small_font())
        margins = self.contentsMargins()
        return QSize(metrics.horizontalAdvance(self.text()) + margins.left() + margins.right(),
                     QFontMetrics(self.font()).height() + margins.top() + margins.bottom())

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        margins = self.contentsMargins()
        inner = width - margins.left() - margins.right()
        if self._font_for(inner) is not None:
            return QFontMetrics(self.font()).height() + margins.top() + margins.bottom()
        return self._wrapped_height(inner) + margins.top() + margins.bottom()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        option = QStyleOption()
        option.initFrom(self)
        self.style().drawPrimitive(QStyle.PrimitiveElement.PE_Widget, option, painter, self)
        rect = self.contentsRect()
        font = self._font_for(rect.width(), rect.height())
        flags = int(QStyle.visualAlignment(self.layoutDirection(), self.alignment()))
        if font is None:
            font = self._small_font()
            flags |= int(Qt.TextFlag.TextWordWrap)
        painter.setFont(font)
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.drawText(rect, flags, self.text())
        painter.end()
