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
from django.utils.translation import gettext_lazy as _l


class H5PLibrary(models.Model):
    """One library version (machineName + major.minor); a newer patch replaces the files and needs approval again."""

    machine_name = models.CharField(_l("machine name"), max_length=255)
    major_version = models.PositiveIntegerField(_l("major version"))
    minor_version = models.PositiveIntegerField(_l("minor version"))
    patch_version = models.PositiveIntegerField(_l("patch version"))
    title = models.CharField(_l("title"), max_length=255)
    metadata = models.JSONField(_l("library.json"), default=dict)
    needs_unsafe_eval = models.BooleanField(_l("needs unsafe-eval"), default=False)
    approved_at = models.DateTimeField(_l("approved at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_l("approved by"),
    )
    created_at = models.DateTimeField(_l("installed at"), auto_now_add=True)
    updated_at = models.DateTimeField(_l("updated at"), auto_now=True)

    class Meta:
        verbose_name = _l("H5P library")
        verbose_name_plural = _l("H5P libraries")
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

    folder = models.UUIDField(_l("folder"), default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_l("title"), max_length=255)
    main_library = models.ForeignKey(
        H5PLibrary, on_delete=models.PROTECT, related_name="main_of", verbose_name=_l("main library")
    )
    libraries = models.ManyToManyField(H5PLibrary, related_name="packages", verbose_name=_l("libraries"))
    h5p_json = models.JSONField(_l("h5p.json"), default=dict)
    sha256 = models.CharField(_l("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_l("uploaded by"),
    )
    created_at = models.DateTimeField(_l("imported at"), auto_now_add=True)

    class Meta:
        verbose_name = _l("H5P activity")
        verbose_name_plural = _l("H5P activities")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def unapproved_libraries(self) -> list[H5PLibrary]:
        return [lib for lib in self.libraries.all() if not lib.is_approved]


class H5PImport(models.Model):
    """An uploaded file being checked and installed by the worker; ``problems`` lists every reason it failed."""

    class Status(models.TextChoices):
        QUEUED = "queued", _l("queued")
        RUNNING = "running", _l("checking")
        DONE = "done", _l("imported")
        FAILED = "failed", _l("refused")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    filename = models.CharField(_l("file name"), max_length=255)
    upload_path = models.CharField(_l("uploaded file"), max_length=500)
    status = models.CharField(_l("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_l("progress (%)"), default=0)
    problems = models.JSONField(_l("problems"), default=list, blank=True)
    package = models.ForeignKey(
        H5PPackage,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="imports",
        verbose_name=_l("activity"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_l("uploaded by"),
    )
    created_at = models.DateTimeField(_l("uploaded at"), auto_now_add=True)
    finished_at = models.DateTimeField(_l("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _l("H5P import")
        verbose_name_plural = _l("H5P imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.filename


def _attempt_token() -> str:
    return secrets.token_urlsafe(24)


class H5PAttempt(models.Model):
    """One play of an activity (a package placed in a lesson), started by the server; all are kept."""

    token = models.CharField(max_length=64, unique=True, default=_attempt_token, editable=False)
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="h5p_attempts", verbose_name=_l("learner")
    )
    package = models.ForeignKey(
        H5PPackage, on_delete=models.PROTECT, related_name="attempts", verbose_name=_l("activity")
    )
    lesson = models.ForeignKey(
        "courses.LessonPage", on_delete=models.CASCADE, related_name="h5p_attempts", verbose_name=_l("lesson")
    )
    started_at = models.DateTimeField(_l("started at"), auto_now_add=True)
    score_raw = models.DecimalField(_l("score"), max_digits=9, decimal_places=3, null=True, blank=True)
    score_max = models.DecimalField(_l("maximum score"), max_digits=9, decimal_places=3, null=True, blank=True)
    success = models.BooleanField(_l("passed"), null=True, blank=True)
    completed_at = models.DateTimeField(_l("completed at"), null=True, blank=True)
    scored_at = models.DateTimeField(_l("scored at"), null=True, blank=True)

    class Meta:
        verbose_name = _l("H5P attempt")
        verbose_name_plural = _l("H5P attempts")
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
        verbose_name = _l("xAPI statement")
        verbose_name_plural = _l("xAPI statements")

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
