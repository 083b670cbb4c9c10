"""One bad article never costs the others; error paths keep the promises:
one-line errors, documented exit codes, nothing half-written, no user file
replaced (docs/security.md)."""

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from chromium import CHROMIUM
from geomap import cli
from geomap.output import remove_stale_temporaries, write_atomic

GOOD = "KABUL (Reuters) - Taliban fighters attacked police posts in Kunduz.\n"
OTHER = "Floods hit Bavaria on Monday.\n"


def geomap(*args, env=None, **kwargs):
    return subprocess.run([sys.executable, "-m", "geomap", *map(str, args)], capture_output=True,
                          text=True, env={**os.environ, **(env or {})}, **kwargs)


@pytest.fixture
def batch(tmp_path):
    """Three articles, the middle one not UTF-8."""
    first, bad, last = tmp_path / "a.txt", tmp_path / "b.txt", tmp_path / "c.txt"
    first.write_text(GOOD, encoding="utf-8")
    bad.write_bytes(b"\xff\xfe\x00b\x00a\x00d")
    last.write_text(OTHER, encoding="utf-8")
    return first, bad, last


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


# -- one bad article ---------------------------------------------------------------
def test_places_with_a_bad_middle_article_writes_the_others_and_an_error_record(batch):
    result = geomap("places", *batch, "--format", "jsonl")
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["article"] for r in records] == [str(p) for p in batch]
    assert "error" in records[1] and "places" in records[0] and "places" in records[2]
    assert result.returncode == cli.EXIT_INPUT


def test_a_bad_article_is_one_error_line_naming_it(batch):
    result = geomap("places", *batch)
    assert result.stderr.splitlines() == [f"geomap: error: {batch[1]}: not UTF-8 text "
                                          "(UTF-16; convert it with iconv -f UTF-16 -t UTF-8)"]
    assert "Kunduz" in result.stdout and "Bavaria" in result.stdout


def test_json_output_stays_one_valid_array_with_the_error_in_place(batch):
    result = geomap("places", *batch, "--format", "json")
    records = json.loads(result.stdout)
    assert len(records) == 3 and set(records[1]) == {"article", "error"}


def test_geomap_failing_on_one_article_is_an_error_record_and_exit_70(batch, monkeypatch, capsys):
    from geomap.pipeline import Geomapper

    real = Geomapper.geoparse_file

    def fails_on_c(self, path, **options):
        if Path(path).name == "c.txt":
            raise ValueError("a bug")
        return real(self, path, **options)

    monkeypatch.setattr(Geomapper, "geoparse_file", fails_on_c)
    status = cli.main(["places", str(batch[0]), str(batch[2]), "--format", "jsonl"])
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert status == cli.EXIT_INTERNAL
    assert "places" in lines[0] and "internal error (ValueError: a bug)" in lines[1]["error"]


