import pytest
from django.urls import reverse

from planmonitor.plans.models import ActionComment


def _url(action) -> str:
    return reverse("plans:comment_add", args=[action.plan.short_name, action.code])


@pytest.mark.parametrize("who", ["coordinator", "owner", "contributor", "network_member"])
def test_it_adds_a_comment(client, action, who, request):
    user = request.getfixturevalue(who)
    client.force_login(user)
    response = client.post(_url(action), {"body": "  Graag afstemmen met OD 2.3.  "})
    assert response.status_code == 302
    comment = ActionComment.objects.get()
    assert (comment.author, comment.body) == (user, "Graag afstemmen met OD 2.3.")


def test_an_evaluator_reads_but_does_not_comment(client, action, evaluator):
    client.force_login(evaluator)
    assert client.post(_url(action), {"body": "Opmerking"}).status_code == 403
    assert not ActionComment.objects.exists()


def test_an_empty_comment_is_refused(client, action, owner):
    client.force_login(owner)
    client.post(_url(action), {"body": "   "})
    assert not ActionComment.objects.exists()


def test_it_only_accepts_post(client, action, owner):
    client.force_login(owner)
    assert client.get(_url(action)).status_code == 405
