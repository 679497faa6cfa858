"""H5P import: seconds to check and install a 10 MB package (validation, extraction, rows, files in place).

A package of Bekal's true/false library with 10 MiB of incompressible media under ``content/`` (ten
1 MiB ``.mp4`` members of random bytes, as real video and images do not compress) is built, then
imported N times through ``h5p_package_import`` (the service the admin's Celery job and
``manage.py import_h5p`` call) into a fresh migrated SQLite database in a temporary folder. Prints
the median. Target: under 2 s.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
RUNS = int(os.environ.get("BENCH_H5P_RUNS", "5"))


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="bekal-bench-h5p-"))
    os.environ.update(
        DJANGO_SETTINGS_MODULE="lms.settings",
        BEKAL_VAR_DIR=str(folder),
        DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}",
        H5P_ROOT=str(folder / "h5p"),
    )
    os.environ.pop("CELERY_BROKER_URL", None)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import transaction

    from courses.h5p.packaging import build_package, true_false_content
    from courses.h5p.services import h5p_package_import

    call_command("migrate", verbosity=0)
    media = {f"content/video-{n}.mp4": os.urandom(1024 * 1024) for n in range(10)}
    path = build_package(
        folder / "bench.h5p",
        title="Benchmark",
        content=true_false_content(question="?", correct=True),
        extra_files=media,
    )
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        with transaction.atomic():
            h5p_package_import(actor=None, path=path)
        times.append(time.perf_counter() - start)  # includes moving the files into place on commit
    size = path.stat().st_size / (1024 * 1024)
    print(f"RESULT h5p_import_10mb_s {statistics.median(times):.3f} s (package {size:.1f} MiB, {RUNS} runs)")


if __name__ == "__main__":
    main()
