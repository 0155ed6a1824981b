"""The one HTML parser of the tests: pages are asserted by structure, not by substring."""

from bs4 import BeautifulSoup


def parse_html(page) -> BeautifulSoup:
    """A response's body (or markup given as text) as a BeautifulSoup tree."""
    markup = page.content if hasattr(page, "content") else page
    return BeautifulSoup(markup, "html.parser")
