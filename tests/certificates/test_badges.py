"""The Open Badges 3.0 credential: stored contexts vs the published ones, and the eddsa-rdfc-2022 proof.

A verifier elsewhere loads the *published* JSON-LD contexts, not our stored subsets. These tests pin
what the credential means under the published contexts (canonical N-Quads computed with
https://www.w3.org/ns/credentials/v2 and
https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json as published, checked 2026-11-28), check
the proof algorithm against the W3C test vector of "Data Integrity EdDSA Cryptosuites v1.0", and
check that every claim is covered by the signature.
"""

import copy
import datetime
import json
import types

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from certificates import badges, signing
from certificates.services import certificate_issue

# --- W3C vc-di-eddsa test vector (TestVectors/keyPair.json and TestVectors/eddsa-rdfc-2022/) ----------

W3C_PUBLIC_KEY = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"
W3C_PRIVATE_KEY = "z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq"  # multicodec ed25519-priv (0x8026) + seed
EXAMPLES_V2 = "https://www.w3.org/ns/credentials/examples/v2"
W3C_SIGNED = {
    "@context": ["https://www.w3.org/ns/credentials/v2", EXAMPLES_V2],
    "id": "urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33",
    "type": ["VerifiableCredential", "AlumniCredential"],
    "name": "Alumni Credential",
    "description": "A minimum viable example of an Alumni Credential.",
    "issuer": "https://vc.example/issuers/5678",
    "validFrom": "2023-01-01T00:00:00Z",
    "credentialSubject": {"id": "did:example:abcdefgh", "alumniOf": "The School of Examples"},
    "proof": {
        "type": "DataIntegrityProof",
        "cryptosuite": "eddsa-rdfc-2022",
        "created": "2023-02-24T23:36:38Z",
        "verificationMethod": f"https://vc.example/issuers/5678#{W3C_PUBLIC_KEY}",
        "proofPurpose": "assertionMethod",
        "proofValue": "z21EVs3eXERqTn4acNHT9viboqgzUaQ3kTmhPT3eA8qrVPE7CrQq78WkzctnMX5W4CrzcKnHw8V6dvy5pgWYCU5e9",
    },
}
W3C_CANONICAL_PROOF_CONFIG = (
    '_:c14n0 <http://purl.org/dc/terms/created> "2023-02-24T23:36:38Z"'
    "^^<http://www.w3.org/2001/XMLSchema#dateTime> .\n"
    "_:c14n0 <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/security#DataIntegrityProof> .\n"
    '_:c14n0 <https://w3id.org/security#cryptosuite> "eddsa-rdfc-2022"'
    "^^<https://w3id.org/security#cryptosuiteString> .\n"
    "_:c14n0 <https://w3id.org/security#proofPurpose> <https://w3id.org/security#assertionMethod> .\n"
    "_:c14n0 <https://w3id.org/security#verificationMethod> "
    f"<https://vc.example/issuers/5678#{W3C_PUBLIC_KEY}> .\n"
)
W3C_HASH_DATA = (
    "4c4d3890a157f8d611b13c265c2c22f39aa0a567c7c7dd9ba3e45cd579784eeb"
    "517744132ae165a5349155bef0bb0cf2258fff99dfe1dbd914b938d775a36017"
)


def w3c_loader(url, options=None):
    """The stored contexts, plus the W3C examples context (a catch-all ``@vocab``) the vector uses."""
    if url == EXAMPLES_V2:
        document = {"@context": {"@vocab": "https://www.w3.org/ns/credentials/examples#"}}
        return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url, "document": document}
    return badges.document_loader(url, options)


def w3c_private_key() -> Ed25519PrivateKey:
    raw = signing.base58btc_decode(W3C_PRIVATE_KEY[1:])
    assert raw[:2] == b"\x80\x26" and len(raw) == 34
    return Ed25519PrivateKey.from_private_bytes(raw[2:])


def without_proof(secured: dict) -> tuple[dict, dict]:
    document = copy.deepcopy(secured)
    proof = document.pop("proof")
    return document, {key: value for key, value in proof.items() if key != "proofValue"}


