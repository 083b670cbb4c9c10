"""The gazetteer index never harms a user's file: it replaces only its own
index, builds once when runs race, rebuilds when its data changed, and cleans
up after killed builds.

One real build (two racing processes, module fixture); every other build here
fills the index with a two-row stand-in for the data (``fake_populate``),
since only the lifecycle around the data is under test.
"""

import fcntl
import os
import sqlite3
import subprocess
import sys
import threading
import time

import pytest

from gazetteer import Gazetteer, GazetteerError, build
from gazetteer.index import _cache_index_path, _index_problem, rebuild_index

ARTICLE = "Syrian troops advanced on Morek, north of Hama, on Tuesday.\n"


def fake_populate(db, say):
    say("populating with stand-in data")
    db.execute("INSERT INTO places (id, key, name, kind, lat, lon, importance) "
               "VALUES (1, 'country:SY', 'Syria', 'country', 35.0, 38.0, 10.0)")
    db.execute("INSERT INTO names VALUES ('syria', 1, 1)")
    db.execute("INSERT INTO meta VALUES ('max_name_tokens', '1')")


@pytest.fixture
def quick_builds(monkeypatch):
    """Builds in this process take milliseconds; the data files are re-read afresh."""
    monkeypatch.setattr(build, "_populate", fake_populate)
    build.inputs_stamp.cache_clear()
    build.inputs_digest.cache_clear()
    yield
    build.inputs_stamp.cache_clear()
    build.inputs_digest.cache_clear()


def meta(path):
    db = sqlite3.connect(path)
    try:
        return dict(db.execute("SELECT key, value FROM meta"))
    finally:
        db.close()


def set_meta(path, **rows):
    db = sqlite3.connect(path)
    with db:
        db.executemany("UPDATE meta SET value = ? WHERE key = ?", [(v, k) for k, v in rows.items()])
    db.close()


def geomap(*args, env=None):
    return subprocess.run([sys.executable, "-m", "geomap", *map(str, args)],
                          capture_output=True, text=True, env={**os.environ, **(env or {})})


def other_sqlite_database(path):
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE notes (body TEXT)")
    db.execute("INSERT INTO notes VALUES ('buy milk')")
    db.commit()
    db.close()


def dead_pid():
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


# -- a file that is not an index is never replaced ---------------------------------
def test_non_index_file_at_geomap_gazetteer_is_untouched_and_places_exits_4(tmp_path):
    notes = tmp_path / "notes.db"
    notes.write_bytes(b"my notes, not an index\n" * 100)
    before = notes.read_bytes()
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")

    result = geomap("places", article, env={"GEOMAP_GAZETTEER": str(notes)})

    assert result.returncode == 4
    assert result.stderr.count("\n") == 1 and "not a geomap gazetteer index" in result.stderr
    assert notes.read_bytes() == before
    # refused before any build work: no lock, no temp file
    assert sorted(p.name for p in tmp_path.iterdir()) == ["article.txt", "notes.db"]


@pytest.mark.parametrize("entry", ["Gazetteer", "rebuild_index", "geomap gazetteer build"])
def test_another_sqlite_database_is_refused_and_unchanged(tmp_path, quick_builds, entry):
    database = tmp_path / "notes.sqlite"
    other_sqlite_database(database)
    before = database.read_bytes()

    if entry == "geomap gazetteer build":
        result = geomap("gazetteer", "build", "--index", database)
        assert result.returncode == 4 and "another SQLite database" in result.stderr
    else:
        with pytest.raises(GazetteerError, match="another SQLite database") as error:
            Gazetteer(database) if entry == "Gazetteer" else rebuild_index(database)
        assert "\n" not in str(error.value)

    assert database.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["notes.sqlite"]


def _text_file(path):
    path.write_text("a user's notes\n")
    return path


def _empty_file(path):
    path.touch()
    return path


def _directory(path):
    path.mkdir()
    (path / "keep.txt").write_text("keep")
    return path


def _unreadable_sqlite(path):
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    return path


def _symlink_to_a_text_file(path):
    target = _text_file(path.with_name("target.txt"))
    path.symlink_to(target)
    return target


@pytest.mark.parametrize("make", [_text_file, _empty_file, _directory, _unreadable_sqlite,
                                  _symlink_to_a_text_file], ids=lambda make: make.__name__[1:])
