import re
from pathlib import Path

import pytest

from pos_app.gameball.errors import CODES, GameballError, Operation, Outcome, classify

# A copy of ../shared/gameball/API.md kept in the repository: no test reads outside it.
API_MD = Path(__file__).resolve().parents[1] / "data" / "gameball" / "API.md"


def _api_md_table() -> dict[int, int]:
    """Code -> HTTP status, read from API.md section 8 so the test walks Gameball's own table."""
    text = API_MD.read_text(encoding="utf-8")
    section = text.split("**Error codes**", 1)[1].split("## 9.", 1)[0]
    rows = re.findall(r"^\|[^|]*\|\s*(\d{4})\s*\|\s*(\d{3})\s*\|", section, flags=re.M)
    return {int(code): int(status) for code, status in rows}


EXPECTED_OUTCOME = {
    1000: Outcome.PAUSE, 1001: Outcome.PAUSE, 1002: Outcome.PAUSE,
    2001: Outcome.RETRY, 5000: Outcome.RETRY, 5003: Outcome.PAUSE,
    6000: Outcome.PAUSE, 6001: Outcome.PAUSE, 6002: Outcome.PAUSE, 9005: Outcome.FAILED, 9007: Outcome.FAILED,
    3000: Outcome.FAILED, 3016: Outcome.FAILED,
}


def test_every_code_in_api_md_is_classed_with_its_status():
    table = _api_md_table()
    assert len(table) == 49
    assert set(table) == set(CODES)
    for code, status in table.items():
        info = CODES[code]
        assert info.http_status == status, code
        outcome = classify(status, code)
        assert outcome is info.outcome
        if code in EXPECTED_OUTCOME:
            assert outcome is EXPECTED_OUTCOME[code], code
        elif 3000 <= code < 5000 or code >= 6003:
            assert outcome is Outcome.FAILED, code


@pytest.mark.parametrize("operation", list(Operation))
def test_9004_alone_is_no_proof_of_delivery(operation):
    # The deliverer compares Gameball's transactions with the sale (pos_app.domain.applied) before "delivered".
    assert classify(422, 9004, operation) is Outcome.FAILED


@pytest.mark.parametrize(
    ("status", "outcome"),
    [(200, Outcome.DONE), (202, Outcome.DONE), (429, Outcome.PAUSE), (503, Outcome.PAUSE), (500, Outcome.RETRY),
     (502, Outcome.RETRY), (504, Outcome.RETRY), (401, Outcome.PAUSE), (403, Outcome.PAUSE), (400, Outcome.FAILED),
     (422, Outcome.FAILED), (None, Outcome.RETRY)],
)
def test_statuses_without_a_code(status, outcome):
    assert classify(status, None) is outcome


def test_429_pauses_even_with_an_unexpected_code():
    assert classify(429, 3000) is Outcome.PAUSE


def test_error_text_names_status_code_and_request_id():
    err = GameballError("Invalid value", outcome=Outcome.FAILED, status=422, code=3003, request_id="r-1",
                        endpoint="POST /orders")
    assert str(err) == "POST /orders: HTTP 422: code 3003: Invalid value: requestId r-1"
    assert "r-1" in repr(err) and "failed" in repr(err)
