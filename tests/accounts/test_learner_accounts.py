"""Officers managing learner accounts: create, PIN reset and cards, unlock, release, transfer, export."""

import io
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from pypdf import PdfReader

from courses.models import Enrollment
from lms.accounts import services
from lms.accounts.cards import card_for, cards_pdf
from lms.accounts.models import TransferRecord, User
from lms.audit.models import AuditEvent
from tests.factories import (
    AdminFactory,
    CohortFactory,
    FacilityFactory,
    InstructorFactory,
    LearnerFactory,
    RegionFactory,
    build_course,
    enrol,
)
from tests.factories.accounts import TEST_PIN

from .test_sign_in import refusal, sign_in, signed_in_id, site_text


@pytest.fixture
def facility():
    return FacilityFactory(code="KLD", name="Lapas Kalianda")


@pytest.fixture
def learner(facility):
    return LearnerFactory(facility=facility, registration_number="BI.0042", full_name="Budi Santoso")


@pytest.fixture
def admin(facility):
    return AdminFactory(facility=facility)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.mark.django_db
def test_officer_creates_a_learner_and_sees_the_first_pin_once(client, admin, facility):
    cohort = CohortFactory(facility=facility, name="Kelas A")
    course = build_course(lessons=1)
    cohort.courses.add(course)
    client.force_login(admin)

    response = client.post(
        "/petugas/warga-binaan/baru/",
        {"facility": facility.pk, "registration_number": "BI.777", "full_name": "Andi Wijaya", "cohort": cohort.pk},
    )

    assert response.status_code == 200
    pin = response.context["pin"]
    learner = User.objects.get(registration_number="BI.777")
    assert learner.check_password(pin) and learner.must_change_pin
    assert list(learner.cohorts.all()) == [cohort]
    assert Enrollment.objects.filter(learner=learner, course=course).exists()
    assert AuditEvent.objects.filter(action="learner.create", actor=admin, target_id=str(learner.pk)).exists()
    card = client.get(f"/petugas/warga-binaan/{learner.pk}/kartu.pdf")
    assert card.status_code == 200
    text = pdf_text(card.content)
    assert "Andi Wijaya" in text and pin in text and "BI.777" in text and "Lapas Kalianda" in text


@pytest.mark.django_db
def test_duplicate_registration_number_is_refused_clearly(client, admin, facility, learner):
    client.force_login(admin)

    response = client.post(
        "/petugas/warga-binaan/baru/",
        {"facility": facility.pk, "registration_number": "bi.0042", "full_name": "Orang Lain"},
    )

    assert response.status_code == 200
    assert "registration_number" in response.context["form"].errors
    assert User.objects.filter(role=User.Role.LEARNER).count() == 1


@pytest.mark.django_db
def test_pin_reset_is_audited_and_forces_a_new_pin(client, admin, learner):
    pin = services.learner_reset_pin(actor=admin, learner=learner)

    learner.refresh_from_db()
    assert learner.must_change_pin and learner.check_password(pin) and not learner.check_password(TEST_PIN)
    assert AuditEvent.objects.filter(action="learner.pin_reset", actor=admin, target_id=str(learner.pk)).exists()
    response = sign_in(client, learner, pin=pin)
    assert response.status_code == 302 and response.url == "/masuk/pin/"


@pytest.mark.django_db
def test_pin_reset_page_prints_a_new_card(client, admin, learner):
    client.force_login(admin)

    response = client.post(f"/petugas/warga-binaan/{learner.pk}/pin/")

    pin = response.context["pin"]
    card = client.get(f"/petugas/warga-binaan/{learner.pk}/kartu.pdf")
    assert pin in pdf_text(card.content)


@pytest.mark.django_db
def test_card_without_a_fresh_pin_asks_for_a_reset(client, admin, learner):
    client.force_login(admin)

    response = client.get(f"/petugas/warga-binaan/{learner.pk}/kartu.pdf")

    assert response.status_code == 302 and response.url == f"/petugas/warga-binaan/{learner.pk}/"


