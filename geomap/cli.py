"""The ``geomap`` command: a thin shell over the library.

Exit codes (also in ``geomap --help``):
  0 success; 1 bad input (an article missing, empty, binary, not UTF-8, not a
  regular file or over the size limit: in a batch the other articles are
  still processed and written); 2 usage error; 3 an output cannot be
  written; 4 the gazetteer index is unusable; 5 a tool the command needs
  (chromium, for png) is missing or failed; 6 ``gazetteer lookup`` found no
  place of that name; 70 geomap itself failed on an article (a bug: the
  message says which; ``--debug`` shows the traceback).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import textwrap
from pathlib import Path

from .article import MAX_ARTICLE_BYTES

EXIT_INPUT, EXIT_USAGE, EXIT_OUTPUT, EXIT_GAZETTEER, EXIT_TOOL, EXIT_NO_MATCH = 1, 2, 3, 4, 5, 6
EXIT_INTERNAL = 70

EPILOG = """exit codes: 0 ok; 1 bad input article (in a batch, the others are still
written); 2 usage error; 3 output not writable; 4 gazetteer index unusable;
5 a needed tool (chromium) missing or failed; 6 lookup found no match;
70 internal error on an article (--debug shows the traceback)"""

#: Control characters but newline and tab, removed from anything printed to
#: the terminal: a file name or an article never sends an escape sequence.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


class CommandError(Exception):
    """A failure to report in one line, with its exit code."""

    def __init__(self, message: str, code: int):
        super().__init__(message)
        self.code = code

    def __reduce__(self):
        # raised in a worker process, it crosses back to the command whole
        return CommandError, (str(self), self.code)


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        status = args.run(args) or 0
        _flush_stdout()
        return status
    except CommandError as error:
        return _fail(str(error), error.code)
    except KeyboardInterrupt:
        return _fail("interrupted", 130)
    except BrokenPipeError:
        _silence_stdout()
        return 0
    except Exception as error:  # one line for the user; the traceback only with --debug
        from gazetteer import GazetteerError
        from .article import ArticleError
        from .output import OutputError
        if isinstance(error, ArticleError):
            return _fail(str(error), EXIT_INPUT)
        if isinstance(error, GazetteerError):
            return _fail(str(error), EXIT_GAZETTEER)
        if isinstance(error, _StdoutError):
            return _fail(f"cannot write to standard output: {error.strerror or error}", EXIT_OUTPUT)
        if isinstance(error, OutputError):
            return _fail(str(error), EXIT_OUTPUT)
        if args.debug:
            raise
        return _fail(f"internal error ({type(error).__name__}: {error}); "
                     "run again with --debug for the traceback", EXIT_INTERNAL)


def _fail(message: str, code: int) -> int:
    _say(f"geomap: error: {message}")
    return code


def _say(message: str) -> None:
    """One line on stderr, control characters removed."""
    print(_CONTROL.sub("", message), file=sys.stderr, flush=True)


# -- commands -------------------------------------------------------------------
def _places(args) -> int:
    """Each article's record is written as soon as it is done, in input
    order, by ``--jobs`` worker processes; an article that fails gives one
    error line (and an error record in JSON Lines or JSON) and the others
    go on. Inputs: files, folders, globs, JSON Lines corpora, ``-``
    (:mod:`geomap.batch`)."""
    from . import batch as batches
    _stdin_once(args.articles)
    sources = (_stdin_source(s, args) if s.path == "-" else s for s in batches.expand(args.articles))
    if args.scheduler:
        return _places_on_dask(args, sources)
    render = _PLACES_PAYLOADS[args.format]
    failures = _Batch(args.debug)

    def make_work():
        read = _source_reader(args)
        return lambda source: failures.attempt(source.name, lambda: render(read(source)))

    with _output_stream(args.output) as stream:
        writer = _PLACES_WRITERS[args.format](stream)
        for source, (payload, failure) in batches.run(sources, make_work,
                                                      batches.jobs_for(args.articles, args.jobs)):
            if failure is None:
                writer.story(payload)
            else:
                failures.note(*failure)
                writer.error(source.name, failure[1])
            _flush(stream)
        writer.close()
    return failures.status()


def _places_on_dask(args, sources) -> int:
    """``--scheduler``: the corpus mapped by Dask workers (geomap.distributed)
    into ``-o DIR/part-NNNNN.jsonl``, one row per place mention: the rows
    ``--format mentions`` writes, in the same order."""
    from .article import ArticleError, read_article
    from .distributed import map_corpus
    if args.format != "mentions" or not args.output:
        raise CommandError("--scheduler writes --format mentions into a folder: give -o DIR", EXIT_USAGE)
    failures, pairs = _Batch(args.debug), []
    for source in sources:
        try:
            if source.problem is not None:
                raise ArticleError(source.problem)
            text = source.text if source.text is not None else \
                read_article(source.path, max_bytes=args.max_bytes).text
        except ArticleError as error:
            failures.note("input", str(error))
            continue
        pairs.append((source.name, text))
    files = map_corpus(pairs, args.output, scheduler=args.scheduler, index=args.index)
    _say(f"geomap: {len(pairs)} articles mapped into {len(files)} files in {args.output}")
    return failures.status()


def _stdin_source(source, args):
    """Standard input, read here: a worker process has none of its own."""
    from .article import ArticleError, read_article_stream
    from .batch import Source
    try:
        return Source(name="<stdin>", text=read_article_stream(sys.stdin.buffer, max_bytes=args.max_bytes).text)
    except ArticleError as error:
        return Source(name="<stdin>", problem=str(error))


def _source_reader(args):
    """:func:`_reader`, for a :class:`geomap.batch.Source`: a file, or a
    corpus record's text (named by its id)."""
    read = _reader(args, shapes=args.format in _FORMATS_WITH_SHAPES)

    def read_source(source):
        from .article import ArticleError, parse_article
        if source.problem is not None:
            raise ArticleError(source.problem)
        if source.text is None:
            return read(source.path)
        article = parse_article(source.text, path=source.name, max_bytes=args.max_bytes)
        return read.mapper.geoparse(article, shapes=read.shapes, corrections=read.flags)
    return read_source


