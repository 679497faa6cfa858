"""``manage.py reports_rebuild [--facility CODE ...]``: recompute the report figures from scratch."""

from django.core.management.base import BaseCommand, CommandError

from lms.accounts.models import Facility
from lms.reports.aggregates import rebuild


class Command(BaseCommand):
    help = "Recompute the report aggregates of some facilities (by code) or of all; safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("--facility", action="append", default=[], help="facility code (repeatable)")

    def handle(self, *args, facility: list[str], **options):
        ids = None
        if facility:
            found = dict(Facility.objects.filter(code__in=facility).values_list("code", "pk"))
            missing = sorted(set(facility) - set(found))
            if missing:
                raise CommandError(f"Unknown facility code(s): {', '.join(missing)}")
            ids = list(found.values())
        count = rebuild(ids)
        self.stdout.write(f"Rebuilt the report figures of {count} facilities.")