@pytest.mark.django_db
def test_cards_for_a_cohort_need_confirmation_and_reset_every_pin(client, admin, facility):
    cohort = CohortFactory(facility=facility)
    members = [LearnerFactory(facility=facility, full_name=f"Warga Nomor {n}") for n in range(9)]
    cohort.learners.add(*members)
    client.force_login(admin)

    refused = client.post("/petugas/warga-binaan/kartu/", {"cohort": cohort.pk})
    assert refused.status_code == 302
    assert all(m.check_password(TEST_PIN) for m in User.objects.filter(pk__in=[m.pk for m in members]))

    response = client.post("/petugas/warga-binaan/kartu/", {"cohort": cohort.pk, "confirm_reset": "yes"})

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 2  # eight cards per A4 page
    text = pdf_text(response.content)
    assert all(m.full_name in text for m in members)
    assert AuditEvent.objects.filter(action="learner.pin_reset").count() == 9
    assert all(m.must_change_pin for m in User.objects.filter(pk__in=[m.pk for m in members]))


def test_cards_pdf_has_eight_cards_per_page():
    from types import SimpleNamespace

    facility = SimpleNamespace(name="Lapas Uji", code="UJI")
    learners = [
        SimpleNamespace(full_name=f"Nama {n}", username="", facility=facility, registration_number=f"R{n}")
        for n in range(8)
    ]
    data = cards_pdf([card_for(lr, f"{n:06d}") for n, lr in enumerate(learners)])
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    assert "000007" in reader.pages[0].extract_text() and "Nama 7" in reader.pages[0].extract_text()


@pytest.mark.django_db
def test_locked_account_is_unlocked_by_an_officer_and_audited(client, admin, learner, settings):
    settings.LEARNER_PIN_MAX_FAILURES = 2
    for _ in range(2):
        sign_in(client, learner, pin="000000")
    assert services.learner_is_locked(learner)
    assert sign_in(client, learner).status_code == 400

    client.force_login(admin)
    assert client.post(f"/petugas/warga-binaan/{learner.pk}/buka-kunci/").status_code == 302
    client.logout()

    assert not services.learner_is_locked(learner)
    assert sign_in(client, learner).status_code == 302
    assert AuditEvent.objects.filter(action="learner.unlock", actor=admin).exists()


@pytest.mark.django_db
def test_terminal_limit_stops_one_machine_trying_many_accounts(client, facility, settings):
    settings.LEARNER_TERMINAL_MAX_FAILURES = 3
    learners = [LearnerFactory(facility=facility) for _ in range(4)]
    for learner in learners[:3]:
        sign_in(client, learner, pin="000000")

    response = sign_in(client, learners[3])  # right PIN, fresh account, same terminal

    assert response.status_code == 400
    assert refusal(response) == site_text(
        "Too many wrong sign-ins on this computer. Wait %(minutes)d minutes or ask your officer."
    ) % {"minutes": 15}
    other_terminal = sign_in(client.__class__(REMOTE_ADDR="10.0.0.99"), learners[3])
    assert other_terminal.status_code == 302


@pytest.mark.django_db
def test_terminal_limit_uses_the_signed_terminal_cookie(client, facility, settings):
    from django.core.signing import get_cookie_signer

    settings.LEARNER_TERMINAL_MAX_FAILURES = 2
    learners = [LearnerFactory(facility=facility) for _ in range(3)]
    signer = get_cookie_signer(salt="bekal_terminal" + "bekal.terminal")
    client.cookies["bekal_terminal"] = signer.sign("lab-pc-01")
    for learner in learners[:2]:
        sign_in(client, learner, pin="000000")
    assert sign_in(client, learners[2]).status_code == 400

    client.cookies["bekal_terminal"] = signer.sign("lab-pc-02")  # same IP, another registered terminal
    assert sign_in(client, learners[2]).status_code == 302
    failure = AuditEvent.objects.filter(action="learner.sign_in_failed").first()
    assert failure.terminal == "lab-pc-01" and failure.ip == "127.0.0.1"


@pytest.mark.django_db
def test_learner_sign_ins_and_failures_are_audited(client, learner):
    sign_in(client, learner, pin="000000")
    sign_in(client, learner)

    failed = AuditEvent.objects.get(action="learner.sign_in_failed")
    ok = AuditEvent.objects.get(action="learner.sign_in")
    assert failed.target_id == str(learner.pk) and failed.actor is None and failed.facility == learner.facility
    assert ok.actor == learner and ok.ip == "127.0.0.1"