class _Batch:
    """Runs one step per article, turning an article's failure into a
    one-line message (printed at once) and remembering the worst kind."""

    def __init__(self, debug: bool):
        self.debug = debug
        self.failures: list[str] = []
        self.kinds: list[str] = []

    def run(self, path, step):
        """``step(path)``, or None when the article failed (said and noted)."""
        result, failure = self.attempt(path, lambda: step(path))
        if failure is not None:
            self.note(*failure)
        return result

    def attempt(self, name, step) -> tuple[object, tuple[str, str] | None]:
        """``(step(), None)``, or ``(None, (kind, message))`` when this one
        article failed: "input" for a bad article, "internal" for geomap's
        own failure. What is no fault of the article (the index, an output,
        a usage error) is raised: the whole command stops. Safe to call in a
        worker process: it only returns."""
        from gazetteer import GazetteerError
        from .article import ArticleError
        from .output import OutputError
        try:
            return step(), None
        except ArticleError as error:
            return None, ("input", str(error))
        except (CommandError, GazetteerError, OutputError, _StdoutError, BrokenPipeError):
            raise
        except Exception as error:      # geomap's own failure on this one article
            if self.debug:
                raise
            return None, ("internal", f"{name}: internal error ({type(error).__name__}: {error})")

    def note(self, kind: str, message: str) -> None:
        """Says a failure at once (one line) and remembers its kind."""
        self.failures.append(message)
        self.kinds.append(kind)
        _say(f"geomap: error: {message}")

    def status(self) -> int:
        return _batch_status(self.kinds)


def _batch_status(kinds: list[str]) -> int:
    """A batch's exit code: a bad article (1) before geomap's own failure (70)."""
    return EXIT_INPUT if "input" in kinds else EXIT_INTERNAL if kinds else 0


def _table_payload(story):
    from .export import to_table
    return to_table(story)


def _record_payload(story):
    from .export import to_record
    return to_record(story)


def _features_payload(story):
    from .export import to_geojson
    return to_geojson(story)["features"]


def _csv_payload(story):
    from .export import csv_rows
    return csv_rows(story)


def _mention_rows_payload(story):
    from .distributed import mention_rows
    return mention_rows(story, story.article.path)


#: The --format values that print shapes; the others skip drawing them.
_FORMATS_WITH_SHAPES = ("geojson",)
#: What a worker makes of a story for each --format: small, picklable, and
#: what the format's writer (below) writes in input order.
_PLACES_PAYLOADS = {"table": _table_payload, "jsonl": _record_payload, "json": _record_payload,
                    "geojson": _features_payload, "csv": _csv_payload, "mentions": _mention_rows_payload}


