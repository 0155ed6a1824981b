"""Unchanged text does not show as changed (issue 9, item 1), in a real browser.

A browser sends a textarea's line breaks as CRLF; the demo data is stored with LF. The
demo owner approves the sheet as the demo left it, revises it, adds a multi-line text
to its risks, saves, saves again unchanged: the comparison of the two approved versions
shows the risks (what was added inside them) and nothing for the multi-line
"Plan van aanpak" nobody changed. The comparison page passes axe in Dutch and English.

Run: .venv/bin/pytest -m browser -p no:randomly planmonitor/browser_tests/test_false_changes.py
"""

import pytest

from .axe import assert_accessible

pytestmark = pytest.mark.browser

ADDED = (
    "Nieuwe stap: de evaluatie met de partners,\nin twee rondes.\n\n"
    "- eerst de steden\n- dan de gemeenten"
)


def _sheet_path(live_app) -> str:
    return f"/plans/{live_app.plan}/acties/{live_app.code}/fiche/"


def _step(session, path: str, transition: str, remarks: str = "") -> None:
    page = session.page
    page.goto(session.app.url(path))
    form = page.locator(f"form.sheet-transition--{transition}")
    if remarks:
        form.locator("textarea[name=remarks]").fill(remarks)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()


def _editable(owner, coordinator, path: str) -> None:
    """Bring the demo sheet (in whatever state the demo left it) to one the owner edits."""
    page = owner.page
    page.goto(owner.app.url(path))
    if page.locator("form.sheet-transition--revise").count():
        _step(owner, path, "revise")
    coordinator.page.goto(coordinator.app.url(path))
    if coordinator.page.locator("form.sheet-transition--return").count():
        _step(coordinator, path, "return", remarks="Graag de aanpak aanvullen.")
    page.goto(owner.app.url(path))
    assert page.locator(f'a[href="{path}bewerken/"]').count() == 1


def _save(owner, path: str, **values: str) -> None:
    page = owner.page
    page.goto(owner.app.url(f"{path}bewerken/"))
    for name, value in values.items():
        page.fill(f"#id_{name}", value)
    with page.expect_navigation():
        page.click("main form.form button[type=submit]")
    assert page.url == owner.app.url(path), page.url


def _approve(owner, coordinator, path: str) -> int:
    """Submit and approve; the number of the version just approved."""
    _step(owner, path, "submit")
    _step(coordinator, path, "approve")
    page = owner.page
    page.goto(owner.app.url(f"{path}versies/"))
    hrefs = page.locator(".sheet-version a").evaluate_all("els => els.map(e => e.href)")
    return max(int(href.rstrip("/").rsplit("/", 1)[1]) for href in hrefs)  # .../versies/2/


def test_a_text_saved_unchanged_shows_no_change(live_app, people):
    owner, coordinator = people("owner"), people("coordinator")
    path = _sheet_path(live_app)
    _editable(owner, coordinator, path)
    # The demo's multi-line "Plan van aanpak" (stored with LF), approved as it is.
    before = _approve(owner, coordinator, path)

    _step(owner, path, "revise")
    owner.page.goto(owner.app.url(f"{path}bewerken/"))
    risks = owner.page.input_value("#id_risks").rstrip() + "\n\n" + ADDED
    _save(owner, path, risks=risks)  # the approach goes back as the browser sends it: CRLF
    _save(owner, path)  # and once more, all unchanged
    after = _approve(owner, coordinator, path)
    assert after == before + 1

    page = owner.page
    page.goto(owner.app.url(f"{path}versies/{after}/"))
    fields = page.locator(".sheet-diff__field").evaluate_all("els => els.map(e => e.dataset.field)")
    assert fields == ["risks"]  # not the approach nobody changed
    # The long text shows what was added inside it, not the whole text struck through.
    row = page.locator(".sheet-diff__field[data-field=risks]")
    assert "Nieuwe stap" in row.locator(".sheet-diff__after ins").first.inner_text()
    assert row.locator(".sheet-diff__before del").count() == 0
    assert_accessible(page)

    english = people("owner", locale="en-GB")
    english.page.goto(english.app.url(f"{path}versies/{after}/"))
    assert english.page.locator("html").get_attribute("lang").startswith("en")
    assert english.page.locator(".sheet-diff__field").count() == 1
    assert_accessible(english.page)
