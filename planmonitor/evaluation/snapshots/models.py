"""Models of evaluation/snapshots (re-exported by evaluation/models.py)."""

__all__: list[str] = []
