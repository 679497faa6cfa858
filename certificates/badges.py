"""Open Badges 3.0 credentials for certificates, signed with ``eddsa-rdfc-2022``.

Everything works offline: the JSON-LD contexts are stored in ``certificates/contexts/`` and served
to pyld by a document loader that never touches the network (an unknown context is an error).
They are *subsets* of the published contexts, each used term defined exactly as published (see
``certificates/contexts/README.md``): a verifier that loads the real contexts must canonicalise the
credential to the same N-Quads, or the signature fails there while passing here. The published VC
2.0 context has no ``@vocab``, so a term that no context defines is dropped from the canonical form,
i.e. left unsigned; ``sign_credential`` therefore refuses a document with such a term.

The proof follows "Data Integrity EdDSA Cryptosuites v1.0" (W3C REC 2025-05-15), ``eddsa-rdfc-2022``:
the proof configuration (the proof options with the document's ``@context``) and the credential are
each canonicalised with RDF Dataset Canonicalization (RDFC-1.0; pyld calls it URDNA2015), hashed with
SHA-256, and ``proofConfigHash + documentHash`` is signed with the deployment's Ed25519 key
(``signing``); ``proofValue`` is base58btc multibase (``z…``). The verification method is the key's
``did:key`` (``did:key:z6Mk…#z6Mk…``), also published at ``/sertifikat/kunci-publik/``.

Learners have no email address or DID, so the subject is identified by a salted hash of the name on
the certificate (``identityHash``): whoever knows the name and the salt can confirm it, nobody can
read it from the credential.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
from collections.abc import Callable
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


PROOF_TYPE = "DataIntegrityProof"
CRYPTOSUITE = "eddsa-rdfc-2022"
PROOF_PURPOSE = "assertionMethod"
# An XML Schema dateTime (what ``created`` must be, per the cryptosuite's proof configuration step).
_XSD_DATETIME = re.compile(r"-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?")
_IRI_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")

Loader = Callable[..., dict]


class ContextNotAvailable(Exception):
    pass


class UndefinedTerms(ValueError):
    """The document uses terms (or types) that no context defines: they would not be signed."""


@lru_cache(maxsize=8)
def _context(url: str) -> dict:
    name = LOCAL_CONTEXTS.get(url)
    if name is None:
        raise ContextNotAvailable(url)
    return json.loads((CONTEXTS_DIR / name).read_text())


def document_loader(url: str, options=None) -> dict:
    """pyld's loader: the stored contexts only, never a download."""
    return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url, "document": _context(url)}


def canonical_nquads(document: dict, loader: Loader = document_loader) -> str:
    """RDFC-1.0 canonical N-Quads of ``document`` (pyld's URDNA2015 is the same algorithm)."""
    options = {"algorithm": "URDNA2015", "format": "application/n-quads", "documentLoader": loader}
    return jsonld.normalize(document, options)


def _check_proof_options(options: dict) -> None:
    if options.get("type") != PROOF_TYPE or options.get("cryptosuite") != CRYPTOSUITE:
        raise ValueError(f"not a {PROOF_TYPE} with cryptosuite {CRYPTOSUITE}")
    created = options.get("created")
    if created is not None and not (isinstance(created, str) and _XSD_DATETIME.fullmatch(created)):
        raise ValueError(f"created is not an XML Schema dateTime: {created!r}")


def _hash_data(unsecured: dict, proof_options: dict, loader: Loader = document_loader) -> bytes:
    """Steps 3.2.3-3.2.5 of eddsa-rdfc-2022: proofConfigHash followed by the transformed document's hash."""
    _check_proof_options(proof_options)
    proof_config = dict(proof_options)
    proof_config["@context"] = unsecured["@context"]
    proof_config_hash = hashlib.sha256(canonical_nquads(proof_config, loader).encode()).digest()
    document_hash = hashlib.sha256(canonical_nquads(unsecured, loader).encode()).digest()
    return proof_config_hash + document_hash


# pyld resolves a relative IRI against this made-up base instead of leaving it relative.
_PYLD_DEFAULT_BASE = getattr(jsonld, "DEFAULT_BASE_IRI", "http://example.org/base/")


def _is_absolute_iri(value: str) -> bool:
    if value.startswith(_PYLD_DEFAULT_BASE):
        return False
    return value.startswith("_:") or bool(_IRI_SCHEME.match(value))


