"""Reports at national scale: aggregate rebuild time and the regional and facility dashboards.

Data (PostgreSQL only), generated with set-based SQL (``INSERT … SELECT generate_series``), never
row by row through the ORM:

* **500 facilities** in 5 regions (100 per region; the demo's Kanwil Lampung, with KLD and NBL, is
  one of them), each with a store page and one product, 5 lab terminals, a cohort, an instructor.
* **Learners grow per facility**: at scale *n* k there are n × 1,000 learners, spread evenly over
  the same 500 facilities (20, 100, 200 learners per facility at 10k, 50k, 100k). Everything a
  learner does scales with them; so at 100k learners: **5,000,000 lesson-progress rows** (20–80 per
  learner, 50 on average, over 5 of 6 bench courses of 16 lessons), 500,000 enrolments,
  **300,000 quiz attempts** (3 per learner, about a third failing), ~130,000 certificates (half
  of the completed enrolments), ~20,000 practice listings with their status changes,
  **50,000 orders** (one line each; 70 % completed, with their sales ledger lines and premi
  allocations), 200,000 learner lab sign-ins on the facilities' terminals. Lab sessions (104 per
  facility over the year) depend on facilities only. Times spread over the last 12 months; about
  a third of the learners are inactive 14+ days. Per-learner choices come from ``hashint8`` of
  the learner's number, so facilities differ from one another.
  The regional view (100 facilities) should cost the same at every scale: it reads aggregates.

Course and store pages are made once through the ORM and Wagtail (``seed_demo`` plus 6 bench
courses) in a template database; each scale's database is a copy of it (``CREATE DATABASE …
TEMPLATE``) filled by SQL, and then **kept**: a later run finds the marker table
``bench_reports_marker`` (generator version, learner count, date) and reuses the data. Data older
than ``BENCH_REPORTS_MAX_AGE_DAYS`` is regenerated ("this week" would be empty otherwise).
Generating, measured on the 2-core CI machine under load: template 4.5 min, 10k 50 s, 50k 2.3 min,
100k 4 min. A run on kept data takes about 10 min, nearly all of it the three full ``rebuild()``
calls (35 s, 160 s, 260 s); ``BENCH_REPORTS_SCALES=10`` or ``BENCH_REPORTS_REBUILD=0`` for a short run.

Each scale, in its own process: ``migrate`` (new report tables arrive with new migrations),
``lms.reports.aggregates.rebuild()`` timed, then with Django's test ``Client`` (signed in with
``force_login``): the regional dashboard as the demo regional administrator and the facility
dashboard of KLD as its facility administrator; warm-up requests, then the median of N. The
queries of one request are printed (count, slowest) so a slow page can be traced.

Environment knobs:

* ``BENCH_REPORTS_SCALES`` (default ``10,50,100``): learner counts, in thousands.
* ``BENCH_REPORTS_DATABASE_URL`` (default ``postgres://postgres@127.0.0.1:5432/bekal_reports_bench``):
  the server and the base name; databases ``<name>_base`` and ``<name>_<n>k`` are used.
* ``BENCH_REPORTS_REQUESTS`` (default 10): timed requests per dashboard (after 3 warm-up requests).
* ``BENCH_REPORTS_REBUILD=0``: keep the aggregates of the last run (no rebuild, no rebuild figures);
  for quick reruns of the page timings only. The full rebuild is most of the run's time.
* ``BENCH_REPORTS_FRESH=1``: regenerate everything (template and scales).
* ``BENCH_REPORTS_DROP=1``: drop the databases after the run.
* ``BENCH_REPORTS_MAX_AGE_DAYS`` (default 7): regenerate a scale whose data is older.
* ``CACHE_URL`` is passed through (the dashboards use the configured cache, as in production).

Prints ``RESULT reports_rebuild_<n>k_s``, ``RESULT region_dashboard_<n>k_ms`` and
``RESULT facility_dashboard_<n>k_ms`` per scale (targets: region < 1 s, facility < 200 ms), and
``RESULT reports_refresh_one_facility_<n>k_ms`` (``rebuild([KLD])``, what the beat task does for a
stale facility) and ``RESULT national_dashboard_<n>k_ms`` (the regional page for a superuser: all
500 facilities).
"""

from __future__ import annotations

import datetime
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

GENERATOR_VERSION = "2"
TEMPLATE_VERSION = "1"
SCALES = [int(s) for s in os.environ.get("BENCH_REPORTS_SCALES", "10,50,100").split(",") if s.strip()]
SERVER_URL = os.environ.get("BENCH_REPORTS_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bekal_reports_bench")
REQUESTS = int(os.environ.get("BENCH_REPORTS_REQUESTS", "10"))
REBUILD = os.environ.get("BENCH_REPORTS_REBUILD", "1") != "0"
WARMUP = 3
MAX_AGE_DAYS = float(os.environ.get("BENCH_REPORTS_MAX_AGE_DAYS", "7"))
FRESH = os.environ.get("BENCH_REPORTS_FRESH", "") == "1"
DROP = os.environ.get("BENCH_REPORTS_DROP", "") == "1"

