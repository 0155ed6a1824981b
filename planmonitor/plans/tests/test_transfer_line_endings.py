"""The importer stores texts with LF line endings, as the forms do (issue 9, item 1)."""

from planmonitor.plans.transfer.reading import read_csv


def test_a_multi_line_cell_is_read_with_lf_line_endings(tmp_path):
    path = tmp_path / "acties.csv"
    path.write_bytes(b'Code;Omschrijving\r\nA1;"Eerste lijn\r\nTweede lijn\rDerde lijn"\r\n')
    sheet = read_csv(path, "acties.csv")
    assert sheet.problems == []
    [(_number, values)] = sheet.rows
    assert "Eerste lijn\nTweede lijn\nDerde lijn" in values
