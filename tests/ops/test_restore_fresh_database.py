"""The documented commands end to end: ``manage.py backup`` on one deployment, ``manage.py restore``
into a brand-new one (a database file that has never been migrated, empty media folders).

Each deployment is its own process with its own environment, as on two servers.
"""

from __future__ import annotations

import os
import subprocess
import sys

from django.conf import settings

CREATE = """
from lms.accounts.models import Facility, Region, User
region = Region.objects.create(name="Kanwil Pulih")
facility = Facility.objects.create(region=region, code="PLH", name="Lapas Pulih")
learner = User(role=User.Role.LEARNER, facility=facility, registration_number="PL.001", full_name="Sari Pulih",
               username="pl-001")
learner.set_password("135790")
learner.save()
"""
CHECK = """
from lms.accounts.models import User
learner = User.objects.get(registration_number="PL.001")
assert learner.facility.code == "PLH" and learner.check_password("135790"), learner
print("restored", learner.full_name)
"""


def manage(root, *args) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "MEDIA_ROOT", "PRIVATE_MEDIA_ROOT"}}
    env.update(
        {
            "DATABASE_URL": f"sqlite:///{root / 'db.sqlite3'}",
            "BEKAL_VAR_DIR": str(root / "var"),
            "CELERY_TASK_ALWAYS_EAGER": "true",
            "DJANGO_SETTINGS_MODULE": "lms.settings",
        }
    )
    command = [sys.executable, "manage.py", *args]
    result = subprocess.run(command, cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"manage.py {' '.join(args)}:\n{result.stdout}\n{result.stderr}"
    return result


def test_backup_restores_into_a_database_never_migrated(tmp_path):
    old, new = tmp_path / "old", tmp_path / "new"
    manage(old, "migrate", "--noinput", "-v0")
    manage(old, "shell", "-c", CREATE)
    photo = old / "var" / "media" / "original_images" / "tas.jpg"
    photo.parent.mkdir(parents=True)
    photo.write_bytes(b"\xff\xd8\xff photo")
    archive = tmp_path / "bekal.tar.gz"
    manage(old, "backup", str(archive))

    assert not (new / "db.sqlite3").exists()
    manage(new, "restore", str(archive))

    assert "restored Sari Pulih" in manage(new, "shell", "-c", CHECK).stdout
    assert (new / "var" / "media" / "original_images" / "tas.jpg").read_bytes() == b"\xff\xd8\xff photo"
    manage(new, "migrate", "--check")  # the new database is at the code's migrations
