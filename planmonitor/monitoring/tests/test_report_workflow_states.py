"""A state machine over a progress report's workflow (issue 13, "Bad input everywhere").

hypothesis drives the monitoring services with any sequence of edits (with the version
read or a stale one), transitions (submit, accept, return, re-open, with and without the
remarks or reason they need) and the round closing and opening again. A model of the
rules (``workflow.REPORT_TRANSITIONS`` and the services' requirements) says what each step
must do; after every step the stored report is checked against it: a valid state, a
version that grew by one on every accepted step and never otherwise, the content of the
last accepted edit, never an edit into a submitted or accepted report, the first
submission's date kept once set.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from planmonitor.core.errors import TransitionRefused
from planmonitor.core.locking import EditConflict
from planmonitor.monitoring import workflow
from planmonitor.monitoring.models import ProgressReport, ReportState, RoundStatus
from planmonitor.monitoring.reports import services

pytestmark = pytest.mark.django_db

EDITABLE = {ReportState.DRAFT, ReportState.RETURNED}
texts = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=40)


def test_no_sequence_of_steps_reaches_an_invalid_state(report, coordinator):
    class ReportWorkflow(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            ProgressReport.objects.filter(pk=report.pk).update(
                state=ReportState.DRAFT,
                version=1,
                public_text="",
                status_reason="",
                submitted_at=None,
                first_submitted_at=None,
            )
            report.round.__class__.objects.filter(pk=report.round_id).update(
                status=RoundStatus.OPEN
            )
            self.state: str = ReportState.DRAFT
            self.version = 1
            self.text = ""
            self.round_open = True
            self.submitted_once = False
            self.first_submitted_at: dt.datetime | None = None

        @rule(text=texts, stale=st.booleans())
        def edit(self, text: str, stale: bool) -> None:
            sent = self.version - 1 if stale else self.version
            try:
                services.report_update(
                    report_id=report.pk, values={"public_text": text}, expected_version=sent
                )
            except EditConflict:
                assert stale, "the version read was refused"
                return
            except (TransitionRefused, ValidationError):
                assert self.state not in EDITABLE or not self.round_open
                return
            assert not stale, "a stale version was accepted: a lost update"
            assert self.state in EDITABLE and self.round_open
            self.version += 1
            self.text = text.replace("\r\n", "\n").replace("\r", "\n").strip()

        @rule(
            transition=st.sampled_from(sorted(workflow.REPORT_TRANSITIONS)),
            words=st.sampled_from(["", "  ", "Verduidelijk de cijfers."]),
        )
        def move(self, transition: str, words: str) -> None:
            allowed = workflow.REPORT_TRANSITIONS[transition].get(self.state)
            needs_words = transition in ("return", "reopen")
            try:
                services.report_transition(
                    report_id=report.pk,
                    transition=transition,
                    user=coordinator,
                    remarks=words if transition == "return" else "",
                    reason=words if transition == "reopen" else "",
                )
            except (TransitionRefused, ValidationError):
                blocked_by_round = (
                    transition in workflow.REPORT_NEEDS_OPEN_ROUND and not self.round_open
                )
                assert allowed is None or blocked_by_round or (needs_words and not words.strip())
                return
            assert allowed is not None, f"{transition} from {self.state} was accepted"
            assert not (needs_words and not words.strip()), "accepted without its reason"
            self.state = allowed
            self.version += 1
            if transition == "submit":
                self.submitted_once = True

        @rule(open_=st.booleans())
        def round_status(self, open_: bool) -> None:
            status = RoundStatus.OPEN if open_ else RoundStatus.CLOSED
            report.round.__class__.objects.filter(pk=report.round_id).update(status=status)
            self.round_open = open_

        @invariant()
        def stored_as_the_model_says(self) -> None:
            stored = ProgressReport.objects.get(pk=report.pk)
            assert stored.state in ReportState.values
            assert stored.state == self.state
            assert stored.version == self.version
            assert stored.public_text == self.text
            assert (stored.first_submitted_at is not None) == self.submitted_once
            if self.first_submitted_at is not None:
                assert stored.first_submitted_at == self.first_submitted_at
            self.first_submitted_at = stored.first_submitted_at

    run_state_machine_as_test(
        ReportWorkflow,
        settings=settings(
            max_examples=30,
            stateful_step_count=20,
            deadline=None,
            suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        ),
    )
