"""``config.toml``: validated by pydantic, unknown keys rejected, errors that name the key.

Every section is optional; a missing file means all defaults (zero-config headless use),
with sources and targets supplied by the environment.
"""

from __future__ import annotations

import os
import re
import tomllib
from datetime import date, timedelta, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)

from hipcoach.errors import ConfigError
from hipcoach.programme.vocabulary import Equipment, Level
from hipcoach.timeutil import in_range, system_zone, zone

if TYPE_CHECKING:
    from hipcoach.programme.levels import ProgrammeSettings

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def parse_weekday(value: Any) -> int:
    """'sunday', 'Sun' → 6 (Monday = 0, like ``date.weekday()``)."""
    if isinstance(value, str):
        text = value.strip().lower()
        for number, name in enumerate(WEEKDAYS):
            if len(text) >= 3 and name.startswith(text):
                return number
    raise ValueError(f"expected a weekday name such as 'sunday', got {value!r}")


Weekday = Annotated[int, BeforeValidator(parse_weekday)]


def not_a_boolean(value: Any) -> Any:
    """TOML's ``true`` is no number: pydantic would take it for 1 (and blame another key)."""
    if isinstance(value, bool):
        raise ValueError(f"expected a whole number, got {str(value).lower()}")
    return value


#: a whole number, never a boolean (a quoted number such as "3" still reads as before)
Whole = Annotated[int, BeforeValidator(not_a_boolean)]

REMINDER_FORMS = "'HH:MM the day before', 'HH:MM on the day' or 'off'"
_REMINDER = re.compile(r"(\d{1,2}):(\d{2}) (the day before|on the day)")


def parse_reminder(value: Any) -> str:
    """'19:00 the day before', '7:30 on the day', 'off' (or false) → the canonical text."""
    if value is False:
        return "off"
    if isinstance(value, str):
        text = " ".join(value.strip().lower().split())
        if text == "off":
            return text
        found = _REMINDER.fullmatch(text)
        if found and int(found[1]) < 24 and int(found[2]) < 60:
            return f"{int(found[1]):02d}:{found[2]} {found[3]}"
    raise ValueError(f"expected {REMINDER_FORMS}, got {value!r}")


def reminder_offset(text: str) -> timedelta | None:
    """A canonical reminder as the offset from the session day's start (local midnight);
    None for 'off'."""
    if text == "off":
        return None
    hours, minutes = int(text[:2]), int(text[3:5])
    before = 1 if text.endswith("the day before") else 0
    return timedelta(days=-before, hours=hours, minutes=minutes)


Reminder = Annotated[str, BeforeValidator(parse_reminder)]


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class AthleteConfig(_Section):
    """``[athlete]``: who is training, and when they cannot. Numbers are whole numbers, never
    ``true`` (TOML's booleans would otherwise pass as 1)."""

    timezone: str | None = None
    level: Level = "standard"
    # At most 3: the trials' dose (evidence.md §3), and what never-two-days-in-a-row leaves
    # around a long run; a week asking for more could never be completed.
    sessions_per_week: Whole = Field(default=3, ge=1, le=3)
    min_sessions_per_week: Whole = Field(default=2, ge=1, le=3)
    block_weeks: Whole = Field(default=8, ge=4, le=12)
    start_date: date | None = None
    long_run_day: Weekday | None = None
    blocked_weekdays: list[Weekday] = Field(default_factory=list)
    blocked_dates: list[date] = Field(default_factory=list)
    races: list[date] = Field(default_factory=list)
    horizon_days: Whole = Field(default=14, ge=1, le=60)
    equipment: list[Equipment] = Field(
        default_factory=list, description="What you have: band, ankle_weight, step, dumbbell."
    )
    max_session_minutes: Whole = Field(
        default=30, ge=20, le=90, description="Every session fits this, warm-up included."
    )
    reminder: Reminder = Field(
        default="19:00 the day before",
        description="When the calendar (ICS) reminds you of a session, or 'off'.",
    )

    def reminder_offset(self) -> timedelta | None:
        """The ICS reminder from the session day's start; None when it is off."""
        return reminder_offset(self.reminder)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str | None) -> str | None:
        if value is not None:
            zone(value)
        return value

    @field_validator("start_date", "blocked_dates", "races")
    @classmethod
    def _dates_in_range(cls, value: date | list[date] | None) -> date | list[date] | None:
        for day in value if isinstance(value, list) else [value]:
            if day is not None:
                in_range(day)
        return value

    @model_validator(mode="after")
    def _range(self) -> AthleteConfig:
        if self.min_sessions_per_week > self.sessions_per_week:
            if "min_sessions_per_week" not in self.model_fields_set:
                # the default minimum (2) follows a smaller week: `sessions_per_week = 1` alone
                return self.model_copy(update={"min_sessions_per_week": self.sessions_per_week})
            raise ValueError(
                "min_sessions_per_week must not exceed sessions_per_week (lower it, or raise "
                "sessions_per_week)"
            )
        return self


class StravaConfig(_Section):
    """``[strava]``: your Strava API application (env ``STRAVA_CLIENT_*`` also works)."""

    client_id: Whole | None = Field(default=None, ge=1, le=2**63 - 1)
    client_secret: SecretStr | None = None


class GarminConfig(_Section):
    """``[garmin]``: where garminconnect's token store lives (env ``GARMINTOKENS`` also works)."""

    tokenstore: Path | None = None


#: an intervals.icu athlete id: ``i12345`` (as in the web app's URLs), digits, or ``0`` (the
#: owner of the API key)
INTERVALS_ATHLETE_ID = r"^(0|i?[1-9][0-9]{0,11})$"


