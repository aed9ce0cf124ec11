"""The one-time browser sign-in behind ``hipcoach auth strava``, that cron relies on afterwards.

By default a one-shot server on 127.0.0.1 receives Strava's redirect (Strava accepts
127.0.0.1 as the callback domain of any API application); ``--no-browser`` prints the link
and reads the pasted redirect URL or bare code instead, for machines without a browser.
"""

from __future__ import annotations

import logging
import secrets
import sys
import webbrowser
from typing import TYPE_CHECKING

import click

from hipcoach import redact
from hipcoach.errors import CredentialsError, UsageError
from hipcoach_strava.credentials import (
    SETTINGS_URL,
    AppCredentials,
    resolve_client_id,
    resolve_client_secret,
)
from hipcoach_strava.oauth import (
    PASTE_REDIRECT_URI,
    REQUESTED_SCOPES,
    CallbackServer,
    Grant,
    accept,
    parse_pasted,
)
from hipcoach_strava.tokens import TokenSet, load_tokens, save_tokens, token_path

if TYPE_CHECKING:
    from hipcoach.cli.app import App
    from hipcoach.plugins.values import PluginContext
    from hipcoach_strava.client import StravaApi

log = logging.getLogger(__name__)


def sign_in(app: App, *, no_browser: bool, timeout: int, port: int) -> None:
    """The sign-in behind ``hipcoach auth strava`` (see :mod:`hipcoach_strava.auth`)."""
    context = app.plugin_context()
    path = token_path(context.home)
    previous = _previous_tokens(context)
    creds, remember = _app_credentials(app, context, previous)

    from hipcoach_strava.client import StravaApi

    api = StravaApi(creds)
    state = secrets.token_urlsafe(24)
    if no_browser:
        grant = _paste_flow(app, api, creds, state)
    else:
        grant = _browser_flow(api, creds, state, timeout=timeout, port=port)
    if grant.scope is None:
        app.warn(
            "a bare code was pasted, so the granted permissions cannot be checked; paste the "
            "whole redirect URL to have 'View data about your private activities' verified"
        )
    access, refresh, expires_at = api.exchange_code(grant.code)
    tokens = TokenSet(
        refresh_token=refresh,
        access_token=access,
        expires_at=expires_at,
        scope=grant.scope,
        client_id=creds.client_id if remember else None,
        client_secret=creds.client_secret if remember else None,
    )
    save_tokens(path, tokens)
    app.out(f"Signed in to Strava; tokens saved to {path}")


def _previous_tokens(context: PluginContext) -> TokenSet | None:
    """The current token file, if readable: it may hold client credentials typed earlier."""
    try:
        return load_tokens(token_path(context.home))
    except CredentialsError as exc:
        log.warning("ignoring the old Strava token file, it will be replaced: %s", exc.message)
        return None


def _app_credentials(
    app: App, context: PluginContext, previous: TokenSet | None
) -> tuple[AppCredentials, bool]:
    """The application credentials, and whether to save them with the tokens.

    They are saved when the environment and config.toml do not supply both halves (typed
    now, or kept from an earlier sign-in), so cron works without any environment.
    """
    env, config = context.env, context.config
    external = (resolve_client_id(env, config, None), resolve_client_secret(env, config, None))
    client_id = resolve_client_id(env, config, previous)
    secret = resolve_client_secret(env, config, previous)
    listed = f"Your Strava API application is listed at {SETTINGS_URL}"
    if client_id is None:
        client_id = app.ask(
            "Strava Client ID",
            type=click.IntRange(min=1),
            instead="set STRAVA_CLIENT_ID",
            preamble=listed,
        )
        listed = ""
    if secret is None:
        secret = _prompt_secret(app, listed)
    return AppCredentials(client_id, secret), None in external


def _prompt_secret(app: App, preamble: str) -> str:
    secret = str(
        app.ask(
            "Strava Client Secret",
            hide_input=True,
            instead="set STRAVA_CLIENT_SECRET, or pipe it on stdin",
            preamble=preamble or None,
        )
    ).strip()
    redact.register(secret)
    if not secret:
        raise UsageError("the Strava Client Secret cannot be empty")
    return str(secret)


def _browser_flow(
    api: StravaApi, creds: AppCredentials, state: str, *, timeout: int, port: int
) -> Grant:
    with CallbackServer(state, port) as server:
        url = api.client.authorization_url(
            creds.client_id, server.redirect_uri, scope=REQUESTED_SCOPES, state=state
        )
        click.echo("Opening your browser to authorize hipcoach on Strava.", err=True)
        click.echo(f"If it does not open, visit:\n  {url}", err=True)
        if not webbrowser.open(url):
            if sys.stdin is None or not sys.stdin.isatty():  # nobody to open it: fail now
                raise UsageError(
                    "no browser could be started and nobody is at a terminal to open the link",
                    hint="run `hipcoach auth strava --no-browser` in a terminal, or set "
                    "STRAVA_CLIENT_ID, STRAVA_CLIENT_SECRET and STRAVA_REFRESH_TOKEN",
                )
            click.echo("No browser could be started: open the link above yourself.", err=True)
        click.echo(f"Waiting up to {timeout} s for Strava's answer…", err=True)
        return server.wait(timeout)


def _paste_flow(app: App, api: StravaApi, creds: AppCredentials, state: str) -> Grant:
    url = api.client.authorization_url(
        creds.client_id, PASTE_REDIRECT_URI, scope=REQUESTED_SCOPES, state=state
    )
    pasted = app.ask(
        "Paste the address (or just the code)",
        what="address Strava redirected to",
        instead="run `hipcoach auth strava --no-browser` in a terminal, or set "
        "STRAVA_CLIENT_ID, STRAVA_CLIENT_SECRET and STRAVA_REFRESH_TOKEN (no sign-in needed)",
        preamble="Open this link in any browser and approve. The browser then fails to load "
        f"{PASTE_REDIRECT_URI}…; that is expected: copy that page's address.\n  {url}",
    )
    return accept(parse_pasted(pasted), state)
