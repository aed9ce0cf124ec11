"""Click parameter types shared by the commands."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import click

from hipcoach.programme.vocabulary import LEVELS


class DateParam(click.ParamType):
    """A YYYY-MM-DD date."""

    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        from hipcoach.timeutil import parse_date

        try:
            return parse_date(str(value))
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


DATE = DateParam()
LEVEL = click.Choice(LEVELS)


def json_option(f: Callable[..., Any]) -> Callable[..., Any]:
    """``--json``: machine-readable output on stdout and nothing else there."""
    return click.option("--json", "as_json", is_flag=True, help="Print JSON on stdout.")(f)
