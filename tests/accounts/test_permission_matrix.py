"""The permission matrix: every project URL, asked for by every kind of user, answers as RULES says.

The routes come from the URL resolver (every view in the project's own packages) and from the
project's Wagtail page types, so a new view or page type without a rule fails
``test_every_project_route_has_a_rule``. Every case is a GET: the matrix is about who reaches what.
POST-only views answer 405 to a GET, or turn the visitor away before that.

The world is built once for the module. Region North holds facilities A and A2, region South holds
facility B. A learner of A owns what the URLs point at (a listing and its photo, a certificate, a
cohort, an import batch, a lab terminal and session); B holds the same things for a learner of B.
The roles: ``learner`` (the owner), ``learner_other`` (a learner of B), ``instructor`` (of A,
teaching the owner), ``admin_same`` / ``admin_other`` (facility administrators of A / of B) and
``regional`` (North's administrator). ``test_object_of_another_facility`` then points every URL at
B's objects while the people of A and North ask.
"""

from __future__ import annotations

import re
import secrets
import sys
import uuid
from dataclasses import dataclass
from datetime import timedelta
from types import SimpleNamespace
from urllib.parse import quote

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.utils import timezone
from wagtail.models import get_page_models

from certificates.models import Certificate
from certificates.services import certificate_issue
from courses import routing as course_routing
from courses.models import LessonPage, ModulePage
from lms.accounts.models import Cohort, ImportBatch, Invitation, User
from lms.accounts.services import invitation_token
from lms.labs.models import LearnerSession, Terminal
from store.models import ProductPage
from tests.factories import (
    AdminFactory,
    FacilityFactory,
    InstructorFactory,
    LearnerFactory,
    ListingFactory,
    RegionFactory,
    add_photo,
    build_course,
    build_product,
    build_scenario,
    build_store,
    enrol,
    place_order,
)
from tests.factories.accounts import TEST_PASSWORD

PROJECT_PACKAGES = ("lms.", "courses.", "sandbox_shop.", "store.", "certificates.")
ROLES = ("anon", "learner", "learner_other", "instructor", "admin_same", "admin_other", "regional")
HOME_ROLES = ("learner", "instructor", "admin_same", "regional")  # the people of A and North
CONVERTER = re.compile(r"<(?:(\w+):)?(\w+)>")
PDF = b"%PDF-1.4\n% permission matrix\n"


# --- what an answer may be -------------------------------------------------------------------------


@dataclass(frozen=True)
class Expect:
    status: int
    # For redirects: "{next}" is the asked path (quoted), "{w.…}" a world value, "{user.…}" the asker.
    location: str | None = None
    name: str = ""

    def __str__(self) -> str:
        return self.name or f"{self.status} → {self.location}"


OK = Expect(200, name="ok")
DENY = Expect(403, name="deny")
MISSING = Expect(404, name="missing")
POST_ONLY = Expect(405, name="post only")
LOGIN = Expect(302, "/masuk/?next={next}", "learner sign-in")
OFFICER_LOGIN = Expect(302, "/accounts/login/?next={next}", "officer sign-in")
AWAY_TO_LEARNING = Expect(302, "/belajar/", "away to /belajar/")  # a learner on an officer page
AWAY_TO_DESK = Expect(302, "/petugas/", "away to /petugas/")  # an officer on a learner page


def goes_to(location: str) -> Expect:
    """A redirect that is the page's normal flow (not a refusal)."""
    return Expect(302, location, f"goes to {location}")


# Refusals that come before any object is looked up: they stay the same for another facility's objects.
REFUSED_BEFORE_LOOKUP = {LOGIN, OFFICER_LOGIN, AWAY_TO_LEARNING, AWAY_TO_DESK, POST_ONLY}
REFUSALS = REFUSED_BEFORE_LOOKUP | {DENY, MISSING}


@dataclass(frozen=True)
class Rule:
    roles: dict[str, Expect]
    public: bool = False  # the page is for anyone, whichever facility its object belongs to

    def for_foreign_object(self, role: str) -> Expect:
        """What ``role`` gets for an object of another facility: hidden as not found, unless refused earlier."""
        own = self.roles[role]
        if self.public or own in REFUSED_BEFORE_LOOKUP:
            return own
        return MISSING


