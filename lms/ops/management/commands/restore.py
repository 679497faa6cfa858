from django.core.management.base import BaseCommand, CommandError

from lms.ops.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = "Restore an archive made by `manage.py backup` into an empty deployment (migrates first)."

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument("--force", action="store_true", help="replace the data of a deployment that is not empty")

    def handle(self, *args, archive, force=False, **options):
        try:
            summary = backup_restore(source=archive, force=force)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        files = ", ".join(f"{key}: {count}" for key, count in summary.files.items())
        self.stdout.write(f"restored {summary.rows} rows; files {files}")
