"""The network's URLs in the authorization matrix (tests/test_authorization_matrix.py)."""

from planmonitor.tests.matrix import (
    FORBIDDEN,
    LOGIN,
    NO_POST_LOGGED_IN,
    Entry,
    answers,
    plan_kwargs,
)


def signal_kwargs(objects: dict) -> dict:
    from planmonitor.network.models import Signal

    plan = objects["action"].plan
    signal, _ = Signal.objects.get_or_create(plan=plan, key="matrix", defaults={"title": "t"})
    return {"short_name": plan.short_name, "pk": signal.pk}


# Coordinators, network members and evaluators: those who follow the whole plan.
NETWORK_READERS = answers(
    FORBIDDEN, anonymous=LOGIN, coordinator=200, network_member=200, evaluator=200
)
# Signals: coordinators and network members manage them, evaluators only read.
SIGNAL_MANAGERS_GET = answers(FORBIDDEN, anonymous=LOGIN, coordinator=200, network_member=200)

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
    "network:signal_list": Entry(kwargs=plan_kwargs, get=NETWORK_READERS, post=NO_POST_LOGGED_IN),
    "network:signal_sync": Entry(
        kwargs=plan_kwargs,
        get=NO_POST_LOGGED_IN,
        post=answers(FORBIDDEN, anonymous=LOGIN, coordinator=302, network_member=302),
    ),
    # An empty form: shown again with its errors (200) to those who may add signals.
    "network:signal_create": Entry(
        kwargs=plan_kwargs, get=SIGNAL_MANAGERS_GET, post=SIGNAL_MANAGERS_GET
    ),
    # An empty status change is refused (400) for managers; evaluators read, may not post.
    "network:signal_detail": Entry(
        kwargs=signal_kwargs,
        get=NETWORK_READERS,
        post=answers(FORBIDDEN, anonymous=LOGIN, coordinator=400, network_member=400),
    ),
    "network:overlap": Entry(
        kwargs=plan_kwargs,
        get=NETWORK_READERS,
        # An empty classification is refused (400) for managers; evaluators read.
        post=answers(FORBIDDEN, anonymous=LOGIN, coordinator=400, network_member=400),
    ),
    "network:overlap_xlsx": Entry(kwargs=plan_kwargs, get=NETWORK_READERS, post=NO_POST_LOGGED_IN),
    # The thesaurus: the network's readers see it; only coordinators edit (an empty term: 400).
    "network:thesaurus": Entry(
        kwargs=plan_kwargs,
        get=NETWORK_READERS,
        post=answers(FORBIDDEN, anonymous=LOGIN, coordinator=400),
    ),
}
