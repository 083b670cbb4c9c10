"""Stage 1: load an article and read its metadata (headline, dateline, dates)."""

from __future__ import annotations

import re
import stat
from pathlib import Path

from .model import Article


#: Articles larger than this are refused with a clear error (``--max-bytes``
#: on the command line, ``max_bytes`` in the API, raise it). Cost is linear in
#: the text, but a 50 MB "article" is almost always a mistake: a whole corpus
#: or a binary dump passed as one file.
MAX_ARTICLE_BYTES = 5_000_000


class ArticleError(Exception):
    """The input cannot be read as an article; the message is one line."""


# "LONDON - Reuters", "BEIRUT (AP) --", "KYIV, Ukraine (Reuters) -", "WASHINGTON —",
# "NEW DELHI: " (not a label in capitals: "UPDATE:", "EDITOR'S NOTE:")
_DATELINE = re.compile(
    r"^(?!(?:UPDATED?|BREAKING(?: NEWS)?|NOTE|EDITOR'S NOTE|CORRECTION|WATCH|VIDEO|PHOTOS?|EXCLUSIVE|"
    r"ANALYSIS|OPINION|COMMENT|LIVE|READ MORE|ALSO READ|RELATED|SOURCE|FILE|WARNING|SPOILERS?)\b)"
    r"(?P<place>[A-Z][A-Z.'\- ]*[A-Z])(?:,\s*[A-Z][\w. ]*?)?\s*"
    r"(?:\((?P<agency1>[^)\n]{1,40})\)\s*(?:-{1,2}|–|—|:)?|(?:-{1,2}|–|—)\s*(?P<agency2>[A-Z][\w. ]{0,30})?$|(?:-{1,2}|–|—)\s"
    r"|:[ \t])",
    re.MULTILINE)

_MONTHS = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
           r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DATES = re.compile(
    rf"\b(?:{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    rf"|\d{{1,2}}\s+{_MONTHS}(?:\s+\d{{4}})?"
    r"|\d{4}-\d{2}-\d{2})\b")


def read_article(path: str | Path, *, max_bytes: int = MAX_ARTICLE_BYTES) -> Article:
    """Read and parse an article file, or raise ArticleError with a one-line reason.

    Only regular files are read: a FIFO or a device would block or never
    end, so it is refused before it is opened.
    """
    path = Path(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        reason = "dangling symbolic link" if path.is_symlink() else "no such file"
        raise ArticleError(f"{path}: {reason}") from None
    except OSError as error:
        raise ArticleError(f"{path}: cannot read ({error.strerror})") from None
    if stat.S_ISDIR(info.st_mode):
        raise ArticleError(f"{path}: is a directory, not an article file")
    if not stat.S_ISREG(info.st_mode):
        raise ArticleError(f"{path}: not a regular file (a pipe, socket or device)")
    _check_size(path, info.st_size, max_bytes)
    try:
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as error:
        raise ArticleError(f"{path}: cannot read ({error.strerror})") from None
    return article_from_bytes(data, str(path), max_bytes=max_bytes)


def read_article_stream(stream, name: str = "<stdin>", *, max_bytes: int = MAX_ARTICLE_BYTES) -> Article:
    """An article from a binary stream (standard input), checked as a file is."""
    try:
        data = stream.read(max_bytes + 1)
    except OSError as error:
        raise ArticleError(f"{name}: cannot read ({error.strerror})") from None
    return article_from_bytes(data, name, max_bytes=max_bytes)


def article_from_bytes(data: bytes, path: str, *, max_bytes: int = MAX_ARTICLE_BYTES) -> Article:
    """An article from its bytes, or ArticleError with a one-line reason
    (too large, UTF-16, binary, not UTF-8, empty)."""
    _check_size(path, len(data), max_bytes)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ArticleError(f"{path}: not UTF-8 text (UTF-16; convert it with iconv -f UTF-16 -t UTF-8)")
    if b"\x00" in data:
        raise ArticleError(f"{path}: binary file, not a text article")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ArticleError(f"{path}: not UTF-8 text (bad byte at offset {error.start})") from None
    if not text.strip():
        raise ArticleError(f"{path}: empty article")
    return parse_article(text, path, max_bytes=max_bytes)


def parse_article(text: str, path: str | None = None, *, max_bytes: int = MAX_ARTICLE_BYTES) -> Article:
    """Article metadata from the text itself: no place lookup happens here."""
    if len(text) > max_bytes // 4:          # cheap: a character is at most 4 bytes
        _check_size(path or "<text>", len(text.encode("utf-8", "surrogatepass")), max_bytes)
    dateline = _DATELINE.search(text[:2000])
    return Article(
        text=text,
        path=path,
        headline=_headline(text),
        dateline=dateline.group("place") if dateline else None,
        dateline_span=dateline.span("place") if dateline else None,
        dates=tuple(dict.fromkeys(m.group(0) for m in _DATES.finditer(text))),
    )


def _check_size(name, size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise ArticleError(f"{name}: article larger than the limit of {max_bytes:,} bytes "
                           "(raise it with --max-bytes)")


def _headline(text: str) -> str:
    """The first non-empty line, if it reads like a headline (short, one line)."""
    for line in text.splitlines():
        line = line.strip()
        if line:
            return line if len(line) <= 200 else ""
    return ""