def rule(*, anon, learner, learner_other, instructor, admin_same, admin_other, regional, **options) -> Rule:
    roles = dict(
        anon=anon,
        learner=learner,
        learner_other=learner_other,
        instructor=instructor,
        admin_same=admin_same,
        admin_other=admin_other,
        regional=regional,
    )
    return Rule(roles=roles, **options)


def everyone(expect: Expect, **options) -> Rule:
    return Rule(roles=dict.fromkeys(ROLES, expect), **options)


def learner_view(*, owner: Expect = OK, other: Expect = OK) -> Rule:
    """Behind ``learner_required``: anonymous visitors sign in at /masuk/, officers go to their desk."""
    officers = dict.fromkeys(("instructor", "admin_same", "admin_other", "regional"), AWAY_TO_DESK)
    return rule(anon=LOGIN, learner=owner, learner_other=other, **officers)


def learning_view(*, owner: Expect = OK, other: Expect = OK) -> Rule:
    """Behind ``learning_required``: learners and officers both learn (officers take their own courses)."""
    officers = dict.fromkeys(("instructor", "admin_same", "admin_other", "regional"), owner)
    return rule(anon=LOGIN, learner=owner, learner_other=other, **officers)


def officer_view(*, instructor: Expect, admin_same: Expect, admin_other: Expect, regional: Expect) -> Rule:
    """Behind ``officer_required``: anonymous visitors sign in at /accounts/login/, learners go to /belajar/."""
    return rule(
        anon=OFFICER_LOGIN,
        learner=AWAY_TO_LEARNING,
        learner_other=AWAY_TO_LEARNING,
        instructor=instructor,
        admin_same=admin_same,
        admin_other=admin_other,
        regional=regional,
    )


def officers_all(expect: Expect) -> Rule:
    return officer_view(instructor=expect, admin_same=expect, admin_other=expect, regional=expect)


# An officer page about one object of A: A's officers and North's administrator see it; B's does not.
OF_FACILITY_A = officer_view(instructor=OK, admin_same=OK, admin_other=MISSING, regional=OK)
# ... and only administrators may use it (the instructor, who sees the object, is refused).
ADMINS_OF_FACILITY_A = officer_view(instructor=DENY, admin_same=OK, admin_other=MISSING, regional=OK)
# An administrators' page that is not about one object: each administrator sees their own scope.
ADMINS_ONLY = officer_view(instructor=DENY, admin_same=OK, admin_other=OK, regional=OK)
# The learner's own file (photo, certificate): the owner and A's officers; nobody else, not even signed out.
PRIVATE_FILE = rule(
    anon=MISSING,
    learner=OK,
    learner_other=MISSING,
    instructor=OK,
    admin_same=OK,
    admin_other=MISSING,
    regional=OK,
)
# Course content is shared by every facility; only enrolled learners (and officers) read it.
COURSE_CONTENT = rule(
    anon=LOGIN,
    learner=OK,
    learner_other=AWAY_TO_LEARNING,  # not enrolled: sent to their own page with a message
    instructor=OK,
    admin_same=OK,
    admin_other=OK,
    regional=OK,
)
OWN_LAB = goes_to("/petugas/lab/{user.facility.code}/")
LEARNER_DETAIL = goes_to("/petugas/warga-binaan/{w.own.learner.pk}/")


# H5P admin screens sit behind Wagtail's admin gate: without its access_admin permission (given by the
# Editors/Moderators groups, which nobody here has) everyone is sent to sign in; inside, the views check
# h5p.import / h5p.approve (tests/h5p/test_admin_views.py).
H5P_ADMIN = everyone(Expect(302, "/accounts/login/?next={next}", "Wagtail admin sign-in"))


