"""Overlap detection between a plan's actions (issue 10, "Overlap"); see docs/network.md."""
