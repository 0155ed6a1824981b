"""History rows stored before the number limits may hold a float SQLite made of a too-long
decimal. They are append-only, so no migration can repair them: the page must still answer."""

import pytest
from django.db import connection
from django.urls import reverse

from planmonitor.plans.models import Indicator


@pytest.mark.skipif(connection.vendor != "sqlite", reason="only SQLite stored such floats")
def test_it_shows_a_history_row_with_a_float_beyond_the_limit(client, coordinator, action):
    indicator = Indicator.objects.create(
        action=action, code="I9", name="Bereik", kind="quantitative", unit="personen"
    )
    table = Indicator.history.model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table} WHERE id = %s", [indicator.pk])
        columns = [c[0] for c in cursor.description]
        row = dict(zip(columns, cursor.fetchone(), strict=True))
        row.update(history_id=None, baseline_value=9999999999999999.9999, history_type="~")
        names = ", ".join(row)
        cursor.execute(
            f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(row))})",
            list(row.values()),
        )
    client.force_login(coordinator)
    response = client.get(reverse("audit:history", args=["indicator", indicator.pk]))
    assert response.status_code == 200
    # The row is shown as stored (the float SQLite kept), not hidden.
    assert "10000000000000000" in response.content.decode().replace(".", "").replace(" ", "")
