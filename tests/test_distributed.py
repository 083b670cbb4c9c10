"""The Dask path (geomap.distributed) maps a corpus on a LocalCluster of
worker processes and writes what one process writes, in corpus order."""

import json
from pathlib import Path

import pytest

pytest.importorskip("dask.distributed")

from geomap.distributed import map_corpus, mention_rows, read_corpus  # noqa: E402

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_9d32f7770be8cbd3.txt"
STORIES = [
    "Russian jets struck Idlib and Maarat al-Numan on Monday, residents said.",
    "Floods hit Quelimane in Mozambique after the cyclone made landfall.",
    "Aid trucks reached Gaza via Egypt on Sunday.",
    "Officials in Kyiv said drones hit Kharkiv overnight.",
    SEED.read_text(encoding="utf-8"),
]


@pytest.fixture(scope="module")
def corpus():
    return [(f"story-{i:03d}", STORIES[i % len(STORIES)]) for i in range(100)]


def rows_of(files):
    return [json.loads(line) for path in files for line in path.read_text(encoding="utf-8").splitlines()]


def test_a_local_cluster_of_two_workers_writes_what_one_process_writes(corpus, mapper, tmp_path):
    files = map_corpus(corpus, tmp_path, scheduler="local", workers=2, partition_size=10)
    expected = [row for article_id, text in corpus
                for row in mention_rows(mapper.geoparse(text), article_id)]
    assert rows_of(files) == expected
    assert [p.name for p in files] == [f"part-{n:05d}.jsonl" for n in range(10)]


def test_a_failing_article_is_one_error_row_and_the_run_goes_on(tmp_path):
    files = map_corpus([("good", STORIES[0]), ("bad", None), ("good-too", STORIES[2])], tmp_path)
    rows = rows_of(files)
    assert [r["article"] for r in rows if "error" in r] == ["bad"]
    assert {"good", "good-too"} <= {r["article"] for r in rows}


def test_a_json_lines_corpus_is_read_with_its_ids(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps({"id": "wire-1", "text": STORIES[3]}) + "\n\n"
                      + json.dumps({"text": STORIES[0]}) + "\n", encoding="utf-8")
    assert read_corpus(corpus) == [("wire-1", STORIES[3]), (f"{corpus}:3", STORIES[0])]


def test_a_corpus_line_without_text_is_refused_with_its_line_number(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text('{"id": 1, "body": "no text"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match="corpus.jsonl:1"):
        read_corpus(corpus)


def test_the_command_writes_the_same_rows_with_one_job_two_jobs_and_dask(tmp_path):
    import subprocess
    import sys
    folder = tmp_path / "wire"
    folder.mkdir()
    for index in range(30):
        (folder / f"{index:03d}.txt").write_text(STORIES[index % len(STORIES)], encoding="utf-8")

    def places(*extra):
        done = subprocess.run([sys.executable, "-m", "geomap", "places", str(folder), "--format", "mentions",
                               *extra], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        return done.stdout

    one, two = places("--jobs", "1"), places("--jobs", "2")
    places("--scheduler", "local", "-o", str(tmp_path / "dask"))
    on_dask = "".join(p.read_text(encoding="utf-8") for p in sorted((tmp_path / "dask").glob("part-*.jsonl")))
    assert one == two == on_dask and one
