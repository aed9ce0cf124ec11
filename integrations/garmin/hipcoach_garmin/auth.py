"""``hipcoach auth garmin``: one interactive sign-in; the tokens are saved for cron.

The sign-in is garminconnect's own (``Client.login``: email, password, an MFA prompt when
Garmin asks). ``Garmin.login()`` is not used, because it would quietly reuse whatever token
store ``GARMINTOKENS`` names instead of signing in. hipcoach never repeats a sign-in that
ended in a 429: Garmin's block lasts hours and every new attempt extends it
(``reference/garmin.md`` §6). garminconnect itself tries its few sign-in strategies in turn
within the one attempt; that is the library's behaviour and cannot be narrowed without
re-implementing its SSO flow.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from hipcoach import redact
from hipcoach.errors import (
    CredentialsError,
    HipcoachError,
    RateLimited,
    ServiceError,
    TemporaryError,
)

PASSWORD_ENV = "GARMIN_PASSWORD"
RATE_LIMITED = (
    "Garmin is rate-limiting sign-ins (HTTP 429); try again in a few hours, and not sooner: "
    "every attempt extends the block"
)


def login_error(exc: Exception) -> HipcoachError | None:
    """The hipcoach error for a failed sign-in, or None when ``exc`` is not a Garmin one."""
    from garminconnect import (
        GarminConnectAuthenticationError,
        GarminConnectConnectionError,
        GarminConnectTooManyRequestsError,
    )

    if isinstance(exc, GarminConnectTooManyRequestsError):
        return RateLimited(RATE_LIMITED)
    if isinstance(exc, GarminConnectAuthenticationError):
        return CredentialsError(
            "Garmin Connect did not accept the sign-in (wrong email, password or MFA code?)",
            hint="run `hipcoach auth garmin` again",
        )
    if isinstance(exc, GarminConnectConnectionError):
        # Every strategy failed; when the last one was refused with a 429, say so.
        if "429" in str(exc):
            return RateLimited(RATE_LIMITED)
        return TemporaryError("could not sign in to Garmin Connect (details with -vv)")
    return None


def sign_in(email: str, password: str, prompt_mfa: Callable[[], str]) -> str:
    """Sign in once and return garminconnect's token JSON (its tokens are registered)."""
    from garminconnect.client import Client

    client: Any = Client()
    try:
        client.login(email, password, prompt_mfa=prompt_mfa)
    except Exception as exc:
        mapped = login_error(exc)
        if mapped is None:
            raise
        raise mapped from exc
    if not client.di_token:
        # The JWT_WEB cookie fallback cannot be saved for cron.
        raise ServiceError("Garmin Connect signed you in but issued no API token; try again later")
    tokens: str = client.dumps()
    return tokens


def _prompt_mfa(app: Any) -> Callable[[], str]:
    def ask() -> str:
        code: str = app.ask(
            "Garmin Connect MFA code (sent by email or text)",
            what="Garmin Connect MFA code",
            instead="run `hipcoach auth garmin` in a terminal to type the code Garmin sent",
        )
        return code.strip()

    return ask


@click.command("garmin")
@click.option("--email", help="Your Garmin Connect email (prompted for when missing).")
@click.pass_obj
def command(app: Any, email: str | None) -> None:
    """Sign in to Garmin Connect once; the tokens are saved (0600) for the nightly sync.

    The password comes from GARMIN_PASSWORD or a hidden prompt and is never stored. Tokens go
    to GARMINTOKENS when set, else [garmin] tokenstore, else the home's tokens/garmin.
    """
    # Here, not at the top: `hipcoach auth --help` imports this module just to list it.
    from hipcoach_garmin.tokens import is_own_store, prepare_store, save_tokens, token_file

    context = app.plugin_context()
    path = token_file(context)
    email = email or app.ask("Garmin Connect email", instead="give it with --email")
    password = context.env.get(PASSWORD_ENV) or app.ask(
        "Garmin Connect password",
        hide_input=True,
        instead=f"set {PASSWORD_ENV}, or pipe the password on stdin",
    )
    redact.register(password)
    tokens = sign_in(email, password, _prompt_mfa(app))
    prepare_store(context, path)
    save_tokens(path, tokens, own_store=is_own_store(context, path))
    app.out(f"Signed in to Garmin Connect; tokens saved to {path}")