def undefined_terms(document: dict, loader: Loader = document_loader) -> list[str]:
    """Terms, types and identifiers of ``document`` that do not expand to absolute IRIs.

    Like the "safe mode" of JSON-LD signature libraries: a key that no context defines is dropped
    by expansion (the published VC 2.0 context has no catch-all ``@vocab``), and a type or ``id``
    that stays a relative IRI is dropped when the document becomes RDF. Either way it would not be
    covered by the signature, so the credential must not carry it.
    """
    found: set[str] = set()

    def dropped(expanded_property) -> None:
        found.add(str(expanded_property))

    def walk(node) -> None:
        if isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict) and "@value" not in node:
            types = node.get("@type", [])
            found.update(t for t in (types if isinstance(types, list) else [types]) if not _is_absolute_iri(t))
            if "@id" in node and not _is_absolute_iri(node["@id"]):
                found.add(node["@id"])
            for value in node.values():
                walk(value)

    walk(jsonld.expand(copy.deepcopy(document), {"documentLoader": loader}, on_property_dropped=dropped))
    return sorted(term.removeprefix(_PYLD_DEFAULT_BASE) for term in found)


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


def sign_credential(unsecured: dict, *, created: str, loader: Loader = document_loader) -> dict:
    """Add an ``eddsa-rdfc-2022`` proof (Create Proof, section 3.2.1) made with the deployment's key."""
    missing = undefined_terms(unsecured, loader)
    if missing:
        raise UndefinedTerms(f"not defined by the stored contexts, so they would not be signed: {missing}")
    proof = {
        "type": PROOF_TYPE,
        "cryptosuite": CRYPTOSUITE,
        "created": created,
        "verificationMethod": signing.verification_method(),
        "proofPurpose": PROOF_PURPOSE,
    }
    signature = signing.private_key().sign(_hash_data(unsecured, proof, loader))
    secured = copy.deepcopy(unsecured)
    secured["proof"] = dict(proof, proofValue="z" + signing.base58btc(signature))
    return secured


def certificate_credential(certificate) -> dict:
    created = (certificate.rendered_at or certificate.created_at).strftime("%Y-%m-%dT%H:%M:%SZ")
    return sign_credential(credential_unsigned(certificate), created=created)


def _issuer_id(document: dict):
    issuer = document.get("issuer")
    return issuer.get("id") if isinstance(issuer, dict) else issuer


def _key_matches_method(proof: dict, document: dict, public_key: Ed25519PublicKey) -> bool:
    """The verification method belongs to the issuer and, for a ``did:key``, is ``public_key`` itself."""
    method = proof.get("verificationMethod")
    if not isinstance(method, str) or "#" not in method:
        return False
    controller, fragment = method.split("#", 1)
    if controller != _issuer_id(document):
        return False
    if controller.startswith("did:key:"):
        multibase = controller.removeprefix("did:key:")
        if fragment != multibase:
            return False
        return signing.public_key_raw(signing.public_key_from_multibase(multibase)) == signing.public_key_raw(
            public_key
        )
    return True  # a URL verification method: the caller resolved it to ``public_key``


def verify_credential(secured: dict, public_key: Ed25519PublicKey, *, loader: Loader = document_loader) -> bool:
    """Verify an ``eddsa-rdfc-2022`` proof (Verify Proof, section 3.2.2) with ``public_key``.

    ``public_key`` is the key the caller trusts (e.g. the Multikey published at
    ``/sertifikat/kunci-publik/``); the proof must be an ``assertionMethod`` proof whose verification
    method is controlled by the credential's issuer and, when it is a ``did:key``, encodes that key.
    A document with a claim that no context defines is refused: that claim would not be signed.
    """
    try:
        document = copy.deepcopy(secured)
        proof = dict(document.pop("proof"))
        proof_value = proof.pop("proofValue")
        if proof.get("proofPurpose") != PROOF_PURPOSE or not _key_matches_method(proof, document, public_key):
            return False
        if not isinstance(proof_value, str) or not proof_value.startswith("z"):
            return False
        # A claim no context defines is not in the canonical form: it would "verify" while unsigned.
        if undefined_terms(document, loader) or undefined_terms(
            dict(proof, **{"@context": document["@context"]}), loader
        ):
            return False
        proof_bytes = signing.base58btc_decode(proof_value[1:])
        if len(proof_bytes) != 64:
            return False
        public_key.verify(proof_bytes, _hash_data(document, proof, loader))
    except (InvalidSignature, KeyError, ValueError, TypeError, AttributeError, jsonld.JsonLdError, ContextNotAvailable):
        return False
    return True
