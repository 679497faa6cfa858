import pytest
from django.test import Client, override_settings

from courses.h5p import content_settings
from courses.h5p.models import H5PUserState
from courses.h5p.player import bootstrap_hash, content_token
from courses.models import LessonPage
from tests.factories import InstructorFactory, LearnerFactory, build_course, enrol
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
    enrol(learner, lesson.course())
    token = content_token(user=learner, lesson_id=lesson.pk, package_id=package.pk)
    return learner, lesson, package, token


def _config(response) -> dict:
    import json
    import re

    match = re.search(rb'<script id="h5p-config" type="application/json">(.*?)</script>', response.content, re.S)
    return json.loads(match.group(1))


def _save(client, token, data, *, data_type="state", sub="0"):
    return client.post(f"/c/{token}/state/bekal/{data_type}/{sub}", {"data": data, "preload": "1", "invalidate": "1"})


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
    assert client.get(url).json() == {"success": True, "data": '{"answer": true}'}  # and H5P's own GET
    settings.H5P_STATE_MAX_BYTES = 10
    assert client.post(url, {"data": "x" * 11}).status_code == 413


@content_origin
def test_the_player_is_configured_to_save_and_restore_for_learners_only(grant, settings):
    learner, lesson, package, token = grant
    _save(Client(), token, '{"answer": false}')
    options = _config(Client().get(f"/c/{token}/play"))["options"]
    assert options["saveFreq"] == settings.H5P_STATE_SAVE_SECONDS > 0
    assert options["contentUserData"] == {"0": {"state": '{"answer": false}'}}  # H5P reads [subContentId][dataType]
    assert options["ajax"]["contentUserDataUrl"] == (
        f"{settings.H5P_ORIGIN}/c/{token}/state/:contentId/:dataType/:subContentId"
    )
    user = options["user"]
    assert user["name"] == "Peserta" and user["mail"].endswith("@peserta.invalid")  # no name, no number
    assert learner.registration_number not in str(user) and learner.full_name not in str(user)
    officer = InstructorFactory(facility=learner.facility)
    preview = _config(
        Client().get(f"/c/{content_token(user=officer, lesson_id=lesson.pk, package_id=package.pk)}/play")
    )
    assert preview["options"]["saveFreq"] is False and "user" not in preview["options"]
    assert preview["options"]["contentUserData"] == {}


@content_origin
def test_state_needs_a_valid_signature(grant, settings):
    _, _, _, token = grant
    client = Client()
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    assert _save(client, forged, "{}").status_code == 404
    assert client.get(f"/c/{forged}/state/bekal/state/0").status_code == 404
    settings.H5P_URL_MAX_AGE = -1
    assert _save(client, token, "{}").status_code == 404
    assert not H5PUserState.objects.exists()


@content_origin
def test_the_size_cap_counts_all_of_a_learners_state_and_says_why(grant, settings):
    _, _, _, token = grant
    settings.H5P_STATE_MAX_BYTES = 64 * 1024
    client = Client()
    assert _save(client, token, "x" * (64 * 1024)).status_code == 200  # exactly the limit is kept
    reply = _save(client, token, "y", sub="child-1")  # a second row would pass the limit
    assert reply.status_code == 413
    body = reply.json()
    assert body["success"] is False and "64 KiB" in body["message"] and "64 KiB" in body["message_en"]
    assert "tidak disimpan" in body["message"] and "not saved" in body["message_en"]
    assert _save(client, token, "z" * (64 * 1024 + 1)).status_code == 413
    assert list(H5PUserState.objects.values_list("sub_content_id", "data")) == [("0", "x" * (64 * 1024))]
    assert _save(client, token, "{}").status_code == 200  # replacing the big row is measured without it


@content_origin
def test_a_learner_never_reads_or_writes_another_learners_state(grant):
    learner, lesson, package, token = grant
    _save(Client(), token, '{"answer": true}')
    other = LearnerFactory(facility=learner.facility)
    enrol(other, lesson.course())
    theirs = content_token(user=other, lesson_id=lesson.pk, package_id=package.pk)
    client = Client()
    assert client.get(f"/c/{theirs}/state/bekal/state/0").json() == {"success": True, "data": False}
    assert _config(client.get(f"/c/{theirs}/play"))["options"]["contentUserData"] == {}
    assert _save(client, theirs, '{"answer": false}').status_code == 200
    mine = H5PUserState.objects.get(learner=learner)
    assert mine.data == '{"answer": true}'  # untouched
    assert H5PUserState.objects.get(learner=other).data == '{"answer": false}'
    client.cookies["sessionid"] = "anything"  # a cookie names nobody here; the token does
    assert client.get(f"/c/{token}/state/bekal/state/0").json()["data"] == '{"answer": true}'


@content_origin
def test_saving_the_same_state_twice_changes_nothing_and_zero_deletes(grant):
    _, _, _, token = grant
    client = Client()
    assert _save(client, token, '{"answer": true}').status_code == 200
    first = H5PUserState.objects.get()
    assert _save(client, token, '{"answer": true}').status_code == 200
    again = H5PUserState.objects.get()
    assert again.pk == first.pk and again.updated_at == first.updated_at
    assert _save(client, token, "0").status_code == 200  # H5P.deleteUserData posts data=0
    assert not H5PUserState.objects.exists()
    assert _save(client, token, "0").status_code == 200  # deleting again is fine too


@content_origin
def test_state_is_refused_to_officers_strangers_and_odd_keys(grant):
    learner, lesson, package, token = grant
    client = Client()
    officer = content_token(
        user=InstructorFactory(facility=learner.facility), lesson_id=lesson.pk, package_id=package.pk
    )
    assert _save(client, officer, "{}").status_code == 403
    stranger = content_token(user=LearnerFactory(), lesson_id=lesson.pk, package_id=package.pk)  # not enrolled
    assert _save(client, stranger, "{}").status_code == 403
    assert _save(client, token, "{}", data_type="../x").status_code in (400, 404)
    assert _save(client, token, "{}", data_type="a" * 65).status_code == 400
    assert client.post(f"/c/{token}/state/other/state/0", {"data": "{}"}).status_code == 400
    assert client.post(f"/c/{token}/state/bekal/state/0", {}).status_code == 400
    learner.is_active = False
    learner.save()
    assert _save(client, token, "{}").status_code == 403
    assert not H5PUserState.objects.exists()


def test_the_app_origin_does_not_serve_content(grant):
    _, _, _, token = grant
    assert Client().get(f"/c/{token}/play").status_code == 404
