"""The one permission layer: who may see what, and who may do what, by role and facility.

Every queryset shown to a user passes through :func:`scope` (usually via a ``visible_to(user)``
queryset method in the owning app), and every action checks :func:`require`. Nothing else in the
code decides access by looking at roles.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from .models import Facility, User

OFFICER_ROLES = {User.Role.INSTRUCTOR, User.Role.FACILITY_ADMIN, User.Role.REGIONAL_ADMIN}

# action -> roles allowed to perform it (superusers may do everything)
ACTIONS: dict[str, set[str]] = {
    "listing.create": {User.Role.LEARNER},
    "listing.edit": {User.Role.LEARNER},
    "listing.submit": {User.Role.LEARNER},
    "listing.review": OFFICER_ROLES,
    "listing.promote": OFFICER_ROLES,
    # Practice buyers: the learner answers them and processes their orders; officers only read results.
    "buyers.practise": {User.Role.LEARNER},
    # The real store: officers promote, update and unpublish products; administrators export them.
    "product.manage": OFFICER_ROLES,
    "product.export": {User.Role.FACILITY_ADMIN, User.Role.REGIONAL_ADMIN},
    # Learning: learners, and officers in the courses made for them (they enrol and earn certificates too).
    "course.learn": {User.Role.LEARNER} | OFFICER_ROLES,
    # Enrolment: an instructor assigns courses to the cohorts they teach and enrols their learners.
    "course.assign": OFFICER_ROLES,
    "certificate.download": {User.Role.LEARNER} | OFFICER_ROLES,
    "certificate.issue": OFFICER_ROLES,
    "certificate.revoke": {User.Role.FACILITY_ADMIN, User.Role.REGIONAL_ADMIN},
    "certificate.report": {User.Role.FACILITY_ADMIN, User.Role.REGIONAL_ADMIN},
    "learner.manage": {User.Role.FACILITY_ADMIN, User.Role.REGIONAL_ADMIN, User.Role.INSTRUCTOR},
    # Accounts: creating, importing, resetting, unlocking, releasing learners is an administrator's job.
    "learner.admin": {User.Role.FACILITY_ADMIN, User.Role.REGIONAL_ADMIN},
    "learner.transfer": {User.Role.REGIONAL_ADMIN},
    "learner.export": {User.Role.FACILITY_ADMIN, User.Role.REGIONAL_ADMIN},
    "officer.invite": {User.Role.FACILITY_ADMIN, User.Role.REGIONAL_ADMIN},
    "audit.view": {User.Role.FACILITY_ADMIN, User.Role.REGIONAL_ADMIN},
    # Supervised labs: any officer opens/closes the lab and watches it; administrators manage
    # terminals (a facility admin, at the lab computer) and the facility's sign-in rules.
    "lab.manage": OFFICER_ROLES,
    "terminal.manage": {User.Role.FACILITY_ADMIN},
    "lab.configure": {User.Role.FACILITY_ADMIN, User.Role.REGIONAL_ADMIN},
    # H5P: officers who author courses import packages; a library's code runs for every facility,
    # so only a regional administrator (or a superuser) approves it.
    "h5p.import": OFFICER_ROLES,
    "h5p.approve": {User.Role.REGIONAL_ADMIN},
    # Store orders: every officer sees the facility's orders, confirms and ships them (workshop work);
    # money is the administrators' — marking paid, completing (writes the ledger), cancelling, reports.
    "order.view": OFFICER_ROLES,
    "order.handle": OFFICER_ROLES,
    "order.settle": {User.Role.FACILITY_ADMIN, User.Role.REGIONAL_ADMIN},
    "store.report": {User.Role.FACILITY_ADMIN, User.Role.REGIONAL_ADMIN},
    "store.configure": {User.Role.FACILITY_ADMIN, User.Role.REGIONAL_ADMIN},  # split rules
    # Report dashboards (lms.reports): a facility's figures for its officers (instructors see only
    # their own learners at risk); the region side by side and the monthly PDF for administrators.
    "report.facility": OFFICER_ROLES,
    "report.monthly": {User.Role.FACILITY_ADMIN, User.Role.REGIONAL_ADMIN},
    "report.region": {User.Role.REGIONAL_ADMIN},
    # Premi statements: the learner their own; instructors those they teach; administrators all.
    "premi.view": {User.Role.LEARNER} | OFFICER_ROLES,
}

# Who may invite whom: an inviter's role -> roles they may give (superusers may give any).
INVITABLE_ROLES: dict[str, set[str]] = {
    User.Role.FACILITY_ADMIN: {User.Role.INSTRUCTOR},
    User.Role.REGIONAL_ADMIN: {User.Role.INSTRUCTOR, User.Role.FACILITY_ADMIN},
}


def _active(user: Any) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def facilities_visible_to(user: Any) -> QuerySet[Facility]:
    if not _active(user):
        return Facility.objects.none()
    if user.is_superuser:
        return Facility.objects.all()
    if user.role == User.Role.REGIONAL_ADMIN:
        return Facility.objects.filter(region_id=user.region_id)
    return Facility.objects.filter(pk=user.facility_id)


def taught_learner_ids(user: Any) -> QuerySet:
    """Ids of the learners in the cohorts ``user`` teaches (a subquery, never evaluated here)."""
    return User.objects.filter(cohorts__instructors=user).values("pk")


def scope(qs: QuerySet, user: Any, *, facility: str, owner: str | None = None) -> QuerySet:
    """Limit ``qs`` to what ``user`` may see.

    ``facility`` is the lookup path from the model to its Facility (e.g. ``"facility"`` or
    ``"learner__facility"``); ``owner`` the path to the learner who owns a row, when rows belong to
    one learner. Learners see only their own rows; instructors their facility's rows, but of
    learner-owned rows (``owner`` given) only those of learners in the cohorts they teach; facility
    administrators their facility's; regional administrators their region's; anyone else nothing.
    """
    if not _active(user):
        return qs.none()
    if user.is_superuser:
        return qs
    if user.role == User.Role.LEARNER:
        if owner is None:
            return qs.filter(**{facility: user.facility_id})
        return qs.filter(**{owner: user.pk})
    if user.role == User.Role.REGIONAL_ADMIN:
        return qs.filter(**{f"{facility}__region": user.region_id}) if user.region_id else qs.none()
    if user.role in OFFICER_ROLES:
        if not user.facility_id:
            return qs.none()
        qs = qs.filter(**{facility: user.facility_id})
        if user.role == User.Role.INSTRUCTOR and owner is not None:
            qs = qs.filter(**{f"{owner}__in": taught_learner_ids(user)})
        return qs
    return qs.none()


def learners_visible_to(user: Any) -> QuerySet[User]:
    return scope(User.objects.learners(), user, facility="facility", owner="pk")


def can(user: Any, action: str, *, facility: Facility | int | None = None, owner: Any = None) -> bool:
    """May ``user`` do ``action`` on something in ``facility`` (owned by learner ``owner``)?"""
    if not _active(user):
        return False
    if user.is_superuser:
        return True
    if user.role not in ACTIONS[action]:
        return False
    facility_id = facility.pk if isinstance(facility, Facility) else facility
    if user.role == User.Role.LEARNER:
        owner_id = getattr(owner, "pk", owner)
        if owner is not None and owner_id != user.pk:
            return False
        return facility_id is None or facility_id == user.facility_id
    if user.role == User.Role.INSTRUCTOR and owner is not None:
        owner_id = getattr(owner, "pk", owner)
        if not User.objects.filter(pk=owner_id, cohorts__instructors=user).exists():
            return False
    if facility_id is None:
        return True
    if user.role == User.Role.REGIONAL_ADMIN:
        return Facility.objects.filter(pk=facility_id, region_id=user.region_id).exists()
    return facility_id == user.facility_id


def invitable_roles(user: Any) -> set[str]:
    """The officer roles ``user`` may give by invitation."""
    if not _active(user):
        return set()
    if user.is_superuser:
        return set(OFFICER_ROLES)
    return set(INVITABLE_ROLES.get(user.role, set()))


def require(user: Any, action: str, **kwargs: Any) -> None:
    if not can(user, action, **kwargs):
        raise PermissionDenied(action)


def is_officer(user: Any) -> bool:
    return _active(user) and (user.is_superuser or user.role in OFFICER_ROLES)


def is_learner(user: Any) -> bool:
    return _active(user) and not user.is_superuser and user.role == User.Role.LEARNER


def officer_filter() -> Q:
    return Q(role__in=OFFICER_ROLES) | Q(is_superuser=True)
