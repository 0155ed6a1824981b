"""Fuzzing the reader: mutated real files are read or refused, nothing else escapes.

The files are the export of the demo plan, the empty template and a CSV export;
each is damaged at random (bytes of the zip, or bytes of an XML part re-zipped) with
a fixed seed, so a failure names a case that can be replayed. Whatever zipfile,
zlib, expat or openpyxl make of it, ``read_file`` either returns sheets or raises
``FileRejected``; and a file it reads, the import checks without crashing.
"""

import io
import random
import traceback

import pytest

from planmonitor.plans.transfer.exporting import (
    empty_tables,
    plan_tables,
    write_csv,
    write_xlsx,
)
from planmonitor.plans.transfer.importing import ImportFile, ImportSource, import_actions
from planmonitor.plans.transfer.reading import FileRejected, read_file
from planmonitor.tests import damaged_zips

SEED = 20261201
# (byte mutations, XML mutations) per file: a few seconds in all.
MUTATIONS = {"export.xlsx": (25, 25), "template.xlsx": (25, 25), "acties.csv": (30, 0)}
IMPORTED = 5  # of the files that read, this many also go through the (dry-run) import


@pytest.fixture
def originals(demo):
    export = io.BytesIO()
    write_xlsx(export, plan_tables(demo), plan=demo)
    template = io.BytesIO()
    write_xlsx(template, empty_tables())
    actions = next(table for table in plan_tables(demo) if table.spec.kind == "action")
    text = io.StringIO()
    write_csv(text, actions)
    return {
        "export.xlsx": export.getvalue(),
        "template.xlsx": template.getvalue(),
        "acties.csv": text.getvalue().encode("utf-8"),
    }


def mutated(data: bytes, rng: random.Random, edits: int) -> bytes:
    for _ in range(edits):
        data = damaged_zips.mutate_bytes(data, rng) or data[:1]
    return data


def xml_mutated(data: bytes, rng: random.Random) -> bytes:
    """Re-zip the workbook with random edits in one XML part: sheets, workbook, styles, rels."""
    members = damaged_zips.parts(data)
    name = rng.choice(sorted(name for name in members if name.endswith((".xml", ".rels"))))
    members[name] = mutated(members[name], rng, rng.randint(1, 4))
    return damaged_zips.rezip(members)


def cases(originals: dict[str, bytes]):
    rng = random.Random(SEED)
    for name, (in_bytes, in_xml) in MUTATIONS.items():
        for number in range(in_bytes):
            yield f"{name} bytes #{number}", name, mutated(originals[name], rng, rng.randint(1, 3))
        for number in range(in_xml):
            yield f"{name} xml #{number}", name, xml_mutated(originals[name], rng)


def test_no_exception_but_the_readers_own_escapes(demo, originals, tmp_path):
    escaped: list[str] = []
    outcomes = {"read": 0, "refused": 0}
    imported = 0
    for case, name, data in cases(originals):
        path = tmp_path / name
        path.write_bytes(data)
        try:
            read_file(path, name)
        except FileRejected:
            outcomes["refused"] += 1
            continue
        except Exception:
            escaped.append(f"{case}:\n{traceback.format_exc()}")
            continue
        outcomes["read"] += 1
        if imported < IMPORTED:
            imported += 1
            try:
                source = ImportSource(ImportFile(path, name))
                import_actions(plan=demo, source=source, commit=False)
            except Exception:
                escaped.append(f"{case} (import):\n{traceback.format_exc()}")

    assert not escaped, "\n".join(escaped[:3])
    # Not vacuous: some mutations leave a readable file, most damage it.
    assert outcomes["read"] > 0 and outcomes["refused"] > 0, outcomes
