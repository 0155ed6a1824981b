"""The snapshot pages in the authorization matrix (tests/test_authorization_matrix.py)."""

from planmonitor.tests.matrix import (
    FORBIDDEN,
    LOGIN,
    NO_POST_LOGGED_IN,
    NOT_ALLOWED,
    Entry,
    answers,
    plan_kwargs,
)


def _snapshot(objects: dict):
    from planmonitor.evaluation.snapshots.models import Snapshot
    from planmonitor.evaluation.snapshots.services import snapshot_take

    plan = objects["action"].plan
    return Snapshot.objects.filter(plan=plan, name="matrix").first() or snapshot_take(
        plan=plan, name="matrix"
    )


def snapshot_kwargs(objects: dict) -> dict:
    snapshot = _snapshot(objects)
    return {"short_name": snapshot.plan.short_name, "pk": snapshot.pk}


def section_kwargs(objects: dict) -> dict:
    return {**snapshot_kwargs(objects), "key": "conclusions"}


def job_kwargs(objects: dict) -> dict:
    from planmonitor.evaluation.snapshots.models import ReportJob, ReportJobStatus

    snapshot = _snapshot(objects)
    job = ReportJob.objects.create(
        snapshot=snapshot,
        kind="interim",
        format="docx",
        status=ReportJobStatus.DONE,
        progress=100,
        file=b"PK",
        filename="rapport.docx",
    )
    return {"short_name": snapshot.plan.short_name, "pk": job.pk}


# Coordinators, network members and evaluators read the evaluation.
READERS = answers(FORBIDDEN, anonymous=LOGIN, coordinator=200, network_member=200, evaluator=200)

ENTRIES = {
    "evaluation:snapshot_default": Entry(
        get=answers(FORBIDDEN, anonymous=LOGIN, coordinator=302, network_member=302, evaluator=302),
        post=NO_POST_LOGGED_IN,
    ),
    # An empty take-snapshot form comes back with its errors (400) to those who may take one.
    "evaluation:snapshot_list": Entry(
        kwargs=plan_kwargs,
        get=READERS,
        post=answers(FORBIDDEN, anonymous=LOGIN, coordinator=400, evaluator=400),
    ),
    "evaluation:snapshot_detail": Entry(
        kwargs=snapshot_kwargs, get=READERS, post=NO_POST_LOGGED_IN
    ),
    # The coordinator writes the sections; an empty form is refused (400).
    "evaluation:snapshot_section_edit": Entry(
        kwargs=section_kwargs,
        get=answers(FORBIDDEN, anonymous=LOGIN, coordinator=200),
        post=answers(FORBIDDEN, anonymous=LOGIN, coordinator=400),
    ),
    # An empty choice goes back to the snapshot page (302) with a message.
    "evaluation:report_create": Entry(
        kwargs=snapshot_kwargs,
        get=answers(NOT_ALLOWED, anonymous=LOGIN),
        post=answers(FORBIDDEN, anonymous=LOGIN, coordinator=302, evaluator=302),
    ),
    "evaluation:report_job": Entry(kwargs=job_kwargs, get=READERS, post=NO_POST_LOGGED_IN),
    "evaluation:report_download": Entry(kwargs=job_kwargs, get=READERS, post=NO_POST_LOGGED_IN),
}
