"""`load_gbv_plan` loads the plan exactly as the Flemish Government's note defines it.

The expected texts below are copied from the note itself
(shared/seed/000_e67aa63abba433dc.txt, line breaks as in the note), not from
planmonitor/plans/data/gbv_plan.py, so a typo in the loader's data is caught.
"""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.forms.models import model_to_dict

from planmonitor.plans.models import (
    Minister,
    OperationalGoal,
    Organisation,
    Plan,
    PlanDecision,
    PolicyDomain,
    StrategicGoal,
    TargetGroup,
    ViolenceForm,
)

LOADED_MODELS = [
    Minister,
    Plan,
    PlanDecision,
    PolicyDomain,
    Organisation,
    ViolenceForm,
    TargetGroup,
    StrategicGoal,
    OperationalGoal,
]


def note(text: str) -> str:
    """The note's wording with its line breaks and spacing normalised."""
    return " ".join(text.split())


# "2. INHOUD" of the note: the goal framework, verbatim.
STRATEGIC_GOALS = {
    "1": """We investeren in preventieve maatregelen gericht op de algemene bevolking, (potentiële)
slachtoffers, daders en omstaanders, om gendergerelateerd geweld te voorkomen en signalen
vroegtijdig te detecteren.""",
    "2": """We zetten in op de professionalisering op maat van professionals die in aanraking komen
met slachtoffers en daders van gendergerelateerd geweld en de kaders waarin ze moeten
werken.""",
    "3": """We zetten in op gepaste hulpverlening, ondersteuning en maatregelen voor zowel
slachtoffers als daders van gendergerelateerd geweld en hun volledig systeem. We houden hierbij
rekening met hun specifieke noden en werken waar mogelijk herstelgericht.""",
}

OPERATIONAL_GOALS = {
    "1.1": """We sensibiliseren burgers via gerichte en gecoördineerde
communicatiecampagnes met enerzijds aandacht voor verschillende doelgroepen en
sectoren en anderzijds voor nieuwe fenomenen zoals online seksueel geweld en spiking.""",
    "1.2": """We voorzien in vormingen en opleidingen gericht op preventie voor burgers met
aandacht voor verschillende doelgroepen, gericht op onder andere grenzen,
toestemming en mediawijsheid.""",
    "1.3": """We informeren burgers over het bestaan van hulp- en meldpunten, zodat de
drempel voor slachtoffers, daders en omstaanders om hulp te zoeken wordt verlaagd,
met bijzondere aandacht voor kwetsbare groepen.""",
    "1.4": """We creëren veilige omgevingen in samenwerking met lokale besturen, organisaties
en sectoren, zowel fysiek als digitaal.""",
    "2.1": """We versterken professionals en beleidsmakers via opleiding, tools,
expertiseontwikkeling en systematische kennisdeling, zodat ze signalen kunnen
herkennen, adequaat kunnen handelen en kunnen inspelen op nieuwe fenomenen.""",
    "2.2": """We verbeteren de kwaliteit en werking binnen betrokken sectoren, organisaties
en bij professionals door het ontwikkelen en implementeren van kaders.""",
    "2.3": """We versterken de samenwerking, coördinatie en informatie-uitwisseling tussen
beleidsdomeinen en bestuursniveaus met oog op een kwalitatievere en efficiëntere
dienstverlening.""",
    "3.1": """We versterken de toegankelijkheid van hulplijnen en hulpverlening door meer in
te spelen op de noden van diverse doelgroepen.""",
    "3.2": """We investeren in het versterken van herkenbaar, beschikbaar en aangepast
hulpaanbod voor slachtoffers en hun naasten, met bijzondere aandacht voor kwetsbare
doelgroepen en contexten.""",
    "3.3": """We investeren in het versterken van een inclusief, toegankelijk en beschikbaar
hulpaanbod voor plegers en hun naasten gericht op responsabilisering, behandeling en
recidivebeperking.""",
    "3.4": """We versterken systeemgericht en multidisciplinair werken met oog op een
integrale aanpak.""",
}

# "vijf vormen van gendergerelateerd geweld", with the note's abbreviations.
VIOLENCE_FORMS = [
    ("SG", "Seksueel geweld"),
    ("SGG", "Seksueel grensoverschrijdend gedrag"),
    ("IFG", "Intrafamiliaal geweld"),
    ("EGG", "Eergerelateerd geweld"),
    ("VGV", "Vrouwelijke genitale verminking"),
]

# "personen met een handicap, ouderen, kinderen, migranten en LGBTQ+"
TARGET_GROUPS = [
    ("handicap", "Personen met een handicap"),
    ("ouderen", "Ouderen"),
    ("kinderen", "Kinderen"),
    ("migranten", "Migranten"),
    ("lgbtq", "LGBTQ+"),
]

# shared/reference/ministers-2024-2029.csv: the government sworn in on 30 September 2024.
MINISTERS = [
    ("diependaele", "Matthias Diependaele", "minister-president"),
    ("depraetere", "Melissa Depraetere", "viceminister-president"),
    ("crevits", "Hilde Crevits", "viceminister-president"),
    ("weyts", "Ben Weyts", "viceminister-president"),
    ("demir", "Zuhal Demir", "minister"),
    ("gennez", "Caroline Gennez", "minister"),
    ("brouns", "Jo Brouns", "minister"),
    ("de-ridder", "Annick De Ridder", "minister"),
    ("van-achter", "Cieltje Van Achter", "minister"),
]


