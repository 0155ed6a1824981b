"""Reporting rounds: the coordinator opens a round, each action in scope gets a report."""