def test_whatever_is_not_an_index_is_refused_and_left_as_it_was(tmp_path, quick_builds, make):
    index = tmp_path / "index.sqlite"
    kept = make(index)
    snapshot = {p.name: (p.read_bytes() if p.is_file() else None) for p in tmp_path.rglob("*")}

    with pytest.raises(GazetteerError, match="not a geomap gazetteer index") as error:
        Gazetteer(index)

    assert "\n" not in str(error.value)
    assert {p.name: (p.read_bytes() if p.is_file() else None) for p in tmp_path.rglob("*")} == snapshot
    assert kept.exists()


# -- one build when first runs race ----------------------------------------------
@pytest.fixture(scope="module")
def racing_first_runs(tmp_path_factory):
    """Two processes look a name up in the same missing index at once: the
    one real build of this file (about 20 s)."""
    index = tmp_path_factory.mktemp("race") / "gazetteer.sqlite"
    command = [sys.executable, "-m", "geomap", "gazetteer", "lookup", "Morek", "--index", str(index)]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(2)]
    outputs = [run.communicate(timeout=600) for run in runs]
    return index, [(run.returncode, out, err) for run, (out, err) in zip(runs, outputs)]


def test_two_concurrent_first_runs_build_once(racing_first_runs):
    index, runs = racing_first_runs
    stderr = "".join(err for _, _, err in runs)
    assert [code for code, _, _ in runs] == [0, 0]
    assert all(out.startswith("Mūrak, SY") for _, out, _ in runs)
    assert stderr.count("building the gazetteer index") == 1, stderr
    assert stderr.count("waiting for another geomap process") == 1, stderr
    assert sorted(p.name for p in index.parent.iterdir()) == ["gazetteer.sqlite",
                                                             "gazetteer.sqlite.lock"]


def test_missing_index_at_a_fresh_path_is_built(racing_first_runs):
    index, _ = racing_first_runs
    assert meta(index)["generator"] == "geomap-gazetteer"
    assert _index_problem(index) is None
    assert Gazetteer(index, build_if_missing=False).candidates("Morek")[0].country_code == "SY"


