"""Fuzzing every form and JSON endpoint a learner or the public can reach: random and malformed input
never gives a server error, and a refused request leaves nothing half-saved.

Each hypothesis example runs in its own transaction (hypothesis' Django TestCase), against one
world built for the class. Payloads mix the endpoint's real field names with junk names, values of
every shape (empty, huge numbers, NUL bytes, markup, lists of values) and, for JSON endpoints,
arbitrary JSON and raw bytes. A refusal is any 4xx, or a form shown again (200); after one, the
rows the endpoint writes are counted unchanged. Bounded: few examples per endpoint, no deadline.
"""

from __future__ import annotations

import json
import string

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from certificates.models import Certificate
from certificates.services import certificate_issue
from courses.h5p.models import H5PAttempt, H5PLibrary, H5PPackage, H5PStatement
from courses.models import LessonProgress
from courses.quizzes.models import QuizAttempt
from courses.selectors import course_lessons
from lms.accounts.models import User
from sandbox_shop.forms import ListingForm
from sandbox_shop.models import ListingPhoto, PracticeListing
from store.forms import OrderForm, form_stamp
from store.models import Order
from tests.factories import FacilityFactory, LearnerFactory, ListingFactory, build_course, build_product, enrol
from tests.factories.content import add_quiz, build_quiz
from tests.factories.h5p import add_h5p

FUZZ = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=False,
)

NASTY = st.sampled_from(
    [
        "",
        " ",
        "0",
        "-1",
        "1.5",
        "1e309",
        "NaN",
        "99999999999999999999999999",
        "-99999999999999999999",
        "\x00",
        "a\x00b",
        "<script>alert(1)</script>",
        "' OR 1=1 --",
        "../../etc/passwd",
        "true",
        "null",
        "ⓑⓔⓚⓐⓛ" * 40,
        "x" * 5000,
        "2026-13-45",
    ]
)
VALUE = st.one_of(NASTY, st.text(max_size=200), st.integers().map(str))
VALUES = st.one_of(VALUE, st.lists(VALUE, min_size=1, max_size=3))
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=50) | NASTY,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=12,
)


def form_data(names: list[str]):
    keys = st.one_of(st.sampled_from(names), st.text(alphabet=string.ascii_letters + "_-", min_size=1, max_size=12))
    return st.dictionaries(keys, VALUES, max_size=len(names) + 3)


def post_form(client, path, data, **extra):
    # A NUL byte cannot go through the test client's multipart encoder as it can in a browser's:
    # url-encoding sends it like a browser's form does.
    from urllib.parse import urlencode

    return client.post(path, urlencode(data, doseq=True), content_type="application/x-www-form-urlencoded", **extra)


