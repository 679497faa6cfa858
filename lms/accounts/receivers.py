"""Learner sign-ins are audited when they really happen (``login()``), after every check has passed."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.urls import reverse

from lms.audit.services import audit_record


@receiver(user_logged_in)
def audit_learner_sign_in(sender, request, user, **kwargs):
    if request is None or not user.is_learner or user.is_superuser:
        return
    if request.path == reverse("learner_pin_change"):
        return  # login() runs again there only to keep the session after the PIN change
    audit_record(actor=user, action="learner.sign_in", target=user, facility=user.facility_id, request=request)
