"""A failed sync says its cause in one line at default verbosity (issue 17): the problem behind
the exit code, and how many more there are; every problem is in the log file, and on stderr
with -v. Before, one cause printed two to four lines (warnings, then the error)."""

from __future__ import annotations

import pytest

from hipcoach.errors import ExitCode


def stderr_lines(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [line for line in result.stderr.splitlines() if line.strip()]


@pytest.mark.parametrize(
    ("failure", "code"),
    [("500", ExitCode.TEMPFAIL), ("429", ExitCode.TEMPFAIL), ("connection", ExitCode.TEMPFAIL)],
)
def test_garmin_down_is_one_line(cli, home, services, failure, code) -> None:
    _, garmin, _ = services
    assert cli("sync").exit_code == 0
    garmin.fail_all, garmin.failure = True, failure
    garmin.new_night()
    result = cli("sync")
    assert result.exit_code == code, result.output
    [line] = stderr_lines(result)
    assert line.startswith("hipcoach: error: stopped:") and "Garmin Connect" in line
    logged = (home / "logs" / "hipcoach.log").read_text()
    if failure == "429":
        # After a 429 no further request goes to Garmin: every later read fails with that
        # one cause, said once.
        assert "more" not in line
        assert len(garmin.requests) == 1, garmin.requests
        return
    # The completed sessions and the running plan could not be read either.
    assert "2 more" in line
    assert "sync problem: completed sessions from garmin not updated" in logged
    assert "sync problem: the garmin running plan not updated" in logged


def test_a_failing_create_is_one_line_not_a_warning_and_a_summary(cli, services) -> None:
    _, garmin, _ = services
    garmin.fail_first = ("POST", "/workout-service/workout")  # the first create fails
    result = cli("sync")
    assert result.exit_code == ExitCode.TEMPFAIL, result.output
    [line] = stderr_lines(result)
    assert "create" in line and "HTTP 500" in line, line


def test_with_v_every_problem_is_shown(cli, services) -> None:
    _, garmin, _ = services
    assert cli("sync").exit_code == 0
    garmin.fail_all = True
    result = cli("-v", "sync")
    assert result.exit_code == ExitCode.TEMPFAIL
    problems = [line for line in stderr_lines(result) if "sync problem:" in line]
    assert len(problems) == 3, result.stderr  # the calendar, the completed sessions, the plan


def test_a_sync_that_worked_prints_no_warning(cli, services) -> None:
    result = cli("sync")
    assert result.exit_code == 0 and result.stderr.strip() == "", result.stderr
