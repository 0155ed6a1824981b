"""Sending the password link again, for a person who has not chosen a password yet."""

import pytest
from django_tasks import default_task_backend

from planmonitor.accounts.models import User
from planmonitor.accounts.tasks import member_invitation_mail_send
from planmonitor.tests.html import parse_html as soup_of

from .helpers import member_url, messages_of


@pytest.fixture
def invited(member) -> User:
    member.set_unusable_password()
    member.save()
    return member


def test_the_persons_page_offers_to_send_the_link_again(client, plan, coordinator, invited):
    client.force_login(coordinator)
    soup = soup_of(client.get(member_url(plan, invited)))
    form = soup.select_one(f'form[action="{member_url(plan, invited, "member_invite")}"]')
    assert form["method"] == "post"


def test_it_sends_a_new_link(
    client, plan, coordinator, invited, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):  # queued once committed
        response = client.post(member_url(plan, invited, "member_invite"), follow=True)
    [mail] = mailoutbox
    assert mail.to == [invited.email]
    assert "/wachtwoord/nieuw/" in mail.body
    assert messages_of(response)[0][0] == "success"


def test_it_sends_nothing_to_someone_with_a_password(client, plan, coordinator, member, mailoutbox):
    client.force_login(coordinator)
    response = client.post(member_url(plan, member, "member_invite"), follow=True)
    assert mailoutbox == []
    assert messages_of(response)[0][0] == "error"


def test_it_is_post_only(client, plan, coordinator, invited, mailoutbox):
    client.force_login(coordinator)
    assert client.get(member_url(plan, invited, "member_invite")).status_code == 405
    assert mailoutbox == []


@pytest.mark.parametrize("who", ["network_member", "evaluator", "owner"])
def test_it_refuses_everyone_but_coordinators(client, plan, invited, who, request, mailoutbox):
    client.force_login(request.getfixturevalue(who))
    assert client.post(member_url(plan, invited, "member_invite")).status_code == 403
    assert mailoutbox == []


def test_the_mail_leaves_from_the_task_queue_not_the_request(
    client, plan, coordinator, invited, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(member_url(plan, invited, "member_invite"))
    assert mailoutbox == []
    [job] = default_task_backend.results
    assert job.task.module_path == "planmonitor.accounts.tasks.member_invitation_mail_send"

    job.task.call(*job.args, **job.kwargs)  # the worker, later
    assert [mail.to for mail in mailoutbox] == [[invited.email]]


def test_the_task_sends_nothing_once_the_person_chose_a_password(invited, plan, mailoutbox):
    invited.set_password("een eigen wachtwoord van mij")
    invited.save()
    member_invitation_mail_send.call(user_id=invited.pk, plan_id=plan.pk, site_root="http://x")
    assert mailoutbox == []
