"""A rotation Windows refuses (another process holds the log open) does not stop the log (issue 18.11)."""

import logging
import os

import pytest

from pos_app.config.logs import KeepWritingRotatingFileHandler, setup_logging


@pytest.fixture
def logger(tmp_path):
    handler = KeepWritingRotatingFileHandler(tmp_path / "pos-app.log", maxBytes=200, backupCount=2, encoding="utf-8",
                                             retry_after=0.0)
    log = logging.getLogger("test.rotation")
    log.propagate, log.level = False, logging.INFO
    log.addHandler(handler)
    yield log, handler
    log.removeHandler(handler)
    handler.close()


def test_records_keep_arriving_when_the_rename_is_refused(logger, tmp_path, monkeypatch):
    log, handler = logger

    def refused(*args):
        raise PermissionError(13, "The process cannot access the file because it is being used by another process")

    monkeypatch.setattr(os, "rename", refused)
    monkeypatch.setattr(os, "replace", refused)
    monkeypatch.setattr(logging, "raiseExceptions", True)
    for number in range(20):
        log.info("record %02d %s", number, "x" * 40)
    text = (tmp_path / "pos-app.log").read_text(encoding="utf-8")
    assert all(f"record {n:02d}" in text for n in range(20))
    assert handler.failed_rotations > 0 and not (tmp_path / "pos-app.log.1").exists()
    monkeypatch.undo()  # the other process let go: the next record rotates
    log.info("after the other process let go")
    assert (tmp_path / "pos-app.log.1").exists()
    assert "after the other process let go" in (tmp_path / "pos-app.log").read_text(encoding="utf-8")


def test_the_product_log_uses_it(tmp_path):
    root = logging.getLogger()
    setup_logging(tmp_path, console=False)
    try:
        assert any(isinstance(h, KeepWritingRotatingFileHandler) for h in root.handlers)
    finally:
        for handler in [h for h in root.handlers if getattr(h, "_pos_app", False)]:
            root.removeHandler(handler)
            handler.close()
