"""Many articles at once: folders, globs, JSON Lines corpora and standard
input as inputs; every core working, and the same bytes as one process."""

import json
import subprocess
import sys

import pytest

from geomap.batch import Source, expand

STORIES = [
    "KABUL (Reuters) - Taliban fighters attacked police posts in Kunduz, officials in Kabul said.",
    "Floods hit Bavaria and Saxony after days of rain.",
    "Aid trucks reached Gaza via Egypt on Sunday.",
    "Russian jets struck Idlib and Maarat al-Numan overnight, residents said.",
    "Officials in Nairobi said talks with Ethiopia and Somalia would resume.",
]


def geomap(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "geomap", *map(str, args)],
                          capture_output=True, text=True, input=stdin)


@pytest.fixture
def folder(tmp_path):
    articles = tmp_path / "wire"
    articles.mkdir()
    for index in range(24):
        (articles / f"{index:03d}.txt").write_text(STORIES[index % len(STORIES)], encoding="utf-8")
    (articles / "007.txt").write_bytes(b"\x00\x01 not text")          # one bad article
    (articles / "notes.md").write_text("not an article", encoding="utf-8")
    return articles


@pytest.mark.parametrize("form", ["jsonl", "csv", "json", "geojson", "table"])
def test_two_jobs_write_the_same_bytes_as_one(folder, form):
    one, two = (geomap("places", folder, "--format", form, "--jobs", jobs) for jobs in (1, 2))
    assert one.returncode == two.returncode == 1            # the bad article, in both
    assert one.stdout == two.stdout and one.stdout


def test_a_failing_article_is_one_error_record_in_its_place_and_the_others_go_on(folder):
    result = geomap("places", folder, "--format", "jsonl", "--jobs", 2)
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 24
    assert [r["article"] for r in records if "error" in r] == [str(folder / "007.txt")]
    assert result.stderr.count("geomap: error:") == 1


def test_a_folder_is_its_txt_articles_in_name_order(folder):
    names = [s.name for s in expand([str(folder)])]
    assert names == [str(folder / f"{i:03d}.txt") for i in range(24)]


def test_a_glob_pattern_is_expanded_in_name_order(folder):
    assert [s.name for s in expand([str(folder / "01*.txt")])] == [str(folder / f"01{i}.txt") for i in range(10)]


def test_a_pattern_that_matches_nothing_is_one_bad_input(tmp_path):
    [source] = expand([str(tmp_path / "none-*.txt")])
    assert source.problem and "no file matches" in source.problem


def test_a_json_lines_corpus_gives_each_article_its_id(tmp_path):
    corpus = tmp_path / "archive.jsonl"
    corpus.write_text("\n".join(json.dumps({"id": f"wire-{i}", "text": t}) for i, t in enumerate(STORIES))
                      + "\nnot json\n" + json.dumps({"id": 9}) + "\n", encoding="utf-8")
    sources = list(expand([str(corpus)]))
    assert [s.name for s in sources[:5]] == [f"wire-{i}" for i in range(5)]
    assert [s.problem is not None for s in sources[5:]] == [True, True]
    result = geomap("places", corpus, "--format", "jsonl")
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["article"] for r in records][:5] == [f"wire-{i}" for i in range(5)]
    assert result.returncode == 1 and len(records) == 7


def test_standard_input_is_read_once_by_the_command_not_by_a_worker():
    result = geomap("places", "-", "--format", "jsonl", "--jobs", 2, stdin=STORIES[1])
    [record] = [json.loads(line) for line in result.stdout.splitlines()]
    assert {p["name"] for p in record["places"]} >= {"Bavaria", "Saxony"}


def test_a_source_with_text_needs_no_file():
    assert Source(name="wire-1", text="x").path is None


def test_build_with_two_jobs_writes_the_same_maps_as_one(folder, tmp_path):
    (folder / "007.txt").write_text(STORIES[2], encoding="utf-8")
    for jobs in (1, 2):
        done = geomap("build", folder, "-o", tmp_path / f"maps{jobs}", "-q", "--jobs", jobs)
        assert done.returncode == 0, done.stderr
    one, two = tmp_path / "maps1", tmp_path / "maps2"
    assert sorted(p.name for p in one.iterdir()) == sorted(p.name for p in two.iterdir())
    for page in one.glob("*.html"):
        assert page.read_bytes() == (two / page.name).read_bytes()


def test_shared_assets_are_written_once_and_each_page_holds_only_its_story(folder, tmp_path):
    (folder / "007.txt").write_text(STORIES[3], encoding="utf-8")
    out = tmp_path / "atlas"
    done = geomap("build", folder, "-o", out, "-q", "--shared-assets")
    assert done.returncode == 0, done.stderr
    assert {p.name for p in (out / "assets").iterdir()} == {"leaflet.js", "leaflet.css", "basemap.js"}
    page = (out / "003.html").read_text(encoding="utf-8")
    assert 'src="assets/leaflet.js"' in page and "GEOMAP_BASEMAP" in page
    assert len(page.encode("utf-8")) < 100_000
    assert "L.map=" not in page and "function(t,i){" not in page[:5000]     # Leaflet is not inlined


def test_an_unusable_index_stops_a_parallel_run_at_once_with_its_exit_code(folder, tmp_path):
    not_an_index = tmp_path / "index.sqlite"
    not_an_index.write_text("my notes", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "geomap", "places", str(folder), "--jobs", "2"],
                          capture_output=True, text=True, timeout=120,
                          env={**__import__("os").environ, "GEOMAP_GAZETTEER": str(not_an_index)})
    assert done.returncode == 4
    assert done.stderr.count("geomap: error:") == 1
    assert not_an_index.read_text(encoding="utf-8") == "my notes"
