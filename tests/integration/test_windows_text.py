"""Text as Windows hands it over (issue 18.8): a cp1252 pipe for output, a BOM on standard input, and
settings files in UTF-8 with a BOM or UTF-16 LE with a BOM (Windows PowerShell 5.1's Out-File)."""

import codecs
import io
import sys
from decimal import Decimal

import pytest

from pos_app import cli
from pos_app.config import secrets
from pos_app.config.textio import TextEncodingError, decode_text
from pos_app.store.store import Store

ARABIC = "متجر السعادة"
TOML = f'[terminal]\nterminal_id = "T7"\nmerchant_id = "M7"\nmerchant_name = "{ARABIC}"\ncurrency = "EGP"\n'


def _cp1252_pipe(monkeypatch, name):
    """What Python gives a process whose output goes to a pipe or file on Windows: the ANSI code page."""
    raw = io.BytesIO()
    monkeypatch.setattr(sys, name, io.TextIOWrapper(raw, encoding="cp1252", newline=""))
    return raw


def _out(monkeypatch, argv):
    out, err = _cp1252_pipe(monkeypatch, "stdout"), _cp1252_pipe(monkeypatch, "stderr")
    code = cli.main(argv)
    sys.stdout.flush()
    sys.stderr.flush()
    return code, (out.getvalue() + err.getvalue()).decode("utf-8")


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])  # Python's utf-16 writes LE with a BOM here
def test_config_import_reads_bom_and_utf16_files_and_show_prints_arabic_to_a_cp1252_pipe(tmp_path, monkeypatch,
                                                                                        encoding):
    settings_file = tmp_path / "terminal.toml"
    settings_file.write_bytes(TOML.replace("\n", "\r\n").encode(encoding))
    assert settings_file.read_bytes()[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF8[:2])
    data = tmp_path / "data"
    code, out = _out(monkeypatch, ["config", "import", "--reason=test", str(settings_file), "--data-dir", str(data)])
    assert code == 0, out
    code, out = _out(monkeypatch, ["config", "show", "--data-dir", str(data)])
    assert code == 0
    assert f"merchant_name = {ARABIC}" in out and "currency = EGP" in out


def test_outbox_list_prints_arabic_to_a_cp1252_pipe(tmp_path, monkeypatch):
    body = f'{{"customerId":"{ARABIC}","orderId":"O-1","totalPaid":10}}'.encode()
    with Store.open_in(tmp_path) as store:
        store.accept_order("O-1", body, ARABIC, "2026-11-27T10:00:00.000Z", Decimal(10), "USD")
        item = store.due(limit=1)[0]
        store.mark_failed(item.id, {"class": "failed", "status": 422, "code": 3003, "message": f"اسم {ARABIC}"})
    code, out = _out(monkeypatch, ["outbox", "list", "--data-dir", str(tmp_path)])
    assert code == 0 and ARABIC in out


def test_set_keys_drops_the_bom_a_pipe_puts_before_the_key(tmp_path, memory_keyring, monkeypatch):
    stdin = io.TextIOWrapper(io.BytesIO(codecs.BOM_UTF8 + b"api-key-123\r\nsecret-key-456\r\n"), encoding="cp1252")
    monkeypatch.setattr(sys, "stdin", stdin)
    assert _out(monkeypatch, ["config", "set-keys", "--reason=test", "--data-dir", str(tmp_path)])[0] == 0
    assert secrets.load_credentials(env={}) == secrets.Credentials("api-key-123", "secret-key-456")


def test_set_keys_reads_utf16_stdin(tmp_path, memory_keyring, monkeypatch):
    data = codecs.BOM_UTF16_LE + "api-key-123\r\nsecret-key-456\r\n".encode("utf-16-le")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="cp1252"))
    assert _out(monkeypatch, ["config", "set-keys", "--reason=test", "--data-dir", str(tmp_path)])[0] == 0
    assert secrets.load_credentials(env={}) == secrets.Credentials("api-key-123", "secret-key-456")


def test_a_bom_or_invisible_character_never_reaches_the_credential_store():
    assert secrets.validate_key("api_key", "\ufeffabc123 ") == "abc123"
    with pytest.raises(ValueError, match="api_key"):
        secrets.validate_key("api_key", "abc\u200b123")


def test_decode_text_cases():
    assert decode_text("ab".encode("utf-16-le")) == "ab"  # UTF-16 LE without a BOM
    assert decode_text(codecs.BOM_UTF16_BE + "ab".encode("utf-16-be")) == "ab"
    assert decode_text(ARABIC.encode()) == ARABIC
    with pytest.raises(TextEncodingError, match="file"):
        decode_text(ARABIC.encode("cp1256"), "file")


def test_an_ansi_settings_file_is_refused_naming_the_problem(tmp_path, monkeypatch):
    settings_file = tmp_path / "terminal.toml"
    settings_file.write_bytes(TOML.encode("cp1256"))
    code, out = _out(monkeypatch, ["config", "import", "--reason=test", str(settings_file),
                                   "--data-dir", str(tmp_path / "d")])
    assert code == 2 and "not UTF-8 or UTF-16" in out