def load(*args: str) -> str:
    out = io.StringIO()
    call_command("load_gbv_plan", *args, stdout=out)
    return out.getvalue()


def snapshot() -> dict[str, list[dict]]:
    """Every loaded row, every field: what a re-run must leave untouched."""
    return {
        model.__name__: [model_to_dict(row) for row in model.objects.order_by("pk")]
        for model in LOADED_MODELS
    }


@pytest.fixture
def loaded(no_plan) -> Plan:
    load()
    return Plan.objects.get()


def test_it_loads_one_plan_coordinated_by_the_justice_minister_and_agency(loaded):
    assert loaded.title == "Vlaams actieplan ter bestrijding van gendergerelateerd geweld"
    assert loaded.coordinating_minister.key == "demir"
    assert loaded.coordinating_minister.portfolio == "Onderwijs, Justitie en Werk"
    assert loaded.coordinating_agency.label == "Agentschap Justitie en Handhaving"
    assert loaded.coordinating_agency.policy_domain.label == "Justitie en Handhaving"


def test_it_loads_the_five_forms_of_violence_in_the_notes_order(loaded):
    assert list(loaded.violence_forms.values_list("code", "label")) == VIOLENCE_FORMS


def test_it_loads_the_five_target_groups(loaded):
    assert list(loaded.target_groups.values_list("code", "label")) == TARGET_GROUPS


def test_it_loads_the_three_strategic_goals_verbatim(loaded):
    goals = {sd.code: sd.text for sd in loaded.strategic_goals.all()}
    assert goals == {code: note(text) for code, text in STRATEGIC_GOALS.items()}
    assert [sd.code for sd in loaded.strategic_goals.order_by("order")] == ["1", "2", "3"]


def test_it_loads_the_eleven_operational_goals_verbatim_under_their_strategic_goal(loaded):
    goals = loaded.operational_goals.select_related("strategic_goal")
    assert {od.code: od.text for od in goals} == {
        code: note(text) for code, text in OPERATIONAL_GOALS.items()
    }
    for od in goals:
        assert od.strategic_goal.code == od.code.split(".")[0], od
        assert od.order == int(od.code.split(".")[1]), od


@pytest.mark.parametrize("code", ["1.1", "2.3", "3.4"])
def test_it_keeps_the_notes_exact_wording(loaded, code):
    # One by one, so a failure names the goal whose wording drifted.
    assert loaded.operational_goals.get(code=code).text == note(OPERATIONAL_GOALS[code])


def test_it_loads_the_nine_ministers_of_the_flemish_government(loaded):
    assert sorted(Minister.objects.values_list("key", "name", "role")) == sorted(MINISTERS)
    assert set(Minister.objects.values_list("in_office_from", flat=True)) == {dt.date(2024, 9, 30)}
    assert not Minister.objects.filter(in_office_to__isnull=False).exists()


def test_it_records_the_decisions_the_plan_rests_on(loaded):
    decisions = list(loaded.decisions.order_by("date").values_list("kind", "date", "reference"))
    assert decisions == [
        (PlanDecision.Kind.GOVERNMENT, dt.date(2025, 5, 9), "VR 2025 0905 MED.0149"),
        (PlanDecision.Kind.FINANCE_INSPECTORATE, dt.date(2025, 9, 14), ""),
        (PlanDecision.Kind.BUDGET_MINISTER, dt.date(2025, 10, 1), ""),
    ]


def test_it_plans_the_interim_evaluation_mid_2027_and_the_final_one_in_2029(loaded):
    # "midden 2027 een tussentijdse evaluatie ... In 2029 wordt een eindevaluatie"
    assert dt.date(2027, 6, 1) <= loaded.interim_evaluation_due <= dt.date(2027, 7, 31)
    assert loaded.final_evaluation_due.year == 2029
    assert loaded.period_end.year == 2029


def test_it_reports_what_it_created(no_plan):
    output = load()
    assert "Plan geladen: 39 nieuw" in output
    assert "+ strategische doelstelling: SD 1" in output


def test_a_second_run_changes_nothing(loaded):
    before = snapshot()
    output = load()
    assert "0 nieuw, 0 gewijzigd" in output
    assert snapshot() == before


def test_a_coordinators_edit_survives_a_rerun_and_reset_restores_the_note(loaded):
    form = loaded.violence_forms.get(code="SG")
    od = loaded.operational_goals.get(code="2.3")
    ViolenceForm.objects.filter(pk=form.pk).update(label="Seksueel geweld (incl. online)")
    OperationalGoal.objects.filter(pk=od.pk).update(text="Eigen formulering")

    assert "0 nieuw, 0 gewijzigd" in load()
    form.refresh_from_db()
    od.refresh_from_db()
    assert form.label == "Seksueel geweld (incl. online)"
    assert od.text == "Eigen formulering"

    output = load("--reset")
    assert "2 gewijzigd" in output
    form.refresh_from_db()
    od.refresh_from_db()
    assert form.label == "Seksueel geweld"
    assert od.text == note(OPERATIONAL_GOALS["2.3"])


def test_reset_restores_a_deleted_goal_and_leaves_the_rest_alone(loaded):
    loaded.operational_goals.filter(code="3.4").delete()
    before = snapshot()
    output = load("--reset")
    assert "1 nieuw, 0 gewijzigd" in output
    assert loaded.operational_goals.get(code="3.4").text == note(OPERATIONAL_GOALS["3.4"])
    after = snapshot()
    assert [row for row in after["OperationalGoal"] if row["code"] != "3.4"] == before[
        "OperationalGoal"
    ]
