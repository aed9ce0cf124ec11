"""Start-up cost of ``hipcoach --help`` against a bare ``import click``.

Run: ``python benchmarks/startup.py [runs]``. Prints median wall times and their ratio.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time


def median_seconds(cmd: list[str], runs: int) -> float:
    subprocess.run(cmd, capture_output=True, check=True)  # warm the file cache
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=True)
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    exe = shutil.which("hipcoach")
    help_cmd = [exe, "--help"] if exe else [sys.executable, "-m", "hipcoach", "--help"]
    baseline = median_seconds([sys.executable, "-c", "import click"], runs)
    hipcoach = median_seconds(help_cmd, runs)
    print(f"runs per command:         {runs}")
    print(f"python -c 'import click': {baseline * 1000:7.1f} ms (median)")
    print(f"hipcoach --help:          {hipcoach * 1000:7.1f} ms (median)")
    print(f"ratio:                    {hipcoach / baseline:7.2f}x")


if __name__ == "__main__":
    main()
