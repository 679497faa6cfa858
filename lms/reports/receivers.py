"""Writes to the source tables mark their facility's report figures stale (see ``aggregates``).

Only saves and deletes signal; of the bulk ``update()`` calls, the lesson heartbeat sends its own
``lesson_time_recorded`` (so "active this week" follows reading time); a lab session's last-seen
time does not, and is caught by the nightly full rebuild.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from certificates.models import Certificate
from courses.models import Enrollment, LessonProgress
from courses.quizzes.models import QuizAttempt
from courses.signals import lesson_time_recorded
from lms.accounts.models import TransferRecord, User
from lms.labs.models import LabSession, LearnerSession
from sandbox_shop.models import ListingStatusChange, PracticeListing
from store.ledger_models import PremiAllocation, Sale
from store.order_models import Order

from .aggregates import mark_facility_stale, mark_learner_stale

LEARNER_OWNED = (Enrollment, LessonProgress, QuizAttempt)
FACILITY_OWNED = (Certificate, PracticeListing, Order, Sale, LabSession, LearnerSession)


def _learner_row_changed(sender, instance, **kwargs):
    mark_learner_stale(instance.learner_id)


def _facility_row_changed(sender, instance, **kwargs):
    mark_facility_stale(instance.facility_id)


for model in LEARNER_OWNED:
    post_save.connect(_learner_row_changed, sender=model, dispatch_uid=f"reports-stale-{model.__name__}")
    post_delete.connect(_learner_row_changed, sender=model, dispatch_uid=f"reports-stale-del-{model.__name__}")
for model in FACILITY_OWNED:
    post_save.connect(_facility_row_changed, sender=model, dispatch_uid=f"reports-stale-{model.__name__}")
    post_delete.connect(_facility_row_changed, sender=model, dispatch_uid=f"reports-stale-del-{model.__name__}")


def _facility_through(instance, relation: str, model):
    """The facility of ``instance``'s related row, without a query when that row is already loaded."""
    field = instance._meta.get_field(relation)
    if field.is_cached(instance):
        return getattr(instance, relation).facility_id
    return model.objects.filter(pk=getattr(instance, field.attname)).values_list("facility_id", flat=True).first()


@receiver(post_save, sender=ListingStatusChange, dispatch_uid="reports-stale-ListingStatusChange")
def _listing_moved(sender, instance, created, **kwargs):
    if created:
        mark_facility_stale(_facility_through(instance, "listing", PracticeListing))


@receiver(post_save, sender=PremiAllocation, dispatch_uid="reports-stale-PremiAllocation")
def _premi_allocated(sender, instance, created, **kwargs):
    if created:
        mark_facility_stale(_facility_through(instance, "sale", Sale))


@receiver(post_save, sender=User, dispatch_uid="reports-stale-User")
def _learner_saved(sender, instance, **kwargs):
    if instance.role == User.Role.LEARNER:
        mark_facility_stale(instance.facility_id)


@receiver(post_save, sender=TransferRecord, dispatch_uid="reports-stale-TransferRecord")
def _learner_transferred(sender, instance, created, **kwargs):
    if created:
        mark_facility_stale(instance.from_facility_id)
        mark_facility_stale(instance.to_facility_id)


@receiver(lesson_time_recorded, dispatch_uid="reports-stale-heartbeat")
def _lesson_time_recorded(sender, learner, **kwargs):
    mark_learner_stale(learner.pk)