class FuzzEndpoints(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.facility = FacilityFactory(code="FZA")
        cls.course = build_course(lessons=2, title="Kursus Fuzz", slug="kursus-fuzz")
        cls.lesson = course_lessons(cls.course)[0]
        cls.quiz = build_quiz(
            title="Kuis Fuzz",
            questions=[
                {"kind": "single", "text": "Satu?", "options": [("Ya", True), ("Tidak", False)]},
                {"kind": "multiple", "text": "Banyak?", "options": [("A", True), ("B", True), ("C", False)]},
                {"kind": "true_false", "text": "Benar?", "correct_true": True},
                {"kind": "number", "text": "Berapa?", "correct_number": 45000, "tolerance": 0},
            ],
        )
        cls.quiz_block = add_quiz(cls.lesson, cls.quiz, required=False)
        library = H5PLibrary.objects.create(
            machine_name="H5P.Fuzz", major_version=1, minor_version=0, patch_version=0, approved_at="2026-01-01T00:00Z"
        )
        cls.package = H5PPackage.objects.create(title="Fuzz", main_library=library, sha256="f" * 64)
        add_h5p(cls.lesson, cls.package, required=False)
        cls.lesson.refresh_from_db()
        cls.learner = LearnerFactory(facility=cls.facility)
        enrol(cls.learner, cls.course)
        cls.listing = ListingFactory(learner=cls.learner)
        cls.product = build_product(cls.facility, slug="produk-fuzz", makers=[(cls.learner, 1)])
        cls.certificate = certificate_issue(actor=None, learner=cls.learner, course=cls.course)

    def setUp(self):
        self.client = Client()  # raises on a server error: the example fails with the traceback

    def learner_client(self) -> Client:
        client = Client()
        client.force_login(self.learner, backend="lms.accounts.backends.LearnerPinBackend")
        return client

    def counts(self, *models) -> dict:
        return {model.__name__: model.objects.count() for model in models}

    def assert_refused_cleanly(self, response, before: dict, *models):
        assert response.status_code < 500, response.status_code
        if response.status_code >= 400 or response.status_code == 200:
            assert self.counts(*models) == before, f"a refused request wrote rows ({response.status_code})"

    # --- public --------------------------------------------------------------------------------

    @FUZZ
    @given(data=form_data(["facility", "registration_number", "pin", "next"]))
    def test_learner_sign_in(self, data):
        response = post_form(self.client, "/masuk/", data)
        assert response.status_code < 500
        if response.status_code != 302:
            assert "_auth_user_id" not in self.client.session

    @FUZZ
    @given(data=form_data(["login", "password", "remember"]))
    def test_officer_sign_in(self, data):
        assert post_form(self.client, "/accounts/login/", data).status_code < 500

    @FUZZ
    @given(data=form_data(list(OrderForm.base_fields)), fresh_stamp=st.booleans())
    def test_order_form(self, data, fresh_stamp):
        if fresh_stamp:
            data["stamp"] = form_stamp(at=0 if data.get("stamp") == "0" else None)
        before = self.counts(Order)
        response = post_form(self.client, f"/pesan/{self.product.pk}/", data)
        self.assert_refused_cleanly(response, before, Order)

    @FUZZ
    @given(serial=VALUE, data=form_data(["code", "check", "serial"]), pdf=st.binary(max_size=2000))
    def test_certificate_lookup_and_verify(self, serial, data, pdf):
        assert self.client.get("/sertifikat/", {"serial": serial}).status_code < 500
        before = self.counts(Certificate)
        path = f"/sertifikat/{self.certificate.serial}/"
        self.assert_refused_cleanly(post_form(self.client, path, data), before, Certificate)
        upload = SimpleUploadedFile("sertifikat.pdf", b"%PDF-1.4\n" + pdf, content_type="application/pdf")
        response = self.client.post(path, {"check": "pdf", "pdf": upload})
        assert response.status_code < 500

    # --- learners ------------------------------------------------------------------------------

    @FUZZ
    @given(data=form_data(["kind", "seconds"]), lesson_id=st.one_of(st.just(None), st.integers(0, 2**31)))
    def test_lesson_heartbeat(self, data, lesson_id):
        client = self.learner_client()
        lesson = self.lesson.pk if lesson_id is None else lesson_id
        assert post_form(client, f"/belajar/pelajaran/{lesson}/denyut/", data).status_code < 500
        assert post_form(client, f"/belajar/pelajaran/{lesson}/selesai/", data).status_code < 500
        assert post_form(client, "/sesi/denyut/", data).status_code < 500

    @FUZZ
    @given(data=form_data(["quiz_block", "attempt", "action"] + [f"q{n}" for n in range(1, 12)]), real=st.booleans())
    def test_quiz_answer(self, data, real):
        client = self.learner_client()
        if real:
            page = client.get(self.lesson.url)
            token = page.content.decode().split('name="attempt" value="', 1)[-1].split('"', 1)[0]
            data = {"quiz_block": self.quiz_block, "attempt": token, **data}
            for question in self.quiz.questions.all():
                data.setdefault(f"q{question.pk}", data.pop(f"q{question.pk % 12}", "1"))
        before = self.counts(LessonProgress)
        response = post_form(client, self.lesson.url, data)
        assert response.status_code < 500
        if response.status_code >= 400:
            assert self.counts(LessonProgress) == before
        # every recorded attempt is whole: a score and a pass flag, or still open
        for attempt in QuizAttempt.objects.filter(learner=self.learner, submitted_at__isnull=False):
            assert attempt.score is not None

    @FUZZ
    @given(data=form_data(list(ListingForm.base_fields) + ["variants-TOTAL_FORMS", "variants-0-name", "action"]))
    def test_listing_create(self, data):
        client = self.learner_client()
        before = self.counts(PracticeListing, ListingPhoto)
        response = post_form(client, "/toko-latihan/baru/", data)
        self.assert_refused_cleanly(response, before, PracticeListing, ListingPhoto)
        assert post_form(client, "/toko-latihan/periksa/", data).status_code < 500

    @FUZZ
    @given(data=form_data(list(ListingForm.base_fields) + ["variants-TOTAL_FORMS", "variants-0-price", "action"]))
    def test_listing_edit(self, data):
        client = self.learner_client()
        listing = PracticeListing.objects.get(pk=self.listing.pk)
        response = post_form(client, f"/toko-latihan/{listing.pk}/ubah/", data)
        assert response.status_code < 500
        if response.status_code != 302:
            listing.refresh_from_db()
            assert listing.title == self.listing.title and listing.price == self.listing.price, "half-saved"
        assert post_form(client, f"/toko-latihan/{listing.pk}/periksa/", data).status_code < 500
        assert post_form(client, f"/toko-latihan/{listing.pk}/ajukan/", data).status_code < 500

    @FUZZ
    @given(body=JSON, raw=st.binary(max_size=300), use_real_attempt=st.booleans())
    def test_h5p_attempt_and_statements(self, body, raw, use_real_attempt):
        client = self.learner_client()
        start = f"/belajar/h5p/mulai/{self.lesson.pk}/{self.package.pk}/"
        assert client.post(start).status_code < 500  # opening the lesson: starts nothing
        started = client.post(start, json.dumps({"begin": True}), content_type="application/json")
        assert started.status_code < 500
        if use_real_attempt and started.status_code == 200:
            attempt = started.json()["attempt"]
            body = {"attempt": attempt, "statement": body}
        before = self.counts(H5PStatement)
        response = client.post("/belajar/h5p/hasil/", json.dumps(body), content_type="application/json")
        assert response.status_code < 500
        if response.status_code >= 400:
            assert self.counts(H5PStatement) == before
        response = client.post("/belajar/h5p/hasil/", raw, content_type="application/json")
        assert response.status_code < 500
        assert H5PAttempt.objects.filter(learner=self.learner).exclude(lesson=self.lesson).count() == 0

    @FUZZ
    @given(data=form_data(["current_pin", "pin", "new_pin", "new_pin2", "pin1", "pin2"]))
    def test_learner_pin_change(self, data):
        client = self.learner_client()
        before = User.objects.get(pk=self.learner.pk).password
        response = post_form(client, "/masuk/pin/", data)
        assert response.status_code < 500
        if response.status_code != 302:
            assert User.objects.get(pk=self.learner.pk).password == before

    def test_the_fuzzed_endpoints_are_reached(self):
        """Guards the fuzzing: the learner is signed in and the real tokens are found, so payloads go deep."""
        client = self.learner_client()
        page = client.get(self.lesson.url)
        assert page.status_code == 200 and 'name="attempt" value="' in page.content.decode()
        start = f"/belajar/h5p/mulai/{self.lesson.pk}/{self.package.pk}/"
        started = client.post(start, json.dumps({"begin": True}), content_type="application/json")
        assert started.status_code == 200 and started.json()["attempt"]
        assert client.post(f"/belajar/pelajaran/{self.lesson.pk}/denyut/", {"kind": "start"}).status_code == 204
        assert client.get("/toko-latihan/baru/").status_code == 200
        assert self.client.get(f"/pesan/{self.product.pk}/").status_code == 200
        assert self.client.get(f"/sertifikat/{self.certificate.serial}/").status_code == 200

    def test_a_nul_byte_in_a_typed_answer_is_dropped(self):
        """Found by the fuzzing on PostgreSQL: a NUL in a number answer could not be stored (a 500)."""
        client = self.learner_client()
        page = client.get(self.lesson.url).content.decode()
        token = page.split('name="attempt" value="', 1)[1].split('"', 1)[0]
        number = self.quiz.questions.get(kind="number")
        data = {"quiz_block": self.quiz_block, "attempt": token, f"q{number.pk}": "45\x00000"}
        assert post_form(client, self.lesson.url, data).status_code == 302
        attempt = QuizAttempt.objects.get(token=token)
        assert attempt.answers[str(number.pk)]["given"] == "45000"

    def test_h5p_statements_that_are_not_plain_json_are_refused(self):
        """Found by the fuzzing: Infinity made SQLite refuse the row (a 500); NUL does the same on PostgreSQL."""
        client = self.learner_client()
        start = f"/belajar/h5p/mulai/{self.lesson.pk}/{self.package.pk}/"
        attempt = client.post(start, json.dumps({"begin": True}), content_type="application/json").json()["attempt"]
        before = self.counts(H5PStatement)
        for statement in ('{"": Infinity}', '{"score": NaN}', '{"verb": {"id": "a\\u0000b"}}'):
            body = f'{{"attempt": "{attempt}", "statement": {statement}}}'
            response = client.post("/belajar/h5p/hasil/", body, content_type="application/json")
            assert response.status_code == 400, statement
        assert self.counts(H5PStatement) == before

    def test_a_serial_with_a_slash_is_refused_with_a_message(self):
        """Found by the fuzzing: a serial with "/" made the lookup's redirect fail (a 500)."""
        response = self.client.get("/sertifikat/", {"serial": "<script>/x"})
        assert response.status_code == 200
        assert "Nomor seri hanya berisi huruf, angka, dan tanda hubung" in response.content.decode()
