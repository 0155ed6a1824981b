"""Notifications and the role homes in a real browser (issue 9, item 5).

The owner submits a report the contributor's home lists; the coordinator (who chose
English for notifications) sees the unread count in the header, finds the notification
in the inbox and opens it; the worker mails it, in English, with a link that opens it.
Run: .venv/bin/pytest -m browser -p no:randomly planmonitor/browser_tests/test_notifications.py
"""

import re

import pytest

from planmonitor.browser_tests.axe import assert_accessible

pytestmark = pytest.mark.browser

WAITING = "not_started", "in_progress", "returned"


def _path(href: str) -> str:
    return href.split("#", 1)[0]


def _unread(page) -> int:
    badge = page.locator("header nav .nav-count")
    return int(badge.get_attribute("data-unread")) if badge.count() else 0


def test_the_owner_submits_the_coordinator_is_notified_the_contributor_saw_it(live_app, people):
    # The contributor's home lists the reports of their ministers' actions to contribute to.
    contributor = people("contributor")
    contributor.page.goto(live_app.url("/mijn-acties/"))
    listed = {
        _path(a.get_attribute("href"))
        for a in contributor.page.locator(".home-contributions tr.contribution-report th a").all()
    }
    assert listed, "the demo contributor should have reports waiting in the open round"

    # The owner picks one of those among their own open reports and submits it.
    owner = people("owner")
    owner.page.goto(live_app.url("/mijn-acties/"))
    rows = owner.page.locator(".open-reports tr.open-report")
    candidates = [
        _path(row.locator("th a").get_attribute("href"))
        for row in rows.all()
        if row.get_attribute("data-state") in WAITING and row.locator("th a").count()
    ]
    shared = [path for path in candidates if path in listed]
    assert shared, "one of the owner's open reports should involve the contributor's minister"
    report_path = shared[0]
    code = report_path.rstrip("/").rsplit("/", 1)[-1]

    # The coordinator reads the site in Dutch but wants notifications and mails in English.
    coordinator = people("coordinator")
    coordinator.page.goto(live_app.url("/meldingen/voorkeuren/"))
    coordinator.page.select_option("#id_language", "en")
    with coordinator.page.expect_navigation():
        coordinator.page.click("main form button[type=submit]")
    coordinator.page.goto(live_app.url("/meldingen/"))
    before = _unread(coordinator.page)
    mails_before = len(live_app.mails())

    owner.page.goto(live_app.url(report_path))
    owner.step("submit")
    assert owner.state() == "submitted"

    # The coordinator: one more unread in the header, the notification in the inbox.
    coordinator.page.goto(live_app.url("/mijn-acties/"))
    assert _unread(coordinator.page) == before + 1
    coordinator.page.click("header nav a[href='/meldingen/']")
    item = coordinator.page.locator("li.notification--unread", has_text=code).first
    assert re.search(rf"Report {re.escape(code)} submitted", item.inner_text())
    with coordinator.page.expect_navigation():
        item.locator(".notification__title a").click()
    assert coordinator.page.url == live_app.url(report_path)
    assert coordinator.state() == "submitted"
    assert _unread(coordinator.page) == before

    # The worker sends the mail: one, to the coordinator, in English, with the report's link.
    live_app.run_tasks()
    live_app.run_tasks()  # a second run sends nothing again
    # (The queue also holds the mails of the earlier tests' changes: only this one counts.)
    new = live_app.mails()[mails_before:]
    subject = re.compile(rf"Report {re.escape(code)} submitted")
    to_coordinator = [
        mail
        for mail in new
        if "coordinator" in str(mail["To"]) and subject.search(str(mail["Subject"]))
    ]
    assert len(to_coordinator) == 1, [(str(m["To"]), str(m["Subject"])) for m in new]
    mail = to_coordinator[0]
    body = mail.get_content()
    assert "Open it:" in body
    link = re.search(r"Open it: (\S+)", body)
    assert link, body
    assert link.group(1).startswith(live_app.url(report_path))
    coordinator.page.goto(link.group(1))
    assert coordinator.state() == "submitted"
    _accessible_in_dutch_and_english(live_app, coordinator.page)


def _accessible_in_dutch_and_english(live_app, page) -> None:
    """Home, inbox and settings, in Dutch then in English (the site's own language buttons)."""
    for language in ("nl", "en"):
        if language != "nl":
            page.goto(live_app.url("/meldingen/"))
            with page.expect_navigation():
                page.click(f".language-switch button[value={language}]")
        for path in ("/mijn-acties/", "/meldingen/", "/meldingen/voorkeuren/"):
            page.goto(live_app.url(path))
            assert page.get_attribute("html", "lang") == language
            assert_accessible(page)


def test_inbox_and_homes_have_no_wcag_violations_in_dutch_and_english(live_app, people):
    # The coordinator's pages are checked at the end of the flow above, in its session:
    # a second login would need another one-time code in the same half minute.
    for account in ("contributor", "network", "evaluator", "owner"):
        _accessible_in_dutch_and_english(live_app, people(account).page)