REGIONS = [
    "Kanwil Lampung",
    "Kanwil Jawa Barat",
    "Kanwil Jawa Timur",
    "Kanwil Sumatera Utara",
    "Kanwil Sulawesi Selatan",
]
FACILITIES_PER_REGION = 100
COURSES = 6  # bench courses; each learner takes 5 of them
MODULES = 4
LESSONS_PER_MODULE = 4  # the last lesson of each module ends with a quiz
TERMINALS = 5
REGIONAL_ADMIN = "kanwil@lampung.bekal.test"  # seed_demo's (Kanwil Lampung)
FACILITY_ADMIN = "admin@kld.bekal.test"  # seed_demo's (KLD)

_base, _, BASE_NAME = SERVER_URL.rpartition("/")
ADMIN_URL = f"{_base}/postgres"


def db_url(name: str) -> str:
    return f"{_base}/{name}"


def template_db() -> str:
    return f"{BASE_NAME}_base"


def scale_db(n: int) -> str:
    return f"{BASE_NAME}_{n}k"


# --- the parent: databases, markers, one child process per step ------------------------------


def admin_execute(sql: str) -> None:
    import psycopg

    with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
        conn.execute(sql)


def marker(name: str) -> dict[str, str] | None:
    """The marker table's rows of database ``name``, or None (no database, or no complete marker)."""
    import psycopg

    try:
        with psycopg.connect(db_url(name), autocommit=True) as conn:
            rows = conn.execute("SELECT key, value FROM bench_reports_marker").fetchall()
    except psycopg.Error:
        return None
    return dict(rows) or None


def child(step: str, database: str, *args: str) -> None:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=db_url(database),
        DJANGO_SETTINGS_MODULE="lms.settings",
        BEKAL_VAR_DIR=str(BASE_DIR / "var" / "bench-reports"),
        CELERY_TASK_ALWAYS_EAGER="true",
        PYTHONUNBUFFERED="1",
    )
    env.pop("CELERY_BROKER_URL", None)
    subprocess.run([sys.executable, __file__, "--child", step, *args], env=env, check=True)


def ensure_template() -> None:
    name = template_db()
    found = marker(name)
    if not FRESH and found and found.get("template") == TEMPLATE_VERSION:
        return
    print(f"-- building the template database {name} (migrate, seed_demo, 500 facilities, bench courses)")
    start = time.perf_counter()
    admin_execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin_execute(f'CREATE DATABASE "{name}"')
    child("template", name)
    print(f"-- template ready in {time.perf_counter() - start:.0f} s")


def ensure_scale(n: int) -> None:
    name = scale_db(n)
    found = marker(name)
    if not FRESH and found and found.get("generator") == GENERATOR_VERSION and found.get("learners") == str(n * 1000):
        age = time.time() - float(found.get("generated_at", "0"))
        if age < MAX_AGE_DAYS * 86400 and found.get("template") == TEMPLATE_VERSION:
            print(f"-- {name}: reusing the data generated {age / 3600:.1f} h ago")
            return
    ensure_template()
    print(f"-- {name}: generating {n}k learners")
    start = time.perf_counter()
    admin_execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin_execute(f'CREATE DATABASE "{name}" TEMPLATE "{template_db()}"')
    child("generate", name, str(n))
    print(f"-- {name}: generated in {time.perf_counter() - start:.0f} s")


def main() -> None:
    if not SERVER_URL.startswith(("postgres://", "postgresql://")):
        sys.exit("bench/reports.py needs PostgreSQL (BENCH_REPORTS_DATABASE_URL)")
    try:
        for n in SCALES:
            ensure_scale(n)
            child("measure", scale_db(n), str(n))
    finally:
        if DROP:
            for name in [template_db(), *(scale_db(n) for n in SCALES)]:
                admin_execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# --- children: Django set up on one database -----------------------------------------------


def setup_django() -> None:
    import django

    django.setup()


def run_sql(cursor, label: str, sql: str, params=None) -> None:
    start = time.perf_counter()
    cursor.execute(sql, params or {})  # always parsed, so %% is % everywhere
    print(f"   {label}: {cursor.rowcount} rows, {time.perf_counter() - start:.1f} s", flush=True)


def bench_course_spec(c: int) -> tuple[dict, list[dict]]:
    modules, quizzes = [], []
    for m in range(MODULES):
        lessons = []
        for lesson in range(LESSONS_PER_MODULE):
            slug = f"bench-{c}-{m}-{lesson}"
            lessons.append(
                {
                    "title": f"Pelajaran {m + 1}.{lesson + 1}",
                    "slug": slug,
                    "minutes": 10,
                    "body": [("paragraph", f"<p>Isi pelajaran {m + 1}.{lesson + 1} kursus uji {c + 1}.</p>")],
                }
            )
        modules.append({"title": f"Modul {m + 1}", "intro": "", "lessons": lessons})
        quizzes.append(
            {
                "title": f"Kuis uji {c + 1}.{m + 1}",
                "intro": "",
                "pass_mark": 70,
                "score_policy": "best",
                "lesson": lessons[-1]["slug"],
                "questions": [{"kind": "true_false", "text": "Foto produk harus terang.", "correct_true": True}],
            }
        )
    spec = {
        "slug": f"kursus-uji-{c + 1}",
        "title": f"Kursus uji {c + 1}",
        "summary": "Kursus buatan benchmark laporan.",
        "estimated_hours": 4,
        "audience": "wbp",
        "modules": modules,
    }
    return spec, quizzes


