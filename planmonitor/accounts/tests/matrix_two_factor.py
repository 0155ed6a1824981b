"""Two-step login's URLs in the authorization matrix: each person's own, plus the reset."""

from planmonitor.tests.matrix import (
    COORDINATOR_ONLY_POST,
    LOGGED_IN_PAGE,
    NO_POST_LOGGED_IN,
    Entry,
    answers,
    member_kwargs,
)

ENTRIES = {
    "accounts:two_factor_manage": Entry(get=LOGGED_IN_PAGE, post=NO_POST_LOGGED_IN),
    # Whoever already passed it (or need not) goes on to where they were going.
    "accounts:two_factor_verify": Entry(get=answers(302), post=answers(302)),
    # Set it up (or, for who has it, move it to a new app); an empty code comes back.
    "accounts:two_factor_enrol": Entry(get=LOGGED_IN_PAGE, post=LOGGED_IN_PAGE),
    # Without new codes in the session, to the manage page.
    "accounts:two_factor_backup_codes": Entry(get=answers(302), post=NO_POST_LOGGED_IN),
    # Refused with a message (nothing set up; a coordinator may not turn it off): 302.
    "accounts:two_factor_backup_codes_renew": Entry(get=NO_POST_LOGGED_IN, post=answers(302)),
    "accounts:two_factor_remove": Entry(get=NO_POST_LOGGED_IN, post=answers(302)),
    "accounts:member_two_factor_reset": Entry(
        kwargs=member_kwargs, get=NO_POST_LOGGED_IN, post=COORDINATOR_ONLY_POST
    ),
}
