import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from planmonitor.core.rich_text import MAX_DEPTH
from planmonitor.core.tests.markdown_inputs import (
    BRACKETS,
    NESTED_LIST,
    deadline,
    fitted,
    nesting_depth,
)
from planmonitor.monitoring.models import ActionSheet
from planmonitor.plans.models import BudgetLine, FinanceAdvice
from planmonitor.tests.html import parse_html as soup
from planmonitor.tests.queries import BANNER, NAV, POLICY, SIGNED_IN, assert_queries

from .sheets_helpers import add_parts, fill_sheet, run, url


@pytest.mark.parametrize(
    "who", ["coordinator", "owner", "contributor", "network_member", "evaluator"]
)
def test_it_shows_the_sheet_to_who_follows_the_monitoring(client, action, who, request):
    fill_sheet(action)
    client.force_login(request.getfixturevalue(who))
    response = client.get(url("sheet_detail", action))
    assert response.status_code == 200
    page = soup(response)
    assert action.code in page.h1.get_text()
    assert "Hulpverleners herkennen signalen" in page.select_one("#goal").get_text()


@pytest.mark.parametrize("who", ["other_owner", "outsider"])
def test_it_answers_404_to_others_even_when_the_plan_is_public(client, action, who, request):
    action.plan.is_published = True
    action.plan.save()
    client.force_login(request.getfixturevalue(who))
    # The action is public; its monitoring is not.
    action_url = reverse("plans:action_detail", args=[action.plan.short_name, action.code])
    assert client.get(action_url).status_code == 200
    assert client.get(url("sheet_detail", action)).status_code == 404
    assert client.get(url("sheet_pdf", action)).status_code == 404
    assert client.get(url("sheet_versions", action)).status_code == 404


def test_anonymous_is_sent_to_login(client, action):
    response = client.get(url("sheet_detail", action))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_an_unknown_action_is_404(client, action, coordinator):
    client.force_login(coordinator)
    missing = reverse("monitoring:sheet_detail", args=[action.plan.short_name, "NOPE"])
    assert client.get(missing).status_code == 404


def test_reading_a_sheet_nobody_opened_creates_nothing(client, action, coordinator):
    client.force_login(coordinator)
    response = client.get(url("sheet_detail", action))
    assert response.status_code == 200
    assert not ActionSheet.objects.exists()
    assert soup(response).select_one(".sheet-status--draft") is not None


def test_it_shows_every_part_of_the_sheet(client, action, owner):
    fill_sheet(action, contact_name="An Peeters")
    add_parts(action, 2)
    client.force_login(owner)
    page = soup(client.get(url("sheet_detail", action)))

    assert page.select_one(".sheet-approach h2").get_text() == "Aanpak"
    assert page.select_one(".sheet-approach strong").get_text() == "pilootsessies"
    assert "Te weinig inschrijvingen." in page.select_one("#risks").get_text()
    assert page.select_one(".sheet-contact a")["href"] == "mailto:an.peeters@example.org"
    milestones = page.select(".sheet-milestone")
    assert [row.th.get_text() for row in milestones] == ["Mijlpaal 0", "Mijlpaal 1"]
    assert "01/01/2026" in milestones[0].get_text()
    assert [row.th.get_text() for row in page.select(".sheet-indicator")] == ["I00", "I01"]
    assert [li.get_text() for li in page.select(".sheet-partners li")] == [
        "Partner 0",
        "Partner 1",
    ]
    amounts = [cell.get_text() for cell in page.select(".sheet-budget-line .amount")]
    assert amounts == ["€ 1.000,00", "€ 2.000,00"]
    assert page.select_one(".sheet-budget tfoot .amount").get_text() == "€ 3.000,00"


def test_it_flags_budget_lines_whose_procedure_is_incomplete(client, action, owner):
    domain = action.plan.policy_domains.first()
    complete = {
        "finance_advice_date": dt.date(2025, 3, 1),
        "finance_advice_outcome": FinanceAdvice.FAVOURABLE,
        "budget_agreement_date": dt.date(2025, 4, 1),
    }
    BudgetLine.objects.create(
        action=action, year=2025, policy_domain=domain, amount=Decimal("12500.5"), **complete
    )
    BudgetLine.objects.create(
        action=action,
        year=2026,
        policy_domain=domain,
        amount=Decimal(1),
        finance_advice_date=dt.date(2025, 3, 1),
        finance_advice_outcome=FinanceAdvice.PENDING,
    )
    BudgetLine.objects.create(action=action, year=2027, policy_domain=domain, amount=Decimal(2))
    client.force_login(owner)
    page = soup(client.get(url("sheet_detail", action)))

    rows = page.select(".sheet-budget-line")
    assert rows[0].select_one(".amount").get_text() == "€ 12.500,50"
    assert "sheet-budget-line--incomplete" not in rows[0]["class"]
    assert rows[0].select_one(".sheet-ok") is not None
    assert "01/03/2025" in rows[0].get_text() and "01/04/2025" in rows[0].get_text()
    gaps = [[gap["data-gap"] for gap in row.select(".sheet-gap")] for row in rows]
    assert gaps == [[], ["advice_pending", "agreement"], ["advice", "agreement"]]
    assert all("sheet-budget-line--incomplete" in row["class"] for row in rows[1:])
    assert "2" in page.select_one(".sheet-warning").get_text()


