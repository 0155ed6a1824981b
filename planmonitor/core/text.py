"""Plain text as people read it: line endings, comparing, and what changed inside a text.

Browsers send a textarea's line breaks as CRLF (the HTML standard says so), Excel
keeps CR or CRLF inside cells, and the rows stored so far hold LF. To a reader
they are the same text. So:

- at the input boundary (``core.forms.Textarea``, the importer, the services'
  ``locking.apply_changes``) every text is stored with LF only:
  ``normalise_newlines``;
- every comparison reads through ``comparable``/``same``, so rows written before
  (history, frozen sheet versions, snapshots: never rewritten) compare right too;
- ``text_diff`` shows what changed inside a long text, word by word, as passages
  with a little context rather than the whole text twice.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any

# A text longer than this (or with a line break) gets an in-field diff; a shorter
# one is read at a glance as "before → after".
LONG_TEXT = 80
# Words of unchanged text kept around each change; longer unchanged stretches are cut.
CONTEXT_WORDS = 8

_LINE_BREAK = re.compile(r"\r\n?")
# A word with the white space after it: fewer, more distinctive tokens than words and
# spaces apart, so long texts diff fast and the matches are real ones.
_TOKEN = re.compile(r"\S+\s*|\s+")


def normalise_newlines(value: str) -> str:
    """``value`` with every CRLF and lone CR turned into LF."""
    return _LINE_BREAK.sub("\n", value)


def normalise_value(value: Any) -> Any:
    """A text as ``normalise_newlines`` stores it; any other value unchanged."""
    return normalise_newlines(value) if isinstance(value, str) else value


def comparable(value: Any) -> Any:
    """A value as a reader compares it: texts by their content (line endings and white
    space around the text do not count), blank and missing alike (None)."""
    if isinstance(value, str):
        value = normalise_newlines(value).strip()
    return None if value == "" else value


def same(a: Any, b: Any) -> bool:
    """Whether ``a`` and ``b`` read the same (see ``comparable``)."""
    return comparable(a) == comparable(b)


@dataclass(frozen=True)
class Part:
    kind: str  # "same", "removed" or "added"
    text: str
    # An unchanged part as the old text has it: the same words, maybe other white space.
    old_text: str = ""


@dataclass(frozen=True)
class Passage:
    """A stretch of the text around one or more changes; ``cut_before``/``cut_after``:
    unchanged text left out there."""

    parts: tuple[Part, ...]
    cut_before: bool
    cut_after: bool


@dataclass(frozen=True)
class TextDiff:
    """What changed inside a text: the same passages three ways."""

    inline: tuple[Passage, ...]  # removed and added words in one flow
    before: tuple[Passage, ...]  # the old text, removed words marked
    after: tuple[Passage, ...]  # the new text, added words marked


def is_long(value: Any) -> bool:
    return isinstance(value, str) and (len(value) > LONG_TEXT or "\n" in value.strip())


def text_diff(before: Any, after: Any) -> TextDiff | None:
    """What changed inside the text, or None when a plain "before → after" says it
    better: one side empty, both short, or no change at all."""
    old, new = comparable(before), comparable(after)
    if not isinstance(old, str) or not isinstance(new, str) or old == new:
        return None
    if not (is_long(old) or is_long(new)):
        return None
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    # Words are compared without the white space after them: "samen." stays the same
    # word when a paragraph is added after it.
    matcher = difflib.SequenceMatcher(
        None, [t.rstrip() for t in a], [t.rstrip() for t in b], autojunk=False
    )
    opcodes = matcher.get_opcodes()
    if all(op == "equal" for op, *_ in opcodes):
        return None  # only white space changed: "before → after" shows it
    parts: list[Part] = []
    for op, i1, i2, j1, j2 in opcodes:
        if op == "equal":
            parts.append(Part("same", "".join(b[j1:j2]), "".join(a[i1:i2])))
            continue
        if i2 > i1:
            parts.append(Part("removed", "".join(a[i1:i2])))
        if j2 > j1:
            parts.append(Part("added", "".join(b[j1:j2])))
    inline = tuple(_passages(parts))
    return TextDiff(
        inline=inline,
        before=tuple(_side(p, "added") for p in inline),
        after=tuple(_side(p, "removed") for p in inline),
    )


def _side(passage: Passage, left_out: str) -> Passage:
    parts = tuple(
        Part("same", part.old_text) if part.kind == "same" and left_out == "added" else part
        for part in passage.parts
        if part.kind != left_out
    )
    return Passage(parts, passage.cut_before, passage.cut_after)


def _passages(parts: list[Part]) -> list[Passage]:
    """Group the parts into passages: unchanged stretches longer than twice the
    context end one passage and start the next."""
    passages: list[Passage] = []
    current: list[Part] = []
    cut_before = False
    last = len(parts) - 1
    for index, part in enumerate(parts):
        if part.kind != "same":
            current.append(part)
            continue
        words, old_words = _TOKEN.findall(part.text), _TOKEN.findall(part.old_text)
        heads = CONTEXT_WORDS if index > 0 else 0
        tails = CONTEXT_WORDS if index < last else 0
        if len(words) <= heads + tails:  # short enough to keep whole
            current.append(part)
            continue
        if current:
            if heads:
                current.append(_same(words[:heads], old_words[:heads]))
            passages.append(Passage(tuple(current), cut_before, cut_after=True))
        current = [_same(words[-tails:], old_words[-tails:])] if tails else []
        cut_before = True
    if current:
        passages.append(Passage(tuple(current), cut_before, cut_after=False))
    return passages


def _same(words: list[str], old_words: list[str]) -> Part:
    return Part("same", "".join(words), "".join(old_words))
