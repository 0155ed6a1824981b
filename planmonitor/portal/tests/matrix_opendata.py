"""Authorization matrix entries of open data: the catalogue, the downloads, the data
dictionary page. Public, the same answer for everyone; the matrix's plan is not
published, so its downloads answer 404 to all. GET only: a POST is 405.
"""

from planmonitor.tests.matrix import NOT_ALLOWED, NOT_FOUND, Entry, answers, plan_kwargs

ENTRIES: dict[str, Entry] = {
    "portal:opendata": Entry(get=answers(200), post=answers(NOT_ALLOWED)),
    "opendata:catalog": Entry(
        kwargs=lambda objects: {"fmt": "jsonld"}, get=answers(200), post=answers(NOT_ALLOWED)
    ),
    "opendata:download": Entry(
        kwargs=lambda objects: {**plan_kwargs(objects), "dataset": "actions", "fmt": "csv"},
        get=answers(NOT_FOUND),
        post=answers(NOT_ALLOWED),
    ),
}
