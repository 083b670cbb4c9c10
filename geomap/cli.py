"""The ``geomap`` command: a thin shell over the library.

Exit codes (also in ``geomap --help``):
  0 success; 1 bad input (missing, empty, binary or non-UTF-8 article);
  2 usage error; 3 an output cannot be written; 4 the gazetteer index is
  unusable; 5 a tool the command needs (chromium, for png) is missing.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

EXIT_INPUT, EXIT_USAGE, EXIT_OUTPUT, EXIT_GAZETTEER, EXIT_TOOL = 1, 2, 3, 4, 5

EPILOG = """exit codes: 0 ok; 1 bad input article; 2 usage error; 3 output not writable;
4 gazetteer index unusable; 5 a needed tool (chromium) missing"""


class CommandError(Exception):
    """A failure to report in one line, with its exit code."""

    def __init__(self, message: str, code: int):
        super().__init__(message)
        self.code = code


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args) or 0
    except CommandError as error:
        return _fail(str(error), error.code)
    except KeyboardInterrupt:
        return _fail("interrupted", 130)
    except BrokenPipeError:
        return 0
    except Exception as error:  # one line for the user, never a traceback
        from gazetteer import GazetteerError
        from .article import ArticleError
        if isinstance(error, ArticleError):
            return _fail(str(error), EXIT_INPUT)
        if isinstance(error, GazetteerError):
            return _fail(str(error), EXIT_GAZETTEER)
        raise


def _fail(message: str, code: int) -> int:
    print(f"geomap: error: {message}", file=sys.stderr)
    return code


# -- commands -------------------------------------------------------------------
def _places(args) -> int:
    from .export import to_csv_rows, to_geojson, to_record, to_table

    mapper = _mapper()
    stories = [mapper.geoparse_file(path) for path in args.articles]
    if args.format == "table":
        text = "\n\n".join(to_table(story) for story in stories) + "\n"
    elif args.format == "jsonl":
        text = "".join(json.dumps(to_record(s), ensure_ascii=False) + "\n" for s in stories)
    elif args.format == "json":
        text = json.dumps([to_record(s) for s in stories], ensure_ascii=False, indent=2) + "\n"
    elif args.format == "geojson":
        features = [f for s in stories for f in to_geojson(s)["features"]]
        text = json.dumps({"type": "FeatureCollection", "features": features},
                          ensure_ascii=False) + "\n"
    else:
        text = to_csv_rows(stories)
    _emit(text, args.output)
    return 0


def _map(args) -> int:
    from .render import map_html

    story = _mapper().geoparse_file(args.article)
    output = Path(args.output) if args.output else Path("maps") / (Path(args.article).stem + ".html")
    _write(output, map_html(story, self_contained=not args.online))
    print(output)
    return 0


def _build(args) -> int:
    from .atlas import build_atlas

    try:
        result = build_atlas(Path(args.seeds), Path(args.output), mapper_factory=_mapper,
                             force=args.force, progress=not args.quiet)
    except OSError as error:
        raise CommandError(f"{error.filename or args.output}: {error.strerror}", EXIT_OUTPUT) from None
    print(f"{result.built} built, {result.skipped} unchanged, index: {result.index}")
    return 0


def _export(args) -> int:
    from .export import to_csv, to_geojson

    story = _mapper().geoparse_file(args.article)
    if args.geojson:
        text = json.dumps(to_geojson(story), ensure_ascii=False, indent=1) + "\n"
    else:
        text = to_csv(story)
    _emit(text, args.output)
    return 0


def _embed(args) -> int:
    from .render import embed_fragment, iframe_snippet

    story = _mapper().geoparse_file(args.article)
    fragment = embed_fragment(story)
    map_url = args.map_url or f"maps/{Path(args.article).stem}.html"
    text = (f"<!-- geomap fragment: paste into a report page -->\n{fragment}\n\n"
            f"<!-- or an iframe pointing at the full map -->\n{iframe_snippet(map_url)}\n")
    _emit(text, args.output)
    return 0


def _png(args) -> int:
    import tempfile
    from .render import map_html, save_png

    story = _mapper().geoparse_file(args.article)
    with tempfile.TemporaryDirectory() as scratch:
        page = Path(scratch) / "map.html"
        page.write_text(map_html(story), encoding="utf-8")
        try:
            save_png(page, Path(args.output), width=args.width, height=args.height)
        except FileNotFoundError as error:
            raise CommandError(str(error), EXIT_TOOL) from None
        except OSError as error:
            raise CommandError(f"{args.output}: {error.strerror or error}", EXIT_OUTPUT) from None
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
        return 0 if found else 1
    if not found:
        print(f"no place named {args.name!r}")
        return 1
    for c in found:
        print(f"{c.name}, {c.country_code or '--'}, {c.latitude:.3f}, {c.longitude:.3f}  "
              f"[{c.kind}] population {c.population:,}  id {c.id}")
    return 0


# -- plumbing ---------------------------------------------------------------------
def _mapper():
    from .pipeline import Geomapper
    return Geomapper()


def _write(path: Path, data: str | bytes) -> None:
    from .export import write_atomic
    try:
        write_atomic(path, data)
    except OSError as error:
        raise CommandError(f"cannot write {path}: {error.strerror or error}", EXIT_OUTPUT) from None


def _emit(text: str, output: str | None) -> None:
    if output:
        _write(Path(output), text)
    else:
        sys.stdout.write(text)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="geomap", description="Map the places a news article mentions, with their roles "
        "in the story, from a local offline gazetteer.", epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name, run, help_text):
        sub = commands.add_parser(name, help=help_text, description=help_text, epilog=EPILOG,
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
        sub.set_defaults(run=run)
        return sub

    places = command("places", _places, "list the places in articles, with roles and evidence")
    places.add_argument("articles", nargs="+", metavar="ARTICLE", help="UTF-8 text files")
    places.add_argument("--format", choices=("table", "json", "jsonl", "geojson", "csv"),
                        default="table", help="output format (default: table)")
    places.add_argument("-o", "--output", help="write here (atomically) instead of stdout")

    map_ = command("map", _map, "render an article's interactive map (HTML)")
    map_.add_argument("article", metavar="ARTICLE")
    map_.add_argument("-o", "--output", help="HTML file (default: maps/<article name>.html)")
    map_.add_argument("--online", action="store_true",
                      help="load Leaflet from its CDN instead of inlining it (smaller file)")

    build = command("build", _build, "regenerate every map from a folder of articles, with an index page")
    build.add_argument("seeds", nargs="?", default="seeds", help="folder of .txt articles (default: seeds)")
    build.add_argument("-o", "--output", default="maps", help="output folder (default: maps)")
    build.add_argument("--force", action="store_true", help="rebuild maps whose input has not changed")
    build.add_argument("-q", "--quiet", action="store_true", help="no progress bar")

    export = command("export", _export, "export an article's places and shapes as GeoJSON or CSV")
    export.add_argument("article", metavar="ARTICLE")
    kind = export.add_mutually_exclusive_group(required=True)
    kind.add_argument("--geojson", action="store_true", help="GeoJSON FeatureCollection")
    kind.add_argument("--csv", action="store_true", help="CSV, one row per place")
    export.add_argument("-o", "--output", help="write here (atomically) instead of stdout")

    embed = command("embed", _embed, "print an HTML fragment and an iframe snippet for a report page")
    embed.add_argument("article", metavar="ARTICLE")
    embed.add_argument("--map-url", help="URL of the full map for the iframe (default: maps/<name>.html)")
    embed.add_argument("-o", "--output", help="write here (atomically) instead of stdout")

    png = command("png", _png, "save a static PNG picture of an article's map (needs chromium)")
    png.add_argument("article", metavar="ARTICLE")
    png.add_argument("-o", "--output", required=True, help="PNG file to write")
    png.add_argument("--width", type=int, default=1400)
    png.add_argument("--height", type=int, default=900)

    gazetteer = command("gazetteer", None, "build or query the local gazetteer index")
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


if __name__ == "__main__":
    sys.exit(main())
