"""Beyond one machine: map a corpus with Dask (``pip install geomap[dask]``).

A corpus is a sequence of ``(article id, text)`` pairs, or a JSON Lines file
of ``{"id": ..., "text": ...}`` objects, as news archives ship them. It is
cut into partitions of a :mod:`dask.bag`; each worker process parses its
partitions with one :class:`~geomap.Geomapper` of its own and writes one
JSON Lines file per partition, one row per place mention:

    {"article": id, "mention": "Kharkiv", "start": 13, "end": 20, "type": "literal",
     "place_id": "geonames:706483", "place": "Kharkiv", "kind": "city", "lat": 49.98177,
     "lon": 36.25475, "country_code": "UA", "confidence": 0.953, "doubtful": false,
     "roles": ["strike area"]}

An article that fails gives one row ``{"article": id, "error": "..."}`` and the
run goes on. Rows come in corpus order: partition files are numbered, and
rows within one keep the order of their articles and mentions, so the same
corpus gives the same files whatever the scheduler or the number of workers
(:func:`mention_rows` gives the same rows in one process).

**Shipping the index.** Workers never build the gazetteer index (a build
takes half a minute and a lock): they open a prebuilt one read-only. Build
it once, ``geomap gazetteer build --index /shared/gazetteer.sqlite``, and
put the file where every worker can read it: a shared file system, or a copy
at the same path on each machine (it is one SQLite file, about 85 MB, read
only). Pass that path as ``index=`` (``--index`` on the command line), or
set ``GEOMAP_GAZETTEER`` in the workers' environment. A worker that cannot
open it fails its partitions with the gazetteer's one-line reason.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from .batch import corpus_sources
from .export import COORDINATE_DECIMALS

#: Articles per partition when the caller does not say: big enough that a
#: worker's start-up (imports, opening the index) is paid over many articles.
DEFAULT_PARTITION_SIZE = 200

_mappers: dict[str, object] = {}


def read_corpus(path: str | os.PathLike) -> list[tuple[str, str]]:
    """``(id, text)`` pairs of a JSON Lines corpus, read as ``geomap places``
    reads one (:func:`geomap.batch.corpus_sources`: a line without an id is
    named by its file and line); a bad line is refused, ValueError naming it."""
    pairs = []
    for source in corpus_sources(Path(path)):
        if source.problem is not None:
            raise ValueError(source.problem)
        pairs.append((source.name, source.text))
    return pairs


def mention_rows(story, article_id: str) -> list[dict]:
    """One row per place mention of a parsed story, in text order."""
    rows = []
    for place in story.places:
        for mention in place.mentions:
            rows.append({
                "article": article_id, "mention": mention.text, "start": mention.start,
                "end": mention.end, "type": mention.type, "place_id": place.id, "place": place.name,
                "kind": place.kind, "lat": round(place.latitude, COORDINATE_DECIMALS),
                "lon": round(place.longitude, COORDINATE_DECIMALS),
                "country_code": place.country_code, "confidence": round(place.confidence, 3),
                "doubtful": place.doubtful, "roles": place.role_names,
            })
    rows.sort(key=lambda row: (row["start"], row["end"]))
    return rows


def parse_articles(pairs: Iterable[tuple[str, str]], index: str | None = None) -> Iterator[str]:
    """JSON Lines rows for ``pairs``, with this process's mapper for ``index``
    (opened once per process, read-only, never built)."""
    from .article import parse_article
    mapper = _mapper(index)
    for article_id, text in pairs:
        try:
            rows = mention_rows(mapper.geoparse(parse_article(text, path=article_id), shapes=False),
                                article_id)
        except Exception as error:    # one article's failure is one row; the run goes on
            rows = [{"article": article_id, "error": f"{type(error).__name__}: {error}"}]
        for row in rows:
            yield json.dumps(row, ensure_ascii=False)


def map_corpus(corpus: Iterable[tuple[str, str]] | str | os.PathLike, output: str | os.PathLike, *,
               scheduler: str | None = None, workers: int | None = None,
               index: str | os.PathLike | None = None,
               partition_size: int = DEFAULT_PARTITION_SIZE) -> list[Path]:
    """Parse ``corpus`` on a Dask scheduler and write ``output/part-NNNNN.jsonl``.

    ``scheduler``: ``None`` for Dask's default, ``"local"`` for a
    ``LocalCluster`` of single-threaded worker processes (``workers`` of
    them, one per core by default), or the address of a running scheduler
    (``"tcp://host:8786"``). Returns the files written, in corpus order.
    """
    import dask.bag as bag

    pairs = read_corpus(corpus) if isinstance(corpus, (str, os.PathLike)) else list(corpus)
    output = Path(output)
    output.mkdir(parents=True, exist_ok=True)
    index_path = str(index) if index else None
    partitions = max(1, -(-len(pairs) // max(1, partition_size)))
    # one text per partition, every row ending its line: dask writes a
    # partition's elements joined by newlines, with none after the last
    lines = bag.from_sequence(pairs, npartitions=partitions).map_partitions(
        lambda part: ["".join(row + "\n" for row in parse_articles(part, index_path))])
    pattern = str(output / "part-*.jsonl")
    name_function = lambda number: f"{number:05d}"  # noqa: E731 - dask wants a callable
    with _client(scheduler, workers):
        written = lines.to_textfiles(pattern, name_function=name_function, encoding="utf-8")
    return sorted(Path(path) for path in written)


def _mapper(index: str | None):
    from gazetteer import Gazetteer

    from .pipeline import Geomapper
    key = index or ""
    if key not in _mappers:
        _mappers[key] = Geomapper(Gazetteer(index, build_if_missing=False))
    return _mappers[key]


class _client:
    """The Dask client for ``scheduler`` while mapping (none for the default)."""

    def __init__(self, scheduler: str | None, workers: int | None):
        self.scheduler, self.workers, self.client, self.cluster = scheduler, workers, None, None

    def __enter__(self):
        if self.scheduler is None:
            return self
        from dask.distributed import Client, LocalCluster
        if self.scheduler == "local":
            self.cluster = LocalCluster(n_workers=self.workers or os.cpu_count() or 1, threads_per_worker=1,
                                        processes=True, dashboard_address=None)
            self.client = Client(self.cluster)
        else:
            self.client = Client(self.scheduler)
        return self

    def __exit__(self, *exc):
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()
        return False
