"""The plan document's downloads in the authorization matrix."""

from planmonitor.tests.matrix import FORBIDDEN, LOGIN, NOT_ALLOWED, Entry, answers, plan_kwargs

# As the plan page: whoever may see the plan downloads its document.
PLAN_READERS = answers(200, anonymous=LOGIN, outsider=FORBIDDEN)

ENTRIES = {
    "evaluation:plan_document_docx": Entry(
        kwargs=plan_kwargs, get=PLAN_READERS, post=answers(NOT_ALLOWED)
    ),
    "evaluation:plan_document_pdf": Entry(
        kwargs=plan_kwargs, get=PLAN_READERS, post=answers(NOT_ALLOWED)
    ),
}
