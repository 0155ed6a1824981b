"""Authorization matrix entry of the health probe: the same short answer for everyone."""

from planmonitor.tests.matrix import NOT_ALLOWED, Entry, answers

ENTRIES: dict[str, Entry] = {
    "healthz": Entry(get=answers(200), post=answers(NOT_ALLOWED)),
}
