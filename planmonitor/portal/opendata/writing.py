"""One dataset's rows written as CSV, XLSX or JSON.

Text is escaped against formula injection with the exporter's own helpers
(plans/transfer: ``escape_csv`` for CSV, ``write_sheet`` for XLSX, which escapes text and
keeps numbers and dates typed). XLSX is written in openpyxl's write-only mode, so memory
stays flat however many rows there are.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from openpyxl import Workbook

from planmonitor.core import formatting
from planmonitor.plans.models import Plan
from planmonitor.plans.transfer.columns import escape_csv
from planmonitor.plans.transfer.exporting import XLSX_CONTENT_TYPE, write_sheet

from .datasets import DATE, LIST, Dataset

LIST_SEPARATOR = "; "
LICENCE_URL = "https://data.vlaanderen.be/id/licentie/modellicentie-gratis-hergebruik/v1.0"
LICENCE_TITLE = "Modellicentie Gratis Hergebruik v1.0"

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": XLSX_CONTENT_TYPE,
    "json": "application/json",
}


def write(fmt: str, dataset: Dataset, plan: Plan, generated: dt.datetime) -> bytes:
    rows = dataset.rows(plan)
    if fmt == "csv":
        return _csv(dataset, rows)
    if fmt == "xlsx":
        return _xlsx(dataset, rows)
    return _json(dataset, plan, rows, generated)


def _joined(value: Any) -> Any:
    return LIST_SEPARATOR.join(value) if isinstance(value, list) else value


def _csv(dataset: Dataset, rows: Iterable[dict[str, Any]]) -> bytes:
    """UTF-8 with a BOM (so Excel reads the encoding), comma-separated, CRLF."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(dataset.headers)
    for row in rows:
        writer.writerow([_csv_cell(_joined(row[name])) for name in dataset.headers])
    return out.getvalue().encode("utf-8")


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return formatting.plain(value)
    if isinstance(value, str):
        return escape_csv(value)
    return str(value)


def _xlsx(dataset: Dataset, rows: Iterable[dict[str, Any]]) -> bytes:
    dates = {f.name for f in dataset.fields if f.type == DATE}

    def cells(row: dict[str, Any]) -> list[Any]:
        values = []
        for name in dataset.headers:
            value = _joined(row[name])
            if name in dates and value:
                value = dt.date.fromisoformat(value)  # a real date in Excel
            values.append(value)
        return values

    workbook = Workbook(write_only=True)
    write_sheet(workbook, dataset.name, dataset.headers, (cells(row) for row in rows))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        # A JSON number: an integer where it is one, else the shortest float that reads back.
        return int(value) if value == value.to_integral_value() else float(value)
    raise TypeError(f"not JSON: {type(value).__name__}")


def _json(
    dataset: Dataset, plan: Plan, rows: Iterable[dict[str, Any]], generated: dt.datetime
) -> bytes:
    fields = set(dataset.headers)
    body = {
        "dataset": dataset.name,
        "plan": {"short_name": plan.short_name, "title": plan.title, "title_en": plan.title_en},
        "licence": {"title": LICENCE_TITLE, "url": LICENCE_URL},
        "generated": generated.isoformat(timespec="seconds"),
        "fields": [{"name": f.name, "type": f.type} for f in dataset.fields],
        "records": [{k: v for k, v in row.items() if k in fields} for row in rows],
    }
    return json.dumps(body, ensure_ascii=False, default=_json_default, indent=1).encode("utf-8")


__all__ = ["FORMATS", "LICENCE_TITLE", "LICENCE_URL", "LIST", "write"]