RULES: dict[str, Rule] = {
    # --- public and technical
    "healthz": everyone(OK),
    "healthz/": everyone(OK),
    "ping": everyone(OK),
    "invitation_accept": everyone(OK),  # the signed link is the key; it names no facility's data
    "sign_out": everyone(POST_ONLY),
    "learner_heartbeat": everyone(POST_ONLY),
    "learner_timeout": everyone(POST_ONLY),
    "certificate_lookup": everyone(OK),
    "certificate_public_key": everyone(OK),
    "certificate_verify": everyone(OK, public=True),  # reached by the QR code; shows only initials
    "certificate_download": PRIVATE_FILE,
    "certificate_badge": PRIVATE_FILE,
    # --- learners
    "learner_login": rule(
        anon=OK,
        learner=AWAY_TO_LEARNING,
        learner_other=AWAY_TO_LEARNING,
        instructor=OK,
        admin_same=OK,
        admin_other=OK,
        regional=OK,
    ),
    "learner_pin_change": rule(
        anon=LOGIN,
        learner=OK,
        learner_other=OK,
        instructor=goes_to("/"),
        admin_same=goes_to("/"),
        admin_other=goes_to("/"),
        regional=goes_to("/"),
    ),
    "learner_home": learner_view(),
    "lesson_complete": learning_view(owner=POST_ONLY, other=POST_ONLY),
    "course_join": learning_view(owner=POST_ONLY, other=POST_ONLY),
    "course_resume": learning_view(
        owner=goes_to("{w.first_lesson_url}"),
        other=goes_to("{w.first_lesson_url}"),  # where the lesson page then turns them away
    ),
    "listing_list": learner_view(),
    "listing_create": learner_view(),
    "listing_detail": learner_view(other=MISSING),
    "listing_edit": learner_view(other=MISSING),
    "listing_submit": learner_view(owner=POST_ONLY, other=POST_ONLY),
    "listing_revise": learner_view(owner=POST_ONLY, other=POST_ONLY),
    "listing_check": everyone(POST_ONLY),  # the edit form's live quality check (JSON)
    "listing_check_new": everyone(POST_ONLY),
    "listing_photo": PRIVATE_FILE,
    # --- practice buyers (sandbox_shop.buyers): the learner's inbox and orders, the officers' results
    "buyers_home": learner_view(),
    "buyers_scenario": learner_view(other=MISSING),
    "buyers_message": learner_view(other=MISSING),
    "buyers_order": learner_view(other=MISSING),
    "buyers_officer_results": officers_all(OK),
    "buyers_officer_scenario": OF_FACILITY_A,
    # --- officers: home, review, audit, invitations
    "officer_home": officers_all(OK),
    "listing_review": OF_FACILITY_A,
    # --- sandbox review (sandbox-review): the queue shows each officer their own scope
    "listing_review_queue": officers_all(OK),
    "audit_list": ADMINS_ONLY,
    "officer_invitations": ADMINS_ONLY,
    # --- officers: labs
    "lab_index": officer_view(instructor=OWN_LAB, admin_same=OWN_LAB, admin_other=OWN_LAB, regional=OK),
    "lab_home": OF_FACILITY_A,
    "lab_live": OF_FACILITY_A,
    "lab_live_data": OF_FACILITY_A,
    "lab_open": everyone(POST_ONLY),
    "lab_close": everyone(POST_ONLY),
    "lab_end_learner_session": everyone(POST_ONLY),
    "lab_terminal_revoke": everyone(POST_ONLY),
    "lab_terminals": officer_view(instructor=DENY, admin_same=OK, admin_other=MISSING, regional=DENY),
    "lab_settings": ADMINS_OF_FACILITY_A,
    # --- officers: certificates
    "officer_certificates": officers_all(OK),
    "cohort_certificates": OF_FACILITY_A,
    "cohort_certificates_status": OF_FACILITY_A,
    "cohort_certificates_zip": OF_FACILITY_A,
    "officer_certificate": OF_FACILITY_A,
    # --- officers: learner accounts
    "officer_learner_list": officers_all(OK),
    "officer_learner_create": ADMINS_ONLY,
    "officer_learner_cards": officers_all(POST_ONLY),
    "officer_learner_import": ADMINS_ONLY,
    "officer_learner_import_batch": officer_view(instructor=MISSING, admin_same=OK, admin_other=MISSING, regional=OK),
    "officer_learner_import_status": officer_view(instructor=MISSING, admin_same=OK, admin_other=MISSING, regional=OK),
    "officer_learner_import_cards": officer_view(instructor=MISSING, admin_same=OK, admin_other=MISSING, regional=OK),
    "officer_learner_detail": OF_FACILITY_A,
    "officer_learner_reset_pin": officers_all(POST_ONLY),
    # PINs are stored hashed: without a PIN just set in this session, the card page sends back.
    "officer_learner_card": officer_view(
        instructor=LEARNER_DETAIL, admin_same=LEARNER_DETAIL, admin_other=MISSING, regional=LEARNER_DETAIL
    ),
    "officer_learner_unlock": officers_all(POST_ONLY),
    "officer_learner_deactivate": officers_all(POST_ONLY),
    "officer_learner_reactivate": officers_all(POST_ONLY),
    "officer_learner_transfer": officer_view(instructor=DENY, admin_same=DENY, admin_other=MISSING, regional=OK),
    "officer_learner_export": ADMINS_OF_FACILITY_A,
    # --- the real store: promotion and marketplace export (store-catalogue)
    "listing_promote": OF_FACILITY_A,  # the instructor teaches the listing's author
    "listing_product_refresh": officers_all(POST_ONLY),
    "listing_product_unpublish": officers_all(POST_ONLY),
    "marketplace_export": ADMINS_OF_FACILITY_A,
    # --- Wagtail pages (served by Wagtail's own view), one case per project page type
    "page:home.HomePage": everyone(OK),
    "page:courses.CourseIndexPage": everyone(OK),  # the public catalogue
    # --- courses-learning: time on task, enrolment, instructor progress views
    "lesson_heartbeat": learning_view(owner=POST_ONLY, other=POST_ONLY),
    "officer_cohort_list": officers_all(OK),
    "officer_cohort_detail": OF_FACILITY_A,
    "officer_cohort_course_add": officers_all(POST_ONLY),
    "officer_cohort_course_remove": officers_all(POST_ONLY),
    "officer_cohort_progress": OF_FACILITY_A,
    "officer_cohort_progress_csv": OF_FACILITY_A,
    "officer_cohort_help": OF_FACILITY_A,
    "officer_learner_learning": OF_FACILITY_A,
    "officer_learner_enrol": officers_all(POST_ONLY),
    "officer_learner_unenrol": officers_all(POST_ONLY),
    # --- end courses-learning
    "page:courses.CoursePage": COURSE_CONTENT,
    "page:courses.LessonPage": COURSE_CONTENT,
    # --- courses-authoring: a module page is course content, like its lessons
    "page:courses.ModulePage": COURSE_CONTENT,
    "page:store.StoreRootPage": everyone(OK),
    "page:store.StoreIndexPage": everyone(OK),
    "page:store.ProductPage": everyone(OK),  # names the facility's workshop, never the makers
    # --- H5P activities (courses.h5p): the lesson page's script posts; the Wagtail admin screens
    "h5p_attempt_start": everyone(POST_ONLY),
    "h5p_statement": everyone(POST_ONLY),
    "h5p_admin": H5P_ADMIN,
    "h5p_admin_import": H5P_ADMIN,
    "h5p_admin_library_approve": H5P_ADMIN,
    # --- store: orders, premi, sales report (store-commerce)
    "order_create": everyone(OK, public=True),  # the public order form
    "order_receipt": everyone(OK, public=True),  # the buyer's unguessable link is the key
    "officer_order_list": officers_all(OK),
    "officer_order_detail": OF_FACILITY_A,
    "officer_order_move": everyone(POST_ONLY),
    "officer_premi_statement": OF_FACILITY_A,
    "officer_premi_statement_pdf": OF_FACILITY_A,
    "store_report": ADMINS_OF_FACILITY_A,
    "store_split_rules": ADMINS_OF_FACILITY_A,
    "learner_premi": learner_view(),
    "learner_premi_pdf": learner_view(),
    # --- end store-commerce
    # --- reports-dash: dashboards read the officer's own scope; a regional admin without ?facility= goes
    # to the region page; instructors see their facility, never the region or the monthly PDF
    "reports:facility_dashboard": officer_view(
        instructor=OK, admin_same=OK, admin_other=OK, regional=goes_to("/petugas/laporan/wilayah/")
    ),
    "reports:facility_report_pdf": officer_view(
        instructor=DENY, admin_same=OK, admin_other=OK, regional=goes_to("/petugas/laporan/wilayah/")
    ),
    "reports:region_dashboard": officer_view(instructor=DENY, admin_same=DENY, admin_other=DENY, regional=OK),
}

