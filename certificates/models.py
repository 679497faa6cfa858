"""Certificates: one per learner and course, with a serial, an Ed25519 signature and a PDF.

Names, course and facility are copied onto the certificate when it is issued, so a later rename or
transfer never changes what a printed certificate says. A revoked certificate stays (the public page
says so); a re-issue is a new certificate with a new serial that ``replaces`` the old one, so the
database allows one *current* (not revoked) certificate per learner and course.

``CertificateTemplate`` is a Wagtail snippet chosen per course: layout, background, logo,
signatories and language of the PDF.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, PreviewableMixin

from lms.accounts import permissions
from lms.accounts.models import initials
from lms.storage import private_storage


class CertificateTemplate(PreviewableMixin, ClusterableModel):
    """How a course's certificates look: chosen on the course page, previewed live in the admin."""

    class Layout(models.TextChoices):
        CLASSIC = "classic", _("Classic (double border, centred)")
        MODERN = "modern", _("Modern (side band)")

    class Language(models.TextChoices):
        INDONESIAN = "id", _("Indonesian")
        ENGLISH = "en", _("English")

    name = models.CharField(_("name"), max_length=120, unique=True)
    layout = models.CharField(_("layout"), max_length=16, choices=Layout.choices, default=Layout.CLASSIC)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, default=Language.INDONESIAN)
    heading = models.CharField(
        _("heading"), max_length=80, blank=True, help_text=_("Leave empty for “SERTIFIKAT” / “CERTIFICATE”.")
    )
    body = models.CharField(
        _("text above the course title"),
        max_length=200,
        blank=True,
        help_text=_("Leave empty for the standard wording."),
    )
    background_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("background image"),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("facility logo"),
    )
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldPanel("name"),
        MultiFieldPanel(
            [FieldPanel("layout"), FieldPanel("language"), FieldPanel("heading"), FieldPanel("body")],
            heading=_("Layout and wording"),
        ),
        MultiFieldPanel([FieldPanel("background_image"), FieldPanel("logo")], heading=_("Images")),
        InlinePanel("signatories", label=_("Signatories"), max_num=3),
    ]

    class Meta:
        verbose_name = _("certificate template")
        verbose_name_plural = _("certificate templates")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_preview_template(self, request, mode_name):
        return "certificates/preview.html"

    def get_preview_context(self, request, mode_name):
        from .services import certificate_sample_html

        return {"certificate_html": certificate_sample_html(template=self)}


class Signatory(Orderable):
    template = ParentalKey(CertificateTemplate, on_delete=models.CASCADE, related_name="signatories")
    name = models.CharField(_("name"), max_length=120)
    position = models.CharField(_("position"), max_length=160)
    nip = models.CharField(_("NIP (civil servant number)"), max_length=32, blank=True)
    signature_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("signature image"),
    )

    panels = [FieldPanel("name"), FieldPanel("position"), FieldPanel("nip"), FieldPanel("signature_image")]

    class Meta(Orderable.Meta):
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")


class CertificateQuerySet(models.QuerySet):
    def visible_to(self, user):
        return permissions.scope(self, user, facility="facility", owner="learner")

    def current(self):
        return self.filter(revoked_at__isnull=True)


class SerialCounter(models.Model):
    """The last serial number used per facility and year (KLD-2026-000123)."""

    facility = models.ForeignKey("accounts.Facility", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["facility", "year"], name="unique_serial_counter")]

    def __str__(self) -> str:
        return f"{self.facility_id}/{self.year}: {self.last}"


class Certificate(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Being prepared")
        READY = "ready", _("Ready")

    serial = models.CharField(_("serial number"), max_length=32, unique=True)
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="certificates", verbose_name=_("learner")
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.PROTECT, related_name="certificates", verbose_name=_("course")
    )
    facility = models.ForeignKey(
        "accounts.Facility", on_delete=models.PROTECT, related_name="certificates", verbose_name=_("facility")
    )
    learner_name = models.CharField(_("name on the certificate"), max_length=160)
    course_title = models.CharField(_("course title"), max_length=255)
    facility_name = models.CharField(_("facility name"), max_length=160)
    issued_on = models.DateField(_("issue date"))
    verification_code = models.CharField(_("verification code"), max_length=32)
    signature = models.CharField(_("Ed25519 signature"), max_length=100, blank=True)
    key_id = models.CharField(_("signing key"), max_length=32, blank=True)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.PENDING)
    pdf = models.FileField(_("PDF"), upload_to="certificates/", storage=private_storage, blank=True)
    pdf_sha256 = models.CharField(_("PDF checksum"), max_length=64, blank=True)
    rendered_at = models.DateTimeField(_("rendered at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revocation_reason = models.TextField(_("reason for revocation"), blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )
    replaced_by = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaces",
        verbose_name=_("replaced by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "course"], condition=Q(revoked_at__isnull=True), name="one_certificate_per_course"
            )
        ]

    def __str__(self) -> str:
        return self.serial

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None

    @property
    def is_replaced(self) -> bool:
        return self.replaced_by_id is not None

    @property
    def learner_initials(self) -> str:
        return initials(self.learner_name)

    def statement(self):
        from .signing import Statement

        return Statement(
            serial=self.serial,
            course=self.course_title,
            facility=self.facility_name,
            issued_on=self.issued_on.isoformat(),
            name=self.learner_name,
        )
