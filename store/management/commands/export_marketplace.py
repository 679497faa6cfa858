from django.core.management.base import BaseCommand, CommandError

from lms.accounts.models import Facility
from store import marketplace
from store.selectors import facility_products


class Command(BaseCommand):
    help = "Write a facility's live products as a Shopee or TikTok Shop/Tokopedia mass-upload XLSX."

    def add_arguments(self, parser):
        parser.add_argument("output", help="the .xlsx file to write")
        parser.add_argument("--facility", required=True, help="facility code, e.g. KLD")
        parser.add_argument("--format", required=True, choices=marketplace.FORMATS)

    def handle(self, *args, output, facility, format, **options):
        found = Facility.objects.filter(code=facility).first()
        if found is None:
            raise CommandError(f"No facility with code {facility!r}.")
        export = marketplace.marketplace_export(products=list(facility_products(facility=found)), fmt=format)
        with open(output, "wb") as out:
            out.write(export.xlsx())
        self.stdout.write(f"{len(export.exported)} products written to {output} ({len(export.rows)} rows).")
        for skipped in export.skipped:
            self.stderr.write(f"skipped {skipped.product.sku} {skipped.product.title}: {'; '.join(skipped.reasons)}")