# --- a credential with fixed inputs ----------------------------------------------------------------

# The canonical N-Quads of GOLDEN_CERTIFICATE's credential, computed with the full *published*
# contexts (credentials v2 as published with the 2025-05-15 Recommendation, OB context-3.0.3.json).
# Our stored subsets must give exactly these; a term mapped to another IRI, datatype or container
# changes a line here and the signature would fail for every other verifier.
PUBLISHED_NQUADS = """\
<did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://purl.imsglobal.org/spec/vc/ob/vocab.html#Profile> .
<did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2> <https://schema.org/name> "Bekal · Lapas Kelas IIA Kalianda" .
<did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2> <https://schema.org/url> "https://bekal.example/"^^<https://www.w3.org/2001/XMLSchema#anyURI> .
<https://bekal.example/sertifikat/KLD-2026-000123/> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://purl.imsglobal.org/spec/vc/ob/vocab.html#OpenBadgeCredential> .
<https://bekal.example/sertifikat/KLD-2026-000123/> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://www.w3.org/2018/credentials#VerifiableCredential> .
<https://bekal.example/sertifikat/KLD-2026-000123/> <https://schema.org/name> "Menjahit Dasar" .
<https://bekal.example/sertifikat/KLD-2026-000123/> <https://w3id.org/security#proof> _:c14n4 .
<https://bekal.example/sertifikat/KLD-2026-000123/> <https://www.w3.org/2018/credentials#credentialSubject> _:c14n2 .
<https://bekal.example/sertifikat/KLD-2026-000123/> <https://www.w3.org/2018/credentials#issuer> <did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2> .
<https://bekal.example/sertifikat/KLD-2026-000123/> <https://www.w3.org/2018/credentials#validFrom> "2026-11-02T00:00:00Z"^^<http://www.w3.org/2001/XMLSchema#dateTime> .
<urn:bekal:course:7> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://purl.imsglobal.org/spec/vc/ob/vocab.html#Achievement> .
<urn:bekal:course:7> <https://purl.imsglobal.org/spec/vc/ob/vocab.html#Criteria> _:c14n0 .
<urn:bekal:course:7> <https://purl.imsglobal.org/spec/vc/ob/vocab.html#humanCode> "KLD-2026-000123" .
<urn:bekal:course:7> <https://schema.org/description> "Menjahit Dasar — Lapas Kelas IIA Kalianda" .
<urn:bekal:course:7> <https://schema.org/name> "Menjahit Dasar" .
_:c14n0 <https://purl.imsglobal.org/spec/vc/ob/vocab.html#narrative> "Completed every lesson of the course." .
_:c14n1 <http://purl.org/dc/terms/created> "2026-11-02T08:30:00Z"^^<http://www.w3.org/2001/XMLSchema#dateTime> _:c14n4 .
_:c14n1 <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/security#DataIntegrityProof> _:c14n4 .
_:c14n1 <https://w3id.org/security#cryptosuite> "eddsa-rdfc-2022"^^<https://w3id.org/security#cryptosuiteString> _:c14n4 .
_:c14n1 <https://w3id.org/security#proofPurpose> <https://w3id.org/security#assertionMethod> _:c14n4 .
_:c14n1 <https://w3id.org/security#proofValue> "zFAYmRv4NsjQodJ4tCSRrwadEhkmt3HweaxGyYyNAwB6TygDHaAWczjyaiNAvViXj3UD9AW4ViUarkJNAVNCqNUh"^^<https://w3id.org/security#multibase> _:c14n4 .
_:c14n1 <https://w3id.org/security#verificationMethod> <did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2> _:c14n4 .
_:c14n2 <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://purl.imsglobal.org/spec/vc/ob/vocab.html#AchievementSubject> .
_:c14n2 <https://purl.imsglobal.org/spec/vc/ob/vocab.html#achievement> <urn:bekal:course:7> .
_:c14n2 <https://purl.imsglobal.org/spec/vc/ob/vocab.html#identifier> _:c14n3 .
_:c14n3 <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://purl.imsglobal.org/spec/vc/ob/vocab.html#IdentityObject> .
_:c14n3 <https://purl.imsglobal.org/spec/vc/ob/vocab.html#hashed> "true"^^<https://www.w3.org/2001/XMLSchema#boolean> .
_:c14n3 <https://purl.imsglobal.org/spec/vc/ob/vocab.html#identityHash> "sha256$5ee15aa97182f2bef656185fb0ea1473de9a731676cfadbe4d1623ba70673044" .
_:c14n3 <https://purl.imsglobal.org/spec/vc/ob/vocab.html#identityType> "name" .
_:c14n3 <https://purl.imsglobal.org/spec/vc/ob/vocab.html#salt> "8fea531cb6a92147" .
"""  # noqa: E501