# URL kwargs -> their value, from one facility's objects ...
OWNED_KWARGS = {
    "code": lambda o: o.facility.code,
    "learner_id": lambda o: o.learner.pk,
    "listing_id": lambda o: o.listing.pk,
    "photo_id": lambda o: o.photo.pk,
    "cohort_id": lambda o: o.cohort.pk,
    "serial": lambda o: o.certificate.serial,
    "batch_id": lambda o: o.batch.pk,
    "session_id": lambda o: o.learner_session.pk,
    "terminal_id": lambda o: o.terminal.pk,
    # practice buyers
    "scenario_id": lambda o: o.buyer_scenario.pk,
    "message_id": lambda o: o.buyer_scenario.messages.first().pk,
    "practice_order_id": lambda o: o.buyer_scenario.orders.first().pk,
    # store-commerce
    "product_id": lambda o: o.product.pk,
    "order_id": lambda o: o.order.pk,
    "order_token": lambda o: o.order.public_token,
}
# ... or shared: course content and invitation links belong to no facility.
SHARED_KWARGS = {
    "course_id": lambda w: w.course.pk,
    "lesson_id": lambda w: w.lesson.pk,
    "token": lambda w: w.invitation_token,
    "fmt": lambda w: "json",
    # H5P (shared course content)
    "package_id": lambda w: w.h5p_package.pk,
    "import_id": lambda w: w.h5p_import.pk,
    "library_id": lambda w: w.h5p_package.main_library_id,
    "move": lambda w: "confirm",  # store-commerce: an order move (POST only)
}


