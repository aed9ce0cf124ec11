"""The hipcoach home: where config, state, tokens and logs live, and private file writes."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from hipcoach.errors import CannotWrite, ConfigError, UsageError

APP_NAME = "hipcoach"
LOG_FILE = "hipcoach.log"
HOME_ENV = "HIPCOACH_HOME"
MOVE_ASIDE = "move it aside; hipcoach makes its own"


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

    @property
    def log_file(self) -> Path:
        return self.logs_dir / LOG_FILE

    def kept(self) -> dict[str, Path]:
        """What hipcoach keeps here, by name: the home, config, state, tokens and log."""
        return {
            "home": self.root,
            "config": self.config_file,
            "state": self.state_db,
            "tokens": self.tokens_dir,
            "log": self.log_file,
        }

    def guard_output(self, path: Path, option: str) -> Path:
        """``path`` for a file or folder the user asked hipcoach to write; UsageError when it
        is (or is inside) one of hipcoach's own: a report written over ``state.db`` would
        lose the check-ins, the adherence and which workouts are hipcoach's."""
        target = path.resolve()
        root = self.root.resolve()
        own_files = {self.config_file.name, self.state_db.name, "sync.lock"}
        own_files |= {f"{self.state_db.name}-wal", f"{self.state_db.name}-shm"}
        inside = [self.tokens_dir.resolve(), self.logs_dir.resolve()]
        if (target.parent == root and target.name in own_files) or any(
            target == d or d in target.parents for d in inside
        ):
            raise UsageError(
                f"{option} {path} would overwrite hipcoach's own files in {self.root}",
                hint=f"choose another {option}",
            )
        return path

    def ensure(self) -> Path:
        """Create the home (0700) if needed and return it."""
        make_private_dir(self.root)
        return self.root


def expand_user(path: str | os.PathLike[str], what: str) -> Path:
    """``path`` with a leading ``~`` or ``~user`` expanded; ConfigError when it cannot be."""
    try:
        return Path(path).expanduser()
    except RuntimeError:  # ~someone who is no user here, or no home directory at all
        raise ConfigError(
            f"{what} {str(path)!r} starts with a ~ that names no home directory here",
            hint="give the full path",
        ) from None


def resolve_home(option: str | os.PathLike[str] | None, env: Mapping[str, str]) -> Home:
    """``--home``, else ``HIPCOACH_HOME``, else the platform's user config directory.

    A home that is a file, or a folder hipcoach may not enter, is CannotWrite (73) naming
    where it came from (``HIPCOACH_HOME`` when the option was not typed), checked here once.
    """
    if option:
        # click reads HIPCOACH_HOME into --home: name the one the runner actually set.
        named = HOME_ENV if env.get(HOME_ENV) == str(option) else "--home"
        return _usable(Home(expand_user(option, f"the home ({named})")), named)
    if env.get(HOME_ENV):
        return _usable(Home(expand_user(env[HOME_ENV], HOME_ENV)), HOME_ENV)
    from platformdirs import user_config_dir

    return Home(Path(user_config_dir(APP_NAME, appauthor=False)))


def _usable(home: Home, named: str) -> Home:
    root = home.root
    try:
        mode = root.stat().st_mode
    except FileNotFoundError:
        return home  # made on first write
    except OSError as exc:
        raise CannotWrite(
            f"{named} {root}: cannot be read ({exc.strerror})",
            hint=f"point {named} at a folder of yours",
        ) from None
    if not stat.S_ISDIR(mode):
        raise CannotWrite(
            f"{named} {root} is a file, not a folder", hint=f"point {named} at a folder"
        )
    if not os.access(root, os.R_OK | os.X_OK):
        raise CannotWrite(
            f"{named} {root}: permission denied (cannot open the folder)",
            hint=f"make it readable, or point {named} at a folder of yours",
        )
    return home


def make_private_dir(path: Path, *, tighten: bool = False) -> None:
    """Create ``path`` and any missing parents, each 0700.

    A directory that already exists keeps its mode (an existing ``--home`` is the runner's:
    hipcoach makes private only what it creates), unless ``tighten`` asks for hipcoach's own
    secret directory (``tokens/``) to be made 0700; a symbolic link is never chmodded.
    Raises :class:`CannotWrite` naming the directory that cannot be created.
    """
    missing = []
    ancestor = path
    while not ancestor.exists() and not ancestor.is_symlink():
        missing.append(ancestor)
        ancestor = ancestor.parent
    try:
        for directory in reversed(missing):
            try:
                directory.mkdir(mode=0o700)
            except FileExistsError:
                continue  # made meanwhile by another process: theirs to keep
            directory.chmod(0o700)  # the umask may have taken bits away; never added any
        if not path.is_dir():
            raise CannotWrite(f"{path} is not a directory", hint=MOVE_ASIDE)
        if tighten and not path.is_symlink() and path.stat().st_mode & 0o077:
            path.chmod(0o700)
    except OSError as exc:
        raise cannot_write(exc, path) from None


