"""Reading untrusted files safely, writing files atomically, setting damaged files aside.

Story packs, saves, session logs and assignment files all come from outside
the program: any of them may be a link to /dev/zero or to a secret, a pipe that
never ends, a folder, a link loop or a gigabyte of JSON. `read_untrusted` is the
one way such a file is read; nothing a player made is ever deleted.
"""

from __future__ import annotations

import errno
import json
import os
import stat
import tempfile
import time
from pathlib import Path

KB = 1024
MB = 1024 * KB

# Limits on what one read may bring into memory. A save of the shipped story played to the
# end with every undo point is under 200 KB, a log under 100 KB; each limit leaves a wide margin.
SAVE_LIMIT = 4 * MB
LOG_LIMIT = 8 * MB
ASSIGNMENT_LIMIT = 1 * MB

_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


class UnsafeFile(ValueError):
    """A file that was not read, with the reason in words a player or writer can act on."""


class TooLarge(UnsafeFile):
    """A file over its read limit; `size` is what fstat said, or limit + 1 with `grew` when the file
    grew past the limit while it was read (then its real size is not known)."""

    def __init__(self, size: int, limit: int, grew: bool = False):
        super().__init__(f"it is {size / 1e6:.1f} MB{' or more' if grew else ''}; the limit is {_size(limit)}")
        self.size, self.limit, self.grew = size, limit, grew


def read_untrusted(path: Path, limit: int, root: Path | None = None) -> bytes:
    """The bytes of the regular file at `path`, read once and never more than `limit`.

    - the last part of the path must not be a symbolic link (opened with O_NOFOLLOW);
    - the opened handle must be a regular file (not a pipe, device or folder), checked with fstat
      on the handle itself, so nothing can swap the file between the check and the read; opening
      is non-blocking, so a pipe with no writer cannot hang us;
    - with `root`, the file must lie inside `root` once every folder link is resolved (a pack's
      `scenes/` that is a link to elsewhere is refused);
    - at most `limit` + 1 bytes are read, so a file that grows while we read is still refused.

    Raises UnsafeFile (a ValueError) with a reason; never returns part of a file.
    """
    path = Path(path)
    try:
        fd = os.open(path, _READ_FLAGS)
    except OSError as exc:
        raise UnsafeFile(_open_failure(path, exc)) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = "a folder" if stat.S_ISDIR(info.st_mode) else "a pipe" if stat.S_ISFIFO(info.st_mode) \
                else "a device" if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode) else "not a regular file"
            raise UnsafeFile(f"it is {kind}, not a regular file")
        if root is not None:
            _check_inside(path, info, Path(root))
        if info.st_size > limit:
            raise TooLarge(info.st_size, limit)
        chunks, left = [], limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, MB))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        if left <= 0:
            raise TooLarge(limit + 1, limit, grew=True)
        return b"".join(chunks)
    except OSError as exc:
        raise UnsafeFile(f"cannot read it ({exc.strerror or exc})") from None
    finally:
        os.close(fd)


def _open_failure(path: Path, exc: OSError) -> str:
    if exc.errno == errno.ELOOP or (exc.errno in (errno.EMLINK, errno.ENOTDIR) and path.is_symlink()):
        return "it is a symbolic link; links are not followed (copy the file in instead)"
    if exc.errno == errno.ENOENT:
        return "it does not exist"
    if exc.errno == errno.EISDIR:
        return "it is a folder, not a regular file"
    return f"cannot open it ({exc.strerror or exc})"


def _check_inside(path: Path, info: os.stat_result, root: Path) -> None:
    """The opened file is inside `root`: its folder resolves under root and names the same file."""
    try:
        real_root = root.resolve(strict=True)
        real = path.parent.resolve(strict=True) / path.name
        same = os.stat(real, follow_symlinks=False)
    except (OSError, RuntimeError):
        raise UnsafeFile("its folder cannot be resolved (a link loop?)") from None
    if (same.st_dev, same.st_ino) != (info.st_dev, info.st_ino):
        raise UnsafeFile("it changed while it was being opened")
    if real != real_root and real_root not in real.parents:
        raise UnsafeFile(f"it lies outside {root} (through a linked folder); only files inside are read")


def _size(limit: int) -> str:
    return f"{limit // MB} MB" if limit >= MB else f"{limit // KB} KB"


def is_inside(path: Path, root: Path) -> bool:
    """True when `path`, with every link resolved, lies in `root` (False for loops and errors)."""
    try:
        real, real_root = Path(path).resolve(strict=True), Path(root).resolve(strict=True)
    except (OSError, RuntimeError):
        return False
    return real == real_root or real_root in real.parents


def atomic_write_text(path: Path, text: str) -> None:
    """Write `text` so that `path` holds either the old or the new content, never half of one.

    The temp file lives in the same folder (os.replace is only atomic within one
    file system) and is fsynced before the rename, so a crash or power cut right
    after we return cannot leave an empty file in place of a save.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def atomic_write_json(path: Path, data) -> None:
    atomic_write_text(path, json.dumps(data, indent=1, ensure_ascii=False, allow_nan=False) + "\n")


def remove_orphaned_temps(folder: Path, older_than: float = 60.0) -> int:
    """Delete temp files that a killed write left behind (`.NAME.*.tmp`); returns how many.

    Only our own temp names, only regular files, and only ones older than `older_than` seconds,
    so a write in progress in another Tether is left alone.
    """
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    now = time.time()
    for entry in entries[:10_000]:
        if not (entry.name.startswith(".") and entry.name.endswith(".tmp")):
            continue
        try:
            if entry.is_file(follow_symlinks=False) and now - entry.stat(follow_symlinks=False).st_mtime > older_than:
                os.unlink(entry.path)
                removed += 1
        except OSError:
            continue
    return removed


def set_aside(path: Path) -> Path:
    """Rename a damaged file to a name that says so; returns the new path."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
    os.replace(path, target)
    return target


MAX_JSON_DEPTH = 32
MAX_JSON_NODES = 2_000_000


def read_json(path: Path, limit: int, root: Path | None = None):
    """Parsed JSON from an untrusted file, or ValueError with a readable reason.

    Besides read_untrusted's checks: non-finite numbers (NaN, 1e999) and nesting deeper than
    MAX_JSON_DEPTH are refused, so no later code meets them.
    """
    raw = read_untrusted(path, limit, root)
    return parse_json(raw)


def parse_json(raw: bytes):
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ValueError("it is not UTF-8 text") from None
    try:
        data = json.loads(text, parse_constant=_refuse_constant, parse_float=_finite_float)
    except json.JSONDecodeError as exc:
        raise ValueError(f"it is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    except RecursionError:
        raise ValueError(f"it is nested more than {MAX_JSON_DEPTH} levels deep") from None
    check_shape(data)
    return data


def _refuse_constant(name: str):
    raise ValueError(f"it holds {name}, which is not a number Tether writes")


def _finite_float(text: str) -> float:
    value = float(text)
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(f"it holds the number {text[:20]}, which is too large")
    return value


def check_shape(data, max_depth: int = MAX_JSON_DEPTH, max_nodes: int = MAX_JSON_NODES) -> None:
    """ValueError when plain data nests deeper than `max_depth` or holds more than `max_nodes` values."""
    stack, nodes = [(data, 1)], 0
    while stack:
        value, depth = stack.pop()
        nodes += 1
        if nodes > max_nodes:
            raise ValueError(f"it holds more than {max_nodes} values")
        if depth > max_depth:
            raise ValueError(f"it is nested more than {max_depth} levels deep")
        if isinstance(value, dict):
            stack.extend((v, depth + 1) for v in value.values())
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value)
