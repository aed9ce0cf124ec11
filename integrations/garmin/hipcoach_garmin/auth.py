"""``hipcoach auth garmin``: one sign-in; the tokens are saved for cron.

The sign-in is garminconnect's own (``Client.login``: email, password, an MFA prompt when
Garmin asks). Without a terminal (a script, ssh without a tty, cron) or with ``--no-prompt``
nothing is asked: a sign-in that needs an MFA code stops there, its state is kept
(:mod:`hipcoach_garmin.mfa`), and ``--mfa-code CODE`` finishes it in another process
(``Client.resume_login``). ``Garmin.login()`` is not used, because it would quietly reuse
whatever token store ``GARMINTOKENS`` names instead of signing in. hipcoach never repeats a
sign-in that ended in a 429: Garmin's block lasts hours and every new attempt extends it
(``reference/garmin.md`` §6). garminconnect itself tries its few sign-in strategies in turn
within the one attempt; that is the library's behaviour and cannot be narrowed without
re-implementing its SSO flow.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import click

from hipcoach import redact
from hipcoach.errors import (
    CredentialsError,
    HipcoachError,
    RateLimited,
    ServiceError,
    TemporaryError,
    UsageError,
)

if TYPE_CHECKING:
    from hipcoach.plugins.values import PluginContext

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
    client = _client()
    with _login_errors():
        client.login(email, password, prompt_mfa=prompt_mfa)
    return _tokens(client)


def start_sign_in(email: str, password: str) -> tuple[str | None, Any]:
    """Sign in without asking anything: ``(tokens, None)`` when Garmin asks for no code, else
    ``(None, client_state)``, the sign-in waiting for its MFA code (:func:`finish_sign_in`)."""
    client = _client()
    with _login_errors():
        status, client_state = client.login(email, password, return_on_mfa=True)
    if status == "needs_mfa":
        return None, client_state
    return _tokens(client), None


def finish_sign_in(client_state: Any, code: str) -> str:
    """Finish a sign-in that stopped at Garmin's MFA request (any process); its tokens."""
    client = _client()
    with _login_errors():
        client.resume_login(client_state, code)
    return _tokens(client)


def _client() -> Any:
    from garminconnect.client import Client

    return Client()


def _tokens(client: Any) -> str:
    if not client.di_token:
        # The JWT_WEB cookie fallback cannot be saved for cron.
        raise ServiceError("Garmin Connect signed you in but issued no API token; try again later")
    tokens: str = client.dumps()
    return tokens


@contextmanager
def _login_errors() -> Iterator[None]:
    try:
        yield
    except HipcoachError:
        raise
    except Exception as exc:
        mapped = login_error(exc)
        if mapped is None:
            raise
        raise mapped from exc


def _prompt_mfa(app: Any) -> Callable[[], str]:
    def ask() -> str:
        code: str = app.ask(
            "Garmin Connect MFA code (sent by email or text)",
            what="Garmin Connect MFA code",
            instead="run `hipcoach auth garmin --mfa-code CODE` with the code Garmin sent",
        )
        return code.strip()

    return ask


@click.command("garmin")
@click.option("--email", help="Your Garmin Connect email (prompted for on a terminal).")
@click.option(
    "--no-prompt",
    is_flag=True,
    help="Do not wait for the MFA code: stop at Garmin's MFA request and keep the sign-in "
    "for --mfa-code (what happens anyway without a terminal: a script, cron, ssh without a "
    "tty).",
)
@click.option(
    "--mfa-code",
    metavar="CODE",
    help="Finish the sign-in that stopped at Garmin's MFA request (within a day).",
)
@click.pass_obj
def command(app: Any, email: str | None, no_prompt: bool, mfa_code: str | None) -> None:
    """Sign in to Garmin Connect once; the tokens are saved (0600) for the nightly sync.

    The password comes from GARMIN_PASSWORD, a hidden prompt, or (without a terminal) one
    line of stdin, and is never stored. Without a terminal, or with --no-prompt, a sign-in
    that needs an MFA code stops there and keeps its state (0600, for a day): run
    `hipcoach auth garmin --mfa-code CODE` to finish it. Tokens go to GARMINTOKENS when
    set, else [garmin] tokenstore, else the home's tokens/garmin.
    """
    # Here, not at the top: `hipcoach auth --help` imports this module just to list it.
    from hipcoach_garmin import mfa
    from hipcoach_garmin.tokens import is_own_store, prepare_store, save_tokens, token_file

    context = app.plugin_context()
    path = token_file(context)
    mfa.discard_stale(context)
    if mfa_code is not None:
        if email is not None:
            raise UsageError("--mfa-code finishes the sign-in already started; give no --email")
        if not mfa_code.strip():
            raise UsageError("--mfa-code needs the code Garmin sent (by email or text)")
        tokens = _finish(context, mfa_code)
    else:
        if email is not None and not email.strip():
            raise UsageError("--email is empty", hint="give your Garmin Connect email")
        email = email or app.ask("Garmin Connect email", instead="give it with --email")
        password = context.env.get(PASSWORD_ENV) or app.ask(
            "Garmin Connect password",
            hide_input=True,
            instead=f"set {PASSWORD_ENV}, or pipe the password on stdin",
        )
        redact.register(password)
        if context.interactive and not no_prompt:
            tokens = sign_in(email, password, _prompt_mfa(app))
        else:
            found, client_state = start_sign_in(email, password)
            if found is None:
                kept = mfa.keep(context, client_state)
                app.out(
                    f"Garmin Connect sent you an MFA code (by email or text); the sign-in "
                    f"waits for it (for a day, in {kept}). Finish it with: "
                    "hipcoach auth garmin --mfa-code CODE"
                )
                return
            tokens = found
    prepare_store(context, path)
    save_tokens(path, tokens, own_store=is_own_store(context, path))
    mfa.forget(context)  # signed in: a sign-in left waiting for a code is of no use now
    app.out(f"Signed in to Garmin Connect; tokens saved to {path}")


def _finish(context: PluginContext, code: str) -> str:
    """The tokens of the pending sign-in finished with ``code``. It is kept after a code
    Garmin refused (a corrected one may follow), removed when Garmin says it is no longer
    valid."""
    from hipcoach_garmin import mfa

    client_state = mfa.load(context)
    try:
        tokens = finish_sign_in(client_state, code.strip())
    except CredentialsError as exc:
        if "client_state" in str(exc.__cause__ or ""):
            mfa.forget(context)
            raise CredentialsError(
                "the pending Garmin sign-in can no longer be finished; it was removed",
                hint=mfa.START_AGAIN,
            ) from None
        raise CredentialsError(
            "Garmin Connect did not accept the MFA code",
            hint="check it and run `hipcoach auth garmin --mfa-code CODE` again, or start "
            "over with `hipcoach auth garmin`",
        ) from None
    return tokens  # the pending sign-in is removed once the tokens are saved