def read_regular_file(path: Path, *, follow_links: bool = True) -> bytes:
    """The bytes of the file at ``path``, refused at once (OSError, ``strerror`` saying why)
    when it is not a regular file: a FIFO would block every command, a cron job for ever,
    and a device may never end. Without ``follow_links``, a symbolic link in the file's place
    is refused too (OSError ``ELOOP``): a secret hipcoach keeps is never read through one."""
    no_follow = 0 if follow_links else os.O_NOFOLLOW
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | no_follow)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            kind = "a folder" if stat.S_ISDIR(mode) else "not a regular file (a pipe or device)"
            raise OSError(errno.EINVAL, f"it is {kind}", str(path))
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read()
    finally:
        os.close(fd)


def open_own_file(path: Path, flags: int) -> int:
    """Open (creating it 0600) a file hipcoach keeps for itself, such as the sync lock or the
    log: never through a symbolic link, and never a file with other names (hard links),
    whose content hipcoach would otherwise overwrite. Returns the descriptor."""
    try:
        fd = os.open(path, flags | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise CannotWrite(
                f"{path} is a symbolic link; hipcoach does not follow links for its own files",
                hint=f"remove the link; {MOVE_ASIDE}",
            ) from None
        raise cannot_write(exc, path) from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode) or info.st_nlink != 1:
        os.close(fd)
        raise CannotWrite(
            f"{path} is not a plain file of hipcoach's own (a hard link or a device)",
            hint=MOVE_ASIDE,
        )
    return fd


@contextmanager
def writing(path: Path, *, hint: str | None = None) -> Iterator[None]:
    """Writing files under ``path``: an OS refusal (read-only, no permission, disk full)
    becomes CannotWrite (exit 73) naming the file, instead of a crash; a refusal without a
    hint of its own gets ``hint`` (which option to change)."""
    try:
        yield
    except CannotWrite as exc:
        if exc.hint is None and hint:
            exc.hint = hint
        raise
    except OSError as exc:
        raise cannot_write(exc, path, hint=hint) from None


def cannot_write(exc: OSError, path: Path, *, hint: str | None = None) -> CannotWrite:
    """The one-line error for an OS refusal to create or write ``path`` (exit 73)."""
    where = exc.filename or path
    return CannotWrite(
        f"cannot write {where}: {exc.strerror or exc}",
        hint=hint or "make it writable, or choose another place with --home / HIPCOACH_HOME",
    )


def write_private(path: Path, data: str, *, own_directory: bool = True) -> None:
    """Atomically write ``data`` to ``path`` as a 0600 file (inside a 0700 directory when
    ``own_directory``: hipcoach's own ``tokens/``; a directory the user named is left as is).

    The temporary file is created 0600 from the start, so the secret is never readable by
    others, not even for a moment; ``os.replace`` makes the switch atomic.
    """
    if own_directory:
        make_private_dir(path.parent, tighten=True)
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


def write_output(path: Path, data: bytes) -> Path:
    """Write a file the runner asked for (an export, the report) atomically, through a
    temporary file and a rename, readable like any document (0644).

    Never over something that is not a plain file: a device, a pipe, a folder or a link would
    be replaced by the rename (as root, ``--out /dev/full`` would destroy the device) or would
    block the write. Every refusal is CannotWrite (exit 73) naming ``path``, never the
    temporary file.
    """
    try:
        found = path.lstat()
    except FileNotFoundError:
        found = None
    except NotADirectoryError:
        raise _output_refused(path, _THROUGH_A_FILE) from None
    except OSError as exc:
        raise _output_refused(path, exc.strerror or str(exc)) from None
    if found is not None and not stat.S_ISREG(found.st_mode):
        kind = "a link" if stat.S_ISLNK(found.st_mode) else "not a plain file"
        raise CannotWrite(
            f"cannot write {path}: it exists and is {kind}; hipcoach writes only plain files"
        )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise _output_refused(path, _THROUGH_A_FILE) from None
    except OSError as exc:
        raise _output_refused(path, exc.strerror or str(exc)) from None
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise _output_refused(path, exc.strerror or str(exc)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise _output_refused(path, exc.strerror or str(exc)) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


_THROUGH_A_FILE = "a part of its folder path is a file, not a folder"


def _output_refused(path: Path, reason: str) -> CannotWrite:
    # no hint here: the caller knows which option named the path (see :func:`writing`)
    return CannotWrite(f"cannot write {path}: {reason}")
