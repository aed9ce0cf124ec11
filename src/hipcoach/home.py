"""The hipcoach home: where config, state, tokens and logs live, and private file writes."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "hipcoach"
HOME_ENV = "HIPCOACH_HOME"


@dataclass(frozen=True)
class Home:
    """Paths under the hipcoach home directory."""

    root: Path

    @property
    def config_file(self) -> Path:
        return self.root / "config.toml"

    @property
    def state_db(self) -> Path:
        return self.root / "state.db"

    @property
    def tokens_dir(self) -> Path:
        return self.root / "tokens"

    @property
    def logs_dir(self) -> Path:
        return self.root / "logs"

    def ensure(self) -> Path:
        """Create the home (0700) if needed and return it."""
        make_private_dir(self.root)
        return self.root


def resolve_home(option: str | os.PathLike[str] | None, env: Mapping[str, str]) -> Home:
    """``--home``, else ``HIPCOACH_HOME``, else the platform's user config directory."""
    if option:
        return Home(Path(option).expanduser())
    if env.get(HOME_ENV):
        return Home(Path(env[HOME_ENV]).expanduser())
    from platformdirs import user_config_dir

    return Home(Path(user_config_dir(APP_NAME, appauthor=False)))


def make_private_dir(path: Path) -> None:
    """Create ``path`` (and parents) and make the directory itself 0700."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if path.stat().st_mode & 0o077:
        path.chmod(0o700)


def write_private(path: Path, data: str, *, own_directory: bool = True) -> None:
    """Atomically write ``data`` to ``path`` as a 0600 file (inside a 0700 directory when
    ``own_directory``: hipcoach's own ``tokens/``; a directory the user named is left as is).

    The temporary file is created 0600 from the start, so the secret is never readable by
    others, not even for a moment; ``os.replace`` makes the switch atomic.
    """
    if own_directory:
        make_private_dir(path.parent)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