def step_template() -> None:
    """Schema, demo data and everything made through the ORM/Wagtail once: facilities, pages, courses."""
    from django.core.management import call_command

    call_command("migrate", "--noinput", verbosity=0)
    start = time.perf_counter()
    call_command("seed_demo", verbosity=0)
    print(f"   seed_demo: {time.perf_counter() - start:.0f} s", flush=True)
    extras_start = time.perf_counter()

    from django.db import connection, transaction

    from courses.quizzes.models import Quiz
    from lms.accounts.models import Cohort, Facility, Region, User
    from lms.home.curriculum.builder import course_build, course_index, quizzes_place
    from lms.home.models import HomePage
    from lms.labs.models import Terminal
    from store.models import InventoryItem, ProductPage, SplitRule, StoreIndexPage, StoreRootPage

    with transaction.atomic():
        regions = [Region.objects.get_or_create(name=name)[0] for name in REGIONS]
        existing = set(Facility.objects.values_list("code", flat=True))
        new = []
        for r, region in enumerate(regions):
            have = Facility.objects.filter(region=region).count()
            for k in range(FACILITIES_PER_REGION - have):
                code = f"B{r}{k:03d}"
                if code not in existing:
                    new.append(Facility(code=code, name=f"Lapas Uji {r}-{k:03d}", region=region))
        Facility.objects.bulk_create(new)
        facilities = list(Facility.objects.order_by("pk"))
        instructors = {u.facility_id for u in User.objects.filter(role=User.Role.INSTRUCTOR)}
        User.objects.bulk_create(
            [
                User(
                    username=f"instruktur.{f.code.lower()}@bench.test",
                    email=f"instruktur.{f.code.lower()}@bench.test",
                    full_name=f"Instruktur {f.code}",
                    role=User.Role.INSTRUCTOR,
                    facility=f,
                    password="!bench",  # noqa: S106  (unusable)
                )
                for f in facilities
                if f.pk not in instructors
            ]
        )
        Terminal.objects.bulk_create(
            [Terminal(facility=f, name=f"PC-{t + 1:02d}", location="Lab") for f in facilities for t in range(TERMINALS)]
        )
        with_rule = set(SplitRule.objects.values_list("facility_id", flat=True))
        SplitRule.objects.bulk_create(
            [
                SplitRule(
                    facility=f,
                    effective_from=datetime.date(2025, 1, 1),
                    premi_percent=50,
                    pnbp_percent=40,
                    capital_percent=10,
                    note="Bench",
                )
                for f in facilities
                if f.pk not in with_rule
            ]
        )
        Cohort.objects.bulk_create([Cohort(facility=f, name="Kelas Uji") for f in facilities])

    start = time.perf_counter()
    home = HomePage.objects.first()
    index = course_index(home)
    courses = []
    for c in range(COURSES):
        spec, quizzes = bench_course_spec(c)
        course = course_build(index=index, spec=spec)
        quizzes_place(course=course, specs=quizzes)
        courses.append(course)
    print(f"   {COURSES} bench courses: {time.perf_counter() - start:.0f} s", flush=True)

    start = time.perf_counter()
    root = StoreRootPage.objects.first()
    with transaction.atomic():
        stores = {s.facility_id: s for s in StoreIndexPage.objects.all()}
        for f in facilities:
            if f.pk not in stores:
                store = StoreIndexPage(title=f"Toko {f.name}", slug=f.code.lower(), facility=f, intro="")
                root.add_child(instance=store)
                stores[f.pk] = store
        for f in facilities:
            item = InventoryItem.objects.create(facility=f, name="Tas anyam uji", quantity=1_000_000, unit_cost=15000)
            product = ProductPage(
                title="Tas anyam uji",
                slug=f"tas-anyam-uji-{f.code.lower()}",
                description="Produk benchmark.",
                price=25000,
                category="kerajinan",
                inventory=item,
            )
            stores[f.pk].add_child(instance=product)
    print(f"   {len(facilities)} stores and products: {time.perf_counter() - start:.0f} s", flush=True)

    with connection.cursor() as cursor:
        cursor.execute(
            """
            CREATE TABLE bench_reports_facility AS
            SELECT (row_number() OVER (ORDER BY f.id) - 1)::int AS idx, f.id AS facility_id, f.code, f.name,
                   (SELECT min(u.id) FROM accounts_user u WHERE u.facility_id = f.id AND u.role = 'instructor')
                       AS instructor_id,
                   (SELECT max(p.page_ptr_id) FROM store_productpage p JOIN store_inventoryitem i
                       ON i.id = p.inventory_id WHERE i.facility_id = f.id AND i.name = 'Tas anyam uji')
                       AS product_id,
                   (SELECT max(i.id) FROM store_inventoryitem i WHERE i.facility_id = f.id
                       AND i.name = 'Tas anyam uji') AS inventory_id,
                   (SELECT min(s.id) FROM store_splitrule s WHERE s.facility_id = f.id) AS split_rule_id,
                   (SELECT c.id FROM accounts_cohort c WHERE c.facility_id = f.id AND c.name = 'Kelas Uji')
                       AS cohort_id
            FROM accounts_facility f
            """
        )
        cursor.execute(
            """
            CREATE TABLE bench_reports_terminal AS
            SELECT facility_id, (row_number() OVER (PARTITION BY facility_id ORDER BY id) - 1)::int AS n,
                   id AS terminal_id
            FROM labs_terminal WHERE location = 'Lab'
            """
        )
        rows = []
        quiz_by_title = dict(Quiz.objects.filter(title__startswith="Kuis uji").values_list("title", "pk"))
        from courses.models import LessonPage

        for c, course in enumerate(courses):
            lessons = {p.slug: p.pk for p in LessonPage.objects.descendant_of(course)}
            for m in range(MODULES):
                for lesson in range(LESSONS_PER_MODULE):
                    quiz = quiz_by_title[f"Kuis uji {c + 1}.{m + 1}"] if lesson == LESSONS_PER_MODULE - 1 else None
                    rows.append(
                        (c, m * LESSONS_PER_MODULE + lesson, lessons[f"bench-{c}-{m}-{lesson}"], course.pk, quiz)
                    )
        cursor.execute(
            "CREATE TABLE bench_reports_lesson (course_idx int, pos int, lesson_id int, course_id int, quiz_id bigint)"
        )
        cursor.executemany("INSERT INTO bench_reports_lesson VALUES (%s, %s, %s, %s, %s)", rows)
        cursor.execute(
            """
            INSERT INTO accounts_cohort_courses (cohort_id, coursepage_id)
            SELECT f.cohort_id, c.course_id FROM bench_reports_facility f
            CROSS JOIN (SELECT DISTINCT course_id FROM bench_reports_lesson) c
            """
        )
        cursor.execute("CREATE TABLE bench_reports_marker (key text PRIMARY KEY, value text NOT NULL)")
        cursor.execute("INSERT INTO bench_reports_marker VALUES ('template', %s)", [TEMPLATE_VERSION])
    print(f"   facilities, courses, stores, maps: {time.perf_counter() - extras_start:.0f} s", flush=True)


