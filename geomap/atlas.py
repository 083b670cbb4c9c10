"""``geomap build``: every article in folders (or named files) to a map, plus an index page.

A map is rebuilt only when its article, its corrections (the
``corrections.toml`` files beside it and the command's correction flags) or
geomap itself (code or data files) changed since the last build. The
manifest ``<out>/.geomap-manifest.json`` records, per article, that
fingerprint, where the article was read from (relative to ``<out>``) and a
digest of each file written for it: when an article is gone (its file no
longer exists) its outputs are removed, and only those still exactly as
geomap wrote them; a file geomap did not write is never removed.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from .article import ArticleError
from .export import to_csv, to_geojson
from .output import write_atomic

MANIFEST = ".geomap-manifest.json"
SUFFIXES = (".html", ".geojson", ".csv")
#: The folder beside the maps holding Leaflet and the basemap, with --shared-assets.
ASSETS = "assets"


@dataclass(frozen=True)
class AtlasResult:
    built: int
    skipped: int
    index: Path
    #: (article path, one-line reason, "input" or "internal") for each article
    #: that could not be mapped: a bad article, or geomap's own failure (a bug)
    failed: tuple[tuple[str, str, str], ...] = ()
    #: outputs removed because their article is gone
    removed: tuple[Path, ...] = ()


def articles_in(inputs) -> tuple[list[Path], list[tuple[str, str, str]]]:
    """The articles to map: the ``.txt`` files of each folder, and each file
    named; a folder with none is a failure of its own."""
    articles, failed = [], []
    for path in map(Path, inputs):
        if path.is_dir():
            found = sorted(path.glob("*.txt"))
            if not found:
                failed.append((str(path), f"{path}: no .txt articles to map", "input"))
            articles.extend(found)
        else:
            articles.append(path)
    return articles, failed


def build_atlas(seeds, out: Path, *, mapper_factory, force: bool = False,
                progress: bool = True, on_error=None, debug: bool = False,
                corrections=None, jobs: int = 1, shared_assets: bool = False) -> AtlasResult:
    """Write ``<out>/<name>.html|.geojson|.csv`` per article ``<name>.txt`` and ``<out>/index.html``.

    ``seeds`` is a folder, a file, or a list of them. One bad article never
    stops the build: it is reported through ``on_error(path, message)``,
    left out of the index and tried again next time; every other article is
    mapped. ``corrections`` (flags) apply over each article's corrections
    files. Maps of articles built before whose files are gone are removed.
    The progress bar shows only on a terminal.

    ``jobs`` worker processes map the articles (each with one mapper, so one
    gazetteer and one simplified basemap for all its maps); files are
    written here, in article order. ``shared_assets`` writes Leaflet and the
    world basemap once into ``<out>/assets/`` and makes each page load them
    from there: a page then holds only its story (``geomap map`` keeps its
    single self-contained file).
    """
    import sys

    from tqdm import tqdm

    from . import batch
    from .render import write_assets

    inputs = [seeds] if isinstance(seeds, (str, os.PathLike)) else list(seeds)
    articles, failed = articles_in(inputs)
    if not articles:
        raise ArticleError(failed[0][1] if failed else "no articles to map")
    for failure in failed:
        if on_error is not None:
            on_error(*failure[:2])
    out.mkdir(parents=True, exist_ok=True)
    manifest = _read_manifest(out)
    code = _code_fingerprint() + (ASSETS if shared_assets else "")
    flags = corrections.summary().encode() if corrections else b""
    built = skipped = 0
    current: dict[str, Path] = {}
    to_map: list[tuple[Path, str]] = []          # (article, fingerprint)
    for article in articles:
        name = article.stem
        try:
            if name in current:
                raise ArticleError(f"{article}: same name as {current[name]}, whose maps it would replace")
            current[name] = article
            fingerprint = hashlib.sha256(_article_bytes(article) + code.encode()
                                         + _corrections_bytes(article) + flags).hexdigest()
        except ArticleError as error:
            _failed(failed, manifest, current, article, "input", str(error), on_error)
            continue
        previous = manifest.get(name, {})
        if not force and previous.get("fingerprint") == fingerprint \
                and all((out / f"{name}{suffix}").exists() for suffix in SUFFIXES):
            skipped += 1
            manifest[name] = {**previous, "source": _source(article, out)}
        else:
            to_map.append((article, fingerprint))
    if shared_assets and to_map:
        write_assets(out / ASSETS, mapper_factory().gazetteer)
    fingerprints = dict(to_map)

    def make_work():
        mapper = mapper_factory()
        return lambda source: _map_pages(mapper, Path(source.path), corrections, debug,
                                         ASSETS + "/" if shared_assets else None)

    show = progress and sys.stderr.isatty()
    sources = (batch.Source(name=str(a), path=str(a)) for a, _ in to_map)
    for source, (pages, failure) in tqdm(batch.run(sources, make_work, jobs), total=len(to_map),
                                         desc="mapping", unit="article", disable=not show):
        article = Path(source.path)
        name = article.stem
        if failure is not None:
            _failed(failed, manifest, current, article, *failure, on_error)
            continue
        pages, entry = pages
        outputs = [out / f"{name}{suffix}" for suffix in SUFFIXES]
        for path, page in zip(outputs, pages):
            write_atomic(path, page)
        manifest[name] = {"fingerprint": fingerprints[article], "entry": entry, "source": _source(article, out),
                          "outputs": {p.name: _digest(page.encode("utf-8")) for p, page in zip(outputs, pages)}}
        built += 1
    removed = _remove_gone(out, manifest, current)
    failed_names = {Path(path).stem for path, _, _ in failed if current.get(Path(path).stem) == Path(path)}
    entries = [record["entry"] for name, record in sorted(manifest.items())
               if name not in failed_names and "entry" in record]
    write_atomic(out / MANIFEST, json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    index = out / "index.html"
    write_atomic(index, _index_page(entries))
    return AtlasResult(built, skipped, index, tuple(failed), tuple(removed))


def _map_pages(mapper, article: Path, corrections, debug: bool, assets: str | None):
    """((html, geojson, csv), index entry) for one article, or (None,
    (kind, message)) when it fails; run in a worker process."""
    from .render import map_html
    try:
        story = mapper.geoparse_file(article, corrections=corrections) if corrections \
            else mapper.geoparse_file(article)
        pages = (map_html(story, gazetteer=mapper.gazetteer, assets=assets),
                 json.dumps(to_geojson(story), ensure_ascii=False, indent=1) + "\n", to_csv(story))
    except ArticleError as error:
        return None, ("input", str(error))
    except Exception as error:          # geomap's own failure on this article
        if debug:
            raise
        return None, ("internal", f"{article}: internal error ({type(error).__name__}: {error})")
    entry = {"name": article.stem, "headline": story.article.headline, "dateline": story.article.dateline,
             "places": len(story.places), "shapes": len(story.shapes)}
    return (pages, entry), None


def _failed(failed, manifest, current, article: Path, kind: str, message: str, on_error) -> None:
    """Notes an article that could not be mapped; its map is tried again next time."""
    failed.append((str(article), message, kind))
    name = article.stem
    if name in manifest and current.get(name) == article:
        manifest[name] = {**manifest[name], "fingerprint": None}
    if on_error is not None:
        on_error(str(article), message)


def _remove_gone(out: Path, manifest: dict, current: dict) -> list[Path]:
    """Forget articles built before whose files are gone, removing their
    outputs where they are still as written; keep those whose files exist
    (another folder built into the same place). Entries from a manifest
    without sources are forgotten, their files left alone."""
    removed = []
    for name in sorted(set(manifest) - set(current)):
        record = manifest[name]
        source = record.get("source")
        if source is not None and (out / source).is_file():
            continue
        del manifest[name]
        for file_name, digest in sorted((record.get("outputs") or {}).items()):
            path = out / file_name
            if Path(file_name).name != file_name or path.is_symlink() or not path.is_file():
                continue
            try:
                if _digest(path.read_bytes()) == digest:
                    path.unlink()
                    removed.append(path)
            except OSError:
                continue
    return removed


def _source(article: Path, out: Path) -> str:
    """The article's path relative to the output folder: the manifest stays
    valid wherever the two are moved together."""
    return Path(os.path.relpath(article.resolve(), out.resolve())).as_posix()


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _corrections_bytes(article: Path) -> bytes:
    """The corrections files that apply to the article, names and contents."""
    from .corrections import files_for

    parts = []
    for path in files_for(article):
        try:
            parts.append(path.name.encode() + b"\0" + path.read_bytes())
        except OSError:
            parts.append(path.name.encode())
    return b"\0".join(parts)


def _article_bytes(path: Path) -> bytes:
    """The article's bytes for its fingerprint; a file that cannot be read is
    a bad article (reported as such), not an unwritable output."""
    from .article import read_article

    try:
        return path.read_bytes()
    except OSError:
        read_article(path)      # raises ArticleError with the one-line reason
        raise


def _read_manifest(out: Path) -> dict:
    try:
        manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(manifest, dict):
        return {}
    return {name: record for name, record in manifest.items() if isinstance(record, dict)}


@lru_cache(maxsize=1)
def _code_fingerprint() -> str:
    """geomap and gazetteer code and data: a change to any rebuilds every map."""
    digest = hashlib.sha256()
    for package in (Path(__file__).parent, Path(__file__).parent.parent / "gazetteer"):
        for path in sorted(package.rglob("*")):
            if path.suffix in (".py", ".toml", ".csv", ".css", ".js"):
                digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def _link(name: str, suffix: str) -> str:
    """A relative link to an output, whatever the article's file name: every
    character percent-encoded but the safe few, behind ``./``, so a name such
    as ``javascript:alert(1)`` stays a file in this folder."""
    return html.escape("./" + quote(name + suffix, safe=""), quote=True)


def _index_page(entries: list[dict]) -> str:
    rows = "\n".join(
        f"<tr><td><a href=\"{_link(e['name'], '.html')}\">{html.escape(e['headline'] or e['name'])}</a></td>"
        f"<td>{html.escape(e['dateline'] or '')}</td><td>{e['places']}</td><td>{e['shapes']}</td>"
        f"<td><a href=\"{_link(e['name'], '.geojson')}\">GeoJSON</a> · "
        f"<a href=\"{_link(e['name'], '.csv')}\">CSV</a></td></tr>"
        for e in entries)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>geomap: maps</title>
<style>body{{font:15px/1.4 system-ui,sans-serif;margin:2em auto;max-width:60em;color:#222}}
table{{border-collapse:collapse;width:100%}}td,th{{border-bottom:1px solid #ddd;padding:.4em;text-align:left}}
footer{{margin-top:2em;color:#666;font-size:13px}}</style></head>
<body><h1>geomap: maps</h1>
<table><thead><tr><th>Article</th><th>Dateline</th><th>Places</th><th>Shapes</th><th>Data</th></tr></thead>
<tbody>
{rows}
</tbody></table>
<footer>Places from GeoNames (CC BY 4.0); country outlines from Natural Earth (public domain).</footer>
</body></html>
"""
