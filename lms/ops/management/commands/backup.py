from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import timezone

from lms.ops.backup import backup_create


class Command(BaseCommand):
    help = "Write the database and both media folders into one .tar.gz archive (see lms/ops/backup.py)."

    def add_arguments(self, parser):
        parser.add_argument("output", nargs="?", help="archive path (default: var/backups/bekal-<time>.tar.gz)")

    def handle(self, *args, output=None, **options):
        from django.conf import settings

        path = Path(output or settings.VAR_DIR / "backups" / f"bekal-{timezone.now():%Y%m%d-%H%M%S}.tar.gz")
        summary = backup_create(destination=path)
        files = ", ".join(f"{key}: {count}" for key, count in summary.files.items())
        self.stdout.write(f"{summary.path} ({summary.rows} rows; files {files})")
