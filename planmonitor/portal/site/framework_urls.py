"""The public site's framework pages: index, plan, goals, actions and search."""

framework_patterns: list = []
