"""How geomap writes files: nothing half-written, nothing of the user's harmed.

Every output goes to a temporary file beside its final path and is renamed
into place only once complete (and, where a check is given, verified), so a
reader never sees a partial file and a killed run leaves the old output as it
was. Temporary names carry the writer's process id; the next write into the
same folder removes those whose writer is gone.

An output path may name a missing file or an existing *regular* file: geomap
never replaces a symlink, a device, a FIFO or a directory, which a user may
have pointed there on purpose (``-o /dev/sda`` or a symlink into a shared
folder).
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
from pathlib import Path
from typing import Callable, Iterator

#: Temporary files are named ``.<final name>.geomap-<pid>.<random>.tmp``: the
#: marker and pid tell a stale one of ours from any file of the user's.
TEMP_SUFFIX = ".tmp"
_TEMPORARY = re.compile(r"^\..+\.geomap-(\d+)\.[a-z0-9_]{8}\.(?:tmp|png)$")


class OutputError(OSError):
    """An output path geomap refuses or cannot write; the message is one line."""


def check_output_path(path: str | os.PathLike) -> Path:
    """``path`` if geomap may write there, else :class:`OutputError`."""
    path = Path(path)
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return path
    except OSError as error:
        raise OutputError(f"cannot write {path}: {error.strerror}") from None
    if not stat.S_ISREG(mode):
        what = ("a symbolic link" if stat.S_ISLNK(mode) else "a directory" if stat.S_ISDIR(mode)
                else "a device or pipe")
        raise OutputError(f"refusing to replace {path}: it is {what}, not a regular file")
    return path


@contextlib.contextmanager
def atomic_output(path: str | os.PathLike, *, binary: bool = False,
                  verify: Callable[[Path], None] | None = None) -> Iterator:
    """A file handle whose content appears at ``path`` only if the block
    completes (and ``verify(temporary_path)`` does not raise)."""
    path = check_output_path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(path.parent)
    handle, scratch = tempfile.mkstemp(dir=path.parent, prefix=_prefix(path),
                                       suffix=TEMP_SUFFIX)
    try:
        with os.fdopen(handle, "wb" if binary else "w", **({} if binary else
                                                              {"encoding": "utf-8", "newline": ""})) as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        if verify is not None:
            verify(Path(scratch))
        os.chmod(scratch, 0o644)
        check_output_path(path)     # still a file we may replace
        os.replace(scratch, path)
    except BaseException:
        Path(scratch).unlink(missing_ok=True)
        raise


def write_atomic(path: str | os.PathLike, data: str | bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file and a rename."""
    with atomic_output(path, binary=isinstance(data, bytes)) as out:
        out.write(data)
    return Path(path)


def temporary_path(path: str | os.PathLike, suffix: str = TEMP_SUFFIX) -> Path:
    """A fresh temporary name beside ``path`` for a file another program
    writes (chromium's screenshot); cleaned like geomap's own temporaries."""
    path = Path(path)
    handle, scratch = tempfile.mkstemp(dir=path.parent, prefix=_prefix(path),
                                       suffix=suffix)
    os.close(handle)
    return Path(scratch)


def remove_stale_temporaries(folder: Path) -> list[Path]:
    """Remove temporaries in ``folder`` left by geomap processes that are
    gone (killed mid-write); those of running processes stay."""
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        pid = _writer_pid(entry.name)
        if pid is None or pid == os.getpid() or _alive(pid):
            continue
        with contextlib.suppress(OSError):
            if entry.is_file(follow_symlinks=False):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


def _prefix(path: Path) -> str:
    return f".{path.name}.geomap-{os.getpid()}."


def _writer_pid(name: str) -> int | None:
    """The writer's pid if ``name`` is a geomap temporary, else None."""
    match = _TEMPORARY.match(name)
    return int(match.group(1)) if match else None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
