"""The network's URLs in the authorization matrix (tests/test_authorization_matrix.py)."""

from planmonitor.tests.matrix import (
    FORBIDDEN,
    LOGIN,
    NO_POST_LOGGED_IN,
    Entry,
    answers,
    plan_kwargs,
)

# Coordinators, network members and evaluators: those who follow the whole plan.
NETWORK_READERS = answers(
    FORBIDDEN, anonymous=LOGIN, coordinator=200, network_member=200, evaluator=200
)

ENTRIES = {
    "network:network_default": Entry(
        get=answers(FORBIDDEN, anonymous=LOGIN, coordinator=302, network_member=302, evaluator=302),
        post=NO_POST_LOGGED_IN,
    ),
    "network:dashboard": Entry(kwargs=plan_kwargs, get=NETWORK_READERS, post=NO_POST_LOGGED_IN),
    "network:dashboard_xlsx": Entry(
        kwargs=plan_kwargs, get=NETWORK_READERS, post=NO_POST_LOGGED_IN
    ),
    "network:smart_list": Entry(kwargs=plan_kwargs, get=NETWORK_READERS, post=NO_POST_LOGGED_IN),
    "network:smart_xlsx": Entry(kwargs=plan_kwargs, get=NETWORK_READERS, post=NO_POST_LOGGED_IN),
    "network:coverage": Entry(kwargs=plan_kwargs, get=NETWORK_READERS, post=NO_POST_LOGGED_IN),
    "network:coverage_xlsx": Entry(kwargs=plan_kwargs, get=NETWORK_READERS, post=NO_POST_LOGGED_IN),
    "network:gaps": Entry(kwargs=plan_kwargs, get=NETWORK_READERS, post=NO_POST_LOGGED_IN),
    "network:gaps_xlsx": Entry(kwargs=plan_kwargs, get=NETWORK_READERS, post=NO_POST_LOGGED_IN),
}
