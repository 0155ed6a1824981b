"""Models of evaluation/revisions (re-exported by evaluation/models.py)."""

__all__: list[str] = []
