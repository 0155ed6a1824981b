"""The public site's record pages: rounds, decisions, versions, evaluations, feeds and the
accessibility and privacy statements."""

record_patterns: list = []