def test_a_run_that_waited_for_the_lock_uses_the_index_built_meanwhile(tmp_path, quick_builds):
    index = tmp_path / "index.sqlite"
    messages = []
    lock = os.open(tmp_path / "index.sqlite.lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(lock, fcntl.LOCK_EX)  # another process is building
    opener = threading.Thread(target=Gazetteer, args=(index,), kwargs={"progress": messages.append})
    opener.start()
    deadline = time.monotonic() + 10
    while not messages and time.monotonic() < deadline:
        time.sleep(0.01)
    build.build_index(index)  # ... and finishes
    os.close(lock)
    opener.join(10)

    assert not opener.is_alive()
    assert any("waiting for another geomap process" in m for m in messages)
    assert not any("building the gazetteer index" in m for m in messages)


# -- freshness -------------------------------------------------------------------
def test_index_whose_data_checksum_differs_is_rebuilt(tmp_path, quick_builds):
    index = tmp_path / "index.sqlite"
    build.build_index(index)
    # as after a data file changed: other content, other size or modification time
    set_meta(index, inputs="0" * 64, inputs_stamp="regions.csv 2993 1")
    messages = []

    Gazetteer(index, progress=messages.append)

    assert any("rebuilding" in m and "data changed since the index was built" in m
               for m in messages)
    assert meta(index)["inputs"] == build.inputs_digest()


@pytest.fixture
def index_over_own_data(tmp_path, quick_builds, monkeypatch):
    """(data folder, index) with the index built over that folder's data."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "regions.csv").write_text("id,name\nlevant,the Levant\n")
    monkeypatch.setattr(build, "DATA_DIR", data)
    index = tmp_path / "index.sqlite"
    Gazetteer(index, progress=lambda message: None)
    return data, index


def test_edited_data_file_makes_the_index_rebuild(index_over_own_data):
    data, index = index_over_own_data
    (data / "regions.csv").write_text("id,name\nlevant,the Levant\nsahel,the Sahel\n")
    build.inputs_stamp.cache_clear()  # as in a new process
    build.inputs_digest.cache_clear()
    messages = []
    Gazetteer(index, progress=messages.append)

    assert any("data changed since the index was built" in m for m in messages)


def test_same_data_with_new_modification_times_is_not_rebuilt(index_over_own_data):
    data, index = index_over_own_data
    os.utime(data / "regions.csv", ns=(1, 1))  # a fresh clone: same bytes, new mtime
    build.inputs_stamp.cache_clear()
    build.inputs_digest.cache_clear()
    messages = []
    Gazetteer(index, progress=messages.append)

    assert messages == []


# -- damaged and older indexes ------------------------------------------------------
def test_index_from_before_the_generator_row_is_recognised_and_rebuilt(tmp_path, quick_builds):
    index = tmp_path / "index.sqlite"
    build.build_index(index)
    db = sqlite3.connect(index)
    with db:
        db.execute("DELETE FROM meta WHERE key IN ('generator', 'inputs', 'inputs_stamp')")
    db.close()
    messages = []

    Gazetteer(index, progress=messages.append)

    assert any("it does not record the data it was built from" in m for m in messages)
    assert meta(index)["generator"] == "geomap-gazetteer"


def test_truncated_geomap_index_is_rebuilt_in_place(tmp_path, quick_builds):
    index = tmp_path / "index.sqlite"
    build.build_index(index)
    os.truncate(index, index.stat().st_size - 1024)
    messages = []

    Gazetteer(index, progress=messages.append)

    assert any("it is damaged" in m for m in messages)
    assert _index_problem(index) is None


def test_unreadable_file_at_the_default_cache_path_is_rebuilt(tmp_path, quick_builds, monkeypatch):
    monkeypatch.delenv("GEOMAP_GAZETTEER", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    index = _cache_index_path()
    index.parent.mkdir(parents=True)
    index.write_bytes(b"half a download")
    messages = []

    Gazetteer(progress=messages.append)

    assert any("it is damaged" in m for m in messages)
    assert meta(index)["generator"] == "geomap-gazetteer"


def test_symlink_to_an_index_rebuilds_the_index_it_points_to(tmp_path, quick_builds):
    real = tmp_path / "real.sqlite"
    build.build_index(real)
    set_meta(real, inputs="0" * 64, inputs_stamp="")
    link = tmp_path / "link.sqlite"
    link.symlink_to(real)

    Gazetteer(link, progress=lambda message: None)

    assert link.is_symlink()
    assert meta(real)["inputs"] == build.inputs_digest()


# -- temp files of killed builds -------------------------------------------------
def test_temp_files_of_dead_builds_are_removed_by_the_next_build(tmp_path, quick_builds):
    index = tmp_path / "index.sqlite"
    dead = dead_pid()
    abandoned = [tmp_path / f"index.sqlite.{dead}.tmp", tmp_path / f"index.sqlite.{dead}.tmp-journal"]
    running = tmp_path / f"index.sqlite.{os.getppid()}.tmp"  # a live process's build
    unrelated = tmp_path / f"notes.{dead}.tmp"
    for path in [*abandoned, running, unrelated]:
        path.write_bytes(b"x" * 4096)
    messages = []

    rebuild_index(index, progress=messages.append)

    assert not any(path.exists() for path in abandoned)
    assert running.exists() and unrelated.exists()
    assert any("removed 2 temp file(s)" in m for m in messages)


def test_hour_old_temp_file_is_removed_even_if_its_pid_runs(tmp_path, quick_builds):
    index = tmp_path / "index.sqlite"
    reused = tmp_path / f"index.sqlite.{os.getppid()}.tmp"  # the pid now names another process
    reused.write_bytes(b"x" * 4096)
    os.utime(reused, (time.time() - 2 * 3600,) * 2)

    rebuild_index(index, progress=lambda message: None)

    assert not reused.exists()


def test_open_removes_temp_files_of_dead_builds(tmp_path, quick_builds):
    index = tmp_path / "index.sqlite"
    build.build_index(index)
    abandoned = tmp_path / f"index.sqlite.{dead_pid()}.tmp"
    abandoned.write_bytes(b"x" * 4096)

    Gazetteer(index, progress=lambda message: None)

    assert not abandoned.exists()


def test_the_index_is_rebuilt_when_the_rules_that_fill_it_change():
    # a change to populate.py (what is indexed, under which names) outdates
    # an index as surely as a change to the data files
    assert "populate.py" in build.inputs_stamp()
    assert all(path.is_file() for _, path in build._input_files())
