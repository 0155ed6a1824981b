"""Authorization matrix entries of the progress report pages (collected by planmonitor/tests)."""

from planmonitor.tests.matrix import (
    ACTION_READERS,
    FORBIDDEN,
    LOGIN,
    NO_POST_LOGGED_IN,
    NOT_FOUND,
    WHOLE_PLAN,
    Entry,
    answers,
)


def report_kwargs(objects: dict) -> dict:
    report = objects["report"]
    return {
        "short_name": report.round.plan.short_name,
        "round_pk": report.round_id,
        "code": report.action.code,
    }


def indicator_kwargs(objects: dict) -> dict:
    indicator, _created = objects["action"].indicators.get_or_create(
        code="M1", defaults={"name": "Aantal opleidingen", "kind": "quantitative"}
    )
    return {**report_kwargs(objects), "indicator_pk": indicator.pk}


def evidence_kwargs(objects: dict) -> dict:
    return {**report_kwargs(objects), "pk": objects["evidence"].pk}


# Who may see a report: whole-plan readers, the lead owner, contributors; never the public.
REPORT_READERS = answers(NOT_FOUND, anonymous=LOGIN, **ACTION_READERS, **WHOLE_PLAN)
# Who may write it: the lead owner and the coordinator; other readers may see, not write.
EDITORS = {"owner", "coordinator"}
READ_ONLY = {
    "contributor": FORBIDDEN,
    "network_member": FORBIDDEN,
    "evaluator": FORBIDDEN,
    "cabinet": FORBIDDEN,
}


def for_editors(answer: int) -> dict[str, int]:
    return answers(NOT_FOUND, anonymous=LOGIN, **READ_ONLY, **dict.fromkeys(EDITORS, answer))


ENTRIES: dict[str, Entry] = {
    "monitoring:report_detail": Entry(
        kwargs=report_kwargs, get=REPORT_READERS, post=NO_POST_LOGGED_IN
    ),
    # An empty form is invalid (no version): editors get the form back.
    "monitoring:report_edit": Entry(
        kwargs=report_kwargs, get=for_editors(200), post=for_editors(200)
    ),
    # Without htmx the row save redirects back to the form (here with "out of date").
    "monitoring:report_value": Entry(
        kwargs=indicator_kwargs, get=NO_POST_LOGGED_IN, post=for_editors(302)
    ),
    # The transition in the URL is "submit": the owner and the coordinator submit.
    "monitoring:report_transition": Entry(
        kwargs=lambda objects: {**report_kwargs(objects), "transition": "submit"},
        get=NO_POST_LOGGED_IN,
        post=for_editors(302),
    ),
    # Only the coordinator gives a report more time; an empty form comes back (400).
    "monitoring:report_due_date_extend": Entry(
        kwargs=report_kwargs,
        get=NO_POST_LOGGED_IN,
        post=answers(
            FORBIDDEN,
            anonymous=LOGIN,
            coordinator=400,
            other_owner=NOT_FOUND,
            outsider=NOT_FOUND,
        ),
    ),
    # Only contributors contribute; an empty contribution comes back with an error.
    "monitoring:contribution_add": Entry(
        kwargs=report_kwargs,
        get=NO_POST_LOGGED_IN,
        post=answers(
            FORBIDDEN,
            anonymous=LOGIN,
            contributor=200,
            other_owner=NOT_FOUND,
            outsider=NOT_FOUND,
        ),
    ),
    # Empty evidence comes back with an error.
    "monitoring:evidence_add": Entry(
        kwargs=report_kwargs, get=NO_POST_LOGGED_IN, post=for_editors(200)
    ),
    # The matrix's evidence is a link: its readers are sent on to it (302).
    "monitoring:evidence_download": Entry(
        kwargs=evidence_kwargs,
        get=answers(
            NOT_FOUND, anonymous=LOGIN, **dict.fromkeys([*ACTION_READERS, *WHOLE_PLAN], 302)
        ),
        post=NO_POST_LOGGED_IN,
    ),
    "monitoring:evidence_delete": Entry(
        kwargs=evidence_kwargs, get=NO_POST_LOGGED_IN, post=for_editors(302)
    ),
}
