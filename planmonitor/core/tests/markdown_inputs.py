"""Markdown that once took pages down, and tools to check that it no longer does."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser

# A list nested 300 deep: Python-Markdown raised RecursionError on it (tabs keep it short).
NESTED_LIST = "\n".join("\t" * depth + "- x" for depth in range(300))
# 20,000 `[`: Python-Markdown took 51 s on it, and the worker was killed.
BRACKETS = "[" * 20_000

PATHOLOGICAL = {
    "list nested 300 deep": NESTED_LIST,
    "list nested 300 deep, two spaces": "\n".join("  " * depth + "- x" for depth in range(300)),
    "list items nested on one line": "- " * 50_000 + "x",
    "blockquote nested 1000 deep": ">" * 1000 + " x",
    "blockquotes nested on one line": "> " * 50_000 + "x",
    "blockquotes deeper line by line": "\n".join("> " * depth + "x" for depth in range(1, 300)),
    "20,000 [": BRACKETS,
    "100,000 [": "[" * 100_000,
    "50,000 ![": "![" * 50_000,
    "50,000 ](": "](" * 50_000,
    "25,000 [a](": "[a](" * 25_000,
    "nested brackets": "[" * 50_000 + "a" + "]" * 50_000,
    "nested emphasis": "*" * 50_000 + "a" + "*" * 50_000,
    "mismatched emphasis": "*a_ " * 25_000,
    "100,000 *": "*" * 100_000,
    "100,000 _": "_" * 100_000,
    "100,000 backticks": "`" * 100_000,
    "backtick runs of every length": "".join("e" + "`" * length for length in range(1, 440)),
    "100,000 <": "<" * 100_000,
    "100,000 &": "&" * 100_000,
    "20,000 entities": "&#1;" * 20_000,
    "table with 5,000 columns": "\n".join("|".join(cell * 5_000) for cell in ("c", "-", "x")),
    "table with 3,000 rows": "|a|b|\n|-|-|\n" + "|x|y|\n" * 3_000,
    "20,000 footnote references": "[^a]" * 20_000 + "\n\n[^a]: noot",
    "100,000-character line": ("woord " * 20_000)[:100_000],
    "100,000 characters without a space": "a" * 100_000,
    "NUL characters": "\x00" * 1_000 + "*a*",
}


class _Depth(HTMLParser):
    VOID = {"br", "hr", "img", "input", "meta", "link", "wbr"}

    def __init__(self) -> None:
        super().__init__()
        self.depth = self.deepest = 0

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.depth += 1
            self.deepest = max(self.deepest, self.depth)

    def handle_endtag(self, tag):
        if tag not in self.VOID:
            self.depth -= 1


def nesting_depth(html: str) -> int:
    """How many elements deep ``html`` goes (counted without recursion)."""
    parser = _Depth()
    parser.feed(html)
    parser.close()
    return parser.deepest


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Fail with TimeoutError when the block runs longer than ``seconds`` (no benchmark)."""

    def expire(signum, frame):
        raise TimeoutError(f"took longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def fitted(text: str, model, field: str) -> str:
    """The longest start of ``text`` the database accepts for ``model.field``.

    The fields' maximum lengths (a CHECK constraint) bound what can be stored, so a view
    test stores as much of a pathological text as a row may hold: a tab-indented list cut
    to 5,000 characters is still about 100 levels deep, to 20,000 about 200.
    """
    limit = model._meta.get_field(field).max_length
    return text if limit is None else text[:limit]
