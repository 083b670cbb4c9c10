"""`geomap map` on the seed article, cold process, index already built.

Target (issue 5): under 1.5 s wall, measured from launching the command to
its exit, as a user would see it.

    python bench/bench_map.py [--runs 5] [ARTICLE]
"""

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article", nargs="?", default=str(ROOT / "seeds" / "000_9d32f7770be8cbd3.txt"))
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    command = [shutil.which("geomap") or sys.executable, "map", args.article]
    if command[0] == sys.executable:
        command.insert(1, "-m"), command.insert(2, "geomap")
    with tempfile.TemporaryDirectory() as scratch:
        output = Path(scratch) / "map.html"
        subprocess.run(command + ["-o", str(output)], check=True, capture_output=True)  # warm the index
        walls = []
        for _ in range(args.runs):
            started = time.perf_counter()
            subprocess.run(command + ["-o", str(output)], check=True, capture_output=True)
            walls.append(time.perf_counter() - started)
        size = output.stat().st_size
    print(f"geomap map {Path(args.article).name}: runs {args.runs}, "
          f"median {statistics.median(walls):.2f} s, max {max(walls):.2f} s, HTML {size / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
