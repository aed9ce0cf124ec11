"""The intervals.icu API key and athlete id: where they come from, and the file that keeps them.

``hipcoach auth intervals`` writes ``<home>/tokens/intervals/credentials.json`` (0600, in
0700 directories, atomically, never through a symbolic link). Headless set-ups may instead
give ``INTERVALS_API_KEY`` (and ``INTERVALS_ATHLETE_ID``): the environment wins over the file,
field by field, as ``GARMINTOKENS`` does (the key never rotates, so a variable cannot go
stale behind hipcoach's back). The athlete id comes from ``INTERVALS_ATHLETE_ID``, else
``[intervals] athlete_id``, else the file, else ``0``: "the athlete the key belongs to"
(``reference/intervals.md``, Base URL and authentication).

Every key read or written is registered for redaction at once, with the HTTP Basic header
value it becomes (``base64("API_KEY:<key>")``), which carries the key too.
"""

from __future__ import annotations

import base64
import errno
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from hipcoach import redact
from hipcoach.config import INTERVALS_ATHLETE_ID
from hipcoach.errors import CannotWrite, CredentialsError, UsageError
from hipcoach.home import cannot_write, make_private_dir, read_regular_file, write_private
from hipcoach.plugins.values import PluginContext

KEY_ENV = "INTERVALS_API_KEY"
ATHLETE_ENV = "INTERVALS_ATHLETE_ID"
TOKEN_DIR = "intervals"
TOKEN_FILE = "credentials.json"
AUTH_HINT = "run `hipcoach auth intervals`"
#: the athlete id that means "whoever the key belongs to"
KEY_OWNER = "0"
#: the Basic-auth user name intervals.icu expects with a personal key
BASIC_USER = "API_KEY"
#: intervals.icu's keys are letters and digits; this allows more, and no blanks
_KEY = re.compile(r"^[A-Za-z0-9._~+/=-]{8,256}$")
_ATHLETE = re.compile(INTERVALS_ATHLETE_ID)


@dataclass(frozen=True)
class Credentials:
    """An intervals.icu personal API key and the athlete whose calendar hipcoach uses."""

    api_key: str = field(repr=False)
    #: ``i12345`` (or digits), or ``0``: the key's owner
    athlete_id: str = KEY_OWNER

    def __post_init__(self) -> None:
        register_key(self.api_key)

    def to_json(self) -> str:
        """The token file's content."""
        return json.dumps({"api_key": self.api_key, "athlete_id": self.athlete_id}, indent=2) + "\n"


def basic_header(api_key: str) -> str:
    """The ``Authorization`` value for a personal key: Basic, user ``API_KEY``."""
    token = base64.b64encode(f"{BASIC_USER}:{api_key}".encode()).decode("ascii")
    return f"Basic {token}"


def register_key(api_key: str) -> None:
    """Mask the key, and the Basic header that carries it, wherever they would be shown."""
    redact.register(api_key, basic_header(api_key).removeprefix("Basic "))


def check_key(text: str, origin: str) -> str:
    """A key as typed or given (surrounding blanks dropped); UsageError naming ``origin``
    otherwise. The value itself is never echoed: it may be a secret pasted in the wrong
    place."""
    key = text.strip()
    if not _KEY.fullmatch(key):
        raise UsageError(
            f"{origin} is not an intervals.icu API key (letters and digits, no blanks)",
            hint="copy it from intervals.icu → Settings → Developer Settings → API key",
        )
    register_key(key)
    return key


def check_athlete_id(text: str, origin: str) -> str:
    """An athlete id (``i12345``, digits, or ``0``); UsageError naming ``origin`` otherwise."""
    athlete = text.strip()
    if not _ATHLETE.fullmatch(athlete):
        raise UsageError(
            f"{origin} {athlete[:20]!r} is not an intervals.icu athlete id",
            hint="use the id in your intervals.icu settings (such as i12345), or 0 for the "
            "key's owner",
        )
    return athlete


def token_dir(context: PluginContext) -> Path:
    """``<home>/tokens/intervals``."""
    return context.home.tokens_dir / TOKEN_DIR


def token_path(context: PluginContext) -> Path:
    """Where ``hipcoach auth intervals`` keeps the key."""
    return token_dir(context) / TOKEN_FILE


def resolve(context: PluginContext) -> Credentials | None:
    """The credentials this context uses, or None when intervals.icu is not set up.

    CredentialsError for a key file that exists but cannot be used (or a link in its place).
    """
    saved = load(token_path(context))
    env_key = context.env.get(KEY_ENV, "").strip()
    if env_key:
        key = _env_key(env_key)
    elif saved is not None:
        key = saved.api_key
    else:
        return None
    return Credentials(key, _athlete(context, saved))


def _env_key(value: str) -> str:
    try:
        return check_key(value, KEY_ENV)
    except UsageError as exc:
        raise CredentialsError(exc.message, hint=exc.hint) from None


def _athlete(context: PluginContext, saved: Credentials | None) -> str:
    env_athlete = context.env.get(ATHLETE_ENV, "").strip()
    if env_athlete:
        try:
            return check_athlete_id(env_athlete, ATHLETE_ENV)
        except UsageError as exc:
            raise CredentialsError(exc.message, hint=exc.hint) from None
    if context.config.intervals.athlete_id:
        return context.config.intervals.athlete_id
    return saved.athlete_id if saved is not None else KEY_OWNER


def load(path: Path) -> Credentials | None:
    """The saved credentials, or None without a file. Never read through a link."""
    try:
        raw = read_regular_file(path, follow_links=False)
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise CredentialsError(
                f"{path} is a symbolic link; hipcoach does not follow links for its own files",
                hint=f"remove the link, then {AUTH_HINT}",
            ) from None
        raise CredentialsError(f"{path}: cannot read: {exc.strerror}", hint=AUTH_HINT) from None
    try:
        data = json.loads(raw.decode("utf-8-sig"))
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
        key = check_key(str(data.get("api_key") or ""), "the saved key")
        athlete = check_athlete_id(str(data.get("athlete_id") or KEY_OWNER), "the saved athlete")
    except (UnicodeDecodeError, ValueError, UsageError):
        raise CredentialsError(
            f"{path} is not a usable intervals.icu key file", hint=AUTH_HINT
        ) from None
    return Credentials(key, athlete)


def save(context: PluginContext, credentials: Credentials) -> Path:
    """Write the key file atomically (0600, ``tokens/`` and ``tokens/intervals`` 0700);
    CannotWrite when one of them is a symbolic link or cannot be written."""
    path = token_path(context)
    context.home.ensure()
    for own in (context.home.tokens_dir, path.parent, path):
        if own.is_symlink():
            raise CannotWrite(
                f"{own} is a symbolic link; hipcoach does not follow links for its own files",
                hint="remove the link; hipcoach makes its own",
            )
    make_private_dir(context.home.tokens_dir, tighten=True)
    try:
        write_private(path, credentials.to_json())
    except OSError as exc:
        raise cannot_write(exc, path) from None
    return path