# --- the routes ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    key: str  # the route's name (with its namespace), or the route itself when it has none
    route: str
    kwargs: tuple[str, ...]


def collect_project_routes() -> dict[str, Route]:
    routes: dict[str, Route] = {}

    def walk(patterns, prefix: str, namespace: str | None) -> None:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                inner = entry.namespace
                if inner:
                    inner = f"{namespace}:{inner}" if namespace else inner
                walk(entry.url_patterns, prefix + str(entry.pattern), inner or namespace)
            elif isinstance(entry, URLPattern):
                if not (getattr(entry.callback, "__module__", None) or "").startswith(PROJECT_PACKAGES):
                    continue
                if entry.callback is course_routing.serve:  # serves Wagtail pages: the page:… rules cover it
                    continue
                route = prefix + str(entry.pattern)
                name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
                key = name if name and name not in routes else route
                routes[key] = Route(key, route, tuple(m.group(2) for m in CONVERTER.finditer(route)))

    walk(get_resolver().url_patterns, "", None)
    return routes


def project_page_keys() -> set[str]:
    return {
        f"page:{model._meta.label}"
        for model in get_page_models()
        if model.__module__.startswith(PROJECT_PACKAGES) and not model._meta.abstract
    }


ROUTES = collect_project_routes()
PAGE_KEYS = project_page_keys()
MATRIX = [(key, role) for key in RULES if key in ROUTES or key in PAGE_KEYS for role in ROLES]
FOREIGN = [
    (key, role)
    for key in RULES
    if key in ROUTES and any(name in OWNED_KWARGS for name in ROUTES[key].kwargs)
    for role in HOME_ROLES
]


def case_id(case) -> str:
    return f"{case[0]}-{case[1]}"


def test_every_project_route_has_a_rule():
    known = set(ROUTES) | PAGE_KEYS
    without_rule = sorted(known - set(RULES))
    without_route = sorted(set(RULES) - known)
    assert not without_rule, f"routes without a rule in RULES: {without_rule}"
    assert not without_route, f"rules for routes that no longer exist: {without_route}"


def test_every_url_kwarg_has_a_value():
    unknown = {
        route.key: name
        for route in ROUTES.values()
        for name in route.kwargs
        if name not in OWNED_KWARGS and name not in SHARED_KWARGS
    }
    assert not unknown, f"URL kwargs without a value in OWNED_KWARGS or SHARED_KWARGS: {unknown}"
    assert all("^" not in route.route for route in ROUTES.values()), "regex routes: give them a rule here"


def test_the_walk_finds_the_project():
    """Guards the collection itself: a broken package filter would make every other check vacuous."""
    assert len(ROUTES) > 50 and {"officer_home", "learner_home", "certificate_verify"} <= set(ROUTES)
    assert {"page:courses.CoursePage", "page:store.ProductPage"} <= PAGE_KEYS


# --- the world -------------------------------------------------------------------------------------


