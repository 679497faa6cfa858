"""``manage.py import_h5p PATH``: the admin's import, from the shell (exit 0 and the id, or every problem)."""

from django.core.management.base import BaseCommand, CommandError

from courses.h5p.services import H5PPackageInvalid, h5p_package_import


class Command(BaseCommand):
    help = "Check an .h5p file and install it; prints the new package id, or every problem found."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, path, **options):
        try:
            package = h5p_package_import(actor=None, path=path)
        except H5PPackageInvalid as exc:
            for problem in exc.problems:
                self.stderr.write(f"- {problem.bilingual()}")
            raise CommandError(f"{len(exc.problems)} problem(s); nothing was stored.") from None
        self.stdout.write(str(package.pk))
