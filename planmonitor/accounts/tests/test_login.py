from bs4 import BeautifulSoup
from django.urls import reverse


def test_it_renders_the_login_form(client, db):
    soup = BeautifulSoup(client.get(reverse("login")).content, "html.parser")
    form = soup.find("form", action=reverse("login"))
    assert form.find("input", attrs={"name": "username"}) is not None
    assert form.find("input", attrs={"name": "password", "type": "password"}) is not None
