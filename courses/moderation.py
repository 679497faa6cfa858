"""The review step for course content: Wagtail's own workflow (draft → review → publish).

"Tinjauan kursus" holds one GroupApprovalTask for the Moderators group and is assigned to the course
catalogue page, so every course, module and lesson under it goes through review before it is
published. Wagtail keeps every revision. Safe to call again: it finds what exists.
"""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

WORKFLOW_NAME = "Tinjauan kursus"
TASK_NAME = "Persetujuan moderator kursus"
MODERATORS = "Moderators"


def course_review_workflow_ensure(*, catalogue) -> Workflow:
    """Create (once) the course review workflow and assign it to ``catalogue`` (the CourseIndexPage)."""
    with transaction.atomic():
        moderators, _ = Group.objects.get_or_create(name=MODERATORS)
        workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
        task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
        if task is None:
            task = GroupApprovalTask.objects.create(name=TASK_NAME)
        if not task.groups.filter(pk=moderators.pk).exists():
            task.groups.add(moderators)
        WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
        WorkflowPage.objects.update_or_create(page=catalogue, defaults={"workflow": workflow})
    return workflow
