"""Every subcommand takes exactly the options its --help lists: a common option it lists is honoured,
written before or after the subcommand; one it does not list is refused wherever it is written."""

import io
import re
import sys

import pytest

from pos_app import cli

# An example value for each option every run mode shares (pos_app/cli.py).
COMMON = {"--data-dir": None, "--api-base": "https://api.gameball.co", "--bridge-port": "8741",
          "--log-level": "DEBUG"}
# The arguments each leaf command needs to run; the walk below must find exactly these leaves.
LEAVES = {
    ("sandbox",): [],
    ("outbox", "list"): [],
    ("outbox", "retry"): ["1", "--reason", "keys fixed"],
    ("outbox", "mark-delivered"): ["1", "--reason", "checked"],
    ("outbox", "mark-failed"): ["1", "--reason", "checked"],
    ("outbox", "export"): ["{tmp}/outbox.csv"],
    ("outbox", "check"): [],
    ("outbox", "archive"): ["--dry-run"],
    ("config", "show"): [],
    ("config", "set"): ["merchant_id=M1", "--reason", "new store"],
    ("config", "set-keys"): ["--reason", "new keys"],
    ("config", "export"): ["{tmp}/settings.toml"],
    ("config", "import"): ["{tmp}/missing.toml", "--reason", "rollout"],
    ("config", "bridge-token"): [],
    ("report", "day"): [],
    ("report", "history"): ["--from", "2026-11-01", "--to", "2026-11-02", "{tmp}/history.csv"],
    ("report", "shortfalls"): [],
}


def _help(words, capsys) -> str:
    with pytest.raises(SystemExit) as exited:
        cli.main([*words, "--help"])
    assert exited.value.code == 0
    return capsys.readouterr().out


def _walk(words, capsys):
    """Every leaf command under `words`, found through the subcommand choices each --help shows."""
    text = _help(words, capsys)
    usage = text.split("\n\n", 1)[0]
    found = re.search(r"\{([a-z,-]+)\}\s+\.\.\.", usage)  # the subcommand positional: `{a,b} ...`, maybe wrapped
    if found is None:
        return [tuple(words)]
    return [leaf for name in found.group(1).split(",") for leaf in _walk([*words, name], capsys)]


@pytest.fixture(autouse=True)
def _no_default_data_dir(tmp_path, monkeypatch):
    # Should a command ignore --data-dir, it must not write into the developer's own data directory.
    monkeypatch.setattr("pos_app.config.paths.default_data_dir", lambda: tmp_path / "default-data-dir")


def test_the_walk_finds_every_leaf_command(capsys):
    assert sorted(_walk([], capsys)) == sorted(LEAVES)


def _refused(argv, capsys) -> str:
    # Parsed only: a command that wrongly took the option must not run (the sandbox would serve forever).
    with pytest.raises(SystemExit) as exited:
        cli.build_parser().parse_args(argv)
    assert exited.value.code == 2
    return capsys.readouterr().err


@pytest.mark.parametrize("leaf", list(LEAVES), ids=" ".join)
def test_each_common_option_is_honoured_or_refused_as_help_says(leaf, tmp_path, capsys, monkeypatch):
    listed = set(re.findall(r"(--[a-z][a-z-]+)", _help(leaf, capsys)))
    arguments = [a.format(tmp=tmp_path) for a in LEAVES[leaf]]
    for option, value in COMMON.items():
        if option not in listed:
            value = value or str(tmp_path / "unused")
            assert option in _refused([option, value, *leaf, *arguments], capsys)
            assert option in _refused([*leaf, *arguments, option, value], capsys)
            continue
        assert option == "--data-dir", f"{' '.join(leaf)} lists {option}: say here how it is honoured"
        for where, place in (("before", lambda o, v: [o, v, *leaf, *arguments]),
                             ("after", lambda o, v: [*leaf, *arguments, o, v])):
            data_dir = tmp_path / f"data-{where}"
            monkeypatch.setattr(sys, "stdin", io.StringIO("an-api-key\na-secret-key\n"))
            cli.main(place(option, str(data_dir)))
            capsys.readouterr()
            assert data_dir.is_dir(), f"{' '.join(leaf)} ignored --data-dir given {where} the command"
    assert not (tmp_path / "default-data-dir").exists()


@pytest.mark.parametrize(("argv", "refused"), [
    (["--demo", "--api-base", "https://api.gameball.co"], "--api-base"),
    (["--self-test", "--log-level", "DEBUG"], "--log-level"),
    (["--self-test", "--bridge-port", "9000"], "--bridge-port"),
    (["--demo", "config", "show"], "--demo"),
    (["--headless", "outbox", "list"], "--headless"),
    (["--demo", "sandbox"], "--demo"),  # the sandbox has its own --demo, after the command
])
def test_a_run_mode_refuses_what_it_would_ignore(argv, refused, capsys):
    assert refused in _refused(argv, capsys)


def test_the_sandboxs_own_demo_flag_is_not_the_run_mode():
    args = cli.build_parser().parse_args(["sandbox", "--demo", "--port", "0"])
    assert args.command == "sandbox" and args.demo


def test_the_window_and_headless_take_every_common_option():
    args = cli.build_parser().parse_args(["--headless", "--data-dir", "d", "--api-base", "https://x.example",
                                          "--bridge-port", "9000", "--log-level", "DEBUG"])
    assert (args.data_dir, args.api_base, args.bridge_port, args.log_level) == ("d", "https://x.example", 9000,
                                                                                 "DEBUG")
    defaults = cli.build_parser().parse_args([])
    assert (defaults.data_dir, defaults.api_base, defaults.bridge_port, defaults.log_level) == (None, None, None,
                                                                                                 "INFO")
