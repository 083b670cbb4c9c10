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

from .article import ArticleError
from .export import to_csv, to_geojson, write_atomic

MANIFEST = ".geomap-manifest.json"


@dataclass(frozen=True)
class AtlasResult:
    built: int
    skipped: int
    index: Path


def build_atlas(seeds: Path, out: Path, *, mapper_factory, force: bool = False,
                progress: bool = True) -> AtlasResult:
    """Write ``<out>/<name>.html|.geojson|.csv`` per ``<seeds>/<name>.txt`` and ``<out>/index.html``."""
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
    entries = []
    for article in tqdm(articles, desc="mapping", unit="article", disable=not progress):
        name = article.stem
        fingerprint = hashlib.sha256(article.read_bytes() + code.encode()).hexdigest()
        outputs = [out / f"{name}{suffix}" for suffix in (".html", ".geojson", ".csv")]
        previous = manifest.get(name, {})
        if not force and previous.get("fingerprint") == fingerprint and all(p.exists() for p in outputs):
            skipped += 1
            entries.append(previous["entry"])
            continue
        mapper = mapper or mapper_factory()
        story = mapper.geoparse_file(article)
        write_atomic(outputs[0], map_html(story))
        write_atomic(outputs[1], json.dumps(to_geojson(story), ensure_ascii=False, indent=1) + "\n")
        write_atomic(outputs[2], to_csv(story))
        entry = {"name": name, "headline": story.article.headline,
                 "dateline": story.article.dateline, "places": len(story.places),
                 "shapes": len(story.shapes)}
        manifest[name] = {"fingerprint": fingerprint, "entry": entry}
        entries.append(entry)
        built += 1
    manifest = {e["name"]: manifest[e["name"]] for e in entries}
    write_atomic(out / MANIFEST, json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    index = out / "index.html"
    write_atomic(index, _index_page(entries))
    return AtlasResult(built, skipped, index)


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


def _index_page(entries: list[dict]) -> str:
    rows = "\n".join(
        f"<tr><td><a href=\"{html.escape(e['name'])}.html\">{html.escape(e['headline'] or e['name'])}</a></td>"
        f"<td>{html.escape(e['dateline'] or '')}</td><td>{e['places']}</td><td>{e['shapes']}</td>"
        f"<td><a href=\"{html.escape(e['name'])}.geojson\">GeoJSON</a> · "
        f"<a href=\"{html.escape(e['name'])}.csv\">CSV</a></td></tr>"
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
