"""H5P libraries (shared code, approved once), content packages, their imports, and learners' results.

Files live under ``settings.H5P_ROOT`` (never under MEDIA_URL): ``libraries/<machineName-major.minor>/``
once per library version and ``content/<package uuid>/`` per package. They are served only by the
content origin (``settings.H5P_ORIGIN``) through signed URLs; see ``content_views``.
"""

from __future__ import annotations

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy


class H5PLibrary(models.Model):
    """One library version (machineName + major.minor); a newer patch replaces the files and needs approval again."""

    machine_name = models.CharField(gettext_lazy("machine name"), max_length=255)
    major_version = models.PositiveIntegerField(gettext_lazy("major version"))
    minor_version = models.PositiveIntegerField(gettext_lazy("minor version"))
    patch_version = models.PositiveIntegerField(gettext_lazy("patch version"))
    title = models.CharField(gettext_lazy("title"), max_length=255)
    metadata = models.JSONField(gettext_lazy("library.json"), default=dict)
    needs_unsafe_eval = models.BooleanField(gettext_lazy("needs unsafe-eval"), default=False)
    approved_at = models.DateTimeField(gettext_lazy("approved at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=gettext_lazy("approved by"),
    )
    created_at = models.DateTimeField(gettext_lazy("installed at"), auto_now_add=True)
    updated_at = models.DateTimeField(gettext_lazy("updated at"), auto_now=True)

    class Meta:
        verbose_name = gettext_lazy("H5P library")
        verbose_name_plural = gettext_lazy("H5P libraries")
        ordering = ["machine_name", "major_version", "minor_version"]
        constraints = [
            models.UniqueConstraint(
                fields=["machine_name", "major_version", "minor_version"], name="unique_h5p_library_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.folder} (patch {self.patch_version})"

    @property
    def folder(self) -> str:
        return f"{self.machine_name}-{self.major_version}.{self.minor_version}"

    @property
    def key(self) -> tuple[str, int, int]:
        return (self.machine_name, self.major_version, self.minor_version)

    @property
    def is_approved(self) -> bool:
        return self.approved_at is not None


class H5PPackage(models.Model):
    """An imported piece of H5P content; ``libraries`` is its whole dependency tree."""

    folder = models.UUIDField(gettext_lazy("folder"), default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(gettext_lazy("title"), max_length=255)
    main_library = models.ForeignKey(
        H5PLibrary, on_delete=models.PROTECT, related_name="main_of", verbose_name=gettext_lazy("main library")
    )
    libraries = models.ManyToManyField(H5PLibrary, related_name="packages", verbose_name=gettext_lazy("libraries"))
    h5p_json = models.JSONField(gettext_lazy("h5p.json"), default=dict)
    sha256 = models.CharField(gettext_lazy("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=gettext_lazy("uploaded by"),
    )
    created_at = models.DateTimeField(gettext_lazy("imported at"), auto_now_add=True)

    class Meta:
        verbose_name = gettext_lazy("H5P activity")
        verbose_name_plural = gettext_lazy("H5P activities")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def unapproved_libraries(self) -> list[H5PLibrary]:
        return [lib for lib in self.libraries.all() if not lib.is_approved]


class H5PImport(models.Model):
    """An uploaded file being checked and installed by the worker; ``problems`` lists every reason it failed."""

    class Status(models.TextChoices):
        QUEUED = "queued", gettext_lazy("queued")
        RUNNING = "running", gettext_lazy("checking")
        DONE = "done", gettext_lazy("imported")
        FAILED = "failed", gettext_lazy("refused")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    filename = models.CharField(gettext_lazy("file name"), max_length=255)
    upload_path = models.CharField(gettext_lazy("uploaded file"), max_length=500)
    status = models.CharField(gettext_lazy("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(gettext_lazy("progress (%)"), default=0)
    problems = models.JSONField(gettext_lazy("problems"), default=list, blank=True)
    package = models.ForeignKey(
        H5PPackage,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="imports",
        verbose_name=gettext_lazy("activity"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=gettext_lazy("uploaded by"),
    )
    created_at = models.DateTimeField(gettext_lazy("uploaded at"), auto_now_add=True)
    finished_at = models.DateTimeField(gettext_lazy("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = gettext_lazy("H5P import")
        verbose_name_plural = gettext_lazy("H5P imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.filename


def _attempt_token() -> str:
    return secrets.token_urlsafe(24)


class H5PAttempt(models.Model):
    """One play of an activity (a package placed in a lesson), started by the server; all are kept."""

    token = models.CharField(max_length=64, unique=True, default=_attempt_token, editable=False)
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="h5p_attempts",
        verbose_name=gettext_lazy("learner"),
    )
    package = models.ForeignKey(
        H5PPackage, on_delete=models.PROTECT, related_name="attempts", verbose_name=gettext_lazy("activity")
    )
    lesson = models.ForeignKey(
        "courses.LessonPage", on_delete=models.CASCADE, related_name="h5p_attempts", verbose_name=gettext_lazy("lesson")
    )
    started_at = models.DateTimeField(gettext_lazy("started at"), auto_now_add=True)
    score_raw = models.DecimalField(gettext_lazy("score"), max_digits=9, decimal_places=3, null=True, blank=True)
    score_max = models.DecimalField(
        gettext_lazy("maximum score"), max_digits=9, decimal_places=3, null=True, blank=True
    )
    success = models.BooleanField(gettext_lazy("passed"), null=True, blank=True)
    completed_at = models.DateTimeField(gettext_lazy("completed at"), null=True, blank=True)
    scored_at = models.DateTimeField(gettext_lazy("scored at"), null=True, blank=True)

    class Meta:
        verbose_name = gettext_lazy("H5P attempt")
        verbose_name_plural = gettext_lazy("H5P attempts")
        indexes = [models.Index(fields=["learner", "lesson", "package"])]

    def __str__(self) -> str:
        return f"{self.learner} · {self.package} · {self.started_at:%Y-%m-%d %H:%M}"

    @property
    def scaled(self) -> float | None:
        if self.score_raw is None or not self.score_max:
            return None
        return float(self.score_raw / self.score_max)


class H5PStatement(models.Model):
    """An xAPI statement exactly as the browser sent it, bound to the attempt the server started."""

    attempt = models.ForeignKey(H5PAttempt, on_delete=models.CASCADE, related_name="statements")
    received_at = models.DateTimeField(auto_now_add=True)
    verb = models.CharField(max_length=255, blank=True)
    top_level = models.BooleanField(default=False)
    counted = models.BooleanField(default=False)  # it changed the attempt's score or completion
    statement = models.JSONField()

    class Meta:
        verbose_name = gettext_lazy("xAPI statement")
        verbose_name_plural = gettext_lazy("xAPI statements")

    def __str__(self) -> str:
        return f"{self.verb} · {self.attempt_id}"


class H5PUserState(models.Model):
    """Resume state (H5P's contentUserData) per learner and activity, size-capped by ``H5P_STATE_MAX_BYTES``."""

    learner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    package = models.ForeignKey(H5PPackage, on_delete=models.CASCADE, related_name="+")
    lesson = models.ForeignKey("courses.LessonPage", on_delete=models.CASCADE, related_name="+")
    data_type = models.CharField(max_length=64)
    sub_content_id = models.CharField(max_length=64)
    data = models.TextField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "package", "lesson", "data_type", "sub_content_id"], name="unique_h5p_user_state"
            )
        ]

    def __str__(self) -> str:
        return f"{self.learner_id} · {self.package_id} · {self.data_type}"
