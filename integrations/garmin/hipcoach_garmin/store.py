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
from hipcoach.home import make_private_dir, write_private
from hipcoach.interfaces import PluginContext

TOKENS_ENV = "GARMINTOKENS"
TOKEN_FILE = "garmin_tokens.json"
TOKEN_KEYS = ("di_token", "di_refresh_token")

log = logging.getLogger(__name__)


def token_file(context: PluginContext) -> Path:
    """The token file this context uses (it may not exist yet)."""
    raw = context.env.get(TOKENS_ENV) or context.config.garmin.tokenstore
    store = Path(raw).expanduser() if raw else context.home.tokens_dir / "garmin"
    if store.is_dir() or store.suffix != ".json":
        return store / TOKEN_FILE
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


def save_tokens(path: Path, text: str) -> None:
    """Write the token file atomically (0600 in a 0700 directory); mask its tokens."""
    register_tokens(text)
    write_private(path, text)
    log.debug("Garmin tokens written to %s", path)