def step_generate(n: int) -> None:
    """The learners and everything they did, in set-based SQL, then ANALYZE."""
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", "--noinput", verbosity=0)
    learners = n * 1000
    lessons_per_course = MODULES * LESSONS_PER_MODULE
    params = {"learners": learners, "lpc": lessons_per_course, "courses": COURSES, "terminals": TERMINALS}
    with connection.cursor() as c:
        c.execute("SET synchronous_commit = off")
        # Foreign keys are checked by per-row triggers; the generator builds consistent rows (checked below).
        c.execute("SET session_replication_role = replica")
        c.execute("SELECT count(*) FROM bench_reports_facility")
        params["facilities"] = c.fetchone()[0]
        run_sql(
            c,
            "learners",
            """
            INSERT INTO accounts_user (password, is_superuser, username, first_name, last_name, email, is_staff,
                is_active, date_joined, role, full_name, registration_number, must_change_pin, facility_id,
                birth_year, deactivated_at, gender)
            SELECT '!bench', false, lower(f.code) || '+bx.' || g, '', '', '', false, h.h %% 50 <> 0,
                   now() - interval '400 days', 'learner', 'Peserta Uji ' || g, 'BX.' || g, false, f.facility_id,
                   1970 + h.h %% 35, CASE WHEN h.h %% 50 = 0 THEN now() - interval '10 days' END,
                   CASE WHEN h.h %% 10 < 8 THEN 'L' ELSE 'P' END
            FROM generate_series(1, %(learners)s) g
            CROSS JOIN LATERAL (SELECT hashint8(g) & 2147483647 AS h) h
            JOIN bench_reports_facility f ON f.idx = (g - 1) %% %(facilities)s
            """,
            params,
        )
        c.execute("ANALYZE accounts_user")  # statistics for what follows
        # Per learner: r lessons reached (20–80), skipped course, enrolment start e, last activity a.
        run_sql(
            c,
            "learner plan",
            """
            CREATE TABLE bench_reports_learner AS
            SELECT id AS learner_id, i, facility_id, idx, r, r - (CASE WHEN i %% 3 = 0 THEN 1 ELSE 0 END) AS done,
                   i %% %(courses)s AS skip, e, greatest(a, e + interval '1 day') AS a
            FROM (
                SELECT u.id, u.facility_id, f.idx, s.i, 20 + (s.i * 7919) %% 61 AS r,
                       now() - interval '1 day' * (30 + (s.i * 104729) %% 335) AS e,
                       now() - interval '1 day' * floor(150 * power(((hashint8(s.i) & 2147483647) %% 1000) / 1000.0, 6))
                           - interval '1 minute' * (s.i %% 600) AS a
                FROM accounts_user u
                CROSS JOIN LATERAL (SELECT substr(u.registration_number, 4)::bigint AS i) s
                JOIN bench_reports_facility f ON f.facility_id = u.facility_id
                WHERE u.role = 'learner' AND u.registration_number LIKE 'BX.%%'
            ) t
            """,
            params,
        )
        c.execute("ANALYZE bench_reports_learner")  # statistics for what follows
        c.execute("CREATE INDEX ON bench_reports_learner (learner_id)")
        run_sql(
            c,
            "cohort members",
            """
            INSERT INTO accounts_cohort_learners (cohort_id, user_id)
            SELECT f.cohort_id, l.learner_id FROM bench_reports_learner l JOIN bench_reports_facility f USING (idx)
            """,
        )
        # The j-th course a learner takes is bench course (skip + 1 + j) mod 6; lesson k of the learner's
        # path is position k mod 16 of course k / 16. Row k happened at e + (a - e) * (k + 1) / r.
        run_sql(
            c,
            "lesson progress",
            """
            INSERT INTO courses_lessonprogress (started_at, completed_at, learner_id, lesson_id, last_seen_at,
                seconds_on_task)
            SELECT t - interval '20 minutes', CASE WHEN k < l.done THEN t END, l.learner_id, bl.lesson_id, t,
                   240 + (l.i * 31 + k * 17) %% 1500
            FROM bench_reports_learner l
            CROSS JOIN LATERAL generate_series(0, l.r - 1) k
            CROSS JOIN LATERAL (SELECT l.e + (l.a - l.e) * ((k + 1)::float8 / l.r) AS t) tt
            JOIN bench_reports_lesson bl ON bl.course_idx = (l.skip + 1 + k / %(lpc)s) %% %(courses)s
                AND bl.pos = k %% %(lpc)s
            """,
            params,
        )
        run_sql(
            c,
            "enrolments",
            """
            INSERT INTO courses_enrollment (source, enrolled_at, completed_at, course_id, learner_id)
            SELECT 'cohort', l.e - interval '1 hour' + interval '1 day' * j,
                   CASE WHEN l.done >= %(lpc)s * (j + 1)
                        THEN l.e + (l.a - l.e) * ((%(lpc)s * (j + 1))::float8 / l.r) END,
                   cm.course_id, l.learner_id
            FROM bench_reports_learner l
            CROSS JOIN generate_series(0, %(courses)s - 2) j
            JOIN (SELECT DISTINCT course_idx, course_id FROM bench_reports_lesson) cm
                ON cm.course_idx = (l.skip + 1 + j) %% %(courses)s
            """,
            params,
        )
        c.execute("ANALYZE courses_lessonprogress, courses_enrollment")  # statistics for what follows
        run_sql(
            c,
            "quiz attempts",
            """
            INSERT INTO courses_quizattempt (token, seed, answers, score, passed, started_at, submitted_at,
                learner_id, lesson_id, quiz_id)
            SELECT gen_random_uuid(), 1 + (l.i * 7 + j) %% 100000, '{}'::jsonb, s.score, s.score >= 70,
                   t - interval '5 minutes', t, l.learner_id, bl.lesson_id, bl.quiz_id
            FROM bench_reports_learner l
            CROSS JOIN generate_series(0, 2) j
            CROSS JOIN LATERAL (SELECT 4 * ((hashint8(l.i * 3 + j) & 2147483647) %% (l.r / 4)) + 3 AS k) kk
            CROSS JOIN LATERAL (SELECT l.e + (l.a - l.e) * ((kk.k + 1)::float8 / l.r) AS t,
                                       ((l.i * 37 + j * 53) %% 101)::numeric AS score) s
            JOIN bench_reports_lesson bl ON bl.course_idx = (l.skip + 1 + kk.k / %(lpc)s) %% %(courses)s
                AND bl.pos = kk.k %% %(lpc)s
            """,
            params,
        )
        c.execute("ANALYZE courses_quizattempt")  # statistics for what follows
        run_sql(
            c,
            "certificates",
            """
            INSERT INTO certificates_certificate (serial, learner_name, course_title, facility_name, issued_on,
                verification_code, status, pdf, rendered_at, revocation_reason, created_at, course_id, facility_id,
                learner_id, key_id, pdf_sha256, signature)
            SELECT f.code || '-UJI-' || en.id, u.full_name, p.title, f.name, (en.completed_at + interval '1 day')::date,
                   substr(md5('v' || en.id), 1, 16), 'ready', '', en.completed_at + interval '1 day', '',
                   en.completed_at + interval '1 day', en.course_id, u.facility_id, u.id, '', '', ''
            FROM courses_enrollment en
            JOIN accounts_user u ON u.id = en.learner_id AND u.registration_number LIKE 'BX.%%'
            JOIN bench_reports_facility f ON f.facility_id = u.facility_id
            JOIN wagtailcore_page p ON p.id = en.course_id
            WHERE en.completed_at IS NOT NULL AND en.id %% 2 = 0
                AND en.completed_at < now() - interval '1 day'
            """,
        )
        run_sql(
            c,
            "listings",
            """
            INSERT INTO sandbox_shop_practicelisting (category, title, description, price, status, review_comment,
                created_at, updated_at, facility_id, learner_id, bpom_md_number, cost_labour, cost_materials,
                cost_other, cost_packaging, halal_number, halal_status, marketplace, markup_percent, nib,
                spp_irt_number, stock, subcategory)
            SELECT 'kerajinan', 'Tas anyam ' || l.i, 'Tas anyam buatan tangan.', 25000 + (l.i %% 20) * 1000,
                   (ARRAY['draft', 'draft', 'submitted', 'changes_requested', 'rejected', 'approved', 'approved',
                          'approved', 'promoted', 'promoted'])[1 + (hashint8(-l.i) & 2147483647) %% 10],
                   '', l.a - interval '10 days', l.a - interval '5 days', l.facility_id, l.learner_id, '', 5000,
                   10000, 0, 1000, '', '', 'shopee', 40, '', '', 3, ''
            FROM bench_reports_learner l WHERE (hashint8(l.i + 7) & 2147483647) %% 5 = 0
            """,
        )
        c.execute("ANALYZE sandbox_shop_practicelisting")  # statistics for what follows
        run_sql(
            c,
            "listing status changes",
            """
            INSERT INTO sandbox_shop_listingstatuschange (from_status, to_status, comment, created_at, actor_id,
                listing_id)
            SELECT s.from_status, s.to_status, '', pl.created_at + interval '1 day' * s.step,
                   CASE WHEN s.step = 1 THEN pl.learner_id ELSE f.instructor_id END, pl.id
            FROM sandbox_shop_practicelisting pl
            JOIN bench_reports_facility f ON f.facility_id = pl.facility_id
            JOIN (VALUES ('submitted', 'draft', 'submitted', 1), ('changes_requested', 'draft', 'submitted', 1),
                         ('changes_requested', 'submitted', 'changes_requested', 2),
                         ('rejected', 'draft', 'submitted', 1), ('rejected', 'submitted', 'rejected', 2),
                         ('approved', 'draft', 'submitted', 1), ('approved', 'submitted', 'approved', 2),
                         ('promoted', 'draft', 'submitted', 1), ('promoted', 'submitted', 'approved', 2),
                         ('promoted', 'approved', 'promoted', 3))
                AS s (status, from_status, to_status, step) ON s.status = pl.status
            WHERE pl.title LIKE 'Tas anyam %%' AND pl.description = 'Tas anyam buatan tangan.'
            """,
        )
        run_sql(
            c,
            "product makers",
            """
            INSERT INTO store_productmaker (sort_order, share, learner_id, page_id)
            SELECT 0, 1, min(l.learner_id), f.product_id
            FROM bench_reports_facility f JOIN bench_reports_learner l USING (idx)
            GROUP BY f.product_id
            """,
        )
        run_sql(
            c,
            "orders",
            """
            INSERT INTO store_order (number, public_token, buyer_name, buyer_phone, buyer_address, payment_method,
                status, courier, receipt_number, total, created_at, updated_at, completed_at, facility_id)
            SELECT 'UJI-' || g, md5('bench-order-' || g), 'Pembeli ' || g, '0812' || lpad(g::text, 8, '0'),
                   'Jl. Uji No. ' || g, (ARRAY['transfer', 'cod', 'pickup'])[1 + g %% 3], o.status, '', '',
                   25000 * (1 + g %% 3), o.created_at, o.created_at + interval '3 days',
                   CASE WHEN o.status = 'completed' THEN o.created_at + interval '3 days' END, f.facility_id
            FROM generate_series(1, %(learners)s / 2) g
            JOIN bench_reports_facility f ON f.idx = (g - 1) %% %(facilities)s
            CROSS JOIN LATERAL (
                SELECT now() - interval '1 day' * ((g * 7919) %% 365) - interval '1 minute' * (g %% 1440) AS created_at,
                       coalesce((ARRAY['cancelled', 'cancelled', 'new', 'confirmed', 'paid', 'shipped'])[
                           1 + (hashint8(-g) & 2147483647) %% 20], 'completed') AS status) o
            """,
            params,
        )
        c.execute("ANALYZE store_order")  # statistics for what follows
        run_sql(
            c,
            "order lines",
            """
            INSERT INTO store_orderline (title, variant_name, quantity, unit_price, inventory_id, order_id,
                product_id)
            SELECT 'Tas anyam uji', '', o.total / 25000, 25000, f.inventory_id, o.id, f.product_id
            FROM store_order o JOIN bench_reports_facility f ON f.facility_id = o.facility_id
            WHERE o.number LIKE 'UJI-%%'
            """,
        )
        c.execute("ANALYZE store_orderline")  # statistics for what follows
        run_sql(
            c,
            "sales",
            """
            INSERT INTO store_sale (sold_on, title, quantity, amount, premi_amount, pnbp_amount, capital_amount,
                created_at, facility_id, order_line_id, split_rule_id)
            SELECT o.completed_at::date, ol.title, ol.quantity, o.total, o.total / 2, o.total * 2 / 5,
                   o.total - o.total / 2 - o.total * 2 / 5, o.completed_at, o.facility_id, ol.id, f.split_rule_id
            FROM store_order o JOIN store_orderline ol ON ol.order_id = o.id
            JOIN bench_reports_facility f ON f.facility_id = o.facility_id
            WHERE o.number LIKE 'UJI-%%' AND o.status = 'completed'
            """,
        )
        c.execute("ANALYZE store_sale")  # statistics for what follows
        run_sql(
            c,
            "premi allocations",
            """
            INSERT INTO store_premiallocation (share, amount, learner_id, sale_id)
            SELECT 1, s.premi_amount, m.learner_id, s.id
            FROM store_sale s JOIN store_orderline ol ON ol.id = s.order_line_id
            JOIN store_productmaker m ON m.page_id = ol.product_id
            WHERE s.title = 'Tas anyam uji'
            """,
        )
        run_sql(
            c,
            "lab sessions",
            """
            INSERT INTO labs_labsession (opened_at, planned_end, closed_at, closed_by_id, facility_id, opened_by_id)
            SELECT s.t, s.t + interval '3 hours', s.t + interval '3 hours', f.instructor_id, f.facility_id,
                   f.instructor_id
            FROM bench_reports_facility f
            CROSS JOIN generate_series(1, 104) w
            CROSS JOIN LATERAL (SELECT date_trunc('day', now()) - interval '84 hours' * w + interval '8 hours'
                                    AS t) s
            """,
        )
        run_sql(
            c,
            "learner lab sign-ins",
            """
            INSERT INTO labs_learnersession (session_key, started_at, last_seen_at, current_path, current_title,
                ended_at, end_reason, facility_id, learner_id, terminal_id)
            SELECT substr(md5('s' || l.learner_id || '-' || j), 1, 32), s.t, s.t + interval '40 minutes', '', '',
                   s.t + interval '45 minutes', 'signed_out', l.facility_id, l.learner_id, t.terminal_id
            FROM bench_reports_learner l
            CROSS JOIN generate_series(0, 1) j
            CROSS JOIN LATERAL (SELECT CASE WHEN j = 0 THEN l.a - interval '30 minutes'
                                            ELSE l.e + (l.a - l.e) / 2 END AS t) s
            JOIN bench_reports_terminal t ON t.facility_id = l.facility_id
                AND t.n = (hashint8(l.i * 2 + j) & 2147483647) %% %(terminals)s
            """,
            params,
        )
        c.execute("SET session_replication_role = DEFAULT")
        check_foreign_keys(c)
        check_sizes(c, learners)
        start = time.perf_counter()
        c.execute("ANALYZE")
        print(f"   analyze: {time.perf_counter() - start:.1f} s", flush=True)
        c.execute("DELETE FROM bench_reports_marker WHERE key <> 'template'")
        c.executemany(
            "INSERT INTO bench_reports_marker VALUES (%s, %s)",
            [("generator", GENERATOR_VERSION), ("learners", str(learners)), ("generated_at", str(time.time()))],
        )
    print_counts()


