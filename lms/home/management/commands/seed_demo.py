"""Demo data for a fresh install; safe to run again (it finds what exists and adds what is missing)."""

import datetime

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from courses.models import CourseIndexPage, CoursePage, LessonPage
from courses.services import cohort_assign
from lms.accounts.models import Cohort, Facility, Region, User
from lms.accounts.services import learner_create
from lms.home import demo_content, demo_content_quizzes, demo_images
from lms.home.models import HomePage
from sandbox_shop import workflow
from sandbox_shop.models import PracticeListing
from sandbox_shop.services import listing_save
from store.models import SplitRule, StoreIndexPage, StoreRootPage

DEMO_PASSWORD = "bekal-demo-2026"  # noqa: S105  (documented demo account)
DEMO_PIN = "135790"
# Administrators must use TOTP; the demo ones share this documented secret (README). Add it to an
# authenticator app, or compute the code as tests/e2e/test_golden_path.py does. Never in production.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXP"  # noqa: S105

FACILITIES = [
    ("KLD", "Lapas Kelas IIA Kalianda"),
    ("NBL", "Lapas Narkotika Kelas IIA Bandar Lampung"),
]
LEARNERS = [
    ("KLD", "BI.001", "Budi Santoso"),
    ("KLD", "BI.002", "Agus Setiawan"),
    ("KLD", "BI.003", "Rahmat Hidayat"),
    ("NBL", "BI.001", "Dedi Kurniawan"),
]
OFFICERS = [
    ("instruktur@kld.bekal.test", "Sari Wulandari", User.Role.INSTRUCTOR, "KLD", "Editors"),
    ("admin@kld.bekal.test", "Hendra Gunawan", User.Role.FACILITY_ADMIN, "KLD", "Moderators"),
    ("instruktur@nbl.bekal.test", "Maya Lestari", User.Role.INSTRUCTOR, "NBL", "Editors"),
    ("kanwil@lampung.bekal.test", "Rudi Hartono", User.Role.REGIONAL_ADMIN, None, "Moderators"),
]


