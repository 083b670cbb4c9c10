"""The command line, as a specification: outputs, one-line errors, exit codes,
atomic writes."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

STORY = ("KABUL (Reuters) - Taliban fighters attacked police posts in Kunduz, "
         "officials in Kabul said on Monday.\n")


def geomap(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "geomap", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd)


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    return path


def test_places_jsonl_has_one_line_per_article_in_the_documented_shape(article, tmp_path):
    second = tmp_path / "second.txt"
    second.write_text("Floods hit Bavaria.\n", encoding="utf-8")
    result = geomap("places", article, second, "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["article"] for line in lines] == [str(article), str(second)]
    kunduz = next(p for p in lines[0]["places"] if p["name"] == "Kunduz")
    assert {"name", "lat", "lon", "kind", "country_code", "geonameid", "roles", "mentions"} <= set(kunduz)
    mention = kunduz["mentions"][0]
    assert STORY[mention["start"]:mention["end"]] == mention["text"]
    assert mention["type"] == "literal" and "strike" in kunduz["roles"][0]


def test_places_table_shows_roles_and_evidence(article):
    result = geomap("places", article)
    assert result.returncode == 0
    assert "strike area" in result.stdout and "police posts in Kunduz" in result.stdout


def test_places_geojson_is_a_feature_collection(article):
    data = json.loads(geomap("places", article, "--format", "geojson").stdout)
    assert data["type"] == "FeatureCollection" and data["features"]


def test_places_csv_has_a_header_and_a_row_per_place(article):
    lines = geomap("places", article, "--format", "csv").stdout.splitlines()
    assert lines[0].startswith("article,name,kind,lat,lon")
    assert any(",Kunduz," in line for line in lines[1:])


@pytest.mark.parametrize("content, reason", [
    (None, "no such file"),
    (b"", "empty"),
    (b"\x00\x01\x02binary\x00", "binary"),
    ("Kabul".encode("utf-16"), "UTF-8"),
])
def test_bad_article_is_a_one_line_error_with_exit_code_1(tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    if content is not None:
        path.write_bytes(content)
    result = geomap("places", path)
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1 and reason in result.stderr


def test_unwritable_output_is_a_one_line_error_with_exit_code_3(article, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = geomap("export", article, "--csv", "-o", blocker / "sub" / "out.csv")
    assert result.returncode == 3
    assert len(result.stderr.strip().splitlines()) == 1


def test_usage_error_exits_with_2():
    assert geomap("places", "--format", "xml", "x.txt").returncode == 2


def test_help_is_available_for_every_command():
    for command in ("places", "map", "build", "export", "embed", "png", "gazetteer"):
        assert geomap(command, "--help").returncode == 0


def test_export_geojson_includes_shapes(article):
    data = json.loads(geomap("export", article, "--geojson").stdout)
    assert any(f["properties"]["feature"] == "shape" for f in data["features"])


def test_failed_write_leaves_no_partial_file(tmp_path, monkeypatch):
    import errno
    import os
    from geomap.output import write_atomic

    target = tmp_path / "out.txt"
    target.write_text("old")

    def disk_full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError):
        write_atomic(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_build_maps_a_folder_and_skips_unchanged_articles(article, tmp_path):
    out = tmp_path / "maps"
    first = geomap("build", article.parent, "-o", out, "--quiet")
    assert first.returncode == 0, first.stderr
    assert {"story.html", "story.geojson", "story.csv", "index.html"} <= {p.name for p in out.iterdir()}
    again = geomap("build", article.parent, "-o", out, "--quiet")
    assert "0 built, 1 unchanged" in again.stdout


def test_map_is_written_where_asked(article, tmp_path):
    target = tmp_path / "story.html"
    result = geomap("map", article, "-o", target)
    assert result.returncode == 0, result.stderr
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_embed_prints_a_fragment_and_an_iframe(article):
    result = geomap("embed", article)
    assert result.returncode == 0, result.stderr
    assert "<iframe" in result.stdout and "<html" not in result.stdout.split("<iframe")[0]


def test_committed_maps_are_what_the_current_code_makes(tmp_path):
    root = Path(__file__).resolve().parents[1]
    result = geomap("build", "seeds", "-o", tmp_path, "--quiet", cwd=root)
    assert result.returncode == 0, result.stderr
    for made in tmp_path.glob("*.*"):   # the maps and the index; not the build's own manifest
        if made.name.startswith("."):
            continue
        committed = root / "maps" / made.name
        assert committed.read_bytes() == made.read_bytes(), f"maps/{made.name} is stale: run geomap build"


def test_version_comes_from_the_package_metadata():
    from importlib.metadata import version

    result = geomap("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"geomap {version('geomap')}"


def test_a_dash_reads_the_article_from_standard_input():
    result = subprocess.run([sys.executable, "-m", "geomap", "export", "-", "--csv"], input=STORY,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "<stdin>,Kunduz," in result.stdout


def test_bad_standard_input_is_a_one_line_error_with_exit_code_1():
    result = subprocess.run([sys.executable, "-m", "geomap", "map", "-", "-o", "unused.html"],
                            input=b"\x00\x01binary", capture_output=True)
    assert result.returncode == 1 and b"<stdin>: binary file" in result.stderr


@pytest.mark.parametrize("command, suffix", [(("map",), ".html"), (("export", "--geojson"), ".geojson"),
                                             (("export", "--csv"), ".csv"), (("export", "--kml"), ".kml"),
                                             (("embed",), ".embed.html")])
def test_many_articles_go_to_one_file_each_in_the_output_folder(article, tmp_path, command, suffix):
    second = tmp_path / "second.txt"
    second.write_text("Floods hit Bavaria.\n", encoding="utf-8")
    result = geomap(*command, article, second, "-o", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [f"second{suffix}", f"story{suffix}"]


def test_one_bad_article_among_many_is_one_error_line_and_the_others_are_written(article, tmp_path):
    result = geomap("export", tmp_path / "missing.txt", article, "--csv", "-o", tmp_path / "out")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [f"geomap: error: {tmp_path / 'missing.txt'}: no such file"]
    assert (tmp_path / "out" / "story.csv").is_file()


def test_many_articles_without_an_output_folder_is_a_usage_error(article, tmp_path):
    result = geomap("export", article, article, "--csv")
    assert result.returncode == 2 and "-o DIR" in result.stderr


def test_an_output_never_replaces_the_article_itself(article):
    result = geomap("map", article, "-o", article)
    assert result.returncode == 3 and "it is the article" in result.stderr
    assert article.read_text(encoding="utf-8") == STORY


def test_build_takes_article_files_as_well_as_folders(article, tmp_path):
    other = tmp_path / "more"
    other.mkdir()
    (other / "floods.txt").write_text("Floods hit Bavaria.\n", encoding="utf-8")
    result = geomap("build", article, other, "-o", tmp_path / "maps", "--quiet")
    assert result.returncode == 0, result.stderr
    assert {"story.html", "floods.html"} <= {p.name for p in (tmp_path / "maps").iterdir()}
    assert "2 built" in result.stdout


def test_build_removes_the_outputs_of_an_article_that_is_gone_and_lists_them(article, tmp_path):
    out = tmp_path / "maps"
    gone = tmp_path / "gone.txt"
    gone.write_text("Floods hit Bavaria.\n", encoding="utf-8")
    assert geomap("build", tmp_path, "-o", out, "--quiet").returncode == 0
    gone.unlink()
    result = geomap("build", tmp_path, "-o", out, "--quiet")
    assert result.returncode == 0, result.stderr
    assert [line.split()[1] for line in result.stdout.splitlines() if line.startswith("removed")] == \
        [str(out / "gone.csv"), str(out / "gone.geojson"), str(out / "gone.html")]
    assert "3 removed" in result.stdout and "gone.html" not in (out / "index.html").read_text()
    assert not any(p.name.startswith("gone.") for p in out.iterdir())


def test_build_never_removes_a_file_it_did_not_write(article, tmp_path):
    out = tmp_path / "maps"
    gone = tmp_path / "gone.txt"
    gone.write_text("Floods hit Bavaria.\n", encoding="utf-8")
    assert geomap("build", tmp_path, "-o", out, "--quiet").returncode == 0
    (out / "gone.html").write_text("my own notes", encoding="utf-8")     # the user's now
    (out / "notes.csv").write_text("mine", encoding="utf-8")
    gone.unlink()
    result = geomap("build", tmp_path, "-o", out, "--quiet")
    assert (out / "gone.html").read_text(encoding="utf-8") == "my own notes"
    assert (out / "notes.csv").is_file() and not (out / "gone.csv").exists()
    assert "2 removed" in result.stdout


def test_build_keeps_the_maps_of_articles_built_from_elsewhere_that_still_exist(article, tmp_path):
    out = tmp_path / "maps"
    other = tmp_path / "more"
    other.mkdir()
    (other / "floods.txt").write_text("Floods hit Bavaria.\n", encoding="utf-8")
    assert geomap("build", other, "-o", out, "--quiet").returncode == 0
    result = geomap("build", article, "-o", out, "--quiet")
    assert "removed" not in result.stdout and (out / "floods.html").is_file()
    assert "floods.html" in (out / "index.html").read_text(encoding="utf-8")
