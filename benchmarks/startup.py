"""Start-up cost of ``hipcoach --help`` and of every command's ``--help``, against a bare
``import click`` (the budget: 2x).

Run: ``python benchmarks/startup.py [runs]``. Prints the median wall time of each and its
ratio to the baseline. What ``--help`` may import is asserted in ``tests/test_startup.py``.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

BUDGET = 2.0


def hipcoach_command() -> list[str]:
    """The hipcoach of the Python running this (the venv's), else the one on PATH, else
    ``python -m hipcoach``."""
    beside = Path(sys.executable).parent / "hipcoach"
    if beside.is_file():
        return [str(beside)]
    found = shutil.which("hipcoach")
    return [found] if found else [sys.executable, "-m", "hipcoach"]


def median_seconds(cmd: list[str], runs: int) -> float:
    subprocess.run(cmd, capture_output=True, check=True)  # warm the file cache
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=True)
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def commands() -> list[str]:
    """Every command of the root group (read from the CLI, without importing them)."""
    from hipcoach.cli import COMMANDS

    return sorted(COMMANDS)


def interleaved_medians(cmds: dict[str, list[str]], runs: int) -> dict[str, float]:
    """Median wall time of each command, measured round-robin so that a busy machine slows
    every command alike instead of whichever happened to run then."""
    for cmd in cmds.values():
        subprocess.run(cmd, capture_output=True, check=True)  # warm the file cache
    samples: dict[str, list[float]] = {label: [] for label in cmds}
    for _ in range(runs):
        for label, cmd in cmds.items():
            started = time.perf_counter()
            subprocess.run(cmd, capture_output=True, check=True)
            samples[label].append(time.perf_counter() - started)
    return {label: statistics.median(times) for label, times in samples.items()}


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    base = hipcoach_command()
    cmds = {"python -c 'import click'": [sys.executable, "-c", "import click"]}
    for name in ["", *commands()]:
        cmds[" ".join(["hipcoach", *([name] if name else []), "--help"])] = [
            *base,
            *([name] if name else []),
            "--help",
        ]
    medians = interleaved_medians(cmds, runs)
    baseline = medians.pop("python -c 'import click'")
    print(f"runs per command: {runs} (round-robin)")
    print(f"{'python -c import click':<28} {baseline * 1000:7.1f} ms")
    over = []
    for label, seconds in medians.items():
        ratio = seconds / baseline
        flag = "" if ratio <= BUDGET else f"  over the {BUDGET}x budget"
        if flag:
            over.append(label)
        print(f"{label:<28} {seconds * 1000:7.1f} ms  {ratio:5.2f}x{flag}")
    print(f"over budget: {', '.join(over) or 'none'}")


if __name__ == "__main__":
    main()
