"""CSV import of learners: every row checked first, all problems listed by line, all or nothing."""

import pytest
from django.test import override_settings

from lms.accounts.models import ImportBatch, User
from lms.accounts.services import learner_import, learner_import_check
from lms.audit.models import AuditEvent
from tests.factories import AdminFactory, CohortFactory, FacilityFactory, LearnerFactory


@pytest.fixture
def facility():
    return FacilityFactory(code="KLD")


@pytest.fixture
def admin(facility):
    return AdminFactory(facility=facility)


@pytest.fixture
def cohort(facility):
    return CohortFactory(facility=facility, name="Kelas Kriya A")


def csv_bytes(*lines: str, encoding="utf-8") -> bytes:
    return ("\n".join(lines) + "\n").encode(encoding)


GOOD = csv_bytes(
    "registration_number,full_name,cohort,birth_year,gender",
    "BI.101,Andi Wijaya,Kelas Kriya A,1990,L",
    "BI.102,Siti Aminah,kelas kriya a,,P",
)


@pytest.mark.django_db
def test_valid_file_is_checked_then_created_on_confirmation(admin, facility, cohort):
    batch, errors = learner_import_check(actor=admin, facility=facility, data=GOOD, filename="wbp.csv")

    assert errors == []
    assert not User.objects.filter(registration_number__startswith="BI.10").exists()  # nothing yet
    done = learner_import(actor=admin, batch=batch)

    assert done.status == ImportBatch.Status.DONE
    assert done.created_count == 2
    andi = User.objects.get(facility=facility, registration_number="BI.101")
    assert andi.full_name == "Andi Wijaya" and andi.birth_year == 1990 and andi.gender == "L"
    assert andi.must_change_pin
    assert set(cohort.learners.all()) == set(User.objects.filter(registration_number__in=["BI.101", "BI.102"]))
    assert AuditEvent.objects.filter(action="learner.create", facility=facility).count() == 2
    assert AuditEvent.objects.filter(action="learner.import", actor=admin).count() == 1
    assert done.cards_pdf  # the first PINs live only in the printable cards


@pytest.mark.django_db
def test_import_runs_once_per_batch(admin, facility, cohort):
    batch, _ = learner_import_check(actor=admin, facility=facility, data=GOOD)
    learner_import(actor=admin, batch=batch)
    again = learner_import(actor=admin, batch=batch)

    assert again.status == ImportBatch.Status.DONE
    assert User.objects.filter(facility=facility, role=User.Role.LEARNER).count() == 2


@pytest.mark.django_db
def test_every_bad_row_is_reported_with_its_line_and_nothing_is_saved(admin, facility, cohort):
    LearnerFactory(facility=facility, registration_number="BI.001")
    data = csv_bytes(
        "nomor_registrasi;nama;kelas;tahun_lahir;jenis_kelamin",
        "BI.201;Andi;Kelas Kriya A;1990;L",  # line 2: fine
        "BI.001;Budi;Kelas Kriya A;;",  # line 3: exists already
        ";Tanpa Nomor;Kelas Kriya A;;",  # line 4: no number
        "BI.202;;Kelas Tidak Ada;abc;X",  # line 5: no name, unknown cohort, bad year, bad gender
        "BI.201;Andi Lagi;Kelas Kriya A;;",  # line 6: duplicate of line 2
    )

    batch, errors = learner_import_check(actor=admin, facility=facility, data=data)

    assert batch is None
    assert len(errors) == 4
    assert errors[0].startswith("Line 3") or errors[0].startswith("Baris 3")
    joined = "\n".join(errors)
    assert "BI.001" in joined and "Kelas Tidak Ada" in joined and "abc" in joined
    assert "6" in errors[3] and "2" in errors[3]  # the duplicate names the other line
    assert User.objects.filter(facility=facility, role=User.Role.LEARNER).count() == 1
    assert not ImportBatch.objects.exists()
    assert User.objects.get(registration_number="BI.001").full_name != "Budi"  # never overwritten


@pytest.mark.django_db
def test_cohort_names_are_resolved_within_the_facility(admin, facility):
    CohortFactory(facility=FacilityFactory(), name="Kelas Lain")

    _, errors = learner_import_check(
        actor=admin, facility=facility, data=csv_bytes("registration_number,full_name,cohort", "BI.1,Ani,Kelas Lain")
    )

    assert len(errors) == 1 and "Kelas Lain" in errors[0]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"", "empty"),
        (b"registration_number,full_name,cohort\n", "no learners"),
        (b"PK\x03\x04xlsx-bytes", "not a CSV"),
        ("registration_number,full_name,cohort\nBI.1,Budi Śantoso,Kelas Kriya A\n".encode("utf-16"), "not a CSV"),
        ("registration_number,full_name,cohort\nBI.1,José,Kelas Kriya A\n".encode("latin-1"), "UTF-8"),
        (b"nama,umur\nBudi,30\n", "Missing"),
    ],
)
def test_bad_files_get_a_clear_message(admin, facility, cohort, data, fragment):
    from django.utils import translation

    with translation.override("en"):
        batch, errors = learner_import_check(actor=admin, facility=facility, data=data)

    assert batch is None
    assert len(errors) == 1
    assert fragment in errors[0]