class _TableWriter:
    def __init__(self, stream):
        self.stream, self.first = stream, True

    def story(self, table: str) -> None:
        self.stream.write(("" if self.first else "\n") + table + "\n")
        self.first = False

    def error(self, path, message) -> None:
        """Errors go to stderr only: the table stays a table."""

    def close(self) -> None:
        pass


class _JsonLinesWriter(_TableWriter):
    def story(self, record: dict) -> None:
        self.stream.write(json.dumps(record, ensure_ascii=False) + "\n")

    def error(self, path, message) -> None:
        self.stream.write(json.dumps({"article": str(path), "error": message}, ensure_ascii=False) + "\n")


class _JsonWriter(_TableWriter):
    """A JSON array written one element at a time (the same bytes as
    ``json.dumps(records, indent=2)``)."""

    def _element(self, record) -> None:
        text = textwrap.indent(json.dumps(record, ensure_ascii=False, indent=2), "  ")
        self.stream.write(("[\n" if self.first else ",\n") + text)
        self.first = False

    def story(self, record: dict) -> None:
        self._element(record)

    def error(self, path, message) -> None:
        self._element({"article": str(path), "error": message})

    def close(self) -> None:
        self.stream.write("[]\n" if self.first else "\n]\n")


class _GeoJsonWriter(_TableWriter):
    """One FeatureCollection for every article, features written as they come."""

    def story(self, features: list) -> None:
        for feature in features:
            self.stream.write(('{"type": "FeatureCollection", "features": [' if self.first else ", ")
                              + json.dumps(feature, ensure_ascii=False))
            self.first = False

    def close(self) -> None:
        self.stream.write(('{"type": "FeatureCollection", "features": [' if self.first else "") + "]}\n")


class _CsvWriter(_TableWriter):
    def __init__(self, stream):
        from .export import csv_writer
        super().__init__(stream)
        self.writer = csv_writer(stream)

    def story(self, rows: list) -> None:
        self.writer.writerows(rows)


class _MentionRowsWriter(_JsonLinesWriter):
    """JSON Lines, one row per place mention (geomap.distributed's rows)."""

    def story(self, rows: list) -> None:
        for row in rows:
            super().story(row)


_PLACES_WRITERS = {"table": _TableWriter, "jsonl": _JsonLinesWriter, "json": _JsonWriter,
                   "geojson": _GeoJsonWriter, "csv": _CsvWriter, "mentions": _MentionRowsWriter}


def _render():
    """``geomap.render``, with folium's templates compiled from the user
    cache: a cold ``geomap map`` does not compile them again."""
    from gazetteer import user_cache_dir

    from .template_cache import cache_path, compiled_templates_kept

    try:
        folder = user_cache_dir()
    except RuntimeError:        # no home directory to keep it in: compile as usual
        from . import render
        return render
    with compiled_templates_kept(cache_path(folder)):
        from . import render
    return render


def _map(args) -> int:
    render = _render()
    story = _story(args)
    output = Path(args.output) if args.output else Path("maps") / (Path(args.article).stem + ".html")
    _write(output, render.map_html(story, self_contained=not args.online))
    print(output)
    return 0


def _build(args) -> int:
    from .atlas import build_atlas

    _render()       # imported once, before the workers fork
    try:
        result = build_atlas([Path(p) for p in args.seeds], Path(args.output),
                             mapper_factory=lambda: _mapper(args), corrections=_corrections(args),
                             force=args.force, progress=not args.quiet, debug=args.debug,
                             jobs=_jobs_for(args.seeds, args.jobs), shared_assets=args.shared_assets,
                             on_error=lambda path, message: _say(f"geomap: error: {message}"))
    except OSError as error:
        raise CommandError(f"{error.filename or args.output}: {error.strerror or error}",
                           EXIT_OUTPUT) from None
    for path in result.removed:
        print(_CONTROL.sub("", f"removed {path} (its article is gone)"))
    failed = f", {len(result.failed)} failed" if result.failed else ""
    removed = f", {len(result.removed)} removed" if result.removed else ""
    print(f"{result.built} built, {result.skipped} unchanged{failed}{removed}, index: {result.index}")
    return _batch_status([kind for _, _, kind in result.failed])


