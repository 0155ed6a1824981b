"""Files the commands write are whole or absent: a failure while writing leaves the
previous file and no stray temporary file."""

import os
import stat

import pytest

from planmonitor.core.files import atomic_output, write_atomically


def test_the_file_is_replaced_once_written(tmp_path):
    target = tmp_path / "report.docx"
    target.write_bytes(b"old")
    write_atomically(target, b"new content")
    assert target.read_bytes() == b"new content"
    assert [p.name for p in tmp_path.iterdir()] == ["report.docx"]


def test_a_failure_while_writing_keeps_the_previous_file(tmp_path):
    target = tmp_path / "export.csv"
    target.write_text("previous")
    with pytest.raises(RuntimeError), atomic_output(target, "w", encoding="utf-8") as out:
        out.write("half a row,")
        raise RuntimeError("killed")
    assert target.read_text() == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["export.csv"]


def test_a_new_file_gets_the_usual_permissions(tmp_path):
    old = os.umask(0o022)
    try:
        write_atomically(tmp_path / "plan.pdf", b"%PDF")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "plan.pdf").stat().st_mode) == 0o644