def facility_objects(facility, *, course, admin) -> SimpleNamespace:
    """A learner of ``facility`` and everything of theirs a URL can point at."""
    learner = LearnerFactory(facility=facility)
    instructor = InstructorFactory(facility=facility, cohort_learners=[learner])
    cohort = Cohort.objects.get(instructors=instructor)
    cohort.courses.add(course)
    listing = ListingFactory(learner=learner)
    photo = add_photo(listing)
    certificate = certificate_issue(actor=None, learner=learner, course=course)  # rendering waits for commit
    certificate.pdf.save(f"{certificate.serial}.pdf", ContentFile(PDF), save=False)
    certificate.status = Certificate.Status.READY
    certificate.rendered_at = timezone.now()
    certificate.save()
    batch = ImportBatch.objects.create(
        id=uuid.uuid4(), facility=facility, actor=admin, filename="warga.csv", status=ImportBatch.Status.DONE
    )
    batch.cards_pdf.save("kartu.pdf", ContentFile(PDF))
    terminal = Terminal.objects.create(facility=facility, name="PC 01", location="Lab", registered_by=admin)
    learner_session = LearnerSession.objects.create(
        learner=learner, facility=facility, session_key=secrets.token_hex(16), terminal=terminal
    )
    buyer_scenario = build_scenario(learner=learner)  # practice buyers of an approved listing
    # store-commerce: a product the learner made, with stock, and an order for it
    product = build_product(facility, slug=f"produk-{facility.code.lower()}", makers=[(learner, 1)])
    order = place_order(product)
    return SimpleNamespace(
        facility=facility,
        learner=learner,
        buyer_scenario=buyer_scenario,
        instructor=instructor,
        cohort=cohort,
        listing=listing,
        photo=photo,
        certificate=certificate,
        batch=batch,
        terminal=terminal,
        learner_session=learner_session,
        product=product,
        order=order,
    )


def build_world() -> SimpleNamespace:
    north, south = RegionFactory(name="Kanwil Utara Matriks"), RegionFactory(name="Kanwil Selatan Matriks")
    a = FacilityFactory(region=north, code="MTXA")
    FacilityFactory(region=north, code="MTXA2")  # somewhere in North to transfer a learner to
    b = FacilityFactory(region=south, code="MTXB")
    course = build_course(lessons=2, title="Kursus Matriks", slug="kursus-matriks")
    lessons = LessonPage.objects.descendant_of(course).live().order_by("path")
    store = build_store(a)
    product = ProductPage(
        title="Tas Pandan", slug="tas-pandan", description="Tas anyaman pandan.", price=45000, category="kerajinan"
    )
    store.add_child(instance=product)
    admin_a, admin_b = AdminFactory(facility=a), AdminFactory(facility=b)
    own = facility_objects(a, course=course, admin=admin_a)
    other = facility_objects(b, course=course, admin=admin_b)
    enrol(own.learner, course)  # the learner of B is not enrolled
    invitation = Invitation.objects.create(
        email="undangan.matriks@bekal.test",
        role=User.Role.INSTRUCTOR,
        facility=a,
        invited_by=admin_a,
        nonce=secrets.token_urlsafe(24),
        expires_at=timezone.now() + timedelta(days=7),
    )
    # H5P: a library, a package using it (no files needed to reach the URLs) and its import row.
    from courses.h5p.models import H5PImport, H5PLibrary, H5PPackage

    h5p_library = H5PLibrary.objects.create(
        machine_name="H5P.Matrix", major_version=1, minor_version=0, patch_version=0
    )
    h5p_package = H5PPackage.objects.create(title="Matriks", main_library=h5p_library, sha256="0" * 64)
    h5p_import = H5PImport.objects.create(filename="m.h5p", upload_path="/nonexistent", package=h5p_package)
    pages = {
        "page:home.HomePage": store.get_parent().get_parent(),
        "page:courses.CourseIndexPage": course.get_parent(),
        "page:courses.CoursePage": course,
        "page:courses.LessonPage": lessons[0],
        # --- courses-authoring: modules (sections) of a course
        "page:courses.ModulePage": ModulePage.objects.child_of(course).first(),
        "page:store.StoreRootPage": store.get_parent(),
        "page:store.StoreIndexPage": store,
        "page:store.ProductPage": product,
    }
    return SimpleNamespace(
        handler=Client().handler,
        own=own,
        other=other,
        course=course,
        lesson=lessons[0],
        first_lesson_url=lessons[0].url,
        invitation_token=invitation_token(invitation),
        h5p_package=h5p_package,
        h5p_import=h5p_import,
        page_urls={key: page.url for key, page in pages.items()},
        users={
            "anon": None,
            "learner": own.learner,
            "learner_other": other.learner,
            "instructor": own.instructor,
            "admin_same": admin_a,
            "admin_other": admin_b,
            "regional": AdminFactory(role=User.Role.REGIONAL_ADMIN, region=north),
        },
    )


