"""Reads for the practice buyers pages: a scenario's progress and the officers' results per learner."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Avg, Count, Q

from .models import BuyerScenario, PracticeOrder


@dataclass(frozen=True)
class ScenarioSummary:
    scenario: BuyerScenario
    messages: int
    answered: int
    average_score: int | None
    orders: int
    shipped: int


def scenario_summaries(queryset) -> list[ScenarioSummary]:
    rows = (
        queryset.select_related("learner", "listing", "facility")
        .annotate(
            n_messages=Count("messages", distinct=True),
            n_answered=Count("messages", filter=Q(messages__answered_at__isnull=False), distinct=True),
            avg_score=Avg("messages__score"),
            n_orders=Count("orders", distinct=True),
            n_shipped=Count("orders", filter=Q(orders__status=PracticeOrder.Status.SHIPPED), distinct=True),
        )
        .order_by("learner__full_name", "pk")
    )
    return [
        ScenarioSummary(
            scenario=row,
            messages=row.n_messages,
            answered=row.n_answered,
            average_score=round(row.avg_score) if row.avg_score is not None else None,
            orders=row.n_orders,
            shipped=row.n_shipped,
        )
        for row in rows
    ]
