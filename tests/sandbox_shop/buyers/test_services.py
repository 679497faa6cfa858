"""Building the practice buyers (idempotent, also after a crash) and answering them (graded, or refused)."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from lms.audit.models import AuditEvent
from sandbox_shop.buyers import scripts, services
from sandbox_shop.buyers.models import BuyerMessage, BuyerScenario, PracticeOrder
from sandbox_shop.models import ListingVariant, PracticeListing
from tests.factories import InstructorFactory, LearnerFactory, ListingFactory, approved_listing, build_scenario

pytestmark = pytest.mark.django_db


def counts():
    return BuyerScenario.objects.count(), BuyerMessage.objects.count(), PracticeOrder.objects.count()


def test_an_approved_listing_gets_five_questions_and_two_orders():
    listing = approved_listing(title="Tas Anyaman Pandan Motif Bunga")
    scenario = services.scenario_build(listing_id=listing.pk)

    assert scenario.ready_at is not None
    assert (scenario.learner, scenario.facility) == (listing.learner, listing.facility)
    assert list(scenario.messages.values_list("key", flat=True)) == ["stock", "cod", "size", "delivery", "complaint"]
    assert scenario.orders.count() == 2
    names = [m.buyer_name for m in scenario.messages.all()] + [o.buyer_name for o in scenario.orders.all()]
    assert len(set(names)) == len(names)
    assert all(o.unit_price == listing.price and o.variant == "" for o in scenario.orders.all())
    assert AuditEvent.objects.filter(action="buyers.scenario_ready", target_id=str(scenario.pk)).count() == 1


def test_orders_and_the_size_question_use_the_listing_variants():
    listing = approved_listing()
    ListingVariant.objects.create(listing=listing, name="Merah", price=50000, stock=3, position=0)
    ListingVariant.objects.create(listing=listing, name="Hijau", price=55000, stock=2, position=1)
    scenario = services.scenario_build(listing_id=listing.pk)

    orders = list(scenario.orders.all())
    assert [(o.variant, o.unit_price, o.quantity) for o in orders] == [("Merah", 50000, 1), ("Hijau", 55000, 2)]
    size = scenario.messages.get(key="size")
    assert "Merah" in size.body or "Hijau" in size.body
    assert "merah" in size.keywords[0] and "hijau" in size.keywords[0]


@pytest.mark.parametrize("status", [PracticeListing.Status.DRAFT, PracticeListing.Status.SUBMITTED])
def test_a_listing_not_approved_gets_no_buyers(status):
    listing = ListingFactory(status=status)
    assert services.scenario_build(listing_id=listing.pk) is None
    assert counts() == (0, 0, 0)


def test_a_promoted_listing_still_gets_its_buyers():
    listing = ListingFactory(status=PracticeListing.Status.PROMOTED)
    assert services.scenario_build(listing_id=listing.pk) is not None


def test_running_twice_makes_the_scenario_once():
    listing = approved_listing()
    first = services.scenario_build(listing_id=listing.pk)
    before = counts()
    second = services.scenario_build(listing_id=listing.pk)
    assert second.pk == first.pk
    assert counts() == before == (1, 5, 2)
    assert AuditEvent.objects.filter(action="buyers.scenario_ready").count() == 1


def test_a_crash_midway_leaves_nothing_and_the_next_run_makes_it_whole(monkeypatch):
    listing = approved_listing()
    real = services._message_create
    made = []

    def dies_on_the_third(scenario, planned):
        if len(made) == 2:
            raise RuntimeError("worker killed")
        made.append(planned.key)
        return real(scenario, planned)

    monkeypatch.setattr(services, "_message_create", dies_on_the_third)
    with pytest.raises(RuntimeError):
        services.scenario_build(listing_id=listing.pk)
    assert counts() == (0, 0, 0)  # one transaction: all or nothing

    monkeypatch.setattr(services, "_message_create", real)
    services.scenario_build(listing_id=listing.pk)
    assert counts() == (1, 5, 2)


def test_a_half_made_scenario_is_completed_without_copies():
    """As left by a run that committed only part of the work: the missing keys are added, nothing twice."""
    listing = approved_listing()
    messages, orders = scripts.plan(listing)
    scenario = BuyerScenario.objects.create(listing=listing, learner=listing.learner, facility=listing.facility)
    services._message_create(scenario, messages[0])
    services._order_create(scenario, orders[1])

    services.scenario_build(listing_id=listing.pk)
    scenario.refresh_from_db()
    assert scenario.ready_at is not None
    assert counts() == (1, 5, 2)
    assert list(scenario.messages.values_list("body", flat=True)) == [m.body for m in messages]


def test_the_plan_is_the_same_every_time():
    listing = approved_listing()
    assert scripts.plan(listing) == scripts.plan(listing)


def test_opening_the_inbox_starts_the_practice_clock_once():
    scenario = build_scenario()
    services.scenario_open(actor=scenario.learner, scenario=scenario)
    first = set(scenario.messages.values_list("appeared_at", flat=True))
    assert len(first) == 1 and None not in first
    scenario.messages.update(appeared_at=timezone.now() - timedelta(hours=1))
    services.scenario_open(actor=scenario.learner, scenario=scenario)
    assert all(m.appeared_at < timezone.now() - timedelta(minutes=59) for m in scenario.messages.all())


def test_only_the_owner_opens_the_inbox():
    scenario = build_scenario()
    officer = InstructorFactory(facility=scenario.facility, cohort_learners=[scenario.learner])
    for actor in (LearnerFactory(facility=scenario.facility), officer):
        with pytest.raises(PermissionDenied):
            services.scenario_open(actor=actor, scenario=scenario)


def _stock_message(scenario):
    services.scenario_open(actor=scenario.learner, scenario=scenario)
    return scenario.messages.get(key="stock")


def test_an_answer_is_graded_and_saved():
    scenario = build_scenario()
    message = _stock_message(scenario)
    answered = services.message_answer(
        actor=scenario.learner, message=message, text="  Halo kak, stoknya masih ada. Terima kasih!  "
    )
    assert answered.answer == "Halo kak, stoknya masih ada. Terima kasih!"
    assert answered.score == 100 and answered.answered_at is not None
    assert {c["rule"] for c in answered.checks} >= {"answers_question", "response_time", "greeting"}
    assert AuditEvent.objects.filter(action="buyers.answer", target_id=str(message.pk)).count() == 1


def test_a_late_answer_loses_the_quick_reply_points(settings):
    settings.BUYERS_PRACTICE_CLOCK = {"good_within_seconds": 60, "late_after_seconds": 120, "speed": 1}
    scenario = build_scenario()
    message = _stock_message(scenario)
    BuyerMessage.objects.filter(pk=message.pk).update(appeared_at=timezone.now() - timedelta(minutes=10))
    answered = services.message_answer(actor=scenario.learner, message=message, text="Halo kak, masih ada. Makasih")
    assert answered.score == 80


def test_an_answer_with_contact_details_is_refused_and_nothing_is_saved():
    scenario = build_scenario()
    message = _stock_message(scenario)
    with pytest.raises(ValidationError) as caught:
        services.message_answer(actor=scenario.learner, message=message, text="Ada kak, WA saya 0812-3456-7890")
    assert caught.value.code == "contact_details"
    message.refresh_from_db()
    assert (message.answer, message.answered_at, message.score, message.checks) == ("", None, None, [])
    assert not AuditEvent.objects.filter(action="buyers.answer").exists()


@pytest.mark.parametrize(("text", "code"), [("   ", "empty"), ("a" * 1001, "too_long")])
def test_empty_or_overlong_answers_are_refused(text, code):
    scenario = build_scenario()
    message = _stock_message(scenario)
    with pytest.raises(ValidationError) as caught:
        services.message_answer(actor=scenario.learner, message=message, text=text)
    assert caught.value.code == code
    message.refresh_from_db()
    assert not message.is_answered


def test_a_message_is_answered_once():
    scenario = build_scenario()
    message = _stock_message(scenario)
    services.message_answer(actor=scenario.learner, message=message, text="Halo kak, ada. Terima kasih")
    with pytest.raises(ValidationError) as caught:
        services.message_answer(actor=scenario.learner, message=message, text="Halo lagi kak")
    assert caught.value.code == "answered"
    message.refresh_from_db()
    assert message.answer == "Halo kak, ada. Terima kasih"


def test_nobody_else_answers_for_the_learner():
    scenario = build_scenario()
    message = _stock_message(scenario)
    officer = InstructorFactory(facility=scenario.facility, cohort_learners=[scenario.learner])
    for actor in (LearnerFactory(facility=scenario.facility), officer):
        with pytest.raises(PermissionDenied):
            services.message_answer(actor=actor, message=message, text="Halo kak, ada")
    message.refresh_from_db()
    assert not message.is_answered
