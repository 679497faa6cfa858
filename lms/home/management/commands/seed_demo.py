"""Demo data for a fresh install; safe to run again (it finds what exists and adds what is missing)."""

import datetime

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from courses.models import Enrollment, LessonPage
from courses.services import cohort_assign
from lms.accounts.models import Cohort, Facility, Region, User
from lms.accounts.services import learner_create
from lms.home import curriculum, demo_content, demo_images
from lms.home.curriculum.builder import curriculum_build
from lms.home.models import HomePage
from sandbox_shop import workflow
from sandbox_shop.buyers.services import scenario_build
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
    help = "Create demo facilities, people, the curriculum, cohorts and one promoted store product."

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
            courses = curriculum_build(home=home)
            audience = {spec["slug"]: spec["audience"] for spec, _quizzes in curriculum.COURSES}
            self._h5p_activity(courses["berjualan-online"], officers["kanwil@lampung.bekal.test"])
            for course in courses.values():
                self._certificate_template(course)
            self._stores(home, facilities)
            learner_courses = [c for slug, c in courses.items() if audience[slug] == "wbp"]
            officer_courses = [c for slug, c in courses.items() if audience[slug] == "officers"]
            for code in facilities:
                cohort, _ = Cohort.objects.get_or_create(facility=facilities[code], name="Kelas Kriya A")
                cohort_assign(
                    actor=None,
                    cohort=cohort,
                    learners=[u for (c, _n), u in learners.items() if c == code],
                    courses=learner_courses,
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
                    for course in officer_courses:  # officers take their course like any learner
                        Enrollment.objects.get_or_create(
                            learner=instructor, course=course, defaults={"source": Enrollment.Source.INDIVIDUAL}
                        )
        self._promoted_listing(learners[("KLD", "BI.002")], officers["admin@kld.bekal.test"])
        from lms.reports.aggregates import rebuild  # the dashboards read figures, not raw rows

        rebuild()
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

    def _h5p_activity(self, course, approver):
        """The demo H5P activity: Bekal's own true/false library, packaged from the repo and imported once."""
        import tempfile
        from pathlib import Path

        from courses.h5p.models import H5PPackage
        from courses.h5p.packaging import build_true_false
        from courses.h5p.selectors import lesson_h5p_refs
        from courses.h5p.services import h5p_library_approve, h5p_package_import

        title = "Latihan: benar atau salah?"
        package = H5PPackage.objects.filter(title=title).first()
        if package is None:
            with tempfile.TemporaryDirectory() as folder:
                path = build_true_false(
                    Path(folder) / "benar-salah.h5p",
                    title=title,
                    question="Foto produk yang terang dan jelas membantu pembeli memutuskan.",
                    correct=True,
                )
                package = h5p_package_import(actor=None, path=path)
        for library in package.libraries.all():
            h5p_library_approve(actor=approver, library=library)
        lesson = LessonPage.objects.descendant_of(course).filter(slug="mengenal-marketplace").first()
        if lesson is None or package.pk in {ref.package_id for ref in lesson_h5p_refs(lesson)}:
            return
        # Optional in the demo, so the course still completes as before; required activities hold a lesson back.
        lesson.body.append(("h5p", {"package": package, "required": False}))
        lesson.save_revision().publish()

    def _certificate_template(self, course):
        """The demo certificate design, with a logo and two signatories (kept if changed), for ``course``."""
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
            # The officer links it to a workshop batch and names its maker; then promote now, so the
            # demo store is ready before any worker runs; the queued job finds the product and does nothing.
            from store.services import MakerShare, NewStock, promotion_for

            if promotion_for(workflow.source_key(listing.pk)) is None:
                workflow.listing_promotion_request(
                    actor=officer,
                    listing=listing,
                    makers=[MakerShare(learner_id=learner.pk, share=1)],
                    new_stock=NewStock(
                        name=listing.title, quantity=12, batch_code="BKL-ANYAM-01", unit_cost=listing.hpp
                    ),
                )
            workflow.listing_promote(actor=officer, listing_id=listing.pk)
        # Its practice buyers too, for the same reason; making them again changes nothing.
        scenario_build(listing_id=listing.pk)
