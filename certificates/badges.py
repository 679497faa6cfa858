"""Open Badges 3.0 credentials for certificates, signed with ``eddsa-rdfc-2022``.

Everything works offline: the JSON-LD contexts are stored in ``certificates/contexts/`` and served
to pyld by a document loader that never touches the network (an unknown context is an error).
The proof follows the W3C Data Integrity EdDSA cryptosuite: the proof options and the credential
are each canonicalised with RDFC-1.0 (URDNA2015), hashed with SHA-256, and the concatenated hashes
are signed with the deployment's Ed25519 key (``signing``); ``proofValue`` is base58btc multibase.
The verification method is the key's ``did:key``, also published at ``/sertifikat/kunci-publik/``.

Learners have no email address or DID, so the subject is identified by a salted hash of the name on
the certificate (``identityHash``): whoever knows the name and the salt can confirm it, nobody can
read it from the credential.
"""

from __future__ import annotations

import copy
import hashlib
import json
from functools import lru_cache
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.conf import settings
from django.urls import reverse
from pyld import jsonld

from . import signing

CONTEXTS_DIR = Path(__file__).resolve().parent / "contexts"
CREDENTIALS_V2 = "https://www.w3.org/ns/credentials/v2"
OB_V3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
LOCAL_CONTEXTS = {
    CREDENTIALS_V2: "credentials-v2.jsonld",
    OB_V3: "ob-v3p0-context-3.0.3.jsonld",
}


class ContextNotAvailable(Exception):
    pass


@lru_cache(maxsize=8)
def _context(url: str) -> dict:
    name = LOCAL_CONTEXTS.get(url)
    if name is None:
        raise ContextNotAvailable(url)
    return json.loads((CONTEXTS_DIR / name).read_text())


def document_loader(url: str, options=None) -> dict:
    """pyld's loader: the stored contexts only, never a download."""
    return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url, "document": _context(url)}


def _canonical_hash(document: dict) -> bytes:
    nquads = jsonld.normalize(
        document, {"algorithm": "URDNA2015", "format": "application/n-quads", "documentLoader": document_loader}
    )
    return hashlib.sha256(nquads.encode()).digest()


def _hash_data(unsecured: dict, proof_options: dict) -> bytes:
    options = dict(proof_options, **{"@context": unsecured["@context"]})
    return _canonical_hash(options) + _canonical_hash(unsecured)


def identity_hash(name: str, salt: str) -> str:
    return "sha256$" + hashlib.sha256((name + salt).encode()).hexdigest()


def _salt(certificate) -> str:
    return hashlib.sha256(f"bekal-identity-salt:{settings.SECRET_KEY}:{certificate.serial}".encode()).hexdigest()[:16]


def credential_unsigned(certificate) -> dict:
    verify_url = settings.SITE_URL + reverse("certificate_verify", args=[certificate.serial])
    salt = _salt(certificate)
    return {
        "@context": [CREDENTIALS_V2, OB_V3],
        "id": verify_url,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": certificate.course_title,
        "issuer": {
            "id": signing.did_key(),
            "type": ["Profile"],
            "name": f"{settings.CERTIFICATE_ISSUER_NAME} · {certificate.facility_name}",
            "url": settings.SITE_URL + "/",
        },
        "validFrom": f"{certificate.issued_on.isoformat()}T00:00:00Z",
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityType": "name",
                    "hashed": True,
                    "identityHash": identity_hash(certificate.learner_name, salt),
                    "salt": salt,
                }
            ],
            "achievement": {
                "id": f"urn:bekal:course:{certificate.course_id}",
                "type": ["Achievement"],
                "name": certificate.course_title,
                "description": f"{certificate.course_title} — {certificate.facility_name}",
                "criteria": {"narrative": "Completed every lesson of the course."},
                "humanCode": certificate.serial,
            },
        },
    }


def sign_credential(unsecured: dict, *, created: str) -> dict:
    proof = {
        "type": "DataIntegrityProof",
        "cryptosuite": "eddsa-rdfc-2022",
        "created": created,
        "verificationMethod": signing.verification_method(),
        "proofPurpose": "assertionMethod",
    }
    signature = signing.private_key().sign(_hash_data(unsecured, proof))
    secured = copy.deepcopy(unsecured)
    secured["proof"] = dict(proof, proofValue="z" + signing.base58btc(signature))
    return secured


def certificate_credential(certificate) -> dict:
    created = (certificate.rendered_at or certificate.created_at).strftime("%Y-%m-%dT%H:%M:%SZ")
    return sign_credential(credential_unsigned(certificate), created=created)


def verify_credential(secured: dict, public_key: Ed25519PublicKey) -> bool:
    """Check an ``eddsa-rdfc-2022`` proof with ``public_key`` (e.g. the published Multikey)."""
    try:
        document = copy.deepcopy(secured)
        proof = dict(document.pop("proof"))
        if proof.get("type") != "DataIntegrityProof" or proof.get("cryptosuite") != "eddsa-rdfc-2022":
            return False
        proof_value = proof.pop("proofValue")
        if not proof_value.startswith("z"):
            return False
        public_key.verify(signing.base58btc_decode(proof_value[1:]), _hash_data(document, proof))
    except (InvalidSignature, KeyError, ValueError, TypeError, jsonld.JsonLdError, ContextNotAvailable):
        return False
    return True
