from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth.backends import BaseBackend

from .models import User


class LearnerPinBackend(BaseBackend):
    """Learners sign in with facility code + registration number + PIN; nobody else does here."""

    def authenticate(self, request, facility=None, registration_number=None, pin=None, **kwargs):
        if not (facility and registration_number and pin):
            return None
        try:
            user = User.objects.select_related("facility").get(
                role=User.Role.LEARNER,
                facility__code=facility.strip().upper(),
                registration_number__iexact=registration_number.strip(),
            )
        except User.DoesNotExist:
            User().set_password(pin)  # same work as a real check, so timing tells nothing
            return None
        if user.check_password(pin) and user.is_active:
            return user
        return None

    def get_user(self, user_id):
        return User.objects.filter(pk=user_id).first()


class OfficerBackend(AuthenticationBackend):
    """allauth's email + password sign-in, for officers only: learners use their PIN at /masuk/."""

    def authenticate(self, request, **credentials):
        user = super().authenticate(request, **credentials)
        if user is not None and user.role == User.Role.LEARNER and not user.is_superuser:
            return None
        return user
