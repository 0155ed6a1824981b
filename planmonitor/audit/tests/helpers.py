"""Test helpers: read a form back from a page; read a timeline in English."""

from collections import defaultdict

from bs4 import BeautifulSoup
from django.utils import translation

from planmonitor.audit.selectors import TimelineEntry, history_timeline

NOT_SUBMITTED = {"submit", "button", "image", "reset", "file"}


def form_data(html: bytes | str, *, containing: str) -> dict[str, list[str]]:
    """The values of the form that has a field named ``containing``."""
    soup = BeautifulSoup(html, "html.parser")
    field = soup.find(attrs={"name": containing})
    assert field is not None, f"no field {containing!r} on the page"
    form = field.find_parent("form")
    data: dict[str, list[str]] = defaultdict(list)
    for element in form.find_all(["input", "select", "textarea"]):
        name = element.get("name")
        if not name or element.has_attr("disabled"):
            continue
        if element.name == "textarea":
            data[name].append(element.text.removeprefix("\n").removeprefix("\r\n"))
        elif element.name == "select":
            data[name].extend(_selected(element))
        else:
            kind = element.get("type", "text").lower()
            if kind in ("checkbox", "radio"):
                if element.has_attr("checked"):
                    data[name].append(element.get("value", "on"))
            elif kind not in NOT_SUBMITTED:
                data[name].append(element.get("value", ""))
    return dict(data)


def _selected(select) -> list[str]:
    options = select.find_all("option")
    chosen = [o.get("value", o.text) for o in options if o.has_attr("selected")]
    if not chosen and options and not select.has_attr("multiple"):
        chosen = [options[0].get("value", options[0].text)]  # a browser sends the first
    return chosen


def timeline(model, pk) -> list[TimelineEntry]:
    """The timeline with English field names and choices (a request leaves Dutch active)."""
    with translation.override("en"):
        return history_timeline(model, pk)
