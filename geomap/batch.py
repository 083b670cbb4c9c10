"""Many articles: where they come from, and every core working on them.

**Inputs.** What a command is given, expanded in order: a file; a folder
(its ``.txt`` files, sorted by name); a glob pattern (``"wire/2026-*/*.txt"``,
quoted so the shell leaves it to geomap: its matches, sorted); a JSON Lines
corpus (a ``.jsonl`` file, ``{"id": ..., "text": ...}`` per line, as news
archives ship them: each line an article named by its id); ``-``, standard
input. Inputs are read lazily, one at a time: a corpus of any size is never
held in memory.

**Every core.** :func:`run` hands the articles to ``jobs`` worker processes
(forked, so each builds its own :class:`~geomap.Geomapper` and opens its own
connection to the gazetteer index after the fork), at most
``WINDOW_PER_JOB`` per worker in flight, and yields the results in input
order: the same bytes whatever ``jobs`` is. One process (``jobs=1``) runs
the same code without a pool.
"""

from __future__ import annotations

import glob
import json
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

#: Articles given to each worker at a time: enough to keep it busy, few
#: enough that memory does not grow with the corpus.
WINDOW_PER_JOB = 16
_GLOB_CHARACTERS = frozenset("*?[")


@dataclass(frozen=True)
class Source:
    """One article to read: a file (``path``, ``-`` for standard input) or a
    corpus record (``text``); ``problem`` when it cannot be read at all."""

    name: str                   # how outputs and messages name it
    path: str | None = None
    text: str | None = None
    problem: str | None = None


def expand(specs: Iterable[str]) -> Iterator[Source]:
    """The articles ``specs`` name, in order (see the module docstring)."""
    for spec in specs:
        spec = str(spec)
        path = Path(spec)
        if spec == "-":
            yield Source(name="-", path="-")
        elif path.is_dir():
            found = sorted(p for p in path.glob("*.txt") if p.is_file())
            if not found:
                yield Source(name=spec, problem=f"{spec}: no .txt articles in this folder")
            yield from (Source(name=str(p), path=str(p)) for p in found)
        elif path.suffix == ".jsonl" and path.is_file():
            yield from corpus_sources(path)
        elif not path.exists() and _GLOB_CHARACTERS & set(spec):
            matches = sorted(glob.glob(spec))
            if not matches:
                yield Source(name=spec, problem=f"{spec}: no file matches")
            for match in matches:
                yield from expand([match]) if not Path(match).is_dir() else ()
        else:
            yield Source(name=spec, path=spec)


def corpus_sources(path: Path) -> Iterator[Source]:
    """A JSON Lines corpus, one line at a time; a line that is not an object
    with a "text" string is one bad article, named by its line."""
    with open(path, encoding="utf-8", errors="replace") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                yield Source(name=where, problem=f"{where}: not JSON ({error.msg})")
                continue
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                yield Source(name=where, problem=f"{where}: expected an object with a \"text\" string")
                continue
            name = str(record["id"]) if record.get("id") is not None else where
            yield Source(name=name, text=record["text"])


def jobs_for(specs: list[str], jobs: int | None) -> int:
    """``jobs`` if given; else every core, unless ``specs`` name one article
    (one file, or standard input), where starting workers only costs time."""
    if jobs:
        return jobs
    one = len(specs) == 1 and (specs[0] == "-" or Path(specs[0]).is_file()
                               and Path(specs[0]).suffix != ".jsonl")
    return 1 if one else default_jobs()


def default_jobs() -> int:
    """Every core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:          # not Linux
        return max(1, os.cpu_count() or 1)


def run(sources: Iterable[Source], make_work: Callable[[], Callable[[Source], object]],
        jobs: int) -> Iterator[tuple[Source, object]]:
    """``(source, work(source))`` for every source, in order. ``make_work``
    is called once per worker process (or once, with ``jobs=1``) to build
    the function that does one article; it must not raise for one article's
    fault (it returns the failure as its result instead)."""
    sources = iter(sources)
    if jobs <= 1:
        work = make_work()
        for source in sources:
            yield source, work(source)
        return
    context = multiprocessing.get_context("fork")
    with context.Pool(jobs, initializer=_start_worker, initargs=(make_work,)) as pool:
        while True:
            window = list(islice(sources, jobs * WINDOW_PER_JOB))
            if not window:
                break
            yield from zip(window, pool.imap(_work, window))


_worker_work: Callable[[Source], object] | None = None


def _start_worker(make_work) -> None:
    """Builds the worker's function; if that fails (the gazetteer index is
    unusable), every article the worker is given raises the same error,
    which reaches the command at the first result. (Raising here instead
    would kill the worker, and the pool would start it again forever.)"""
    global _worker_work
    try:
        _worker_work = make_work()
    except BaseException as error:     # noqa: BLE001 - handed to the command, not swallowed
        _worker_work = _Raiser(error)


class _Raiser:
    def __init__(self, error: BaseException):
        self.error = error

    def __call__(self, source):
        raise self.error


def _work(source: Source):
    return _worker_work(source)