GOLDEN_CERTIFICATE = types.SimpleNamespace(
    serial="KLD-2026-000123",
    course_id=7,
    course_title="Menjahit Dasar",
    facility_name="Lapas Kelas IIA Kalianda",
    learner_name="Budi Santoso Wibowo",
    issued_on=datetime.date(2026, 11, 2),
    rendered_at=datetime.datetime(2026, 11, 2, 8, 30, tzinfo=datetime.UTC),
    created_at=None,
)


@pytest.fixture
def w3c_signing_key(settings):
    """Sign with the W3C test-vector key, under fixed site settings, so the output is reproducible."""
    settings.CERTIFICATE_SIGNING_KEY = (
        w3c_private_key()
        .private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
        .decode()
    )
    settings.SITE_URL = "https://bekal.example"
    settings.CERTIFICATE_ISSUER_NAME = "Bekal"
    settings.SECRET_KEY = "golden-secret"  # only feeds the identity salt here
    assert signing.public_key_multibase() == W3C_PUBLIC_KEY


@pytest.fixture
def golden(w3c_signing_key) -> dict:
    return badges.certificate_credential(GOLDEN_CERTIFICATE)


def statements(node: dict) -> int:
    """How many RDF statements the JSON makes: one per value of every key, nested objects included."""
    count = 0
    for key, value in node.items():
        if key in ("@context", "id"):
            continue
        for item in value if isinstance(value, list) else [value]:
            count += 1
            if isinstance(item, dict):
                count += statements(item)
    return count


# --- the stored contexts say what the published ones say -------------------------------------------


def test_stored_contexts_give_the_published_canonical_form(golden):
    assert badges.canonical_nquads(golden) == PUBLISHED_NQUADS


def test_signature_over_the_golden_credential_is_reproducible(golden):
    # Ed25519 is deterministic: same key, same canonical form, same proofValue as computed with
    # the published contexts.
    assert golden["proof"]["proofValue"] in PUBLISHED_NQUADS
    assert badges.verify_credential(golden, signing.public_key_from_multibase(W3C_PUBLIC_KEY))


def test_stored_contexts_have_no_catch_all_vocabulary():
    # The published VC 2.0 context dropped "@vocab" before the Recommendation: an undefined term is
    # dropped by a verifier, so it must not be given an IRI here either.
    def vocabularies(node):
        if isinstance(node, dict):
            yield from ([node["@vocab"]] if "@vocab" in node else [])
            for value in node.values():
                yield from vocabularies(value)
        elif isinstance(node, list):
            for item in node:
                yield from vocabularies(item)

    for url in badges.LOCAL_CONTEXTS:
        assert list(vocabularies(badges.document_loader(url)["document"])) == []


# --- every claim is signed --------------------------------------------------------------------------


def test_every_term_of_the_credential_expands_to_an_absolute_iri(golden):
    assert badges.undefined_terms(golden) == []
    # Independently: no statement was dropped on the way to RDF (one quad per JSON value).
    assert statements(golden) == len(badges.canonical_nquads(golden).splitlines()) == 30


