"""Reads of the plan, with the joins each page needs."""

from .models import Action, Plan


def example_data_present() -> bool:
    return Action.objects.filter(is_example=True).exists()


def plan_get_default() -> Plan | None:
    """The plan to show when none is named: the only one, or the most recent."""
    return Plan.objects.order_by("-period_start", "pk").first()
