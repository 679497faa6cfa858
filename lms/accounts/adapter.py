from allauth.account.adapter import DefaultAccountAdapter


class InvitationOnlyAccountAdapter(DefaultAccountAdapter):
    """Officers' accounts are made by administrators; nobody signs themselves up."""

    def is_open_for_signup(self, request):
        return False
