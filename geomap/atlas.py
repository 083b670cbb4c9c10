"""``geomap build``: every article in a folder to a map, plus an index page.

A map is rebuilt only when its article or geomap itself (code or data files)
changed since the last build: the fingerprints live in
``<out>/.geomap-manifest.json``.
"""

from __future__ import annotations

import hashlib
import html
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from .article import ArticleError
from .export import to_csv, to_geojson
from .output import write_atomic

MANIFEST = ".geomap-manifest.json"


@dataclass(frozen=True)
class AtlasResult:
    built: int
    skipped: int
    index: Path
    #: (article path, one-line reason, "input" or "internal") for each article
    #: that could not be mapped: a bad article, or geomap's own failure (a bug)
    failed: tuple[tuple[str, str, str], ...] = ()


def build_atlas(seeds: Path, out: Path, *, mapper_factory, force: bool = False,
                progress: bool = True, on_error=None, debug: bool = False) -> AtlasResult:
    """Write ``<out>/<name>.html|.geojson|.csv`` per ``<seeds>/<name>.txt`` and ``<out>/index.html``.

    One bad article never stops the build: it is reported through
    ``on_error(path, message)``, left out of the index and tried again next
    time; every other article is mapped. The progress bar shows only on a
    terminal.
    """
    import sys

    from tqdm import tqdm

    from .render import map_html

    articles = sorted(seeds.glob("*.txt")) if seeds.is_dir() else []
    if not articles:
        raise ArticleError(f"{seeds}: no .txt articles to map")
    out.mkdir(parents=True, exist_ok=True)
    manifest = _read_manifest(out)
    code = _code_fingerprint()
    mapper = None
    built = skipped = 0
    entries, failed = [], []
    show = progress and sys.stderr.isatty()
    for article in tqdm(articles, desc="mapping", unit="article", disable=not show):
        name = article.stem
        outputs = [out / f"{name}{suffix}" for suffix in (".html", ".geojson", ".csv")]
        try:
            fingerprint = hashlib.sha256(_article_bytes(article) + code.encode()).hexdigest()
            previous = manifest.get(name, {})
            if not force and previous.get("fingerprint") == fingerprint and all(p.exists() for p in outputs):
                skipped += 1
                entries.append(previous["entry"])
                continue
            mapper = mapper or mapper_factory()
            story = mapper.geoparse_file(article)
            pages = (map_html(story), json.dumps(to_geojson(story), ensure_ascii=False, indent=1) + "\n",
                     to_csv(story))
        except ArticleError as error:
            failed.append((str(article), str(error), "input"))
        except Exception as error:          # geomap's own failure on this article
            if debug:
                raise
            failed.append((str(article), f"{article}: internal error ({type(error).__name__}: {error})",
                           "internal"))
        else:
            for path, page in zip(outputs, pages):
                write_atomic(path, page)
            entry = {"name": name, "headline": story.article.headline,
                     "dateline": story.article.dateline, "places": len(story.places),
                     "shapes": len(story.shapes)}
            manifest[name] = {"fingerprint": fingerprint, "entry": entry}
            entries.append(entry)
            built += 1
            continue
        if on_error is not None:
            on_error(*failed[-1][:2])
    manifest = {e["name"]: manifest[e["name"]] for e in entries}
    write_atomic(out / MANIFEST, json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    index = out / "index.html"
    write_atomic(index, _index_page(entries))
    return AtlasResult(built, skipped, index, tuple(failed))


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
        return json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


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
