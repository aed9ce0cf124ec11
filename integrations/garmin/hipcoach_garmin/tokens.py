"""Where garminconnect's token file lives, and writing it privately.

The store is ``GARMINTOKENS``, else ``[garmin] tokenstore`` in config.toml, else the home's
``tokens/garmin``. Like garminconnect, a store that is a directory (or any path not ending in
``.json``) holds ``garmin_tokens.json``. The file is written atomically, 0600 in a 0700
directory, and every token in it is registered for redaction.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from hipcoach import redact
from hipcoach.errors import ConfigError
from hipcoach.home import expand_user, make_private_dir, write_private
from hipcoach.plugins.values import PluginContext

TOKENS_ENV = "GARMINTOKENS"
TOKEN_FILE = "garmin_tokens.json"
TOKEN_KEYS = ("di_token", "di_refresh_token")

log = logging.getLogger(__name__)


def token_file(context: PluginContext) -> Path:
    """The token file this context uses (it may not exist yet).

    ``GARMINTOKENS`` must name a path here: garminconnect also accepts the token JSON itself
    in that variable, but hipcoach has to write rotated tokens back to a file.
    """
    raw = context.env.get(TOKENS_ENV) or context.config.garmin.tokenstore
    if raw is not None and str(raw).lstrip().startswith("{"):
        raise ConfigError(
            f"{TOKENS_ENV} holds token JSON; hipcoach needs a path to a token store",
            hint=f"save the JSON to a file (mode 0600) and point {TOKENS_ENV} at it",
        )
    default = context.home.tokens_dir / "garmin"
    store = expand_user(raw, "the Garmin token store") if raw else default
    try:
        if store.is_dir() or store.suffix != ".json":
            return store / TOKEN_FILE
    except OSError as exc:
        raise ConfigError(
            f"unusable Garmin token store {str(store)[:80]!r}: {exc.strerror}"
        ) from None
    return store


def register_tokens(text: str) -> None:
    """Mask the tokens in a token file's text from now on (unparsable text is masked whole)."""
    try:
        data = json.loads(text)
    except ValueError:
        redact.register(text)
        return
    if isinstance(data, dict):
        redact.register(*(data.get(key) for key in TOKEN_KEYS))


def prepare_store(context: PluginContext, path: Path) -> None:
    """Create the home's private directories when the token file lives under them."""
    tokens_dir = context.home.tokens_dir
    if path.is_relative_to(tokens_dir):
        # write_private makes only the file's own directory 0700: tokens/ must be too.
        context.home.ensure()
        make_private_dir(tokens_dir)


def is_own_store(context: PluginContext, path: Path) -> bool:
    """Whether the token file lives in hipcoach's own ``tokens/`` (which it keeps 0700)."""
    return path.is_relative_to(context.home.tokens_dir)


def save_tokens(path: Path, text: str, *, own_store: bool = True) -> None:
    """Write the token file atomically (0600); mask its tokens. A directory the user named
    (a ``GARMINTOKENS`` store) keeps its permissions; only the file is made private."""
    register_tokens(text)
    try:
        write_private(path, text, own_directory=own_store or not path.parent.exists())
    except OSError as exc:
        raise ConfigError(
            f"cannot save the Garmin tokens to {path}: {exc.strerror}",
            hint="make the token store writable; the next sign-in may otherwise be needed",
        ) from None
    log.debug("Garmin tokens written to %s", path)
