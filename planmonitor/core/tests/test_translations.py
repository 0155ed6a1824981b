"""The compiled Dutch catalogue (django.mo, committed) says what django.po says.

A .po edited without compiling ships English on Dutch pages: `make` rebuilds the .mo only
when the .po is newer, and a fresh clone gives both the same time.
"""

import ast
import gettext
from pathlib import Path

from django.conf import settings

CATALOGUE = Path(settings.BASE_DIR) / "planmonitor" / "locale" / "nl" / "LC_MESSAGES"


def _po_entries(text: str) -> dict[str, str]:
    """msgid → msgstr of the translated, non-fuzzy, singular entries of a .po file."""
    entries: dict[str, str] = {}
    for block in text.split("\n\n"):
        lines = block.strip().splitlines()
        if any(line.startswith("#,") and "fuzzy" in line for line in lines):
            continue
        fields: dict[str, str] = {}
        current = None
        for line in lines:
            if line.startswith("#"):
                continue
            if line.startswith('"'):
                if current is not None:
                    fields[current] += ast.literal_eval(line)
                continue
            keyword, _, rest = line.partition(" ")
            current = keyword
            fields[current] = ast.literal_eval(rest)
        if "msgid_plural" in fields or "msgctxt" in fields:
            continue
        if fields.get("msgid") and fields.get("msgstr"):
            entries[fields["msgid"]] = fields["msgstr"]
    return entries


def test_the_compiled_catalogue_has_every_translation_of_the_po_file():
    entries = _po_entries((CATALOGUE / "django.po").read_text(encoding="utf-8"))
    with (CATALOGUE / "django.mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    assert len(entries) > 1000
    stale = [msgid for msgid, msgstr in entries.items() if compiled.gettext(msgid) != msgstr]
    assert stale == [], "run `make messages` and commit django.mo"