class IntervalsConfig(_Section):
    """``[intervals]``: which intervals.icu athlete (env ``INTERVALS_ATHLETE_ID`` also works;
    the API key itself is never in this file: ``hipcoach auth intervals`` keeps it)."""

    athlete_id: str | None = None

    @field_validator("athlete_id", mode="before")
    @classmethod
    def _digits_as_text(cls, value: object) -> object:
        # `athlete_id = 12345` (a TOML number) names the same athlete as "12345"
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        return value

    @field_validator("athlete_id")
    @classmethod
    def _an_athlete_id(cls, value: str | None) -> str | None:
        # the value is never echoed: it may be the API key, pasted in the wrong place
        if value is not None and not re.fullmatch(INTERVALS_ATHLETE_ID, value):
            raise ValueError(
                "not an intervals.icu athlete id: use the id in your intervals.icu settings "
                "(such as i12345), or 0 for the key's owner"
            )
        return value


class IntegrationsConfig(_Section):
    """``[integrations]``: which installed plugins to use. Unset: the preferred source and
    the first target that are set up, and every completion source and running plan that is."""

    source: str | None = None
    target: str | None = None
    #: the one plugin completed sessions are read from; unset = every one set up
    completions: str | None = None
    #: the one plugin whose running plan is followed; unset = every one set up
    plan: str | None = None


class Config(_Section):
    """The whole ``config.toml``."""

    athlete: AthleteConfig = Field(default_factory=AthleteConfig)
    strava: StravaConfig = Field(default_factory=StravaConfig)
    garmin: GarminConfig = Field(default_factory=GarminConfig)
    intervals: IntervalsConfig = Field(default_factory=IntervalsConfig)
    integrations: IntegrationsConfig = Field(default_factory=IntegrationsConfig)
    plugins: dict[str, dict[str, Any]] = Field(
        default_factory=dict, description="Free-form tables for third-party plugins."
    )

    def tz(self) -> tzinfo:
        """The athlete's zone: ``[athlete] timezone``, else the system's."""
        if self.athlete.timezone:
            return zone(self.athlete.timezone)
        return system_zone()

    def programme_settings(self, **overrides: Any) -> ProgrammeSettings:
        """The programme settings, with command-line overrides (None = keep config)."""
        from hipcoach.programme.levels import ProgrammeSettings

        athlete = self.athlete
        values: dict[str, Any] = {
            "level": athlete.level,
            "sessions_per_week": athlete.sessions_per_week,
            "min_sessions_per_week": athlete.min_sessions_per_week,
            "block_weeks": athlete.block_weeks,
            "equipment": frozenset(athlete.equipment),
            "max_session_minutes": athlete.max_session_minutes,
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        values["min_sessions_per_week"] = min(
            values["min_sessions_per_week"], values["sessions_per_week"]
        )
        return ProgrammeSettings(**values)


def load_config(path: Path) -> Config:
    """Read and validate ``path``; a missing file gives the defaults."""
    from hipcoach.home import read_regular_file

    try:
        raw_bytes = read_regular_file(path)
    except FileNotFoundError:
        if path.is_symlink():  # a link to a file that is gone: never silently the defaults
            raise ConfigError(
                f"{path} is a link to {os.readlink(path)}, which does not exist",
                hint="point the link at your config file, or remove it",
            ) from None
        return Config()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from None
    try:
        text = raw_bytes.decode("utf-8-sig")  # a byte-order mark from Windows editors is fine
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text (byte {exc.start}); save it as UTF-8") from None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    except RecursionError:
        raise ConfigError(f"{path}: nested too deeply to be a hipcoach config") from None
    except ValueError as exc:  # tomllib's own limits, e.g. an integer of thousands of digits
        raise ConfigError(f"{path}: not a usable TOML file: {exc}") from None
    try:
        config = Config.model_validate(raw)
    except ValidationError as exc:
        raise ConfigError(describe_validation_error(path, exc)) from None
    return _anchor_paths(config, path.parent)


def _anchor_paths(config: Config, base: Path) -> Config:
    """Relative paths in the file are relative to the file, not to wherever cron starts."""
    store = config.garmin.tokenstore
    if store is None:
        return config
    from hipcoach.home import expand_user

    store = expand_user(store, f"{base / 'config.toml'}: garmin.tokenstore")
    if not store.is_absolute():
        store = base / store
    garmin = config.garmin.model_copy(update={"tokenstore": store})
    return config.model_copy(update={"garmin": garmin})


_SECRET_WORDS = re.compile(r"(?i)secret|password|token")


def describe_validation_error(path: Path, exc: ValidationError) -> str:
    """One line naming the file, the first bad key and what is allowed."""
    error = exc.errors()[0]
    loc = [str(part) for part in error["loc"]]
    key = ".".join(loc) or "(top level)"
    if error["type"] == "extra_forbidden":
        section_model = _model_at(loc[:-1])
        allowed = ", ".join(section_model.model_fields) if section_model else "none"
        where = f"[{'.'.join(loc[:-1])}]" if loc[:-1] else "the top level"
        return f"{path}: unknown key {key!r}; allowed in {where}: {allowed}"
    message = error["msg"].removeprefix("Value error, ")
    if error["type"].startswith("date_"):  # pydantic's words ("invalid character in year")
        detail = message.rpartition(", ")[2]
        message = f"expected a date such as 2027-04-11 (YYYY-MM-DD): {detail}"
    if _SECRET_WORDS.search(key):
        # "client_secret: <text>" reads as a secret to the redaction, which would mask the text
        return f"{path}: {key} is not usable: {message}"
    return f"{path}: {key}: {message}"


def _model_at(loc: list[str]) -> type[BaseModel] | None:
    model: type[BaseModel] = Config
    for part in loc:
        field = model.model_fields.get(part)
        annotation = field.annotation if field else None
        if not (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
            return None
        model = annotation
    return model
