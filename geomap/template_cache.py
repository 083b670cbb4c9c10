"""Compiled Jinja templates kept between runs of the ``geomap`` command.

folium and branca define their templates as Jinja source strings in class
bodies, so importing them compiles about a hundred templates (lexing,
parsing and Python code generation): a third of a cold ``geomap map``.
Jinja keeps compiled code only for templates read through a loader
(``bytecode_cache``), never for ``Template(source)``. The command therefore
imports the renderer inside :func:`compiled_templates_kept`, which serves
each compile from a file of marshalled code objects, the way Python keeps
``.pyc`` files, and rewrites the file when a template was new.

Only what is compiled inside the block is cached: the class templates of
folium, branca and geomap, a bounded set. Templates compiled later, while a
map renders, hold the map's data and are never kept. Outside the block Jinja
is untouched, so a program that imports geomap as a library is unaffected.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import marshal
from pathlib import Path
from types import CodeType

import jinja2

from .output import write_atomic

#: The settings of an environment that change the code a template compiles
#: to; an environment with extensions, a finalize hook or a callable
#: autoescape compiles as before, uncached.
_CODE_SETTINGS = ("block_start_string", "block_end_string", "variable_start_string",
                  "variable_end_string", "comment_start_string", "comment_end_string",
                  "line_statement_prefix", "line_comment_prefix", "trim_blocks",
                  "lstrip_blocks", "newline_sequence", "keep_trailing_newline", "optimized",
                  "autoescape", "is_async")


def cache_path(folder: Path) -> Path:
    """The cache file in ``folder``, named for the Python bytecode format and
    the Jinja version (a code object is only valid for both)."""
    magic = importlib.util.MAGIC_NUMBER.hex()
    return folder / f"templates-jinja{jinja2.__version__}-py{magic}.marshal"


@contextlib.contextmanager
def compiled_templates_kept(path: Path):
    """Within the block, Jinja compiles each template source once per
    machine: from ``path`` if it was compiled before, else for real (and
    ``path`` is rewritten, with just the templates this block compiled).
    An unreadable or stale file is ignored; an unwritable one left as is."""
    kept = _load(path)
    loaded = set(kept)
    used: dict[bytes, CodeType] = {}
    compile_source = jinja2.Environment.compile

    def compile_kept(env, source, name=None, filename=None, raw=False, defer_init=False):
        key = _key(env, source, name, filename, raw, defer_init)
        if key is None:
            return compile_source(env, source, name, filename, raw, defer_init)
        if key not in kept:
            kept[key] = compile_source(env, source, name, filename, raw, defer_init)
        used[key] = kept[key]
        return used[key]

    jinja2.Environment.compile = compile_kept
    try:
        yield
    finally:
        jinja2.Environment.compile = compile_source
    if used.keys() != loaded:
        with contextlib.suppress(OSError):
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, marshal.dumps(used))


def _key(env, source, name, filename, raw, defer_init) -> bytes | None:
    if raw or not isinstance(source, str) or env.extensions or env.finalize is not None \
            or callable(env.autoescape):
        return None
    settings = tuple(getattr(env, setting) for setting in _CODE_SETTINGS)
    signature = repr((type(env).__module__, type(env).__qualname__, settings, name, filename,
                      defer_init, source))
    return hashlib.sha256(signature.encode("utf-8", "surrogatepass")).digest()


def _load(path: Path) -> dict[bytes, CodeType]:
    try:
        with open(path, "rb") as file:
            kept = marshal.load(file)
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    if not isinstance(kept, dict):
        return {}
    return {key: code for key, code in kept.items()
            if isinstance(key, bytes) and isinstance(code, CodeType)}
