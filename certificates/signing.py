"""The short verification code printed on a certificate: a keyed signature over what it states.

A change to the serial, course, facility, date or name gives a different code, so a forged or
altered certificate does not match what the verification page computes.
"""

import base64
import hashlib
import hmac

from django.conf import settings


def _key() -> bytes:
    return hashlib.sha256(b"bekal-certificate-v1:" + settings.SECRET_KEY.encode()).digest()


def verification_code(*, serial: str, course: str, facility: str, issued_on: str, name: str) -> str:
    message = "\x1f".join([serial, course, facility, issued_on, name]).encode()
    digest = hmac.new(_key(), message, hashlib.sha256).digest()
    code = base64.b32encode(digest)[:12].decode()
    return "-".join(code[i : i + 4] for i in range(0, 12, 4))


def normalise_code(text: str) -> str:
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())[:12]
    return "-".join(cleaned[i : i + 4] for i in range(0, len(cleaned), 4))
