"""MEDIA_STORAGE switches media and private files between the local disk and an S3-compatible bucket.

Settings are read once per process, so each case runs in a subprocess. Nothing here talks to a
server: building the storages and signing a URL are local work (the endpoint is a closed port).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from django.conf import settings

SHOW = """
import django, json
django.setup()
from django.core.files.storage import storages
out = {}
for alias in ("default", "private"):
    storage = storages[alias]
    out[alias] = {"class": type(storage).__module__ + "." + type(storage).__name__,
                  "location": getattr(storage, "location", None), "bucket": getattr(storage, "bucket_name", None)}
    try:
        out[alias]["url"] = storage.url("produk/tas.jpg")
    except ValueError as error:
        out[alias]["url"] = "refused: " + str(error)
print(json.dumps(out))
"""


def storages_under(env: dict[str, str], tmp_path) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("S3_", "MEDIA_STORAGE", "AWS_"))}
    base.update({"BEKAL_VAR_DIR": str(tmp_path / "var"), "DJANGO_SETTINGS_MODULE": "lms.settings", **env})
    return subprocess.run(
        [sys.executable, "-c", SHOW], cwd=settings.BASE_DIR, env=base, capture_output=True, text=True, timeout=120
    )


def shown(result) -> dict:
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


S3 = {
    "MEDIA_STORAGE": "s3",
    "S3_BUCKET": "bekal-kanwil",
    "S3_ENDPOINT_URL": "http://127.0.0.1:9",  # nothing listens there: any network use would fail
    "S3_REGION": "us-east-1",
    "S3_ACCESS_KEY_ID": "test-access-key",
    "S3_SECRET_ACCESS_KEY": "test-secret-key",
}


def test_local_disk_is_the_default(tmp_path):
    out = shown(storages_under({}, tmp_path))
    assert out["default"]["class"] == "django.core.files.storage.filesystem.FileSystemStorage"
    assert out["private"]["class"] == "lms.storage.PrivateFileStorage"
    assert out["default"]["url"] == "/media/produk/tas.jpg"
    assert out["private"]["url"].startswith("refused")


def test_s3_builds_bucket_storages_without_network(tmp_path):
    out = shown(storages_under(S3, tmp_path))
    for alias, location in (("default", "media"), ("private", "private")):
        assert out[alias]["class"] == "storages.backends.s3.S3Storage"
        assert out[alias]["bucket"] == "bekal-kanwil" and out[alias]["location"] == location
    # Both are signed, expiring URLs on the configured endpoint (path style, as MinIO expects).
    assert out["default"]["url"].startswith("http://127.0.0.1:9/bekal-kanwil/media/produk/tas.jpg?")
    assert "X-Amz-Signature=" in out["default"]["url"]
    assert out["private"]["url"].startswith("http://127.0.0.1:9/bekal-kanwil/private/produk/tas.jpg?")
    assert "X-Amz-Signature=" in out["private"]["url"]


def test_a_public_media_domain_gives_plain_urls_and_keeps_private_files_signed(tmp_path):
    out = shown(storages_under({**S3, "S3_MEDIA_DOMAIN": "media.bekal.example.id"}, tmp_path))
    assert out["default"]["url"] == "https://media.bekal.example.id/media/produk/tas.jpg"
    assert "X-Amz-Signature=" in out["private"]["url"]


def test_an_unknown_storage_is_refused(tmp_path):
    result = storages_under({"MEDIA_STORAGE": "ftp"}, tmp_path)
    assert result.returncode != 0 and "MEDIA_STORAGE must be 'local' or 's3'" in result.stderr
