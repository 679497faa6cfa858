"""How learners' PINs are hashed: PBKDF2 with fewer rounds than officers' passwords.

A whole lab signs in within a few minutes, and Django's password hashing (PBKDF2, 1,000,000
rounds) costs about 0.4 s of CPU per sign-in: 200 learners are 80 CPU-seconds, so on a 2-core
server every page waits behind the sign-ins (``bench/load.py``). Against an offline attack on a
stolen database, rounds do not save a 6-digit PIN (a million guesses, whatever each costs); what
protects PINs is the online lockout per account and per terminal (``LEARNER_PIN_MAX_FAILURES``,
``LEARNER_TERMINAL_MAX_FAILURES``). So PINs get ``LEARNER_PIN_HASH_ITERATIONS`` rounds (default
100,000: ~40 ms); officers' passwords keep Django's default. Existing PIN hashes still verify and
are re-hashed with these rounds at the next sign-in.
"""

from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher, get_hashers_by_algorithm


class LearnerPinHasher(PBKDF2PasswordHasher):
    algorithm = "pbkdf2_pin"

    @property
    def iterations(self) -> int:
        return settings.LEARNER_PIN_HASH_ITERATIONS


def pin_hasher() -> str:
    """The hasher for PINs, unless a configuration (the unit tests' fast hasher) does not list it."""
    return LearnerPinHasher.algorithm if LearnerPinHasher.algorithm in get_hashers_by_algorithm() else "default"
