"""A drill hook: hold a job at a named point so a fault drill can kill its worker right there.

Off unless ``JOB_PAUSE_AT`` (a setting read from the environment; drills only) names the point,
as ``name`` (the first time it is reached in the process) or ``name@N`` (the N-th time). The job
then touches ``<BEKAL_VAR_DIR>/paused-<name>`` and sleeps, and the drill SIGKILLs the worker.
"""

import time

from django.conf import settings

_reached: dict[str, int] = {}


def pause_point(name: str) -> None:
    spec = settings.JOB_PAUSE_AT
    if not spec:
        return
    _reached[name] = _reached.get(name, 0) + 1
    for item in spec.split(","):
        point, _, nth = item.strip().partition("@")
        if point == name and _reached[name] == int(nth or 1):
            (settings.VAR_DIR / f"paused-{name}").touch()
            time.sleep(settings.JOB_PAUSE_SECONDS)
