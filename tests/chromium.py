"""Headless chromium for the browser tests: Debian's package, no network,
a fresh profile per page."""

import shutil
import subprocess
import tempfile
from pathlib import Path

CHROMIUM = next((shutil.which(n) for n in ("chromium", "chromium-browser") if shutil.which(n)), None)


def dump_dom(page: str, window_size: tuple[int, int] | None = None, fragment: str = "") -> subprocess.CompletedProcess:
    """Load ``page`` (HTML text) from a file and return chromium's run, its
    stdout the DOM once the page has loaded. ``window_size`` (width, height)
    sets the viewport; ``fragment`` is added to the URL ("#static")."""
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "map.html"
        path.write_text(page, encoding="utf-8")
        return subprocess.run(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--no-first-run", f"--user-data-dir={scratch}/profile",
             "--proxy-server=127.0.0.1:9", "--virtual-time-budget=5000", "--hide-scrollbars",
             *([f"--window-size={window_size[0]},{window_size[1]}"] if window_size else []),
             "--dump-dom", path.as_uri() + fragment],
            capture_output=True, text=True, timeout=120)
