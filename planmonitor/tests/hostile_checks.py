"""Checks of a page that hostile input reached: nothing the input wrote became markup."""

from bs4 import BeautifulSoup

from planmonitor.tests.html import parse_html

# What the corpus (planmonitor/core/tests/hostile.py) would leave in a page if it was
# not escaped: its scripts call ``alert``; its links start with these schemes.
MARKER = "alert"
UNSAFE_SCHEMES = ("javascript:", "data:", "vbscript:")
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href")


def injected(page) -> list[str]:
    """What in ``page`` the corpus put there as markup (empty: everything was escaped)."""
    soup: BeautifulSoup = parse_html(page)
    found = []
    for element in soup.find_all(True):
        if element.name in ("script", "iframe", "object", "embed") and MARKER in element.decode():
            found.append(f"<{element.name}> {element.decode()[:80]}")
        for attribute, value in element.attrs.items():
            text = " ".join(value) if isinstance(value, list) else str(value)
            if attribute.startswith("on"):
                found.append(f"{element.name} {attribute}={text[:80]}")
            if attribute in URL_ATTRIBUTES and text.strip().lower().startswith(UNSAFE_SCHEMES):
                found.append(f"{element.name} {attribute}={text[:80]}")
    return found
