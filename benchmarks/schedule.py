"""How long ``hipcoach schedule`` takes on a ten-year history (~5,000 activities).

Run: ``python benchmarks/schedule.py [runs]``. Prints the median wall time of the command, of
``hipcoach --help`` (start-up), the difference (the work), and an in-process breakdown.
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from startup import hipcoach_command, median_seconds  # benchmarks/ is on sys.path as a script

YEARS = 10


def ten_year_history(today: date) -> list[dict]:
    """Nine runs (doubles included) and an occasional ride a week for ten years."""
    rnd = random.Random(42)
    out = []
    day = today - timedelta(days=365 * YEARS)
    ident = 10_000_000_000
    while day < today:
        plan = [(0, 5), (1, 8), (1, 5), (2, 6), (3, 10), (3, 4), (4, 5), (5, 6), (6, 20)]
        for weekday, km in plan:  # weekday, km (Tuesday and Thursday doubles)
            if day.weekday() == weekday and rnd.random() < 0.97:
                ident += 1
                local = datetime(day.year, day.month, day.day, 7, rnd.randint(0, 59))
                moving = int(km * rnd.uniform(300, 360))
                out.append(
                    {
                        "id": ident,
                        "name": "Run",
                        "sport_type": "Run",
                        "type": "Run",
                        "distance": km * 1000 * rnd.uniform(0.9, 1.1),
                        "moving_time": moving,
                        "elapsed_time": moving + 60,
                        "workout_type": rnd.choice([None, 0, 2 if weekday == 6 else 3]),
                        "start_date": local.strftime("%Y-%m-%dT%H:%M:%SZ"),
                        "start_date_local": local.strftime("%Y-%m-%dT%H:%M:%SZ"),
                        "utc_offset": 0.0,
                    }
                )
        if day.weekday() == 2 and rnd.random() < 0.5:
            ident += 1
            out.append(
                {
                    "id": ident,
                    "sport_type": "Ride",
                    "type": "Ride",
                    "distance": 30000,
                    "moving_time": 3600,
                    "start_date_local": f"{day}T18:00:00Z",
                }
            )
        day += timedelta(days=1)
    return out


def in_process(path: Path) -> dict[str, float]:
    from hipcoach.config import Config
    from hipcoach.schedule.activities import load_activities_file
    from hipcoach.schedule.planner import plan_from_state

    t0 = time.perf_counter()
    runs = load_activities_file(path)
    t1 = time.perf_counter()
    plan_from_state(Config(), None, today=date.today(), runs=runs)
    t2 = time.perf_counter()
    return {"parse": t1 - t0, "plan": t2 - t1}


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    exe = hipcoach_command()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "history.json"
        history = ten_year_history(date.today())
        path.write_text(json.dumps(history))
        home = ["--home", str(Path(tmp) / "home")]
        schedule = [*exe, *home, "schedule", "--json", "--activities", str(path)]
        startup = median_seconds([*exe, "--help"], runs)
        total = median_seconds(schedule, runs)
        parts = in_process(path)
    print(f"activities in history:       {len(history)} ({YEARS} years)")
    print(f"hipcoach --help:             {startup * 1000:7.1f} ms (median of {runs})")
    print(f"hipcoach schedule --json:    {total * 1000:7.1f} ms (median of {runs})")
    print(f"work beyond start-up:        {(total - startup) * 1000:7.1f} ms")
    print(f"  in process, parse:         {parts['parse'] * 1000:7.1f} ms")
    print(f"  in process, plan+schedule: {parts['plan'] * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
