from allauth.account.adapter import DefaultAccountAdapter

# Set on the request while allauth's own sign-in checks a password: only that sign-in asks
# administrators for their second factor before signing them in (see OfficerBackend).
ALLAUTH_SIGN_IN = "_bekal_allauth_sign_in"


class InvitationOnlyAccountAdapter(DefaultAccountAdapter):
    """Officers' accounts are made by administrators; nobody signs themselves up."""

    def is_open_for_signup(self, request):
        return False

    def authenticate(self, request, **credentials):
        if request is None:
            return super().authenticate(request, **credentials)
        setattr(request, ALLAUTH_SIGN_IN, True)
        try:
            return super().authenticate(request, **credentials)
        finally:
            delattr(request, ALLAUTH_SIGN_IN)