class Command(BaseCommand):
    help = "Create demo facilities, people, a course, a cohort and one promoted store product."

    def handle(self, *args, **options):
        with transaction.atomic():
            region, _ = Region.objects.get_or_create(name="Kanwil Lampung")
            facilities = {
                code: Facility.objects.get_or_create(code=code, defaults={"name": name, "region": region})[0]
                for code, name in FACILITIES
            }
            learners = {
                (code, number): self._learner(facilities[code], number, name) for code, number, name in LEARNERS
            }
            officers = {
                email: self._officer(email, name, role, facilities.get(code), region, group)
                for email, name, role, code, group in OFFICERS
            }
            home = self._home()
            course = self._course(home)
            self._quizzes(course)
            self._certificate_template(course)
            self._stores(home, facilities)
            for code in facilities:
                cohort, _ = Cohort.objects.get_or_create(facility=facilities[code], name="Kelas Kriya A")
                cohort_assign(
                    actor=None,
                    cohort=cohort,
                    learners=[u for (c, _n), u in learners.items() if c == code],
                    courses=[course],
                )
                instructor = next(
                    (
                        o
                        for o in officers.values()
                        if o.facility_id == facilities[code].pk and o.role == User.Role.INSTRUCTOR
                    ),
                    None,
                )
                if instructor:
                    cohort.instructors.add(instructor)
        self._promoted_listing(learners[("KLD", "BI.002")], officers["admin@kld.bekal.test"])
        self.stdout.write(self.style.SUCCESS("Demo data ready."))

    def _learner(self, facility, number, name):
        existing = User.objects.filter(facility=facility, registration_number=number, role=User.Role.LEARNER).first()
        if existing:
            return existing
        return learner_create(
            actor=None,
            facility=facility,
            registration_number=number,
            full_name=name,
            pin=DEMO_PIN,
            must_change_pin=False,
        )

    def _officer(self, email, name, role, facility, region, group_name):
        user = User.objects.filter(email=email).first()
        if user is None:
            first, _, last = name.partition(" ")
            user = User(
                username=email,
                email=email,
                first_name=first,
                last_name=last,
                full_name=name,
                role=role,
                facility=facility,
                region=region if role == User.Role.REGIONAL_ADMIN else None,
            )
            user.set_password(DEMO_PASSWORD)
            user.save()
            from allauth.account.models import EmailAddress

            EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
        group = Group.objects.filter(name=group_name).first()
        if group:
            user.groups.add(group)
        if role in {User.Role.FACILITY_ADMIN, User.Role.REGIONAL_ADMIN}:
            from allauth.mfa.models import Authenticator
            from allauth.mfa.utils import encrypt

            Authenticator.objects.get_or_create(
                user=user, type=Authenticator.Type.TOTP, defaults={"data": {"secret": encrypt(DEMO_TOTP_SECRET)}}
            )
        return user

    def _home(self):
        site = Site.objects.filter(is_default_site=True).first()
        if site and isinstance(site.root_page.specific, HomePage):
            return site.root_page.specific
        root = Page.get_first_root_node()
        home = HomePage.objects.first()
        if home is None:
            for page in root.get_children().exclude(content_type__model="homepage"):
                if page.slug == "home":
                    page.delete()
            root = Page.get_first_root_node()
            home = HomePage(
                title="Bekal — belajar, berlatih, berkarya",
                slug="home",
                intro="Tempat warga binaan dan petugas belajar literasi digital dan berjualan online, "
                "berlatih menulis lapak, dan menjual karya bengkel kerja.",
            )
            root.add_child(instance=home)
            home.save_revision().publish()
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Bekal"},
        )
        return home

    def _image(self, title, data, name):
        Image = get_image_model()
        existing = Image.objects.filter(title=title).first()
        return existing or Image.objects.create(title=title, file=ContentFile(data, name=name))

    def _course(self, home):
        index = CourseIndexPage.objects.first()
        if index is None:
            index = CourseIndexPage(title="Kursus", slug="kursus", intro="Kursus yang tersedia di Bekal.")
            home.add_child(instance=index)
            index.save_revision().publish()
        course = CoursePage.objects.filter(slug=demo_content.COURSE["slug"]).first()
        if course is None:
            course = CoursePage(**demo_content.COURSE)
            index.add_child(instance=course)
            course.save_revision().publish()
        for spec in demo_content.LESSONS:
            if LessonPage.objects.child_of(course).filter(slug=spec["slug"]).exists():
                continue
            body = []
            for kind, value in spec["body"]:
                if kind == "image":
                    picture = value["picture"]
                    image = self._image(f"Ilustrasi: {picture}", demo_images.PICTURES[picture](), f"{picture}.png")
                    value = {"image": image, "caption": value["caption"], "alt_text": value["caption"]}
                body.append((kind, value))
            lesson = LessonPage(title=spec["title"], slug=spec["slug"], minutes=spec["minutes"], body=body)
            course.add_child(instance=lesson)
            lesson.save_revision().publish()
        return course

    def _quizzes(self, course):
        """The demo quizzes, each created once (found by title) and placed once in its lesson."""
        from courses.quizzes.models import Quiz, QuizOption, QuizQuestion
        from courses.quizzes.selectors import lesson_quiz_refs

        for spec in demo_content_quizzes.QUIZZES:
            quiz = Quiz.objects.filter(title=spec["title"]).first()
            if quiz is None:
                quiz = Quiz.objects.create(
                    title=spec["title"],
                    intro=spec["intro"],
                    pass_mark=spec["pass_mark"],
                    score_policy=spec["score_policy"],
                )
                for n, question_spec in enumerate(spec["questions"]):
                    fields = {k: v for k, v in question_spec.items() if k != "options"}
                    question = QuizQuestion.objects.create(quiz=quiz, sort_order=n, **fields)
                    for m, (text, correct, feedback) in enumerate(question_spec.get("options", [])):
                        QuizOption.objects.create(
                            question=question, text=text, is_correct=correct, feedback=feedback, sort_order=m
                        )
            lesson = LessonPage.objects.child_of(course).filter(slug=spec["lesson"]).first()
            if lesson is None or quiz.pk in {ref.quiz_id for ref in lesson_quiz_refs(lesson)}:
                continue
            lesson.body.append(("quiz", {"quiz": quiz, "required": True}))
            lesson.save_revision().publish()

    def _certificate_template(self, course):
        """The demo course's certificate design, with a logo and two signatories (kept if changed)."""
        from certificates.models import CertificateTemplate, Signatory

        template, created = CertificateTemplate.objects.get_or_create(
            name="Sertifikat Lapas Kalianda", defaults={"layout": CertificateTemplate.Layout.CLASSIC, "language": "id"}
        )
        if created:
            template.logo = self._image("Logo Lapas Kalianda", demo_images.facility_logo(), "logo-kld.png")
            template.save()
            for n, (name, position, nip) in enumerate(
                [
                    ("Drs. Hendra Gunawan, M.Si.", "Kepala Lapas Kelas IIA Kalianda", "197203151993031002"),
                    ("Rina Marlina, S.Kom.", "Instruktur Literasi Digital", "198807222012122001"),
                ]
            ):
                signature = self._image(f"Tanda tangan {name}", demo_images.signature(n), f"ttd-{n}.png")
                Signatory.objects.create(
                    template=template, name=name, position=position, nip=nip, signature_image=signature, sort_order=n
                )
        if course.certificate_template_id is None:
            course.certificate_template = template
            course.save_revision().publish()

    def _stores(self, home, facilities):
        root = StoreRootPage.objects.first()
        if root is None:
            root = StoreRootPage(
                title="Toko Karya Warga Binaan",
                slug="toko",
                intro="Barang buatan bengkel kerja Lapas dan Rutan. Setiap pembelian "
                "mendukung pelatihan kerja dan premi para pembuatnya.",
            )
            home.add_child(instance=root)
            root.save_revision().publish()
        for code, facility in facilities.items():
            # A demo split of each sale (premi / PNBP / production capital); real facilities set their own.
            SplitRule.objects.get_or_create(
                facility=facility,
                effective_from=datetime.date(2026, 1, 1),
                defaults={"premi_percent": 50, "pnbp_percent": 40, "capital_percent": 10, "note": "Contoh"},
            )
            if StoreIndexPage.objects.filter(facility=facility).exists():
                continue
            store = StoreIndexPage(
                title=f"Toko {facility.name}",
                slug=code,
                facility=facility,
                intro="Karya warga binaan dari bengkel kerja kami.",
            )
            root.add_child(instance=store)
            store.save_revision().publish()

    def _promoted_listing(self, learner, officer):
        listing = PracticeListing.objects.filter(learner=learner, title=demo_content.DEMO_LISTING["title"]).first()
        if listing is None:
            photos = [ContentFile(demo_images.woven_bag(i), name=f"tas-{i}.png") for i in range(3)]
            listing = listing_save(actor=learner, listing=None, data=demo_content.DEMO_LISTING, photos=photos)
        if listing.status in {PracticeListing.Status.DRAFT, PracticeListing.Status.CHANGES_REQUESTED}:
            listing = workflow.listing_submit(actor=learner, listing=listing)
        if listing.status == PracticeListing.Status.SUBMITTED:
            listing = workflow.listing_approve(
                actor=officer, listing=listing, comment="Judul dan foto sudah jelas. Siap dijual."
            )
        if listing.status == PracticeListing.Status.APPROVED:
            # Promote now, so the demo store is ready before any worker runs; the queued job finds
            # the product made and does nothing.
            workflow.listing_promote(actor=officer, listing_id=listing.pk)