@pytest.mark.django_db
def test_deactivated_learner_is_refused_with_the_specific_message(client, admin, learner):
    client.force_login(admin)
    client.post(f"/petugas/warga-binaan/{learner.pk}/nonaktifkan/", {"reason": "Bebas 1 Mei"})
    client.logout()

    learner.refresh_from_db()
    assert not learner.is_active and learner.deactivated_at is not None
    response = sign_in(client, learner)
    assert refusal(response) == site_text("This account is no longer active. Please speak to an officer.")
    assert signed_in_id(client) is None
    event = AuditEvent.objects.get(action="learner.deactivate")
    assert event.data == {"reason": "Bebas 1 Mei"}

    services.learner_reactivate(actor=admin, learner=learner)
    assert sign_in(client, learner).status_code == 302


@pytest.mark.django_db
def test_instructor_acts_only_on_their_cohorts_learners(learner, facility):
    other = LearnerFactory(facility=facility)
    instructor = InstructorFactory(facility=facility, cohort_learners=[learner])

    services.learner_unlock(actor=instructor, learner=learner)
    services.learner_reset_pin(actor=instructor, learner=learner)
    with pytest.raises(PermissionDenied):
        services.learner_reset_pin(actor=instructor, learner=other)
    with pytest.raises(PermissionDenied):
        services.learner_deactivate(actor=instructor, learner=other)


@pytest.mark.django_db
def test_instructor_lists_only_their_cohorts_learners(client, learner, facility):
    other = LearnerFactory(facility=facility)
    client.force_login(InstructorFactory(facility=facility, cohort_learners=[learner]))

    response = client.get("/petugas/warga-binaan/")

    assert list(response.context["page"]) == [learner]
    assert client.get(f"/petugas/warga-binaan/{other.pk}/").status_code == 404
    assert client.get("/petugas/warga-binaan/baru/").status_code == 403


@pytest.mark.django_db
def test_learner_list_search_cohort_and_status_filters(client, admin, facility, learner):
    cohort = CohortFactory(facility=facility)
    in_cohort = LearnerFactory(facility=facility, full_name="Rahmat Hidayat")
    cohort.learners.add(in_cohort)
    gone = LearnerFactory(facility=facility, is_active=False)
    LearnerFactory(facility=FacilityFactory())  # another facility: never listed
    client.force_login(admin)

    def listed(query):
        return set(client.get("/petugas/warga-binaan/", query).context["page"])

    assert listed({}) == {learner, in_cohort, gone}
    assert listed({"q": "rahmat"}) == {in_cohort}
    assert listed({"q": "BI.0042"}) == {learner}
    assert listed({"cohort": cohort.pk}) == {in_cohort}
    assert listed({"status": "inactive"}) == {gone}


@pytest.fixture
def region_world():
    region = RegionFactory()
    return region, FacilityFactory(region=region, code="KLD"), FacilityFactory(region=region, code="NBL")


@pytest.mark.django_db
def test_transfer_keeps_history_enrolments_and_leaves_old_cohorts(region_world):
    region, old, new = region_world
    learner = LearnerFactory(facility=old, registration_number="BI.001")
    cohort = CohortFactory(facility=old)
    cohort.learners.add(learner)
    enrolment = enrol(learner, build_course(lessons=1))
    regional = AdminFactory(role=User.Role.REGIONAL_ADMIN, region=region)

    record = services.learner_transfer(actor=regional, learner=learner, to_facility=new, note="Pindah")

    learner.refresh_from_db()
    assert learner.facility == new and learner.registration_number == "BI.001"
    assert not learner.cohorts.exists()
    assert Enrollment.objects.get(pk=enrolment.pk).learner == learner
    assert record.from_facility == old and record.removed_cohorts == [cohort.name]
    assert TransferRecord.objects.filter(learner=learner).count() == 1
    assert set(AuditEvent.objects.filter(action__startswith="learner.transfer").values_list("facility", flat=True)) == {
        old.pk,
        new.pk,
    }
    assert learner.username == User.learner_username("NBL", "BI.001")


