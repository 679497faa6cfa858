from . import permissions


def roles(request):
    user = getattr(request, "user", None)
    return {
        "is_learner": permissions.is_learner(user),
        "is_officer": permissions.is_officer(user),
        "can_view_audit": permissions.can(user, "audit.view"),
        "can_invite": bool(permissions.invitable_roles(user)),
    }
