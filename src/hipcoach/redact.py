"""Keeping secrets out of output and logs.

Integrations register every token, secret or password they load or receive; the logging
filter (:class:`hipcoach.logs.RedactingFilter`) and the CLI's error reporter replace
registered values with ``***`` wherever they appear, at any verbosity.
"""

from __future__ import annotations

import re
from functools import cache

MASK = "***"
_MIN_SECRET_LENGTH = 6
_secrets: set[str] = set()


@cache
def _patterns() -> tuple[re.Pattern[str], ...]:
    """Bearer headers and token-looking JSON/form fields, in case a library logs a request.

    Compiled on first use, not at import: every command imports this module, ``--help`` too.
    """
    return (
        re.compile(r"(?i)(bearer\s+)[A-Za-z0-9._~+/=-]+"),
        re.compile(
            r"(?i)((?:access|refresh|di|id)_?token[\"']?\s*[:=]\s*[\"']?)[A-Za-z0-9._~+/=-]+"
        ),
        re.compile(r"(?i)((?:client_secret|password)[\"']?\s*[:=]\s*[\"']?)[^\s\"'&,}]+"),
    )


def register(*values: object) -> None:
    """Remember secrets so they are masked from now on (short or empty values are ignored)."""
    for value in values:
        if isinstance(value, str) and len(value) >= _MIN_SECRET_LENGTH:
            _secrets.add(value)


def redact(text: str) -> str:
    """``text`` with every registered secret and token-looking value masked."""
    for secret in sorted(_secrets, key=len, reverse=True):
        if secret in text:
            text = text.replace(secret, MASK)
    for pattern in _patterns():
        text = pattern.sub(lambda m: m.group(1) + MASK, text)
    return text