@pytest.fixture(scope="module")
def module_files(tmp_path_factory):
    root = tmp_path_factory.mktemp("permission-matrix")
    return SimpleNamespace(media=root / "media", private=root / "private")


@pytest.fixture(autouse=True)
def _isolated_files(settings, module_files):
    """Replaces the suite's per-test folders: the module's world keeps its files for every case."""
    settings.MEDIA_ROOT = module_files.media
    settings.PRIVATE_MEDIA_ROOT = module_files.private


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, module_files):
    """Built once, inside a transaction that is rolled back after the module; each test nests in it."""
    files = {"MEDIA_ROOT": module_files.media, "PRIVATE_MEDIA_ROOT": module_files.private}
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=fast, **files):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            built = build_world()
        except BaseException:
            atomic.__exit__(*sys.exc_info())
            raise
    yield built
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


# --- asking ----------------------------------------------------------------------------------------


def url_for(key: str, world, objects) -> str:
    if key.startswith("page:"):
        return world.page_urls[key]
    route = ROUTES[key]

    def value(match) -> str:
        name = match.group(2)
        if name in OWNED_KWARGS:
            return str(OWNED_KWARGS[name](objects))
        return str(SHARED_KWARGS[name](world))

    path = "/" + CONVERTER.sub(value, route.route)
    assert resolve(path).route == route.route, f"{path} does not resolve to {route.route}"
    return path


def ask(world, key: str, role: str, objects) -> tuple[str, object]:
    client = Client()
    # One handler for the module: a new one loads the middleware, and WhiteNoise's scan of the
    # static files costs more than the request itself.
    client.handler = world.handler
    user = world.users[role]
    if user is not None:
        backend = "LearnerPinBackend" if user.role == User.Role.LEARNER else "OfficerBackend"
        client.force_login(user, backend=f"lms.accounts.backends.{backend}")
    path = url_for(key, world, objects)
    return path, client.get(path)


def assert_answer(response, expect: Expect, *, key: str, role: str, path: str, world) -> None:
    location = response.get("Location")
    if response.streaming:  # a file: read to the end, which closes it as a WSGI server would
        b"".join(response.streaming_content)
    wanted = None
    if expect.location is not None:
        wanted = expect.location.format(next=quote(path, safe="/"), w=world, user=world.users[role])
    got = (response.status_code, location if expect.location is not None else None)
    described = f"{expect} ({wanted})" if wanted else f"{expect} ({expect.status})"
    assert got == (expect.status, wanted), (
        f"GET {path} as {role} ({key}): expected {described}, got {response.status_code} {location or ''}"
    )


@pytest.mark.django_db
@pytest.mark.parametrize(("key", "role"), MATRIX, ids=[case_id(case) for case in MATRIX])
def test_matrix(world, key, role):
    """Objects of facility A (owned by ``learner``), asked for by each role."""
    path, response = ask(world, key, role, world.own)
    assert_answer(response, RULES[key].roles[role], key=key, role=role, path=path, world=world)


@pytest.mark.django_db
@pytest.mark.parametrize(("key", "role"), FOREIGN, ids=[case_id(case) for case in FOREIGN])
def test_object_of_another_facility(world, key, role):
    """URLs filled with facility B's objects, asked for by the people of facility A and region North."""
    rule_ = RULES[key]
    expect = rule_.for_foreign_object(role)
    assert rule_.public or expect in REFUSALS, f"{key}: another facility's object must be refused, not {expect}"
    path, response = ask(world, key, role, world.other)
    assert_answer(response, expect, key=key, role=role, path=path, world=world)


# --- the second factor cannot be skipped by another sign-in form ---------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/_util/login/", "/cms/login/", "/django-admin/login/"])
@pytest.mark.parametrize("role", [User.Role.FACILITY_ADMIN, User.Role.REGIONAL_ADMIN])
def test_administrators_sign_in_only_through_the_second_factor(client, path, role):
    """Password forms outside allauth's sign-in (which asks for TOTP first) must not let an administrator in."""
    admin = AdminFactory(role=role)

    client.post(path, {"username": admin.email, "password": TEST_PASSWORD})

    assert "_auth_user_id" not in client.session
    assert client.get("/petugas/")["Location"] == "/accounts/login/?next=/petugas/"
