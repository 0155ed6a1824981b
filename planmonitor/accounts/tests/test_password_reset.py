"""Password reset by e-mail, end to end; it also lifts a login lockout."""

import re

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django_tasks import default_task_backend
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from planmonitor.accounts.tasks import password_reset_mail_send
from planmonitor.tests.html import parse_html
from planmonitor.tests.queries import assert_queries

from .helpers import is_logged_in, log_in

LINK = re.compile(r"https?://testserver(/wachtwoord/nieuw/[^/\s]+/[^/\s]+/)")
NEW_PASSWORD = "paarse olifant op de fiets"


def _request_link(client, email: str):
    return client.post(reverse("accounts:password_reset"), {"email": email})


def _set_password(client, path: str, password: str = NEW_PASSWORD):
    form_page = client.get(path, follow=True)  # Django moves the token into the session
    assert form_page.context["validlink"] is True
    return client.post(
        form_page.request["PATH_INFO"], {"new_password1": password, "new_password2": password}
    )


def test_the_form_asks_for_an_e_mail_address(client, db):
    soup = parse_html(client.get(reverse("accounts:password_reset")))
    form = soup.select_one("main form[method=post]")
    assert form.select_one("input[name=email][type=email]") is not None
    assert form.select_one("input[name=csrfmiddlewaretoken]") is not None


def test_it_works_end_to_end(client, member, mailoutbox):
    response = _request_link(client, "MEMBER@example.org")  # any case
    assert response["Location"] == reverse("accounts:password_reset_done")
    [mail] = mailoutbox
    assert mail.to == ["member@example.org"]
    assert "\n" not in mail.subject
    assert "<" not in mail.body  # plain text

    response = _set_password(client, LINK.search(mail.body).group(1))
    assert response["Location"] == reverse("accounts:password_reset_complete")
    assert client.get(response["Location"]).status_code == 200

    log_in(client, "member", NEW_PASSWORD)
    assert is_logged_in(client)


def test_a_link_works_only_once(client, member, mailoutbox):
    _request_link(client, member.email)
    path = LINK.search(mailoutbox[0].body).group(1)
    _set_password(client, path)

    again = client.get(path, follow=True)

    assert again.context["validlink"] is False
    assert parse_html(again).select_one("#invalid-link") is not None


def test_an_unknown_address_looks_the_same_and_sends_nothing(client, member, mailoutbox):
    response = _request_link(client, "nobody@example.org")
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert mailoutbox == []


def test_a_deactivated_person_gets_no_link(client, member, mailoutbox):
    member.is_active = False
    member.save()
    _request_link(client, member.email)
    assert mailoutbox == []


def test_the_new_password_must_pass_the_validators(client, member, mailoutbox):
    _request_link(client, member.email)
    response = _set_password(client, LINK.search(mailoutbox[0].body).group(1), "kort")
    assert response.status_code == 200
    assert response.context["form"].errors["new_password2"]


def test_a_new_password_lifts_a_lockout(client, member, mailoutbox):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "member", "wrong-password")
    assert log_in(client, "member").status_code == 429

    _request_link(client, member.email)
    _set_password(client, LINK.search(mailoutbox[0].body).group(1))

    log_in(client, "member", NEW_PASSWORD)
    assert is_logged_in(client)


@pytest.fixture
def queue(settings):
    """The task queue, kept instead of run: what a request enqueued, for the test to see."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    return default_task_backend


def _run(jobs) -> None:
    for job in jobs:
        job.task.call(*job.args, **job.kwargs)


def test_a_known_and_an_unknown_address_do_the_same_work_in_the_request(
    client, member, queue, mailoutbox
):
    # No query at all in the request: the look-up of the address waits for the task.
    with assert_queries([]):
        known = _request_link(client, member.email)
    with assert_queries([]):
        unknown = _request_link(client, "nobody@example.org")

    # The same answer and the same work: one job queued each, no mail, no look-up.
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert mailoutbox == []
    known_job, unknown_job = queue.results
    assert known_job.task.module_path == unknown_job.task.module_path
    assert known_job.kwargs.keys() == unknown_job.kwargs.keys()
    assert (known_job.kwargs["email"], unknown_job.kwargs["email"]) == (
        member.email,
        "nobody@example.org",
    )

    _run(queue.results)  # after the response, the worker: only the known address gets mail
    [mail] = mailoutbox
    assert mail.to == [member.email] and LINK.search(mail.body) is not None


def test_the_worker_sends_the_mail_from_the_database_queue(
    client, member, settings, mailoutbox, monkeypatch
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    # The worker drops connections not in autocommit; the test's transaction is one.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    _request_link(client, member.email)
    assert mailoutbox == [] and DBTaskResult.objects.count() == 1

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    [mail] = mailoutbox
    assert mail.to == [member.email]
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_the_task_has_a_stable_import_path():
    assert password_reset_mail_send.module_path == (
        "planmonitor.accounts.tasks.password_reset_mail_send"
    )
