"""The demo curriculum as data: three courses in Indonesian, with their quizzes.

One module per course (course → modules → lessons → block specs, see ``builder.stream_block``) and
one per course's quizzes (question dicts as ``courses.quizzes.models.QuizQuestion``: ``kind`` single,
multiple, true_false or number; options as ``(text, is_correct, feedback)``). ``audience`` says who is
enrolled by the demo: ``"wbp"`` (the learners' cohorts) or ``"officers"`` (the instructors).
``builder`` turns it into Wagtail pages.
"""

from . import (
    jualan_online,
    jualan_online_quizzes,
    literasi_digital,
    literasi_digital_quizzes,
    pendamping,
    pendamping_quizzes,
)

COURSES = [
    (literasi_digital.COURSE, literasi_digital_quizzes.QUIZZES),
    (jualan_online.COURSE, jualan_online_quizzes.QUIZZES),
    (pendamping.COURSE, pendamping_quizzes.QUIZZES),
]
QUIZZES = [quiz for _course, quizzes in COURSES for quiz in quizzes]


def lessons(course: dict) -> list[dict]:
    return [lesson for module in course["modules"] for lesson in module["lessons"]]
