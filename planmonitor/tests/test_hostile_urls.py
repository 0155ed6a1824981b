"""Garbage where a URL holds an id, a slug or a code (issue 13): 404 or 400, never a 500.

Every URL of the authorization matrix is read as the coordinator (who may reach the
most), once per path argument and value of the corpus's ``IDS``
(planmonitor/core/tests/hostile.py): ids beyond 64 bits, negative, a NUL, a path
climbing out, a 5,000-character code, each put in that argument's place of a URL
that otherwise works.
"""

from urllib.parse import quote

import pytest
from django.urls import reverse

from planmonitor.core.tests.hostile import IDS

from .test_authorization_matrix import MATRIX


def _has_arguments(entry) -> bool:
    try:
        return bool(entry.kwargs({}))
    except (KeyError, TypeError):
        return True  # it needs the objects: it has arguments


WITH_ARGUMENTS = sorted(name for name, entry in MATRIX.items() if _has_arguments(entry))
# Beyond 64 bits the resolver itself refuses an id (core/tests/test_url_converters.py
# tries every such pattern): an id argument gets one of them and what reaches the view.
FOR_IDS = [value for name, value in IDS if name in ("2**63", "negative", "NUL")]


def _garbled(url: str, value: object, garbage: str) -> str:
    segment = quote(str(value), safe="")
    if f"/{segment}" in url:  # a whole path segment (or the start of one: ``actions.csv``)
        before, _, after = url.partition(f"/{segment}")
        return f"{before}/{garbage}{after}"
    assert segment in url, (url, segment)  # part of a segment: ``export-acties.csv``
    before, _, after = url.rpartition(segment)
    return f"{before}{garbage}{after}"


@pytest.mark.parametrize("name", WITH_ARGUMENTS)
def test_garbage_in_a_path_argument_is_a_client_error(name, client, objects, coordinator):
    kwargs = MATRIX[name].kwargs(objects)
    client.force_login(coordinator)
    url = reverse(name, kwargs=kwargs)
    for value in kwargs.values():
        is_id = isinstance(value, int)
        for garbage in FOR_IDS if is_id else [value for _, value in IDS]:
            garbled = _garbled(url, value, garbage)
            status = client.get(garbled).status_code
            # 200: a page that says the link is not valid (a password reset's token).
            assert status < 500, f"{garbled[:120]}: {status}"
