"""Models of evaluation/impact (re-exported by evaluation/models.py)."""

__all__: list[str] = []
