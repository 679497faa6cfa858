"""Contact details and off-platform pointers never reach a public listing."""

import pytest
from django.core.exceptions import ValidationError

from lms.accounts.models import Cohort
from sandbox_shop import workflow
from sandbox_shop.models import PracticeListing
from sandbox_shop.moderation import find_contact_details
from tests.factories import LearnerFactory, ListingFactory, OfficerFactory, add_photo
from tests.factories.shop import jpeg_upload

FLAGGED = [
    ("Hubungi 0812-3456-7890", "phone"),
    ("pesan: 0812 3456 7890", "phone"),
    ("+62 812 3456 7890", "phone"),
    ("62.812.3456.7890", "phone"),
    ("(0812) 34567890", "phone"),
    ("nol delapan satu dua tiga empat lima enam tujuh delapan", "phone"),
    ("08 satu dua 3456 7890", "phone"),
    ("0 8 1 2 3 4 5 6 7 8 9 0", "phone"),
    ("021 5551234 kantor", "phone"),
    ("email budi@gmail.com", "email"),
    ("budi (at) gmail (dot) com", "email"),
    ("BUDI@YAHOO.CO.ID", "email"),
    ("cek www.tokoku.com", "url"),
    ("kunjungi tokoku.co.id", "url"),
    ("https://bit.ly/abc", "url"),
    ("katalog di kerajinan . my . id", "url"),
    ("follow @budi_kerajinan", "handle"),
    ("ig: kerajinanbudi", "handle"),
    ("cek Instagram kami", "handle"),
    ("pesan lewat WhatsApp", "messaging"),
    ("chat saya di telegram", "messaging"),
    ("DM untuk order", "messaging"),
    ("japri aja", "messaging"),
    ("transfer ke rek BCA 1234567890", "bank"),
    ("no rek 12345678", "bank"),
    ("juga ada di Shopee", "marketplace"),
    ("cari di tokopedia", "marketplace"),
    ("bukalapak juga ada", "marketplace"),
    ("Lazada dan Blibli", "marketplace"),
]

CLEAN = [
    "Tas anyaman pandan 30 cm, berat 350 gram",
    "Harga Rp 45.000",
    "Rp1.500.000 untuk 12 buah",
    "ukuran 30 x 40 cm",
    "ukuran 30x40x15 cm",
    "100% katun",
    "Dibuat tahun 2024",
    "Panjang 7 cm, lebar 3 cm",
    "Isi paket: satu tas",
    "dijual online di toko ini",
    "ukuran S, M, L, XL",
    "tinggi 25 cm diameter 12 cm",
    "kode produk A-12",
    "berat 1.2 kg",
    "satu dua tiga warna",
    "Kain batik tulis motif parang",
    "tersedia 3 warna: merah, biru, hijau",
    "garansi 7 hari",
    "tahan 6 bulan dalam wadah tertutup",
    "komposisi: tepung 250 gr, gula 100 gr, telur 2 butir",
    "Kemasan 500 ml, 1.000 ml dan 2.000 ml",
    "Sabun cuci piring aroma jeruk nipis",
    "cara merawat: lap dengan kain kering",
    "PIRT 1234567890123 tercantum di kemasan",
]


@pytest.mark.parametrize("text,kind", FLAGGED)
def test_contact_details_are_found(text, kind):
    kinds = {finding.kind for finding in find_contact_details(text)}
    assert kind in kinds, f"{text!r}: found {kinds}"


@pytest.mark.parametrize("text", CLEAN)
def test_ordinary_product_text_is_not_flagged(text):
    assert find_contact_details(text) == []


def test_every_finding_explains_itself():
    for finding in find_contact_details("WA 081234567890 atau budi@gmail.com, @budi, shopee, www.a.com"):
        assert finding.message and finding.text


@pytest.mark.django_db
def test_the_form_refuses_a_listing_with_a_phone_number(client):
    learner = LearnerFactory()
    client.force_login(learner, backend="lms.accounts.backends.LearnerPinBackend")
    response = client.post(
        "/toko-latihan/baru/",
        {
            "category": "kerajinan",
            "title": "Tas Anyaman Pandan",
            "description": "Tas bagus, pesan lewat 0812-3456-7890 ya.",
            "price": "45000",
            "photos": jpeg_upload(),
        },
    )
    assert response.status_code == 400
    assert "description" in response.context["form"].errors
    assert not PracticeListing.objects.exists()


@pytest.mark.django_db
def test_submission_is_blocked_and_the_officer_sees_what_was_found(client):
    listing = ListingFactory(description="Tas anyaman, info lanjut di www.tokoku.com")
    add_photo(listing)
    with pytest.raises(ValidationError):
        workflow.listing_submit(actor=listing.learner, listing=listing)
    listing.refresh_from_db()
    assert listing.status == PracticeListing.Status.DRAFT

    PracticeListing.objects.filter(pk=listing.pk).update(status=PracticeListing.Status.SUBMITTED)
    officer = OfficerFactory(facility=listing.facility, role="instructor")
    cohort = Cohort.objects.create(facility=listing.facility, name="Kelas Moderasi")
    cohort.learners.add(listing.learner)
    cohort.instructors.add(officer)
    client.force_login(officer, backend="lms.accounts.backends.OfficerBackend")
    response = client.get(f"/petugas/tinjau/{listing.pk}/")
    contact = [f for f in response.context["check"]["findings"] if f["rule"] == "contact_details"]
    assert len(contact) == 1 and "www.tokoku.com" in contact[0]["message"]
    assert "www.tokoku.com" in response.content.decode().split("</h1>", 1)[1]
