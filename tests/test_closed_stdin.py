"""Every question hipcoach may ask, with nobody to answer (cron, systemd, CI): stdin at its
end (``/dev/null``) or closed (``sys.stdin is None``). One line naming the option or the
environment variable that answers it, exit 2, no traceback, no ``GetPassWarning``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from hipcoach.errors import UsageError

STRAVA_APP = {"STRAVA_CLIENT_ID": "48213", "STRAVA_CLIENT_SECRET": "app-secret-123456"}

QUESTIONS = [
    (["auth", "garmin"], {}, "--email"),
    (["auth", "garmin", "--email", "runner@example.com"], {}, "GARMIN_PASSWORD"),
    (["auth", "strava", "--no-browser"], {}, "STRAVA_CLIENT_ID"),
    (["auth", "strava", "--no-browser"], {"STRAVA_CLIENT_ID": "48213"}, "STRAVA_CLIENT_SECRET"),
    (["auth", "strava", "--no-browser"], STRAVA_APP, "STRAVA_REFRESH_TOKEN"),
    (["auth", "intervals"], {}, "--api-key-stdin"),
    (["auth", "intervals", "--api-key-stdin"], {}, "pipe the key in"),
]


def _close_stdin() -> None:
    os.close(0)


def run_without_input(
    home: Path, args: list[str], env: dict[str, str], closed: bool
) -> subprocess.CompletedProcess[str]:
    base = {
        k: v for k, v in os.environ.items() if not k.startswith(("STRAVA_", "GARMIN", "INTERVALS_"))
    }
    return subprocess.run(
        [sys.executable, "-m", "hipcoach", "--home", str(home), *args],
        stdin=None if closed else subprocess.DEVNULL,
        preexec_fn=_close_stdin if closed else None,
        # No controlling terminal either, as under cron: getpass cannot fall back to /dev/tty.
        start_new_session=True,
        capture_output=True,
        text=True,
        env={**base, **env},
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize("closed", [False, True], ids=["devnull", "fd0-closed"])
@pytest.mark.parametrize(("args", "env", "named"), QUESTIONS, ids=lambda v: str(v))
def test_a_question_nobody_can_answer_is_one_line_and_exit_2(home, args, env, named, closed):
    result = run_without_input(home, args, env, closed)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert result.returncode == 2, result.stderr
    assert len(lines) == 1 and lines[0].startswith("hipcoach: error:"), result.stderr
    assert named in lines[0]
    assert "Traceback" not in result.stderr and "GetPassWarning" not in result.stderr
    assert "internal error" not in result.stderr
    assert result.stdout == ""


def test_the_mfa_question_without_a_terminal_names_what_to_do(monkeypatch):
    from hipcoach.cli.app import App
    from hipcoach_garmin.auth import _prompt_mfa

    app = App.create(home_option=None, verbose=0, quiet=0, env={})
    monkeypatch.setattr(sys, "stdin", None)
    with pytest.raises(UsageError) as caught:
        _prompt_mfa(app)()
    assert caught.value.exit_code == 2
    assert "MFA code" in str(caught.value) and "terminal" in str(caught.value)


def test_a_piped_answer_is_read_without_a_getpass_warning(monkeypatch, recwarn, capsys):
    import io

    from hipcoach.cli.prompts import ask

    monkeypatch.setattr(sys, "stdin", io.StringIO("s3cret\n"))
    assert ask("Garmin Connect password", hide_input=True, instead="x") == "s3cret"
    assert not [w for w in recwarn if "GetPass" in type(w.message).__name__]
    assert "s3cret" not in capsys.readouterr().err
