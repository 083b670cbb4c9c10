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
                for row in mention_rows(mapper.geoparse(text, shapes=False), article_id)]
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
    assert read_corpus(corpus) == [("wire-1", STORIES[3]), ("3", STORIES[0])]


def test_a_corpus_line_without_text_is_refused_with_its_line_number(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text('{"id": 1, "body": "no text"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match="corpus.jsonl:1"):
        read_corpus(corpus)
