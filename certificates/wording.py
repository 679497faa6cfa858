"""The fixed wording printed on certificates, per certificate language.

A certificate is an official document in the language its template names, whatever language the
officer's screen is in and however far the interface translation has got, so its wording lives here
rather than in the interface message catalogue.
"""

WORDING = {
    "id": {
        "heading": "SERTIFIKAT",
        "subheading": "Tanda Tamat Pelatihan",
        "awarded_to": "Diberikan kepada",
        "body": "atas keberhasilannya menyelesaikan pelatihan",
        "place_date": "{place}, {date}",
        "serial": "Nomor seri",
        "code": "Kode verifikasi",
        "verify": "Periksa keaslian di",
        "scan": "Pindai untuk memeriksa",
        "nip": "NIP",
        "months": [
            "Januari",
            "Februari",
            "Maret",
            "April",
            "Mei",
            "Juni",
            "Juli",
            "Agustus",
            "September",
            "Oktober",
            "November",
            "Desember",
        ],
    },
    "en": {
        "heading": "CERTIFICATE",
        "subheading": "Certificate of Completion",
        "awarded_to": "This is to certify that",
        "body": "has successfully completed the course",
        "place_date": "{place}, {date}",
        "serial": "Serial number",
        "code": "Verification code",
        "verify": "Verify at",
        "scan": "Scan to verify",
        "nip": "NIP",
        "months": [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ],
    },
}


def wording(language: str) -> dict:
    return WORDING.get(language, WORDING["id"])


def long_date(day, language: str) -> str:
    months = wording(language)["months"]
    if language == "en":
        return f"{day.day} {months[day.month - 1]} {day.year}"
    return f"{day.day} {months[day.month - 1]} {day.year}"
