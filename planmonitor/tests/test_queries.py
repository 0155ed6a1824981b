"""The named-query helper reads a query as the expected lists name it, on both databases."""

import pytest

from planmonitor.tests.queries import signature


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ('SELECT "plans_plan"."id" FROM "plans_plan"', "SELECT plans_plan"),
        # PostgreSQL runs .iterator() (form choices) through a server-side cursor.
        (
            'DECLARE "_django_curs_1_sync_3" NO SCROLL CURSOR WITH HOLD FOR SELECT '
            '"plans_minister"."id" FROM "plans_minister" ORDER BY 1',
            "SELECT plans_minister",
        ),
        (
            'DECLARE "_django_curs_1_sync_4" NO SCROLL CURSOR FOR SELECT "plans_targetgroup"."id" '
            'FROM "plans_targetgroup"',
            "SELECT plans_targetgroup",
        ),
        # One executemany, as Django records it.
        (
            "21 times: INSERT INTO audit_seal (layout, row_id, digest, chain) VALUES (%s, %s)",
            "INSERT audit_seal",
        ),
    ],
)
def test_a_query_is_named_by_what_it_does_and_its_table(sql, expected):
    assert signature(sql) == expected
