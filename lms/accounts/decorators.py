"""View guards for the two kinds of signed-in people; what they may see is decided by permissions."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect

from . import permissions


def learner_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not permissions.is_learner(request.user):
            return redirect("officer_home" if permissions.is_officer(request.user) else "learner_login")
        if request.user.must_change_pin:
            return redirect("learner_pin_change")
        return view(request, *args, **kwargs)

    return login_required(wrapper, login_url="learner_login")


def officer_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not permissions.is_officer(request.user):
            return redirect("learner_home" if permissions.is_learner(request.user) else "account_login")
        return view(request, *args, **kwargs)

    return login_required(wrapper)
