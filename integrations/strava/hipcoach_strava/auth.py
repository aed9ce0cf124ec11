"""``hipcoach auth strava``: the command; the sign-in itself is :mod:`hipcoach_strava.signin`.

``hipcoach auth --help`` imports every plugin's auth command just to list it, so this module
imports nothing but click: the OAuth callback server, the token files and stravalib load
when the command runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from hipcoach.cli.app import App


@click.command("strava")
@click.option(
    "--no-browser",
    is_flag=True,
    help="Print the sign-in link and paste the redirect URL (or code) back, "
    "instead of receiving it on 127.0.0.1.",
)
@click.option(
    "--timeout",
    type=click.IntRange(min=1),
    default=300,
    show_default=True,
    help="Seconds to wait for the browser's redirect.",
)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=0,
    help="Local port for the redirect (default: any free port).",
)
@click.pass_obj
def command(app: App, no_browser: bool, timeout: int, port: int) -> None:
    """Sign in to Strava (permission: read all activities) and save the tokens for cron.

    The API application's Client ID and Secret come from STRAVA_CLIENT_ID and
    STRAVA_CLIENT_SECRET, else [strava] in config.toml, else you are asked (and they are
    saved with the tokens). Its "Authorization Callback Domain" must be 127.0.0.1.
    """
    from hipcoach_strava.signin import sign_in

    sign_in(app, no_browser=no_browser, timeout=timeout, port=port)
