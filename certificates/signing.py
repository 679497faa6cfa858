"""Ed25519 signatures over what a certificate states, and the short code printed on it.

Design
------
* One Ed25519 key per deployment. It comes from ``CERTIFICATE_SIGNING_KEY`` (a PEM, or the path of a
  PEM file) or, when that is unset, from ``settings.CERTIFICATE_KEY_PATH`` (``var/keys/…pem``),
  generated on first use with mode 600. The public key is published at a stable address
  (``/sertifikat/kunci-publik/``: PEM, JWK and Multikey) so anyone can check a signature.
* The signed message is the certificate's statement: serial, course, facility, issue date and the
  learner's name (NFC-normalised, joined with the unit separator, behind a version tag).
* The full 64-byte signature is kept on the certificate row and embedded in the PDF's metadata
  and in the Open Badges credential. A 64-byte signature is too long to type, so the PDF prints a
  *short code*: the first 12 base32 characters of the signature (60 bits, shown as XXXX-XXXX-XXXX).
  A truncated signature cannot be verified on its own, so the verification page
  1. rebuilds the message from the stored row and verifies the stored full signature with the
     public key (the row was not altered since signing), and
  2. compares the visitor's short code with the one derived from that signature (the paper in the
     visitor's hand belongs to this row).
  Anyone holding the PDF or the credential can also verify the full signature offline.
* The QR code carries only the verification address with the serial and the short code.
"""

from __future__ import annotations

import base64
import hashlib
import os
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings

MESSAGE_VERSION = "bekal-certificate-v2"
SHORT_CODE_LENGTH = 12
_B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_ED25519_MULTICODEC = b"\xed\x01"


# --- keys ------------------------------------------------------------------------------------


def _load_private_pem(data: bytes) -> Ed25519PrivateKey:
    key = serialization.load_pem_private_key(data, password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError("CERTIFICATE_SIGNING_KEY is not an Ed25519 private key")
    return key


def _create_key_file(path: Path) -> None:
    """Write a new key once; a concurrent process that loses the race reads the winner's key."""
    path.parent.mkdir(parents=True, exist_ok=True)
    os.chmod(path.parent, 0o700)
    pem = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
    try:
        os.link(tmp, path)  # atomic, and fails if another process created the key first
    except FileExistsError:
        pass
    finally:
        tmp.unlink(missing_ok=True)


@lru_cache(maxsize=4)
def _private_key(source: str, path: str) -> Ed25519PrivateKey:
    if source.strip().startswith("-----BEGIN"):
        return _load_private_pem(source.encode())
    key_path = Path(source or path)
    if not key_path.exists():
        if source:
            raise FileNotFoundError(f"CERTIFICATE_SIGNING_KEY file {key_path} does not exist")
        _create_key_file(key_path)
    return _load_private_pem(key_path.read_bytes())


def private_key() -> Ed25519PrivateKey:
    return _private_key(settings.CERTIFICATE_SIGNING_KEY or "", str(settings.CERTIFICATE_KEY_PATH))


def public_key() -> Ed25519PublicKey:
    return private_key().public_key()


def public_key_raw(key: Ed25519PublicKey | None = None) -> bytes:
    return (key or public_key()).public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def public_key_pem() -> str:
    return (
        public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()
    )


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def base58btc(data: bytes) -> str:
    number = int.from_bytes(data, "big")
    out = ""
    while number:
        number, rest = divmod(number, 58)
        out = _B58[rest] + out
    return "1" * (len(data) - len(data.lstrip(b"\0"))) + out


def base58btc_decode(text: str) -> bytes:
    number = 0
    for char in text:
        number = number * 58 + _B58.index(char)
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    return b"\0" * (len(text) - len(text.lstrip("1"))) + body


def public_key_multibase(key: Ed25519PublicKey | None = None) -> str:
    """The Multikey form (``z6Mk…``), also the identifier of the ``did:key``."""
    return "z" + base58btc(_ED25519_MULTICODEC + public_key_raw(key))


def public_key_from_multibase(value: str) -> Ed25519PublicKey:
    if not value.startswith("z"):
        raise ValueError("not a base58btc multibase value")
    raw = base58btc_decode(value[1:])
    if not raw.startswith(_ED25519_MULTICODEC) or len(raw) != 34:
        raise ValueError("not an Ed25519 Multikey")
    return Ed25519PublicKey.from_public_bytes(raw[2:])


def public_key_jwk() -> dict:
    return {"kty": "OKP", "crv": "Ed25519", "x": b64url(public_key_raw()), "kid": key_id()}


def key_id() -> str:
    """A short fingerprint naming the key that signed a certificate (for a later key change)."""
    return hashlib.sha256(public_key_raw()).hexdigest()[:16]


def did_key() -> str:
    return f"did:key:{public_key_multibase()}"


def verification_method() -> str:
    multibase = public_key_multibase()
    return f"did:key:{multibase}#{multibase}"


# --- certificate statements -----------------------------------------------------------------


@dataclass(frozen=True)
class Statement:
    serial: str
    course: str
    facility: str
    issued_on: str  # ISO date
    name: str

    def message(self) -> bytes:
        parts = [MESSAGE_VERSION, self.serial, self.course, self.facility, self.issued_on, self.name]
        return "\x1f".join(unicodedata.normalize("NFC", part.strip()) for part in parts).encode()


def sign(statement: Statement) -> str:
    """The full signature over ``statement``, base64url without padding (86 characters)."""
    return b64url(private_key().sign(statement.message()))


def signature_is_valid(statement: Statement, signature: str, key: Ed25519PublicKey | None = None) -> bool:
    try:
        (key or public_key()).verify(b64url_decode(signature), statement.message())
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


def short_code(signature: str) -> str:
    """The code printed on the certificate: the signature's first 60 bits in base32, XXXX-XXXX-XXXX."""
    code = base64.b32encode(b64url_decode(signature)).decode()[:SHORT_CODE_LENGTH]
    return "-".join(code[i : i + 4] for i in range(0, SHORT_CODE_LENGTH, 4))


def normalise_code(text: str) -> str:
    """What a visitor typed, as printed: upper case, only letters and digits, in groups of four."""
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())[:SHORT_CODE_LENGTH]
    cleaned = cleaned.replace("0", "O").replace("1", "I").replace("8", "B")  # base32 has no 0, 1, 8
    return "-".join(cleaned[i : i + 4] for i in range(0, len(cleaned), 4))


def verification_code(*, serial: str, course: str, facility: str, issued_on: str, name: str) -> str:
    """Sign a statement and return its short code (for callers that need only the printed code)."""
    return short_code(sign(Statement(serial=serial, course=course, facility=facility, issued_on=issued_on, name=name)))
