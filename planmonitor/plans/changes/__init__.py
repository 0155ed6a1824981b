"""The plan-wide change log: who did what, when, to which object (``audit.Event``), for the
coordinator and the evaluators; filterable, paginated, downloadable as CSV and XLSX."""
