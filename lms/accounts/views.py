from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms.labs.services import learner_session_start, sign_in_allowed

from . import permissions
from .forms import LearnerSignInForm, PinChangeForm
from .services import SignInRefused, learner_set_pin, learner_sign_in


def learner_login(request):
    if permissions.is_learner(request.user):
        return redirect("learner_home")
    form = LearnerSignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = learner_sign_in(request, **form.cleaned_data)
        except SignInRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            lab_refusal = sign_in_allowed(request, user)  # registered terminal / open lab session
            if lab_refusal:
                form.add_error(None, lab_refusal)
                return render(request, "accounts/learner_login.html", {"form": form}, status=400)
            login(request, user, backend="lms.accounts.backends.LearnerPinBackend")
            learner_session_start(request, user)  # ends the learner's older session elsewhere
            if user.must_change_pin:
                return redirect("learner_pin_change")
            return redirect("learner_home")
    return render(request, "accounts/learner_login.html", {"form": form}, status=400 if form.errors else 200)


@login_required(login_url="learner_login")
def learner_pin_change(request):
    if not permissions.is_learner(request.user):
        return redirect("/")
    form = PinChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        learner_set_pin(actor=request.user, learner=request.user, pin=form.cleaned_data["pin"])
        # A password change ends the session otherwise; keep this one signed in.
        login(request, request.user, backend="lms.accounts.backends.LearnerPinBackend")
        messages.success(request, _("Your new PIN is saved. Remember it and keep it secret."))
        return redirect("learner_home")
    return render(request, "accounts/pin_change.html", {"form": form})


@require_POST
def sign_out(request):
    logout(request)  # flushes the whole session on the shared terminal
    return redirect("/")