@pytest.mark.parametrize(
    "change, expected",
    [
        (lambda c: c["credentialSubject"].update(learnerName="Budi"), ["learnerName"]),
        (lambda c: c["credentialSubject"]["achievement"].update(serialNumber="X"), ["serialNumber"]),
        (lambda c: c["issuer"]["type"].append("Lembaga"), ["Lembaga"]),
        (lambda c: c.update(issuanceDate="2026-11-02T00:00:00Z"), ["issuanceDate"]),  # VC 1.1, not in v2
    ],
    ids=["subject claim", "achievement claim", "relative type", "VC 1.1 issuanceDate"],
)
def test_an_undefined_term_is_found_and_never_signed(w3c_signing_key, change, expected):
    unsecured = badges.credential_unsigned(GOLDEN_CERTIFICATE)
    change(unsecured)
    assert badges.undefined_terms(unsecured) == expected
    with pytest.raises(badges.UndefinedTerms):
        badges.sign_credential(unsecured, created="2026-11-02T08:30:00Z")


def test_a_claim_slipped_into_a_signed_credential_is_refused(golden):
    # Without the check this would verify: the canonical form (and so the hash) ignores the term.
    smuggled = copy.deepcopy(golden)
    smuggled["credentialSubject"]["learnerName"] = "Orang Lain"
    assert badges.canonical_nquads(smuggled) == badges.canonical_nquads(golden)
    assert not badges.verify_credential(smuggled, signing.public_key_from_multibase(W3C_PUBLIC_KEY))


# --- tampering ----------------------------------------------------------------------------------------


def _identity(credential: dict) -> dict:
    return credential["credentialSubject"]["identifier"][0]


TAMPERINGS = {
    "credential name": lambda c: c.update(name="Kursus Lain"),
    "achievement name": lambda c: c["credentialSubject"]["achievement"].update(name="Kursus Lain"),
    "achievement description": lambda c: c["credentialSubject"]["achievement"].update(description="Lain"),
    "achievement id": lambda c: c["credentialSubject"]["achievement"].update(id="urn:bekal:course:8"),
    "criteria": lambda c: c["credentialSubject"]["achievement"]["criteria"].update(narrative="Nothing."),
    "humanCode": lambda c: c["credentialSubject"]["achievement"].update(humanCode="KLD-2026-000124"),
    "issuance date": lambda c: c.update(validFrom="2026-11-01T00:00:00Z"),
    "learner name (identity hash)": lambda c: _identity(c).update(
        identityHash=badges.identity_hash("Andi Pratama", _identity(c)["salt"])
    ),
    "salt": lambda c: _identity(c).update(salt="0000000000000000"),
    "issuer name": lambda c: c["issuer"].update(name="Lembaga Lain"),
    "issuer url": lambda c: c["issuer"].update(url="https://elsewhere.example/"),
    "credential id": lambda c: c.update(id="https://bekal.example/sertifikat/KLD-2026-000124/"),
    "proof created": lambda c: c["proof"].update(created="2026-11-03T08:30:00Z"),
}


@pytest.mark.parametrize("change", TAMPERINGS.values(), ids=TAMPERINGS.keys())
def test_tampering_with_any_claim_breaks_the_signature(golden, change):
    key = signing.public_key_from_multibase(W3C_PUBLIC_KEY)
    assert badges.verify_credential(golden, key)
    tampered = copy.deepcopy(golden)
    change(tampered)
    assert not badges.verify_credential(tampered, key)


# --- the proof, step by step against the cryptosuite ---------------------------------------------------


def test_w3c_test_vector_verifies():
    assert badges.verify_credential(W3C_SIGNED, signing.public_key_from_multibase(W3C_PUBLIC_KEY), loader=w3c_loader)


def test_w3c_test_vector_proof_configuration_hash_data_and_signature():
    unsecured, options = without_proof(W3C_SIGNED)
    proof_config = dict(options, **{"@context": unsecured["@context"]})
    assert badges.canonical_nquads(proof_config, w3c_loader) == W3C_CANONICAL_PROOF_CONFIG

    hash_data = badges._hash_data(unsecured, options, w3c_loader)
    assert hash_data.hex() == W3C_HASH_DATA  # proofConfigHash, then the document's hash

    signature = w3c_private_key().sign(hash_data)
    assert "z" + signing.base58btc(signature) == W3C_SIGNED["proof"]["proofValue"]


