"""Two-step login: enrolment, the code at login, managing it, a coordinator's reset.

Who must use it is the policy's business (``requires_two_factor``); the middleware
enforces it for every page at once; writes go through ``accounts.services``.
"""
