"""Run the web server and a Celery worker (with the periodic sweepers) together, as ``make run`` does;
Ctrl-C stops both. In production run gunicorn, ``celery worker`` and ``celery beat`` separately."""

import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Start gunicorn and a Celery worker side by side; stop both on Ctrl-C or when either exits."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=os.environ.get("BIND", "127.0.0.1:8000"))
        parser.add_argument(
            "--h5p-bind",
            default=os.environ.get("H5P_BIND", ""),
            help="Address of the H5P content origin; by default the host:port of H5P_ORIGIN.",
        )
        parser.add_argument("--web-workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "3")))
        parser.add_argument("--celery-concurrency", type=int, default=int(os.environ.get("CELERY_CONCURRENCY", "2")))

    def handle(self, *args, bind, h5p_bind, web_workers, celery_concurrency, **options):
        from urllib.parse import urlsplit

        bindir = os.path.dirname(sys.executable)
        origin = urlsplit(settings.H5P_ORIGIN)
        h5p_bind = (
            h5p_bind or f"{'127.0.0.1' if origin.hostname == 'localhost' else origin.hostname}:{origin.port or 80}"
        )
        commands = {
            "web": [
                os.path.join(bindir, "gunicorn"),
                "lms.wsgi:application",
                "--bind",
                bind,
                "--workers",
                str(web_workers),
                "--threads",
                "4",
                "--timeout",
                "60",
                # Lab terminals talk to it directly: keep idle connections longer than a learner's
                # pause between pages, so a reused connection is never closed under a request.
                "--keep-alive",
                "75",
                "--access-logfile",
                "-",
                "--graceful-timeout",
                "10",
            ],
            # The H5P content origin: the same code under content settings (no sessions, no cookies).
            "h5p": [
                os.path.join(bindir, "gunicorn"),
                "courses.h5p.wsgi:application",
                "--bind",
                h5p_bind,
                "--no-control-socket",
                "--workers",
                "1",
                "--threads",
                "4",
                "--keep-alive",
                "75",
                "--access-logfile",
                "-",
                "--graceful-timeout",
                "10",
            ],
            "worker": [
                os.path.join(bindir, "celery"),
                "-A",
                "lms",
                "worker",
                "--concurrency",
                str(celery_concurrency),
                "--beat",  # the sweepers and the outbox relay (CELERY_BEAT_SCHEDULE)
                "--loglevel",
                "INFO",
                "--hostname",
                f"bekal-{os.getpid()}@%h",
            ],
        }
        procs = {name: subprocess.Popen(cmd, cwd=settings.BASE_DIR) for name, cmd in commands.items()}  # noqa: S603
        self.stdout.write(
            self.style.SUCCESS(
                f"Bekal is running on http://{bind}/, H5P content on {settings.H5P_ORIGIN}/ (Ctrl-C stops it)"
            )
        )

        def stop(*_):
            for proc in procs.values():
                if proc.poll() is None:
                    proc.terminate()
            deadline = time.monotonic() + 15
            for proc in procs.values():
                try:
                    proc.wait(max(0.1, deadline - time.monotonic()))
                except subprocess.TimeoutExpired:
                    proc.kill()

        signal.signal(signal.SIGTERM, lambda *_: (stop(), sys.exit(0)))
        try:
            while all(proc.poll() is None for proc in procs.values()):
                time.sleep(0.5)
            dead = [name for name, proc in procs.items() if proc.poll() is not None]
            self.stderr.write(f"{', '.join(dead)} stopped; stopping the rest.")
        except KeyboardInterrupt:
            pass
        finally:
            stop()
