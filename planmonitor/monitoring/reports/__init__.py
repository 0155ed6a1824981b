"""Progress reports: what an action did in a round, its values, evidence and contributions."""