def test_debug_shows_the_traceback_of_geomaps_own_failure(batch, monkeypatch):
    from geomap.pipeline import Geomapper

    monkeypatch.setattr(Geomapper, "geoparse_file", lambda self, path, **options: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        cli.main(["--debug", "places", str(batch[0])])


def test_build_maps_the_good_articles_among_bad_inputs_and_exits_1(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "good.txt").write_text(GOOD, encoding="utf-8")
    (seeds / "folder.txt").mkdir()
    (seeds / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    (seeds / "binary.txt").write_bytes(b"\x00\x01\x02")
    result = geomap("build", seeds, "-o", tmp_path / "maps", "--quiet")
    assert result.returncode == cli.EXIT_INPUT
    assert (tmp_path / "maps" / "good.html").is_file()
    errors = result.stderr.splitlines()
    assert len(errors) == 3 and all(e.startswith("geomap: error: ") for e in errors)
    assert any("dangling symbolic link" in e for e in errors)
    assert any("is a directory" in e for e in errors)


def test_build_shows_no_progress_bar_when_stderr_is_not_a_terminal(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "good.txt").write_text(GOOD, encoding="utf-8")
    result = geomap("build", seeds, "-o", tmp_path / "maps")
    assert result.returncode == 0 and "mapping" not in result.stderr and "%" not in result.stderr


# -- inputs ------------------------------------------------------------------------
def test_a_fifo_is_refused_at_once_instead_of_hanging(tmp_path):
    fifo = tmp_path / "story.txt"
    os.mkfifo(fifo)
    result = geomap("places", fifo, timeout=60)
    assert result.returncode == cli.EXIT_INPUT and "not a regular file" in result.stderr


def test_an_article_over_the_size_limit_is_refused_with_a_clear_error(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("Floods hit Bavaria. " * 100, encoding="utf-8")
    result = geomap("places", big, "--max-bytes", "1000")
    assert result.returncode == cli.EXIT_INPUT
    assert "larger than the limit of 1,000 bytes" in result.stderr


def test_the_size_limit_holds_for_text_given_to_the_api(mapper):
    from geomap import ArticleError, parse_article

    with pytest.raises(ArticleError):
        parse_article("x" * 2000, max_bytes=1000)


# -- outputs -----------------------------------------------------------------------
def test_a_full_standard_output_is_exit_3_with_one_line(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(GOOD, encoding="utf-8")
    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, "-m", "geomap", "places", str(article)],
                                stdout=full, stderr=subprocess.PIPE, text=True)
    assert result.returncode == cli.EXIT_OUTPUT
    assert result.stderr.splitlines() == ["geomap: error: cannot write to standard output: "
                                          "No space left on device"]


def test_output_never_replaces_a_symbolic_link(tmp_path):
    article, kept = tmp_path / "a.txt", tmp_path / "kept.txt"
    article.write_text(GOOD, encoding="utf-8")
    kept.write_text("the user's notes", encoding="utf-8")
    link = tmp_path / "out.csv"
    link.symlink_to(kept)
    result = geomap("export", article, "--csv", "-o", link)
    assert result.returncode == cli.EXIT_OUTPUT and "symbolic link" in result.stderr
    assert link.is_symlink() and kept.read_text(encoding="utf-8") == "the user's notes"


def test_output_never_replaces_a_device(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(GOOD, encoding="utf-8")
    result = geomap("export", article, "--csv", "-o", "/dev/null")
    assert result.returncode == cli.EXIT_OUTPUT
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_stale_temporary_of_a_dead_writer_is_removed_by_the_next_write(tmp_path):
    stale = tmp_path / f".map.html.geomap-{dead_pid()}.abcd1234.tmp"
    stale.write_text("half a map")
    write_atomic(tmp_path / "other.html", "x")
    assert not stale.exists()


def test_a_temporary_of_a_running_writer_is_kept(tmp_path):
    live = tmp_path / f".map.html.geomap-{os.getppid()}.abcd1234.tmp"
    live.write_text("being written")
    remove_stale_temporaries(tmp_path)
    assert live.exists()


def test_a_users_hidden_file_is_never_taken_for_a_temporary(tmp_path):
    notes = tmp_path / f".notes.{dead_pid()}.draft.tmp"
    notes.write_text("mine")
    remove_stale_temporaries(tmp_path)
    assert notes.exists()


def test_gazetteer_lookup_with_no_match_has_its_own_exit_code():
    result = geomap("gazetteer", "lookup", "Qzxqzxqzx")
    assert result.returncode == cli.EXIT_NO_MATCH


def test_png_size_outside_what_chromium_renders_is_a_usage_error(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(GOOD, encoding="utf-8")
    result = geomap("png", article, "-o", tmp_path / "a.png", "--width", "0")
    assert result.returncode == cli.EXIT_USAGE and not (tmp_path / "a.png").exists()


# -- png: a browser that fails, or a full disk --------------------------------------
@pytest.fixture
def fake_chromium(tmp_path):
    """A 'chromium' on PATH that behaves as the test asks."""
    folder = tmp_path / "bin"
    folder.mkdir()

    def make(script: str) -> dict:
        program = folder / "chromium"
        program.write_text("#!/bin/sh\n" + script)
        program.chmod(0o755)
        return {"PATH": f"{folder}:{os.environ['PATH']}"}
    return make


def _screenshot_arg():
    return 'for a in "$@"; do case "$a" in --screenshot=*) out="${a#--screenshot=}";; esac; done\n'


def test_a_truncated_picture_from_chromium_leaves_no_file(tmp_path, fake_chromium):
    article, target = tmp_path / "a.txt", tmp_path / "out" / "a.png"
    article.write_text(GOOD, encoding="utf-8")
    env = fake_chromium(_screenshot_arg() + "printf '\\211PNG\\r\\n\\032\\n' > \"$out\"\nexit 0\n")
    result = geomap("png", article, "-o", target, env=env)
    assert result.returncode == cli.EXIT_TOOL and "no valid PNG" in result.stderr
    assert list(target.parent.iterdir()) == []


def test_chromium_failing_is_one_line_with_its_exit_code(tmp_path, fake_chromium):
    article = tmp_path / "a.txt"
    article.write_text(GOOD, encoding="utf-8")
    env = fake_chromium("echo 'GPU process crashed' >&2\nexit 9\n")
    result = geomap("png", article, "-o", tmp_path / "a.png", env=env)
    assert result.returncode == cli.EXIT_TOOL
    assert result.stderr.splitlines() == ["geomap: error: chromium failed with exit code 9: GPU process crashed"]


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_png_to_a_full_disk_leaves_no_file(tmp_path):
    article, disk = tmp_path / "a.txt", tmp_path / "disk"
    article.write_text(GOOD, encoding="utf-8")
    disk.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(disk)],
                      capture_output=True).returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    try:
        result = geomap("png", article, "-o", disk / "a.png")
        left = list(disk.iterdir())
    finally:
        subprocess.run(["umount", str(disk)], capture_output=True)
    assert result.returncode != 0 and len(result.stderr.splitlines()) == 1
    assert left == []
