"""Dashboards: role scoping, exports reopened, the monthly PDF, and a constant number of queries."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from lms.accounts.models import User
from lms.reports import aggregates
from lms.reports.models import FacilityCourseStat
from tests.factories import (
    AdminFactory,
    FacilityFactory,
    InstructorFactory,
    LearnerFactory,
    RegionFactory,
    build_course,
    enrol,
)

from .test_aggregates import _mixed_writes


@pytest.fixture
def world():
    region = RegionFactory()
    a = FacilityFactory(region=region, name="Lapas Kalianda")
    b = FacilityFactory(region=region, name="Rutan Menggala")
    far = FacilityFactory(name="Lapas Jauh")  # another region
    admin = AdminFactory(facility=a)
    course = build_course(lessons=4, title="Jualan Online")
    other_course = build_course(lessons=2, title="Menjahit")
    from courses.selectors import course_lessons
    from tests.factories.content import build_quiz

    lessons = course_lessons(course)
    quiz = build_quiz()
    learners = [LearnerFactory(facility=a, full_name=f"Warga {n}") for n in range(4)]
    learners += [LearnerFactory(facility=b) for _ in range(2)]
    w = locals()
    _mixed_writes(w)
    enrol(LearnerFactory(facility=far), course)
    aggregates.rebuild()
    w["regional"] = AdminFactory(role=User.Role.REGIONAL_ADMIN, region=region)
    w["instructor"] = InstructorFactory(facility=a, cohort_learners=[learners[1]])
    return w


FACILITY = reverse("reports:facility_dashboard")
REGION = reverse("reports:region_dashboard")
PDF = reverse("reports:facility_report_pdf")


def test_url_names_and_paths():
    assert FACILITY == "/petugas/laporan/fasilitas/"
    assert REGION == "/petugas/laporan/wilayah/"


@pytest.mark.django_db
def test_facility_admin_sees_own_facility_figures(client, world):
    client.force_login(world["admin"])
    response = client.get(FACILITY)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Lapas Kalianda" in html and "Jualan Online" in html
    assert "<svg" in html and "<title" in html and "<desc" in html
    assert "Warga 3" in html  # at risk: enrolled 30 days ago, never started
    assert client.get(FACILITY, {"facility": world["b"].code}).status_code == 404
    assert client.get(REGION).status_code == 403


@pytest.mark.django_db
def test_instructor_sees_facility_but_only_own_learners_at_risk_and_no_region(client, world):
    client.force_login(world["instructor"])
    html = client.get(FACILITY).content.decode()
    assert "Jualan Online" in html
    assert "Warga 1" in html  # taught, failing a quiz
    assert "Warga 3" not in html  # not taught
    assert client.get(REGION).status_code == 403
    assert client.get(PDF).status_code == 403


@pytest.mark.django_db
def test_regional_admin_picks_a_facility_and_sees_the_region(client, world):
    client.force_login(world["regional"])
    assert client.get(FACILITY).url == REGION
    assert client.get(FACILITY, {"facility": world["b"].code}).status_code == 200
    assert client.get(FACILITY, {"facility": world["far"].code}).status_code == 404
    html = client.get(REGION).content.decode()
    assert "Lapas Kalianda" in html and "Rutan Menggala" in html
    assert "Lapas Jauh" not in html


@pytest.mark.django_db
def test_learner_is_sent_away(client, world):
    client.force_login(world["learners"][0])
    assert client.get(FACILITY).status_code == 302
    assert client.get(REGION).status_code == 302


@pytest.mark.django_db
def test_csv_export_has_the_table_figures(client, world):
    client.force_login(world["admin"])
    response = client.get(FACILITY, {"format": "csv", "table": "courses"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    stat = FacilityCourseStat.objects.get(facility=world["a"], course=world["course"])
    line = next(r for r in rows if r[0] == "Jualan Online")
    assert [int(x) for x in line[1:6]] == [stat.enrolled, stat.started, stat.half_done, stat.completed, stat.certified]
    assert line[1:6] == ["4", "3", "2", "1", "1"]
    assert rows[-1][0] == "Total"


@pytest.mark.django_db
def test_xlsx_export_reopens_with_numbers(client, world):
    client.force_login(world["regional"])
    response = client.get(REGION, {"format": "xlsx", "table": "facilities"})
    book = load_workbook(io.BytesIO(response.content))
    rows = list(book.active.iter_rows(values_only=True))
    kalianda = next(r for r in rows if r[0] and "Lapas Kalianda" in r[0])
    headers = rows[0]
    assert kalianda[headers.index("Pendaftaran kursus")] == 5  # 4 + the other course
    assert rows[-1][0] == "Total"
    assert isinstance(rows[-1][headers.index("Pendaftaran kursus")], int)


@pytest.mark.django_db
def test_unknown_export_is_refused(client, world):
    client.force_login(world["admin"])
    assert client.get(FACILITY, {"format": "csv", "table": "nope"}).status_code == 404
    assert client.get(FACILITY, {"format": "pdf", "table": "courses"}).status_code == 404


@pytest.mark.django_db
def test_bad_month_falls_back_with_a_message(client, world):
    client.force_login(world["admin"])
    html = client.get(FACILITY, {"month": "kemarin"}).content.decode()
    assert "kemarin" in html and "YYYY-MM" in html


@pytest.mark.django_db
def test_monthly_pdf_names_the_facility_and_its_figures(client, world):
    client.force_login(world["admin"])
    response = client.get(PDF)
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Lapas Kalianda" in text
    assert "Jualan Online" in text
    assert "100000" in text.replace(".", "").replace(",", "")  # sales this month
    assert not re.search(r"Warga \d", text)  # no learner names leave the facility


def _queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params or {}).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.django_db
def test_query_count_does_not_grow_with_the_data(client, world):
    client.force_login(world["regional"])
    params = {"facility": world["a"].code}
    small = (_queries(client, FACILITY, params), _queries(client, REGION))
    more_course = build_course(lessons=3, title="Tambahan")
    for n in range(15):
        person = LearnerFactory(facility=world["a"] if n % 2 else world["b"])
        enrol(person, more_course)
        enrol(person, world["course"])
    aggregates.rebuild()
    large = (_queries(client, FACILITY, params), _queries(client, REGION))
    assert large == small


@pytest.mark.django_db
def test_officer_home_links_the_dashboards(client, world):
    client.force_login(world["regional"])
    html = client.get(reverse("officer_home")).content.decode()
    assert FACILITY in html and REGION in html
    client.force_login(world["instructor"])
    html = client.get(reverse("officer_home")).content.decode()
    assert FACILITY in html and REGION not in html


@pytest.mark.django_db
def test_a_facility_without_figures_says_so(client):
    quiet = FacilityFactory(name="Lapas Baru")
    client.force_login(AdminFactory(facility=quiet))
    html = client.get(FACILITY).content.decode()
    assert "Lapas Baru" in html and "angka belum dihitung" in html and "Belum ada data." in html
