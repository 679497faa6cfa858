import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from courses.h5p.models import H5PImport, H5PLibrary
from lms.accounts.models import User
from tests.factories import InstructorFactory
from tests.factories.h5p import good_package, package_members, raw_zip

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _h5p_root(settings, tmp_path):
    settings.H5P_ROOT = tmp_path / "h5p-root"


@pytest.fixture
def admin_client():
    user = InstructorFactory()  # officers need no second factor for this; superuser opens Wagtail's gate
    User.objects.filter(pk=user.pk).update(is_superuser=True)
    user.refresh_from_db()
    client = Client()
    client.force_login(user)
    return client


def test_upload_queues_the_import_and_shows_its_progress(admin_client, tmp_path, django_capture_on_commit_callbacks):
    upload = SimpleUploadedFile("kuis.h5p", good_package(tmp_path).read_bytes())
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post("/cms/h5p/", {"file": upload})
    row = H5PImport.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/cms/h5p/impor/{row.pk}/"
    page = admin_client.get(response["Location"])
    assert page.status_code == 200 and b'value="100"' in page.content
    library = H5PLibrary.objects.get()
    assert admin_client.post(f"/cms/h5p/pustaka/{library.pk}/setujui/").status_code == 302
    library.refresh_from_db()
    assert library.is_approved


def test_a_refused_upload_lists_every_problem_in_both_languages(
    admin_client, tmp_path, django_capture_on_commit_callbacks
):
    members = package_members()
    members["content/x.js"] = b""
    upload = SimpleUploadedFile("bad.h5p", raw_zip(tmp_path / "bad.h5p", members).read_bytes())
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post("/cms/h5p/", {"file": upload})
    page = admin_client.get(response["Location"])
    assert b"content/x.js" in page.content and b'lang="en"' in page.content


def test_only_h5p_files_are_taken(admin_client):
    response = admin_client.post("/cms/h5p/", {"file": SimpleUploadedFile("x.zip", b"PK")})
    assert response.status_code == 200 and not H5PImport.objects.exists()
