"""An installed geomap (not only an editable one) carries every data file it
reads: the package-data globs of pyproject.toml cover each file under the
packages' data folders."""

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_data_file_is_named_by_a_package_data_glob():
    globs = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]
    uncovered = []
    for package, patterns in globs.items():
        folder = ROOT / package
        for path in (folder / "data").rglob("*"):
            if path.is_file() and not any(path.relative_to(folder).match(p) for p in patterns):
                uncovered.append(str(path.relative_to(ROOT)))
    assert uncovered == []
