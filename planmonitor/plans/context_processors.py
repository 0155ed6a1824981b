from django.http import HttpRequest


def example_data(request: HttpRequest) -> dict:
    """Tell every page whether example (demo) data is loaded, so it is always labelled."""
    from .selectors import example_data_present

    return {"example_data_present": example_data_present}