def _export(args) -> int:
    from .export import to_csv, to_geojson, to_kml

    story = _story(args)
    if args.geojson:
        text = json.dumps(to_geojson(story), ensure_ascii=False, indent=1) + "\n"
    elif args.kml:
        text = to_kml(story)
    else:
        text = to_csv(story)
    _emit(text, args.output)
    return 0


def _embed(args) -> int:
    render = _render()

    story = _story(args)
    if args.map_url:
        text = (f"<!-- geomap: an iframe pointing at the published map -->\n"
                f'<figure class="geomap-embed" style="margin:0">\n{render.iframe_snippet(args.map_url, height=args.height)}\n'
                f'<figcaption style="font:12px sans-serif;color:#555">{render.caption_html(story)}</figcaption>\n'
                f"</figure>\n")
    else:
        text = (f"<!-- geomap: the map in an iframe srcdoc, paste into a report page -->\n"
                f"{render.embed_fragment(story, height=args.height)}")
    _emit(text, args.output)
    return 0


def _caption(args) -> int:
    from .render import caption_html, caption_text

    story = _story(args)
    text = caption_html(story) if args.html else _CONTROL.sub("", caption_text(story))
    _emit(text + "\n", args.output)
    return 0


def _png(args) -> int:
    import tempfile
    render = _render()

    story = _story(args)
    with tempfile.TemporaryDirectory() as scratch:
        page = Path(scratch) / "map.html"
        page.write_text(render.map_html(story), encoding="utf-8")
        try:
            render.save_png(page, Path(args.output), width=args.width, height=args.height)
        except FileNotFoundError as error:
            raise CommandError(str(error), EXIT_TOOL) from None
        except render.PngError as error:
            raise CommandError(str(error), EXIT_TOOL) from None
        except OSError as error:
            raise CommandError(f"cannot write {args.output}: {error.strerror or error}", EXIT_OUTPUT) from None
    print(args.output)
    return 0


def _gazetteer_build(args) -> int:
    from gazetteer.index import rebuild_index

    rebuild_index(args.index)
    return 0


def _gazetteer_lookup(args) -> int:
    from dataclasses import asdict
    from gazetteer import Gazetteer

    found = Gazetteer(args.index).candidates(args.name, limit=args.limit)
    if args.json:
        print(json.dumps([asdict(c) for c in found], ensure_ascii=False, indent=1))
        return 0 if found else EXIT_NO_MATCH
    if not found:
        print(_CONTROL.sub("", f"no place named {args.name!r}"))
        return EXIT_NO_MATCH
    for c in found:
        print(f"{c.name}, {c.country_code or '--'}, {c.latitude:.3f}, {c.longitude:.3f}  "
              f"[{c.kind}] population {c.population:,}  id {c.id}")
    return 0


# -- plumbing ---------------------------------------------------------------------
def _jobs_for(specs, jobs) -> int:
    from .batch import jobs_for
    return jobs_for([str(s) for s in specs], jobs)


def _mapper(args):
    from .pipeline import Geomapper
    return Geomapper(max_article_bytes=args.max_bytes)


def _corrections(args):
    """The corrections given as flags (``--pin``, ``--exclude``, ``--alias``, ``--country``)."""
    from .corrections import from_flags
    try:
        return from_flags(getattr(args, "pin", None) or (), getattr(args, "exclude", None) or (),
                          getattr(args, "alias", None) or (), getattr(args, "country", None) or ())
    except ValueError as error:
        raise CommandError(str(error), EXIT_USAGE) from None


def _reader(args, shapes: bool = True):
    """A function from an article path (or ``-``, standard input) to its
    story, with the corrections files beside it and the flags over them;
    ``shapes=False`` for an output that draws none (the places and roles
    are the same: :meth:`geomap.Geomapper.geoparse`)."""
    mapper, flags = _mapper(args), _corrections(args)

    def read(path):
        if str(path) == "-":
            from .article import read_article_stream
            article = read_article_stream(sys.stdin.buffer, max_bytes=args.max_bytes)
            return mapper.geoparse(article, shapes=shapes, corrections=flags)
        return mapper.geoparse_file(path, shapes=shapes, corrections=flags)
    read.mapper, read.flags, read.shapes = mapper, flags, shapes
    return read


