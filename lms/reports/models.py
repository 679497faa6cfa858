"""Aggregate tables the dashboards read, so no page scans raw learning, store or lab rows.

Every table is derived: :func:`lms.reports.aggregates.rebuild` deletes a facility's rows and
recomputes them from the source tables, so the tables can always be thrown away and rebuilt.
Writes to the source tables mark their facility stale (:class:`StaleFacility`); the beat task
``reports.refresh`` rebuilds only the stale facilities, and a nightly run rebuilds everything.
Months are calendar months in the project's time zone (``TIME_ZONE``), stored as their first day.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class FacilityCourseStat(models.Model):
    """The course funnel of one facility's learners (by their current home facility)."""

    facility = models.ForeignKey("accounts.Facility", on_delete=models.CASCADE, related_name="+")
    course = models.ForeignKey("courses.CoursePage", on_delete=models.CASCADE, related_name="+")
    enrolled = models.PositiveIntegerField(_("enrolled"), default=0)
    started = models.PositiveIntegerField(_("started"), default=0)
    half_done = models.PositiveIntegerField(_("half done"), default=0)
    completed = models.PositiveIntegerField(_("completed"), default=0)
    certified = models.PositiveIntegerField(_("certified"), default=0)
    quiz_score_sum = models.DecimalField(_("sum of quiz scores"), max_digits=14, decimal_places=2, default=0)
    quiz_score_count = models.PositiveIntegerField(_("graded quiz attempts"), default=0)

    class Meta:
        verbose_name = _("facility course figures")
        verbose_name_plural = _("facility course figures")
        constraints = [models.UniqueConstraint(fields=["facility", "course"], name="one_course_stat_per_facility")]

    def __str__(self) -> str:
        return f"{self.facility_id} · {self.course_id}"

    @property
    def completion_rate(self) -> float:
        return 100 * self.completed / self.enrolled if self.enrolled else 0.0

    @property
    def average_score(self) -> float | None:
        return float(self.quiz_score_sum) / self.quiz_score_count if self.quiz_score_count else None


class FacilityMonthStat(models.Model):
    """One facility's figures for one calendar month."""

    facility = models.ForeignKey("accounts.Facility", on_delete=models.CASCADE, related_name="+")
    month = models.DateField(_("month"))
    active_learners = models.PositiveIntegerField(_("active learners"), default=0)
    orders = models.PositiveIntegerField(_("orders"), default=0)
    sales_amount = models.PositiveBigIntegerField(_("sales (Rp)"), default=0)
    premi_amount = models.PositiveBigIntegerField(_("premi (Rp)"), default=0)
    listings_submitted = models.PositiveIntegerField(_("listings submitted"), default=0)
    listings_approved = models.PositiveIntegerField(_("listings approved"), default=0)
    listings_promoted = models.PositiveIntegerField(_("listings promoted"), default=0)
    certificates = models.PositiveIntegerField(_("certificates issued"), default=0)
    lab_sessions = models.PositiveIntegerField(_("lab sessions"), default=0)
    lab_seconds = models.PositiveBigIntegerField(_("lab time (seconds)"), default=0)

    class Meta:
        verbose_name = _("facility month figures")
        verbose_name_plural = _("facility month figures")
        constraints = [models.UniqueConstraint(fields=["facility", "month"], name="one_month_stat_per_facility")]
        indexes = [models.Index(fields=["month", "facility"], name="month_stat_by_month")]

    def __str__(self) -> str:
        return f"{self.facility_id} · {self.month:%Y-%m}"


class TerminalMonthStat(models.Model):
    """Learner sign-ins on one lab terminal in one month (``terminal`` empty: signed in elsewhere)."""

    facility = models.ForeignKey("accounts.Facility", on_delete=models.CASCADE, related_name="+")
    terminal = models.ForeignKey("labs.Terminal", on_delete=models.CASCADE, null=True, related_name="+")
    month = models.DateField(_("month"))
    sessions = models.PositiveIntegerField(_("sessions"), default=0)
    seconds = models.PositiveBigIntegerField(_("time (seconds)"), default=0)

    class Meta:
        verbose_name = _("terminal month figures")
        verbose_name_plural = _("terminal month figures")
        indexes = [models.Index(fields=["facility", "month"], name="terminal_stat_lookup")]

    def __str__(self) -> str:
        return f"{self.facility_id} · {self.terminal_id} · {self.month:%Y-%m}"


class LearnerActivity(models.Model):
    """One learner's summary for the at-risk list: last activity, quizzes failed, courses open."""

    learner = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    facility = models.ForeignKey("accounts.Facility", on_delete=models.CASCADE, related_name="+")
    last_activity_at = models.DateTimeField(_("last activity"), null=True, blank=True)
    first_enrolled_at = models.DateTimeField(_("first enrolled"), null=True, blank=True)
    courses_enrolled = models.PositiveIntegerField(_("courses enrolled"), default=0)
    courses_completed = models.PositiveIntegerField(_("courses completed"), default=0)
    failing_quizzes = models.PositiveIntegerField(_("quizzes failed and not yet passed"), default=0)

    class Meta:
        verbose_name = _("learner activity")
        verbose_name_plural = _("learner activity")
        indexes = [models.Index(fields=["facility", "last_activity_at"], name="learner_activity_lookup")]

    def __str__(self) -> str:
        return f"{self.learner_id} · {self.last_activity_at}"


class FacilityRefresh(models.Model):
    """When a facility's figures were last recomputed (shown on the dashboards)."""

    facility = models.OneToOneField("accounts.Facility", on_delete=models.CASCADE, related_name="+")
    refreshed_at = models.DateTimeField(_("figures as of"))

    def __str__(self) -> str:
        return f"{self.facility_id} · {self.refreshed_at}"


class StaleFacility(models.Model):
    """A facility whose source rows changed since its figures were last recomputed."""

    facility = models.OneToOneField("accounts.Facility", on_delete=models.CASCADE, related_name="+")
    marked_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return str(self.facility_id)
