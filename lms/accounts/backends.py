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
    """allauth's email + password sign-in, for officers only: learners use their PIN at /masuk/.

    Administrators must use a second factor, and only allauth's sign-in asks for it before signing
    them in; any other password form (Wagtail's /cms/login/ and /_util/login/, Django's admin)
    would let them in with the password alone, so there this backend does not know them. Calls
    without a request (the shell, the test client's ``login``) sign nobody in over the web.
    """

    def authenticate(self, request, **credentials):
        from lms.labs.middleware import mfa_required

        from .adapter import ALLAUTH_SIGN_IN

        user = super().authenticate(request, **credentials)
        if user is not None and user.role == User.Role.LEARNER and not user.is_superuser:
            return None
        outside_allauth = request is not None and not getattr(request, ALLAUTH_SIGN_IN, False)
        if user is not None and outside_allauth and mfa_required(user):
            return None
        return user