def check_foreign_keys(cursor) -> None:
    """The generated rows' references, checked once in bulk (the per-row triggers were off)."""
    checks = {
        "lesson progress → lesson": "SELECT count(*) FROM courses_lessonprogress x "
        "LEFT JOIN courses_lessonpage p ON p.page_ptr_id = x.lesson_id WHERE p.page_ptr_id IS NULL",
        "enrolment → course": "SELECT count(*) FROM courses_enrollment x "
        "LEFT JOIN courses_coursepage p ON p.page_ptr_id = x.course_id WHERE p.page_ptr_id IS NULL",
        "attempt → quiz": "SELECT count(*) FROM courses_quizattempt x "
        "LEFT JOIN courses_quiz q ON q.id = x.quiz_id WHERE q.id IS NULL",
        "order line → product": "SELECT count(*) FROM store_orderline x "
        "LEFT JOIN store_productpage p ON p.page_ptr_id = x.product_id WHERE p.page_ptr_id IS NULL",
        "sale → split rule": "SELECT count(*) FROM store_sale x "
        "LEFT JOIN store_splitrule r ON r.id = x.split_rule_id WHERE r.id IS NULL",
        "lab session → officer": "SELECT count(*) FROM labs_labsession x "
        "LEFT JOIN accounts_user u ON u.id = x.opened_by_id WHERE u.id IS NULL",
        "sign-in → terminal": "SELECT count(*) FROM labs_learnersession x "
        "LEFT JOIN labs_terminal t ON t.id = x.terminal_id WHERE x.terminal_id IS NOT NULL AND t.id IS NULL",
    }
    for label, sql in checks.items():
        cursor.execute(sql)
        missing = cursor.fetchone()[0]
        if missing:
            raise SystemExit(f"generated data is inconsistent: {missing} rows of {label} point nowhere")