def _story(args):
    """The story of ``args.article``, read by the command's shared reader."""
    read = getattr(args, "read", None) or _reader(args)
    return read(args.article)


_ARTICLES_HELP = "UTF-8 text files, or - for standard input"


def _EXPORT_SUFFIX(args) -> str:
    return ".geojson" if args.geojson else ".kml" if args.kml else ".csv"


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version
    try:
        return version("geomap")
    except PackageNotFoundError:
        return "unknown (not installed)"


def _parse(name):
    def parse(text):
        from . import corrections
        return getattr(corrections, name)(text)
    return parse


def _flag(parse):
    """An argparse type from a parser raising ValueError with the reason."""
    def convert(text):
        try:
            return parse(text)
        except ValueError as error:
            raise argparse.ArgumentTypeError(str(error)) from None
    convert.__name__ = "value"
    return convert


def _per_article(run, suffix, default_dir: str | None = None):
    """A one-article command (``run`` reads ``args.article`` and writes
    ``args.output``) over many articles: ``-o DIR`` gets ``DIR/<name><suffix>``
    per article (as does ``default_dir`` without ``-o``); one bad article
    gives one error line and the others go on."""
    def each(args) -> int:
        targets = _targets(args, suffix(args) if callable(suffix) else suffix, default_dir)
        args.read = _reader(args)
        batch = _Batch(args.debug)
        for article, output in targets:
            one = argparse.Namespace(**{**vars(args), "article": article, "output": output})
            batch.run(article, lambda _: run(one))
        return batch.status()
    return each


def _targets(args, suffix: str, default_dir: str | None = None) -> list[tuple[str, str | None]]:
    """Each article with its output (None: standard output)."""
    import os

    articles, output = args.articles, args.output
    _stdin_once(articles)
    into = None
    if output is not None and (len(articles) > 1 or output.endswith(("/", os.sep)) or Path(output).is_dir()):
        into = Path(output)
    elif output is None and default_dir is not None:
        into = Path(default_dir)
    elif output is None and len(articles) > 1:
        raise CommandError(f"several articles need -o DIR (one <name>{suffix} each)", EXIT_USAGE)
    if into is None:
        targets = [(article, output) for article in articles]
    else:
        targets, seen = [], {}
        for article in articles:
            target = str(into / (("stdin" if article == "-" else Path(article).stem) + suffix))
            if target in seen:
                raise CommandError(f"{seen[target]} and {article} would both be written to {target}",
                                   EXIT_USAGE)
            seen[target] = article
            targets.append((article, target))
    for article, target in targets:
        if target is not None and article != "-" and _same_file(article, target):
            raise CommandError(f"refusing to write {target}: it is the article {article}", EXIT_OUTPUT)
    return targets


def _stdin_once(articles) -> None:
    if list(articles).count("-") > 1:
        raise CommandError("standard input (-) can be read only once", EXIT_USAGE)


def _same_file(a, b) -> bool:
    try:
        return Path(a).samefile(b)
    except OSError:
        return False


class _StdoutError(OSError):
    """Standard output could not be written (a full disk, a closed terminal)."""


def _flush(stream) -> None:
    """Push what is written so far out, so a reader of a long run sees
    each article as it is done."""
    if stream is sys.stdout:
        _flush_stdout()


def _flush_stdout() -> None:
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as error:
        _silence_stdout()
        raise _StdoutError(error.errno, error.strerror) from None


def _silence_stdout() -> None:
    """After a failed write, send what is left to /dev/null, so Python's
    own flush at exit does not print a second error."""
    import os
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


class _output_stream:
    """Standard output, or an output file written atomically on success."""

    def __init__(self, output: str | None):
        self.output = output
        self._context = None

    def __enter__(self):
        if not self.output:
            return _StdoutWriter()
        from .output import atomic_output
        self._context = atomic_output(Path(self.output))
        try:
            return self._context.__enter__()
        except OSError as error:
            raise CommandError(f"cannot write {self.output}: {error.strerror or error}", EXIT_OUTPUT) from None

    def __exit__(self, *exc):
        if self._context is None:
            return False
        try:
            return self._context.__exit__(*exc)
        except OSError as error:
            if exc[0] is not None:
                raise
            raise CommandError(f"cannot write {self.output}: {error.strerror or error}", EXIT_OUTPUT) from None


