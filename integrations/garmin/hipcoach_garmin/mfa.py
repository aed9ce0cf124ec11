"""A Garmin sign-in waiting for its MFA code, kept between two processes.

``hipcoach auth garmin`` without a terminal stops where Garmin asks for the code and keeps
garminconnect's resumable login state (``login(return_on_mfa=True)``'s ``client_state``,
``reference/garmin.md`` §10); ``hipcoach auth garmin --mfa-code CODE`` finishes it later, in
another process. The state holds Garmin's sign-in session cookies, so it is kept like a
password: 0600 in the home's 0700 ``tokens/``, never read through a symbolic link, every
cookie value masked in output and logs, removed once the sign-in is finished and ignored (and
removed) once it is a day old.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

from hipcoach import redact
from hipcoach.errors import CredentialsError
from hipcoach.home import make_private_dir, write_private
from hipcoach.plugins.values import PluginContext

PENDING_FILE = "garmin_mfa_pending.json"
#: a pending sign-in older than this is discarded (Garmin's codes expire much sooner)
MAX_AGE_S = 24 * 3600
START_AGAIN = "run `hipcoach auth garmin` again"


def pending_path(context: PluginContext) -> Path:
    """Where a sign-in waiting for its code is kept."""
    return context.home.tokens_dir / PENDING_FILE


def keep(context: PluginContext, client_state: Any) -> Path:
    """Store garminconnect's ``client_state`` (0600, atomically; its age is the file's);
    return where."""
    register(client_state)
    path = pending_path(context)
    context.home.ensure()
    make_private_dir(context.home.tokens_dir, tighten=True)
    write_private(path, json.dumps({"client_state": client_state}))
    return path


def load(context: PluginContext, now: float | None = None) -> Any:
    """The pending ``client_state``; CredentialsError when there is none, or it is over a
    day old (then it is removed), or it cannot be read."""
    path = pending_path(context)
    discard_stale(context, now)
    missing = CredentialsError(
        "no Garmin sign-in is waiting for an MFA code (none was started, or it is over a day old)",
        hint="run `hipcoach auth garmin --no-prompt` to start one",
    )
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except FileNotFoundError:
        raise missing from None
    except OSError:
        raise CredentialsError(
            f"cannot read the pending Garmin sign-in at {path}", hint=START_AGAIN
        ) from None
    with os.fdopen(fd, encoding="utf-8") as handle:
        text = handle.read()
    try:
        state = json.loads(text)["client_state"]
    except (ValueError, KeyError, TypeError):
        forget(context)
        raise CredentialsError(
            "the pending Garmin sign-in is damaged; it was removed", hint=START_AGAIN
        ) from None
    register(state)
    return state


def forget(context: PluginContext) -> None:
    """Remove the pending sign-in (finished, or no longer usable)."""
    pending_path(context).unlink(missing_ok=True)


def discard_stale(context: PluginContext, now: float | None = None) -> None:
    """Remove a pending sign-in that is a day old or older (cheap: one ``stat``)."""
    path = pending_path(context)
    try:
        age = (now if now is not None else time.time()) - path.lstat().st_mtime
    except OSError:
        return
    if age >= MAX_AGE_S or path.is_symlink():
        path.unlink(missing_ok=True)


def register(client_state: Any) -> None:
    """Mask the state's cookie values and CSRF token in output and logs from now on."""
    if not isinstance(client_state, dict):
        return
    cookies = client_state.get("cookies")
    for cookie in cookies if isinstance(cookies, list) else ():
        if isinstance(cookie, dict):
            redact.register(cookie.get("value"))
    redact.register(client_state.get("csrf_token"))