def test_the_proof_names_the_issuers_did_key(golden):
    did = f"did:key:{W3C_PUBLIC_KEY}"
    assert golden["issuer"]["id"] == did
    assert golden["proof"]["verificationMethod"] == f"{did}#{W3C_PUBLIC_KEY}"
    assert golden["proof"]["proofValue"].startswith("z")
    assert len(signing.base58btc_decode(golden["proof"]["proofValue"][1:])) == 64


def _other_did_key() -> str:
    return "did:key:" + signing.public_key_multibase(Ed25519PrivateKey.generate().public_key())


BAD_PROOFS = {
    "another purpose": lambda c: c["proof"].update(proofPurpose="authentication"),
    "another cryptosuite": lambda c: c["proof"].update(cryptosuite="eddsa-jcs-2022"),
    "another proof type": lambda c: c["proof"].update(type="Ed25519Signature2020"),
    "method of another controller": lambda c: c["proof"].update(
        verificationMethod=f"{_other_did_key()}#{W3C_PUBLIC_KEY}"
    ),
    "fragment is not the key": lambda c: c["proof"].update(verificationMethod=f"did:key:{W3C_PUBLIC_KEY}#key-1"),
    "created is not a dateTime": lambda c: c["proof"].update(created="2 November 2026"),
    "not base58btc multibase": lambda c: c["proof"].update(proofValue="u" + c["proof"]["proofValue"][1:]),
    "truncated signature": lambda c: c["proof"].update(proofValue=c["proof"]["proofValue"][:-4]),
    "no proof": lambda c: c.pop("proof"),
}


@pytest.mark.parametrize("change", BAD_PROOFS.values(), ids=BAD_PROOFS.keys())
def test_a_malformed_proof_is_refused(golden, change):
    bad = copy.deepcopy(golden)
    change(bad)
    assert not badges.verify_credential(bad, signing.public_key_from_multibase(W3C_PUBLIC_KEY))


def test_issuer_and_method_swapped_to_another_key_fail_with_the_published_key(golden):
    other = _other_did_key()
    bad = copy.deepcopy(golden)
    bad["issuer"]["id"] = other
    bad["proof"]["verificationMethod"] = f"{other}#{other.removeprefix('did:key:')}"
    assert not badges.verify_credential(bad, signing.public_key_from_multibase(W3C_PUBLIC_KEY))


def test_signing_refuses_a_created_that_is_not_a_datetime(w3c_signing_key):
    with pytest.raises(ValueError):
        badges.sign_credential(badges.credential_unsigned(GOLDEN_CERTIFICATE), created="2026-11-02")


# --- through the site, with the key it publishes -----------------------------------------------------


@pytest.mark.django_db
def test_credential_from_the_site_verifies_with_the_key_published_at_kunci_publik(client, learner, course):
    certificate = certificate_issue(actor=None, learner=learner, course=course)
    published = client.get("/sertifikat/kunci-publik/").json()
    key = signing.public_key_from_multibase(published["publicKeyMultibase"])

    client.force_login(learner)
    credential = json.loads(client.get(f"/sertifikat/{certificate.serial}/open-badge.json").content)

    assert credential["issuer"]["id"] == published["controller"]
    assert credential["proof"]["verificationMethod"] == published["id"]
    assert badges.undefined_terms(credential) == []
    assert badges.verify_credential(credential, key)
    assert not badges.verify_credential(credential, Ed25519PrivateKey.generate().public_key())

    for change in (TAMPERINGS["credential name"], TAMPERINGS["achievement name"], TAMPERINGS["issuance date"]):
        tampered = copy.deepcopy(credential)
        change(tampered)
        assert not badges.verify_credential(tampered, key)
    renamed = copy.deepcopy(credential)
    _identity(renamed)["identityHash"] = badges.identity_hash("Andi Pratama", _identity(renamed)["salt"])
    assert not badges.verify_credential(renamed, key)
    assert _identity(credential)["identityHash"] == badges.identity_hash(
        "Budi Santoso Wibowo", _identity(credential)["salt"]
    )
