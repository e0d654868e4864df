"""Dialogs sized for the screen they open on: the size they would like, never more than the screen.

A fixed 980x640 history does not fit an 800x600 till or a 1366x768 screen at 150% (911x512 logical
pixels); its buttons would be off the screen. Dialogs ask for their preferred size through here and
get at most the screen's available area, less a margin for the window frame.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QLayout, QScrollArea, QWidget

# Room for the window manager's title bar and borders.
FRAME_MARGIN = 40


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize `widget` to width x height, or to the screen's available area if that is smaller."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if widget.parentWidget() is not None and widget.parentWidget().screen() is not None:
        screen = widget.parentWidget().screen()
    area = screen.availableGeometry()
    room_w, room_h = area.width() - FRAME_MARGIN // 2, area.height() - FRAME_MARGIN
    widget.setMaximumSize(max(room_w, 200), max(room_h, 200))
    widget.resize(min(width, room_w), min(height, room_h))


def grow_to_contents(widget: QWidget) -> None:
    """Resize a window to what its contents ask for, up to the whole screen.

    `QWidget.adjustSize` caps a window holding wrapped text at two thirds of the screen's width, below its
    own minimum: at 800x600 the slip's order line was cut by a few pixels.
    """
    layout = widget.layout()
    if layout is not None:
        layout.activate()
    hint = widget.sizeHint().expandedTo(widget.minimumSizeHint())
    fit_to_screen(widget, hint.width(), hint.height())


def scrolling(layout: QLayout) -> QScrollArea:
    """`layout` in a frameless scroll area: a dialog taller than a small screen scrolls instead of cutting."""
    content = QWidget()
    content.setLayout(layout)
    area = QScrollArea()
    area.setWidget(content)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    return area
