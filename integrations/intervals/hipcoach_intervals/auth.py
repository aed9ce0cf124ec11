"""``hipcoach auth intervals``: the personal API key (and athlete id), checked with one read,
then kept for cron in ``tokens/intervals/`` (see :mod:`hipcoach_intervals.tokens`).

``hipcoach auth --help`` imports every plugin's auth command just to list it, so this module
imports nothing but click at the top.
"""

from __future__ import annotations

import sys
from typing import Any

import click

KEY_PROMPT = "intervals.icu API key (Settings → Developer Settings; hidden)"
ATHLETE_PROMPT = "intervals.icu athlete id (Enter: the key's owner)"


def check_sign_in(api_key: str, athlete_id: str) -> tuple[str, str]:
    """One read (``GET /athlete/{id}``): the athlete's own id and name, or the error saying
    why the key or the id does not work (77 for a refused key)."""
    from hipcoach_intervals.client import IntervalsClient, athlete_id_of
    from hipcoach_intervals.tokens import Credentials

    client = IntervalsClient(Credentials(api_key, athlete_id))
    action = f"checking the key with athlete {athlete_id}"
    profile = client.get(client.athlete(), action=action)
    ident = athlete_id_of(profile, action)
    name = profile.get("name") if isinstance(profile, dict) else None
    return ident, " ".join(name.split())[:80] if isinstance(name, str) else ""


def _read_key(app: Any, from_stdin: bool, env: dict[str, str]) -> tuple[str, bool]:
    """The key, and whether it was typed at the prompt (then the athlete id is asked too)."""
    from hipcoach.errors import UsageError
    from hipcoach_intervals.tokens import KEY_ENV, check_key

    if from_stdin:
        stream = sys.stdin
        try:
            text = stream.readline() if stream is not None and not stream.closed else ""
        except (OSError, ValueError):  # fd 0 closed under the stream
            text = ""
        if not text.strip():
            raise UsageError("--api-key-stdin: stdin held no key", hint="pipe the key in")
        return check_key(text, "the key read from stdin"), False
    if env.get(KEY_ENV, "").strip():
        return check_key(env[KEY_ENV], KEY_ENV), False
    typed: str = app.ask(
        KEY_PROMPT,
        hide_input=True,
        what="intervals.icu API key",
        instead=f"pipe it in with --api-key-stdin, or set {KEY_ENV}",
    )
    return check_key(typed, "the key typed"), True


def _athlete(app: Any, option: str | None, env: dict[str, str], ask: bool) -> str:
    from hipcoach_intervals.tokens import ATHLETE_ENV, KEY_OWNER, check_athlete_id

    if option is not None:
        return check_athlete_id(option, "--athlete-id")
    if env.get(ATHLETE_ENV, "").strip():
        return check_athlete_id(env[ATHLETE_ENV], ATHLETE_ENV)
    if not ask:
        return KEY_OWNER
    typed: str = app.ask(
        ATHLETE_PROMPT,
        what="intervals.icu athlete id",
        instead="give it with --athlete-id",
        default=KEY_OWNER,
    )
    return check_athlete_id(typed or KEY_OWNER, "the athlete id typed")


@click.command("intervals")
@click.option(
    "--api-key-stdin",
    "from_stdin",
    is_flag=True,
    help="Read the API key from the first line of stdin (for scripts) instead of asking.",
)
@click.option(
    "--athlete-id",
    metavar="ID",
    help="Your athlete id (i12345, on intervals.icu's settings page); default: the key's owner.",
)
@click.pass_obj
def command(app: Any, from_stdin: bool, athlete_id: str | None) -> None:
    """Save your intervals.icu API key for the nightly sync, after one read to check it.

    The key (intervals.icu → Settings → Developer Settings) comes from a hidden prompt,
    --api-key-stdin or INTERVALS_API_KEY; it is stored 0600 in the home's tokens/intervals/
    and never printed or logged. With only intervals.icu set up, it is where runs, the
    running plan and races come from and where the sessions go.
    """
    from hipcoach_intervals.tokens import Credentials, save

    context = app.plugin_context()
    env = dict(context.env)
    key, typed = _read_key(app, from_stdin, env)
    wanted = _athlete(app, athlete_id, env, ask=typed)
    ident, name = check_sign_in(key, wanted)
    path = save(context, Credentials(key, ident))
    who = f"{name} ({ident})" if name else ident
    app.out(f"intervals.icu: the key works for {who}; saved to {path}")