@pytest.mark.django_db
def test_transfer_refuses_a_number_taken_in_the_new_facility(region_world):
    region, old, new = region_world
    learner = LearnerFactory(facility=old, registration_number="BI.001")
    LearnerFactory(facility=new, registration_number="BI.001")
    regional = AdminFactory(role=User.Role.REGIONAL_ADMIN, region=region)

    with pytest.raises(ValidationError) as error:
        services.learner_transfer(actor=regional, learner=learner, to_facility=new)
    assert "registration_number" in error.value.message_dict
    learner.refresh_from_db()
    assert learner.facility == old

    services.learner_transfer(actor=regional, learner=learner, to_facility=new, registration_number="BI.900")
    learner.refresh_from_db()
    assert learner.facility == new and learner.registration_number == "BI.900"


@pytest.mark.django_db
def test_only_regional_admins_of_both_facilities_transfer(region_world):
    region, old, new = region_world
    learner = LearnerFactory(facility=old)
    with pytest.raises(PermissionDenied):
        services.learner_transfer(actor=AdminFactory(facility=old), learner=learner, to_facility=new)
    elsewhere = FacilityFactory(region=RegionFactory())
    with pytest.raises(PermissionDenied):
        services.learner_transfer(
            actor=AdminFactory(role=User.Role.REGIONAL_ADMIN, region=region), learner=learner, to_facility=elsewhere
        )


@pytest.mark.django_db
def test_transfer_page_for_regional_admin(client, region_world):
    region, old, new = region_world
    learner = LearnerFactory(facility=old)
    client.force_login(AdminFactory(role=User.Role.REGIONAL_ADMIN, region=region))

    response = client.post(f"/petugas/warga-binaan/{learner.pk}/pindah/", {"to_facility": new.pk})

    assert response.status_code == 302
    learner.refresh_from_db()
    assert learner.facility == new


@pytest.mark.django_db
def test_personal_data_export_holds_everything_and_is_audited(client, admin, learner):
    from courses.quizzes.models import QuizAttempt
    from sandbox_shop.models import PracticeListing
    from tests.factories import ListingFactory
    from tests.factories.content import build_quiz

    enrol(learner, build_course(lessons=1, title="Berjualan Online"))
    ListingFactory(learner=learner, title="Tas Pandan", status=PracticeListing.Status.DRAFT)
    QuizAttempt.objects.create(learner=learner, quiz=build_quiz(title="Kuis HPP"), answers={"1": "a"}, score=80)
    sign_in(client, learner)
    client.force_login(admin)

    response = client.get(f"/petugas/warga-binaan/{learner.pk}/data.json")

    assert response.status_code == 200
    data = json.loads(response.content)
    assert data["profile"]["full_name"] == "Budi Santoso"
    assert data["profile"]["registration_number"] == "BI.0042"
    assert data["enrollments"][0]["course"] == "Berjualan Online"
    assert data["practice_listings"][0]["title"] == "Tas Pandan"
    assert any(e["action"] == "learner.sign_in" for e in data["activity_log"])
    assert data["quiz_attempts"][0]["quiz"] == "Kuis HPP" and data["quiz_attempts"][0]["answers"] == {"1": "a"}
    assert set(data) >= {"cohorts", "transfers", "lesson_progress", "certificates", "h5p_attempts", "h5p_saved_state"}
    as_csv = client.get(f"/petugas/warga-binaan/{learner.pk}/data.csv")
    assert as_csv["Content-Type"].startswith("text/csv")
    assert "Budi Santoso" in as_csv.content.decode("utf-8-sig")
    assert AuditEvent.objects.filter(action="learner.export", actor=admin).count() == 2


@pytest.mark.django_db
def test_instructors_cannot_export_personal_data(client, learner, facility):
    client.force_login(InstructorFactory(facility=facility, cohort_learners=[learner]))

    assert client.get(f"/petugas/warga-binaan/{learner.pk}/data.json").status_code == 403


@pytest.mark.django_db
def test_first_sign_in_with_a_pin_change_is_one_audited_sign_in(client):
    learner = LearnerFactory(must_change_pin=True)

    sign_in(client, learner)
    client.post("/masuk/pin/", {"pin": "135790", "pin_again": "135790"})

    assert AuditEvent.objects.filter(action="learner.sign_in", actor=learner).count() == 1
    assert AuditEvent.objects.filter(action="learner.pin_change", actor=learner).count() == 1
