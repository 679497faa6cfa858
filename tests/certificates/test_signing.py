"""Ed25519 signing of certificate statements, the short code, and the deployment key."""

import os
import stat

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from certificates import signing

STATEMENT = signing.Statement(
    serial="KLD-2026-000123", course="Menjahit Dasar", facility="Lapas Kalianda", issued_on="2026-08-17", name="Budi"
)


@pytest.fixture
def fresh_key(settings, tmp_path):
    settings.CERTIFICATE_SIGNING_KEY = ""
    settings.CERTIFICATE_KEY_PATH = tmp_path / "keys" / "certificate-ed25519.pem"
    signing._private_key.cache_clear()
    yield settings.CERTIFICATE_KEY_PATH
    signing._private_key.cache_clear()


def test_key_is_generated_once_with_private_permissions(fresh_key):
    first = signing.public_key_multibase()
    assert fresh_key.exists()
    assert stat.S_IMODE(os.stat(fresh_key).st_mode) == 0o600
    signing._private_key.cache_clear()
    assert signing.public_key_multibase() == first  # read back, not generated again


def test_key_from_environment_pem(settings, fresh_key):
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    settings.CERTIFICATE_SIGNING_KEY = pem
    signing._private_key.cache_clear()
    assert signing.public_key_raw() == key.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    assert not fresh_key.exists()


def test_signature_verifies_and_any_change_breaks_it(fresh_key):
    signature = signing.sign(STATEMENT)
    assert signing.signature_is_valid(STATEMENT, signature)
    for field in ("serial", "course", "facility", "issued_on", "name"):
        changed = signing.Statement(**{**STATEMENT.__dict__, field: getattr(STATEMENT, field) + "X"})
        assert not signing.signature_is_valid(changed, signature), field
    assert not signing.signature_is_valid(STATEMENT, "A" * 86)
    assert not signing.signature_is_valid(STATEMENT, "not base64!")


def test_short_code_comes_from_the_signature(fresh_key):
    signature = signing.sign(STATEMENT)
    code = signing.short_code(signature)
    assert len(code) == 14 and code.count("-") == 2
    assert signing.normalise_code(code.lower().replace("-", " ")) == code


def test_multikey_round_trip(fresh_key):
    multibase = signing.public_key_multibase()
    assert multibase.startswith("z6Mk")
    assert signing.public_key_raw(signing.public_key_from_multibase(multibase)) == signing.public_key_raw()
    assert signing.base58btc_decode(signing.base58btc(b"\0\0abc")) == b"\0\0abc"
