"""Files the commands write: whole or not at all.

A command killed while it writes (SIGKILL, a full disk, Ctrl-C) must not leave a truncated
report or export where the reader expects a finished one. ``atomic_output`` writes to a
temporary file beside the target, flushes it to disk and renames it over the target only
when the writing succeeded: the path holds the previous file or the complete new one.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any


@contextmanager
def atomic_output(path: Path | str, mode: str = "wb", **options: Any) -> Iterator[IO[Any]]:
    """An open file whose content replaces ``path`` when the block ends without error."""
    target = Path(path)
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".part"
    )
    try:
        os.chmod(temporary, 0o666 & ~_umask())  # as open() would create it, not mkstemp's 0600
        with open(handle, mode, **options) as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_atomically(path: Path | str, data: bytes) -> None:
    """``data`` in ``path``, whole or not at all."""
    with atomic_output(path) as out:
        out.write(data)
