"""Path converters: every integer in a URL is a database id, so it fits one.

Django's ``int`` converter accepts any number of digits; a number beyond what
the database can compare (``…/rondes/99999999999999999999/``) reached the view
and the query failed with a 500. ``<id:…>`` matches only 0 … 2**63 - 1, the
range of a 64-bit signed integer (SQLite's INTEGER and PostgreSQL's bigint), so
the resolver answers 404 for anything else. Every urls module uses ``<id:…>``;
``core/tests/test_url_converters.py`` fails when a pattern uses ``<id:…>``.
"""

from django.urls import register_converter

MAX_ID = 2**63 - 1


class IdConverter:
    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_ID:
            # ValueError: the resolver treats the pattern as not matching (404).
            raise ValueError(f"{value} is outside the 64-bit id range")
        return number

    def to_url(self, value: int) -> str:
        return str(value)


def register() -> None:
    register_converter(IdConverter, "id")
