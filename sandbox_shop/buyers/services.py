"""Building a listing's practice buyers, and the learner answering them.

``scenario_build`` is what the background job runs after approval: it is idempotent by natural keys
(one scenario per listing, one message or order per template key), so a second run, or a run after
one that died midway, adds only what is missing. ``message_answer`` grades and saves an answer, or
refuses it (nothing saved) when it is empty, already given, or carries contact details.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.accounts import permissions
from lms.audit.services import audit_record
from sandbox_shop.models import PracticeListing

from . import grading, scripts
from .models import BuyerMessage, BuyerScenario, PracticeOrder

READY_STATUSES = {PracticeListing.Status.APPROVED, PracticeListing.Status.PROMOTED}
MAX_ANSWER_CHARS = 1000


def scenario_build(*, listing_id: int) -> BuyerScenario | None:
    """Make the practice buyers of an approved listing; ``None`` when the listing is not approved."""
    with transaction.atomic():
        listing = PracticeListing.objects.select_for_update().get(pk=listing_id)
        if listing.status not in READY_STATUSES:
            return None
        scenario, _created = BuyerScenario.objects.get_or_create(
            listing=listing, defaults={"learner_id": listing.learner_id, "facility_id": listing.facility_id}
        )
        if scenario.ready_at:
            return scenario
        messages, orders = scripts.plan(listing)
        have = set(scenario.messages.values_list("key", flat=True))
        for planned in messages:
            if planned.key not in have:
                _message_create(scenario, planned)
        have = set(scenario.orders.values_list("key", flat=True))
        for planned in orders:
            if planned.key not in have:
                _order_create(scenario, planned)
        scenario.ready_at = timezone.now()
        scenario.save(update_fields=["ready_at"])
        audit_record(
            actor=None,
            action="buyers.scenario_ready",
            target=scenario,
            facility=scenario.facility_id,
            data={"listing": listing.pk, "messages": len(messages), "orders": len(orders)},
        )
        return scenario


def _message_create(scenario: BuyerScenario, planned: scripts.PlannedMessage) -> BuyerMessage:
    return BuyerMessage.objects.create(
        scenario=scenario,
        key=planned.key,
        position=planned.position,
        buyer_name=planned.buyer_name,
        city=planned.city,
        body=planned.body,
        keywords=planned.keywords,
    )


def _order_create(scenario: BuyerScenario, planned: scripts.PlannedOrder) -> PracticeOrder:
    return PracticeOrder.objects.create(
        scenario=scenario,
        key=planned.key,
        position=planned.position,
        buyer_name=planned.buyer_name,
        city=planned.city,
        quantity=planned.quantity,
        variant=planned.variant,
        unit_price=planned.unit_price,
    )


def scenario_open(*, actor, scenario: BuyerScenario) -> BuyerScenario:
    """The learner opens the inbox: messages not seen before appear now, and their practice clock starts."""
    permissions.require(actor, "buyers.practise", facility=scenario.facility_id, owner=scenario.learner_id)
    now = timezone.now()
    with transaction.atomic():
        locked = BuyerScenario.objects.select_for_update().get(pk=scenario.pk)
        locked.messages.filter(appeared_at__isnull=True).update(appeared_at=now)
        if locked.opened_at is None:
            locked.opened_at = now
            locked.save(update_fields=["opened_at"])
    return locked


def message_answer(*, actor, message: BuyerMessage, text: str) -> BuyerMessage:
    scenario = message.scenario
    permissions.require(actor, "buyers.practise", facility=scenario.facility_id, owner=scenario.learner_id)
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Write your answer to the buyer."), code="empty")
    if len(text) > MAX_ANSWER_CHARS:
        raise ValidationError(
            _("The answer is too long (%(count)d characters); keep it under %(max)d.")
            % {"count": len(text), "max": MAX_ANSWER_CHARS},
            code="too_long",
        )
    refusal = grading.contact_refusal(text)
    if refusal:
        raise ValidationError(refusal, code="contact_details")
    with transaction.atomic():
        locked = BuyerMessage.objects.select_for_update().get(pk=message.pk)
        if locked.is_answered:
            raise ValidationError(_("You have answered this buyer already."), code="answered")
        now = timezone.now()
        appeared = locked.appeared_at or now
        grade = grading.grade_answer(
            grading.AnswerFacts(
                text=text, buyer_name=locked.buyer_name, keywords=locked.keywords, appeared_at=appeared, answered_at=now
            )
        )
        locked.appeared_at = appeared
        locked.answer, locked.answered_at = text, now
        locked.score, locked.checks = grade.score, grade.checks
        locked.save()
        audit_record(
            actor=actor,
            action="buyers.answer",
            target=locked,
            facility=scenario.facility_id,
            data={"score": grade.score, "template": locked.key},
        )
    return locked