@pytest.mark.django_db
def test_instructors_cannot_import(facility, cohort):
    from django.core.exceptions import PermissionDenied

    from tests.factories import InstructorFactory

    with pytest.raises(PermissionDenied):
        learner_import_check(actor=InstructorFactory(facility=facility), facility=facility, data=GOOD)


@pytest.mark.django_db
def test_large_import_runs_as_a_job_with_progress(client, admin, facility, cohort, django_capture_on_commit_callbacks):
    lines = ["registration_number,full_name,cohort"] + [f"BI.{n:03d},Warga {n},Kelas Kriya A" for n in range(1, 13)]
    client.force_login(admin)
    with override_settings(LEARNER_IMPORT_SYNC_MAX_ROWS=5):
        upload = client.post(
            "/petugas/warga-binaan/impor/",
            {"facility": facility.pk, "file": _upload(csv_bytes(*lines))},
        )
        assert upload.status_code == 302
        batch = ImportBatch.objects.get()
        assert upload.url == f"/petugas/warga-binaan/impor/{batch.pk}/"
        preview = client.get(upload.url)
        assert b"BI.012" in preview.content
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            confirm = client.post(upload.url, {"confirm": "yes"})
        assert confirm.status_code == 302
        assert len(callbacks) == 1  # queued, run eagerly by the test settings

    status = client.get(f"/petugas/warga-binaan/impor/{batch.pk}/status.json").json()
    assert status["finished"] and status["status"] == "done" and status["percent"] == 100
    assert User.objects.filter(facility=facility, role=User.Role.LEARNER).count() == 12
    cards = client.get(f"/petugas/warga-binaan/impor/{batch.pk}/kartu.pdf")
    assert cards.status_code == 200 and cards["Content-Type"] == "application/pdf"


@pytest.mark.django_db
def test_upload_with_errors_shows_them_all_and_saves_nothing(client, admin, facility, cohort):
    client.force_login(admin)
    data = csv_bytes("registration_number,full_name,cohort", "BI.1,,Kelas Kriya A", "BI.2,Budi,Tidak Ada")

    response = client.post("/petugas/warga-binaan/impor/", {"facility": facility.pk, "file": _upload(data)})

    assert response.status_code == 400
    assert len(response.context["errors"]) == 2
    assert not User.objects.filter(role=User.Role.LEARNER).exists()


@pytest.mark.django_db
def test_another_facility_admin_cannot_see_a_batch(client, admin, facility, cohort):
    batch, _ = learner_import_check(actor=admin, facility=facility, data=GOOD)
    client.force_login(AdminFactory(facility=FacilityFactory()))

    assert client.get(f"/petugas/warga-binaan/impor/{batch.pk}/").status_code == 404
    assert client.post(f"/petugas/warga-binaan/impor/{batch.pk}/", {"confirm": "yes"}).status_code == 404
    assert not User.objects.filter(role=User.Role.LEARNER).exists()


def _upload(data: bytes, name="wbp.csv"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type="text/csv")


@pytest.mark.django_db
def test_the_job_called_twice_creates_the_learners_once(admin, facility, cohort):
    from lms.accounts.tasks import run_learner_import

    batch, _ = learner_import_check(actor=admin, facility=facility, data=GOOD)
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportBatch.Status.QUEUED)

    assert run_learner_import(str(batch.pk)) == "done"
    assert run_learner_import(str(batch.pk)) == "done"
    assert User.objects.filter(facility=facility, role=User.Role.LEARNER).count() == 2
    assert AuditEvent.objects.filter(action="learner.import").count() == 1


@pytest.mark.django_db
def test_a_lost_import_job_is_queued_again(admin, facility, cohort, settings):
    from datetime import timedelta

    from django.utils import timezone

    from lms.accounts.tasks import resume_stalled_imports

    settings.JOB_STALL_SECONDS = 60
    batch, _ = learner_import_check(actor=admin, facility=facility, data=GOOD)
    ImportBatch.objects.filter(pk=batch.pk).update(
        status=ImportBatch.Status.QUEUED, created_at=timezone.now() - timedelta(minutes=5)
    )

    assert resume_stalled_imports() == 1  # eager in tests: it runs at once
    assert ImportBatch.objects.get(pk=batch.pk).status == ImportBatch.Status.DONE
    assert resume_stalled_imports() == 0


@pytest.mark.django_db
def test_a_number_added_while_the_import_waited_fails_the_whole_batch(admin, facility, cohort):
    batch, _ = learner_import_check(actor=admin, facility=facility, data=GOOD)
    LearnerFactory(facility=facility, registration_number="BI.102")

    done = learner_import(actor=admin, batch=batch)

    assert done.status == ImportBatch.Status.FAILED and "BI.102" in done.error
    assert not User.objects.filter(registration_number="BI.101").exists()
