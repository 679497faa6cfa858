import pytest
from django.test import Client, override_settings

from courses.h5p import content_settings
from courses.h5p.models import H5PUserState
from courses.h5p.player import bootstrap_hash, content_token
from courses.models import LessonPage
from tests.factories import LearnerFactory, build_course
from tests.factories.h5p import add_h5p, imported_activity

pytestmark = pytest.mark.django_db
content_origin = override_settings(
    ROOT_URLCONF=content_settings.ROOT_URLCONF,
    MIDDLEWARE=content_settings.MIDDLEWARE,
    ALLOWED_HOSTS=["localhost", "testserver"],
)


@pytest.fixture(autouse=True)
def _h5p_root(settings, tmp_path):
    settings.H5P_ROOT = tmp_path / "h5p-root"


@pytest.fixture
def grant(tmp_path):
    course = build_course(lessons=1)
    lesson = LessonPage.objects.descendant_of(course).get()
    package = imported_activity(tmp_path)
    add_h5p(lesson, package)
    learner = LearnerFactory()
    token = content_token(user=learner, lesson_id=lesson.pk, package_id=package.pk)
    return learner, lesson, package, token


@content_origin
def test_player_page_has_a_strict_policy_and_sets_no_cookie(grant, settings):
    _, _, _, token = grant
    client = Client()
    client.cookies["sessionid"] = "stolen"
    response = client.get(f"/c/{token}/play")
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert f"script-src 'self' {bootstrap_hash()}" in csp and "unsafe-eval" not in csp
    assert f"frame-ancestors {settings.SITE_URL}" in csp and "default-src 'none'" in csp
    assert not response.cookies
    assert b'id="h5p-config"' in response.content


@content_origin
def test_unsafe_eval_only_when_a_library_declares_it(grant):
    _, _, package, token = grant
    package.libraries.update(needs_unsafe_eval=True)
    assert "'unsafe-eval'" in Client().get(f"/c/{token}/play")["Content-Security-Policy"]


@content_origin
def test_files_need_a_valid_token_and_stay_inside(grant):
    _, _, _, token = grant
    client = Client()
    assert client.get(f"/c/{token}/files/h5p.json").status_code == 200
    lib = client.get(f"/c/{token}/libraries/H5P.BekalTrueFalse-1.0/truefalse.js")
    assert lib.status_code == 200 and lib["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert client.get(f"/c/{token}x/files/h5p.json").status_code == 404
    assert client.get(f"/c/{token}/files/../../../secret_key").status_code == 404
    assert client.get(f"/c/{token}/libraries/H5P.Other-1.0/x.js").status_code == 404


@content_origin
def test_expired_links_are_refused(grant, settings):
    _, _, _, token = grant
    settings.H5P_URL_MAX_AGE = -1
    assert Client().get(f"/c/{token}/play").status_code == 404


@content_origin
def test_resume_state_is_saved_per_learner_and_activity_and_capped(grant, settings):
    learner, lesson, package, token = grant
    client = Client()
    url = f"/c/{token}/state/bekal/state/0"
    assert client.post(url, {"data": '{"answer": true}', "preload": "1", "invalidate": "0"}).status_code == 200
    row = H5PUserState.objects.get()
    assert (row.learner, row.lesson_id, row.package_id, row.data) == (
        learner,
        lesson.pk,
        package.pk,
        '{"answer": true}',
    )
    assert b'\\"answer\\": true' in client.get(f"/c/{token}/play").content  # preloaded on the next visit
    settings.H5P_STATE_MAX_BYTES = 10
    assert client.post(url, {"data": "x" * 11}).status_code == 413


def test_the_app_origin_does_not_serve_content(grant):
    _, _, _, token = grant
    assert Client().get(f"/c/{token}/play").status_code == 404