def _buttons(client, action) -> list[str]:
    page = soup(client.get(url("sheet_detail", action)))
    return [
        form["action"].rstrip("/").rsplit("/", 1)[-1] for form in page.select(".sheet-transition")
    ]


def test_it_offers_each_role_the_steps_it_may_take(client, action, owner, coordinator, contributor):
    client.force_login(owner)
    assert _buttons(client, action) == ["indienen"]
    client.force_login(contributor)
    assert _buttons(client, action) == []
    run(action, owner, "submit")
    client.force_login(owner)
    assert _buttons(client, action) == []
    client.force_login(coordinator)
    assert _buttons(client, action) == ["goedkeuren", "terugsturen"]
    run(action, coordinator, "approve")
    client.force_login(owner)
    assert _buttons(client, action) == ["herzien"]


def test_it_offers_editing_only_while_editable_and_only_to_editors(
    client, action, owner, contributor
):
    edit = url("sheet_edit", action)
    client.force_login(owner)
    page = soup(client.get(url("sheet_detail", action)))
    assert page.find("a", href=edit) is not None
    assert page.find("a", href=url("milestone_add", action)) is not None
    client.force_login(contributor)
    page = soup(client.get(url("sheet_detail", action)))
    assert page.find("a", href=edit) is None
    assert page.find("a", href=url("milestone_add", action)) is None
    run(action, owner, "submit")
    client.force_login(owner)
    page = soup(client.get(url("sheet_detail", action)))
    assert page.find("a", href=edit) is None
    assert page.find("a", href=url("sheet_pdf", action)) is not None


def test_the_plan_of_approach_is_sanitized(client, action, owner):
    fill_sheet(
        action,
        approach=(
            "Aanpak <script>alert('x')</script>\n\n"
            "[klik hier](javascript:alert(1)) en <img src=x onerror=alert(2)>"
        ),
        risks='<a href="javascript:alert(3)">risico</a>',
    )
    client.force_login(owner)
    response = client.get(url("sheet_detail", action))
    page = soup(response)
    assert page.find("script") is None
    assert page.find("img") is None
    assert not any(a.get("href", "").lower().startswith("javascript") for a in page.find_all("a"))
    assert b"<script" not in response.content
    assert not any(name.startswith("on") for tag in page.find_all(True) for name in tag.attrs)
    # The Markdown link's target is dropped; the raw HTML is shown as text, inert.
    assert "javascript" not in str(page.select_one(".sheet-approach"))
    assert page.select_one("#risks a") is None
    # What was typed stays readable as text.
    assert "<script>alert('x')</script>" in page.select_one(".sheet-approach").get_text()


# The sheet page of a submitted sheet: a fixed set of queries, whatever its number of parts.
DETAIL_QUERIES = [
    *SIGNED_IN,
    *POLICY,
    ("SELECT plans_action", "the action with its sheet, plan, OD, ministers (select_related)"),
    ("SELECT plans_minister", "its co-ministers (prefetch; the policy asks for them)"),
    ("SELECT monitoring_milestone", "its milestones (prefetch)"),
    ("SELECT plans_indicator", "its indicators (prefetch)"),
    ("SELECT plans_budgetline", "its budget lines with their policy domain (prefetch)"),
    ("SELECT plans_partner", "its partners (prefetch)"),
    ("SELECT monitoring_sheetversion", "the sheet's approved versions"),
    *NAV,
    *BANNER,
]


def test_its_queries_do_not_grow_with_the_parts(client, action, other_action, owner):
    fill_sheet(action)
    add_parts(action, 2)
    run(action, owner, "submit")
    client.force_login(owner)
    with assert_queries(DETAIL_QUERIES):
        assert client.get(url("sheet_detail", action)).status_code == 200

    add_parts(action, 18, start=2)
    add_parts(other_action, 3)
    assert action.milestones.count() == 20 and action.indicators.count() == 20
    with assert_queries(DETAIL_QUERIES):
        assert client.get(url("sheet_detail", action)).status_code == 200


def test_the_page_brings_its_print_stylesheet(client, action, owner):
    client.force_login(owner)
    page = soup(client.get(url("sheet_detail", action)))
    sheets = [link["href"] for link in page.select("link[rel=stylesheet]")]
    assert any(href.endswith("planmonitor/monitoring-sheets.css") for href in sheets)
    css = Path(finders.find("planmonitor/monitoring-sheets.css")).read_text(encoding="utf-8")
    assert "@media print" in css and "@page" in css


@pytest.mark.parametrize("text", [NESTED_LIST, BRACKETS], ids=["list nested 300 deep", "20,000 ["])
def test_no_narrative_takes_the_sheet_down(client, action, owner, text):
    sheet = fill_sheet(action)
    # Written straight to the row: as much of the text as each field may hold.
    ActionSheet.objects.filter(pk=sheet.pk).update(
        **{name: fitted(text, ActionSheet, name) for name in ("content_goal", "approach", "risks")}
    )
    client.force_login(owner)
    with deadline(10):  # generous: today it answers in well under a second
        response = client.get(url("sheet_detail", action))
    assert response.status_code == 200
    assert nesting_depth(str(soup(response).select_one(".sheet-approach"))) <= MAX_DEPTH + 1
