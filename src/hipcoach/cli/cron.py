"""``hipcoach cron``: a crontab line and systemd units for the nightly sync."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import click

from hipcoach.cli.app import App, pass_app


def executable() -> list[str]:
    """The ``hipcoach`` that is running now, as an absolute path (or the interpreter). A link
    is kept as it is (``~/.local/bin/hipcoach`` of uv or pipx), not followed into the tool's
    private folder: the line stays the command the runner knows, and survives an upgrade."""
    argv0 = Path(sys.argv[0])
    if argv0.name == "hipcoach" and argv0.exists():
        return [os.path.abspath(argv0)]
    found = shutil.which("hipcoach")
    return [found] if found else [sys.executable, "-m", "hipcoach"]


@click.command("cron")
@click.option("--time", "at", default="03:17", show_default=True, help="Local time, HH:MM.")
@pass_app
def command(app: App, at: str) -> None:
    try:
        hour, minute = (int(part) for part in at.split(":"))
        if not (0 <= hour < 24 and 0 <= minute < 60):
            raise ValueError
    except ValueError:
        raise click.BadParameter(f"{at!r} is not HH:MM", param_hint="'--time'") from None
    from hipcoach.sync.cron import crontab_line, systemd_exec

    home = str(app.home.root.resolve())
    argv = [*executable(), "--home", home, "sync", "-q"]
    app.out(
        f"""# 1. cron: `crontab -e` and add this line (cron mails you any error output;
#    exit 75 = temporary, retried the next night; 77 = run `hipcoach auth …` again;
#    73 = a file or folder is not writable):
{crontab_line(argv, hour, minute)}

# 2. or systemd (user units): save the two files below, then run
#    systemctl --user daemon-reload && systemctl --user enable --now hipcoach-sync.timer
#    (and `loginctl enable-linger $USER` so it runs while you are logged out)

# ~/.config/systemd/user/hipcoach-sync.service
[Unit]
Description=hipcoach nightly sync (your runs and plan -> hip sessions on your calendar)
Wants=network-online.target
After=network-online.target

[Service]
Type=oneshot
ExecStart={systemd_exec(argv)}

# ~/.config/systemd/user/hipcoach-sync.timer
[Unit]
Description=Run hipcoach sync every night

[Timer]
OnCalendar=*-*-* {hour:02d}:{minute:02d}:00
RandomizedDelaySec=15min
Persistent=true

[Install]
WantedBy=timers.target

# Logs: {home}/logs/hipcoach.log"""
    )
    if not _has_target(app):
        app.warn(
            "no workout target is set up yet: the nightly sync will exit 77 until you run "
            "`hipcoach auth garmin` or `hipcoach auth intervals`"
        )


def _has_target(app: App) -> bool:
    """Whether a workout target is set up (a broken config is the sync's to report)."""
    from hipcoach.errors import HipcoachError
    from hipcoach.plugins.choose import resolve_targets

    try:
        return bool(resolve_targets(app.registry, app.plugin_context()))
    except HipcoachError:
        return True