def check_sizes(cursor, learners: int) -> None:
    """The issue's sizes, scaled: 50 progress rows, 5 enrolments, 3 attempts and half an order per learner."""
    expected = [
        ("courses_lessonprogress", 50 * learners, 0.01),
        ("courses_enrollment", 5 * learners, 0),
        ("courses_quizattempt", 3 * learners, 0),
        ("store_order", learners // 2, 0),
    ]
    for table, size, tolerance in expected:
        if table == "store_order":
            cursor.execute("SELECT count(*) FROM store_order WHERE number LIKE 'UJI-%'")
        else:
            cursor.execute(
                f"SELECT count(*) FROM {table} JOIN bench_reports_learner USING (learner_id)"  # noqa: S608  (constant)
            )
        found = cursor.fetchone()[0]
        if abs(found - size) > size * tolerance:
            raise SystemExit(f"generated {found:,} rows in {table}, expected {size:,}")


COUNTED = [
    ("facilities", "accounts_facility"),
    ("learners", "accounts_user WHERE role = 'learner'"),
    ("enrolments", "courses_enrollment"),
    ("lesson progress", "courses_lessonprogress"),
    ("quiz attempts", "courses_quizattempt"),
    ("certificates", "certificates_certificate"),
    ("listings", "sandbox_shop_practicelisting"),
    ("listing status changes", "sandbox_shop_listingstatuschange"),
    ("orders", "store_order"),
    ("sales", "store_sale"),
    ("premi allocations", "store_premiallocation"),
    ("lab sessions", "labs_labsession"),
    ("learner lab sign-ins", "labs_learnersession"),
]


def print_counts() -> None:
    from django.db import connection

    with connection.cursor() as c:
        parts = []
        for label, table in COUNTED:
            c.execute(f"SELECT count(*) FROM {table}")  # noqa: S608  (constant table names)
            parts.append(f"{label} {c.fetchone()[0]:,}")
    print("   rows: " + ", ".join(parts), flush=True)


def timed_get(client, url: str) -> tuple[float, int]:
    start = time.perf_counter()
    response = client.get(url)
    elapsed = time.perf_counter() - start
    if response.status_code != 200:
        raise SystemExit(f"GET {url} answered {response.status_code}: {response.headers.get('Location', '')}")
    return elapsed, len(response.content)


def profile(client, url: str) -> None:
    """One request's queries: how many, their total time, the slowest three."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    queries = sorted(ctx.captured_queries, key=lambda q: -float(q["time"]))
    total = sum(float(q["time"]) for q in queries)
    print(f"   {url}: {len(queries)} queries, {total * 1000:.1f} ms in the database", flush=True)
    for q in queries[:3]:
        print(f"     {float(q['time']) * 1000:7.1f} ms  {q['sql'][:300]}", flush=True)


def measure_page(client, url: str) -> float:
    for _ in range(WARMUP):
        timed_get(client, url)
    times = [timed_get(client, url)[0] for _ in range(REQUESTS)]
    profile(client, url)
    return statistics.median(times) * 1000


def step_measure(n: int) -> None:
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    call_command("migrate", "--noinput", verbosity=0)
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    print_counts()
    from lms.accounts.models import User
    from lms.reports.aggregates import rebuild
    from lms.reports.models import FacilityRefresh

    if REBUILD or not FacilityRefresh.objects.exists():
        start = time.perf_counter()
        rebuild()
        rebuild_s = time.perf_counter() - start
        print(f"RESULT reports_rebuild_{n}k_s {rebuild_s:.1f} s", flush=True)
    # What the beat task does after a write: recompute one stale facility (KLD) only.
    from lms.accounts.models import Facility

    kld = Facility.objects.get(code="KLD").pk
    times = []
    for _ in range(3):
        start = time.perf_counter()
        rebuild([kld])
        times.append(time.perf_counter() - start)
    print(f"RESULT reports_refresh_one_facility_{n}k_ms {statistics.median(times) * 1000:.0f} ms", flush=True)

    regional = Client()
    regional.force_login(User.objects.get(email=REGIONAL_ADMIN))
    region_ms = measure_page(regional, reverse("reports:region_dashboard"))
    print(f"RESULT region_dashboard_{n}k_ms {region_ms:.1f} ms", flush=True)

    local = Client()
    local.force_login(User.objects.get(email=FACILITY_ADMIN))
    facility_ms = measure_page(local, reverse("reports:facility_dashboard"))
    print(f"RESULT facility_dashboard_{n}k_ms {facility_ms:.1f} ms", flush=True)

    # The whole country on one page: a superuser sees all 500 facilities side by side.
    national = User.objects.filter(username="bench-national").first() or User.objects.create(
        username="bench-national",
        email="nasional@bench.test",
        full_name="Pusat (benchmark)",
        role=User.Role.REGIONAL_ADMIN,
        is_superuser=True,
        is_staff=True,
        password="!bench",  # noqa: S106  (unusable)
    )
    country = Client()
    country.force_login(national)
    national_ms = measure_page(country, reverse("reports:region_dashboard"))
    print(f"RESULT national_dashboard_{n}k_ms {national_ms:.1f} ms", flush=True)

    # The same facility seen by the regional administrator (?facility=KLD), for the record.
    url = reverse("reports:facility_dashboard") + "?facility=KLD"
    print(f"   regional admin on {url}: {measure_page(regional, url):.1f} ms (median)", flush=True)


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        setup_django()
        step, args = sys.argv[2], sys.argv[3:]
        {"template": step_template, "generate": step_generate, "measure": step_measure}[step](*map(int, args))
    else:
        main()