class _StdoutWriter:
    """``sys.stdout`` whose write errors become :class:`_StdoutError`."""

    def write(self, text: str) -> None:
        try:
            sys.stdout.write(text)
        except BrokenPipeError:
            raise
        except OSError as error:
            _silence_stdout()
            raise _StdoutError(error.errno, error.strerror) from None


def _write(path: Path, data: str | bytes) -> None:
    from .output import write_atomic
    try:
        write_atomic(path, data)
    except OSError as error:
        message = str(error) if error.strerror is None else f"cannot write {path}: {error.strerror}"
        raise CommandError(message, EXIT_OUTPUT) from None


def _emit(text: str, output: str | None) -> None:
    if output:
        _write(Path(output), text)
    else:
        _StdoutWriter().write(text)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="geomap", description="Map the places a news article mentions, with their roles "
        "in the story, from a local offline gazetteer.", epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--debug", action="store_true",
                        help="show the traceback when geomap itself fails on an article")
    parser.add_argument("--version", action="version", version=f"geomap {_version()}")
    parser.set_defaults(max_bytes=MAX_ARTICLE_BYTES)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    reads_articles = argparse.ArgumentParser(add_help=False)
    reads_articles.add_argument("--max-bytes", type=_positive, default=MAX_ARTICLE_BYTES, metavar="N",
                                help=f"refuse articles larger than N bytes (default: {MAX_ARTICLE_BYTES:,})")
    fixes = reads_articles.add_argument_group(
        "corrections", "over those in corrections.toml (the folder's) and <name>.corrections.toml\n"
        "(the article's) beside each article; each flag may be repeated")
    fixes.add_argument("--pin", action="append", type=_flag(_parse("parse_pin")),
                       metavar="NAME=PLACE_ID|NAME=LAT,LON",
                       help="NAME is this gazetteer place (an id from gazetteer lookup) or point")
    fixes.add_argument("--exclude", action="append", metavar="NAME",
                       help="NAME is no place in this article (or a place id: drop that place)")
    fixes.add_argument("--alias", action="append", type=_flag(_parse("parse_alias")),
                       metavar="SPELLING=NAME", help="look SPELLING up as NAME")
    fixes.add_argument("--country", action="append", type=_flag(_parse("parse_country")),
                       metavar="CC", help="the story is about this country (ISO 3166 code)")

    def command(name, run, help_text, articles=True):
        sub = commands.add_parser(name, help=help_text, description=help_text, epilog=EPILOG,
                                  formatter_class=argparse.RawDescriptionHelpFormatter,
                                  parents=[reads_articles] if articles else [])
        sub.set_defaults(run=run)
        return sub

    places = command("places", _places, "list the places in articles, with roles and evidence")
    places.add_argument("articles", nargs="+", metavar="ARTICLE",
                        help="UTF-8 text files, folders of .txt files, quoted glob patterns, "
                             "JSON Lines corpora (.jsonl: {\"id\", \"text\"} per line), or - for "
                             "standard input")
    places.add_argument("--jobs", type=_positive, metavar="N",
                        help="worker processes (default: every core for many articles, one for "
                             "one; --jobs 1 for one process); the output is the same whatever N")
    places.add_argument("--scheduler", metavar="ADDRESS",
                        help="map on Dask (pip install geomap[dask]): 'local' for a cluster of this "
                             "machine's cores, or a scheduler's address (tcp://host:8786); writes "
                             "--format mentions into -o DIR, one file per partition")
    places.add_argument("--index", help="gazetteer index the Dask workers open read-only (default: "
                                        "$GEOMAP_GAZETTEER or the user cache)")
    places.add_argument("--format", choices=("table", "json", "jsonl", "geojson", "csv", "mentions"),
                        default="table", help="output format (default: table; mentions: JSON Lines, "
                                              "one row per place mention)")
    places.add_argument("-o", "--output", help="write here (atomically) instead of stdout")

    map_ = command("map", _per_article(_map, ".html", "maps"), "render an article's interactive map (HTML)")
    map_.add_argument("articles", nargs="+", metavar="ARTICLE", help=_ARTICLES_HELP)
    map_.add_argument("-o", "--output", help="HTML file, or a folder for many articles "
                      "(default: maps/<article name>.html)")
    map_.add_argument("--online", action="store_true",
                      help="load Leaflet from its CDN instead of inlining it (smaller file)")

    build = command("build", _build, "regenerate every map from a folder of articles, with an index page")
    build.add_argument("seeds", nargs="*", default=["seeds"], metavar="PATH",
                       help="folders of .txt articles, or article files (default: seeds); maps of "
                       "articles built before whose files are gone are removed")
    build.add_argument("-o", "--output", default="maps", help="output folder (default: maps)")
    build.add_argument("--force", action="store_true", help="rebuild maps whose input has not changed")
    build.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    build.add_argument("--jobs", type=_positive, metavar="N",
                       help="worker processes (default: every core for many articles, one for one; "
                            "--jobs 1 for one process)")
    build.add_argument("--shared-assets", action="store_true",
                       help="write Leaflet and the basemap once into OUTPUT/assets/; each page then "
                            "holds only its story (an atlas of many maps)")

    export = command("export", _per_article(_export, _EXPORT_SUFFIX),
                     "export an article's places and shapes as GeoJSON, CSV or KML")
    export.add_argument("articles", nargs="+", metavar="ARTICLE", help=_ARTICLES_HELP)
    kind = export.add_mutually_exclusive_group(required=True)
    kind.add_argument("--geojson", action="store_true", help="GeoJSON FeatureCollection")
    kind.add_argument("--csv", action="store_true", help="CSV, one row per place")
    kind.add_argument("--kml", action="store_true",
                      help="KML for Google Earth: a folder per role, zones and routes as polygons and lines")
    export.add_argument("-o", "--output", help="write here (atomically) instead of stdout; a folder "
                        "for many articles")

    embed = command("embed", _per_article(_embed, ".embed.html"), "print an HTML snippet that shows an article's map in a report page: "
                    "the self-contained map in an iframe srcdoc, with its caption")
    embed.add_argument("articles", nargs="+", metavar="ARTICLE", help=_ARTICLES_HELP)
    embed.add_argument("--map-url", metavar="URL",
                       help="instead, an iframe pointing at the map published at URL (smaller; needs the page)")
    embed.add_argument("--height", type=_pixels, default=600, help="iframe height in pixels (default: 600)")
    embed.add_argument("-o", "--output", help="write here (atomically) instead of stdout")

    caption = command("caption", _caption, "print a figure caption for an article's map: what it shows, "
                      "the source article, the data credits")
    caption.add_argument("article", metavar="ARTICLE")
    caption.add_argument("--html", action="store_true", help="HTML-escaped, for a page")
    caption.add_argument("-o", "--output", help="write here (atomically) instead of stdout")

    png = command("png", _per_article(_png, ".png"), "save a static PNG picture of an article's map (needs chromium): "
                  "title, legend scaled to the picture, no buttons")
    png.add_argument("articles", nargs="+", metavar="ARTICLE", help=_ARTICLES_HELP)
    png.add_argument("-o", "--output", required=True, help="PNG file to write")
    png.add_argument("--width", type=_pixels, default=1400, help="picture width in pixels (default: 1400)")
    png.add_argument("--height", type=_pixels, default=900, help="picture height in pixels (default: 900)")

    gazetteer = command("gazetteer", None, "build or query the local gazetteer index", articles=False)
    gazetteer_commands = gazetteer.add_subparsers(dest="action", required=True, metavar="ACTION")
    gbuild = gazetteer_commands.add_parser("build", help="(re)build the index from the installed data packages")
    gbuild.set_defaults(run=_gazetteer_build)
    lookup = gazetteer_commands.add_parser("lookup", help="the places a name may mean, most likely first")
    lookup.set_defaults(run=_gazetteer_lookup)
    lookup.add_argument("name")
    lookup.add_argument("--json", action="store_true", help="JSON output")
    lookup.add_argument("--limit", type=int, default=5, help="how many candidates (default: 5)")
    for sub in (gbuild, lookup):
        sub.add_argument("--index", help="index file (default: $GEOMAP_GAZETTEER or the user cache)")
    return parser


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number above 0, not {text!r}")
    return value


def _pixels(text: str) -> int:
    """A picture side chromium can render: 16 to 8192 pixels."""
    value = _positive(text)
    if not 16 <= value <= 8192:
        raise argparse.ArgumentTypeError(f"expected 16 to 8192 pixels, not {text}")
    return value


if __name__ == "__main__":
    sys.exit(main())
