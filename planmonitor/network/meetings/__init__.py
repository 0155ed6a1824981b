"""Meetings of the learning network: agenda, minutes, decisions (issue 10).

``agenda`` proposes the generated agenda items (a pure function), ``selectors`` read,
``services`` write, ``docx`` writes the invitation's agenda and the minutes.
"""
