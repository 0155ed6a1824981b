"""A write that depends on a report's state checks it inside its own transaction.

Under load, contributions landed in reports already submitted: the services
checked the state of the report object the view had read *before* the write's
transaction, so a submission in between went unseen. The race is made
deterministic here: the caller holds a draft report object, another path submits
(or closes the round) before the write runs.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from planmonitor.monitoring import workflow
from planmonitor.monitoring.models import Contribution, Evidence, RoundStatus
from planmonitor.monitoring.reports import services
from planmonitor.monitoring.rounds import services as round_services


def _submitted_meanwhile(report, owner) -> None:
    assert report.state == "draft"  # what the caller read
    services.report_transition(report_id=report.pk, transition="submit", user=owner)


def _closed_meanwhile(report, owner) -> None:
    round_services.round_set_status(round_id=report.round_id, status=RoundStatus.CLOSED)


def _stale(report):
    # The state the view read, from before the other path's change.
    assert report.round.status == RoundStatus.OPEN
    return report


MEANWHILE = [_submitted_meanwhile, _closed_meanwhile]


@pytest.mark.parametrize("meanwhile", MEANWHILE)
def test_a_contribution_is_refused_when_the_report_changed_after_it_was_read(
    report, contributor, owner, meanwhile
):
    stale = _stale(report)
    meanwhile(report, owner)
    with pytest.raises(workflow.TransitionRefused):
        services.contribution_add(report=stale, author=contributor, text="Te laat.")
    assert not Contribution.objects.exists()


@pytest.mark.parametrize("meanwhile", MEANWHILE)
def test_evidence_is_refused_when_the_report_changed_after_it_was_read(
    report, owner, media, meanwhile
):
    stale = _stale(report)
    meanwhile(report, owner)
    upload = SimpleUploadedFile("verslag.pdf", b"%PDF-1.4 te laat", content_type="application/pdf")
    with pytest.raises(workflow.TransitionRefused):
        services.evidence_add(report=stale, user=owner, title="Te laat", upload=upload)
    assert not Evidence.objects.exists()
    assert not list(media.glob("**/*.pdf"))  # nothing was written to disk either


@pytest.mark.parametrize("meanwhile", MEANWHILE)
def test_evidence_stays_when_the_report_changed_after_it_was_read(report, owner, meanwhile):
    evidence = services.evidence_add(
        report=report, user=owner, title="Verslag", url="https://example.org/verslag"
    )
    stale = Evidence.objects.select_related("report__round").get(pk=evidence.pk)
    _stale(stale.report)
    meanwhile(report, owner)
    with pytest.raises(workflow.TransitionRefused):
        services.evidence_delete(evidence=stale)
    assert Evidence.objects.filter(pk=evidence.pk).exists()


def test_a_report_update_is_refused_when_its_round_closed_after_it_was_read(report, owner):
    _closed_meanwhile(report, owner)
    with pytest.raises(workflow.TransitionRefused):
        services.report_update(
            report_id=report.pk, values={"done": "Te laat."}, expected_version=report.version
        )
