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
