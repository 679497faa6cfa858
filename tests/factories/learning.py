from courses.models import Enrollment


def enrol(learner, course) -> Enrollment:
    return Enrollment.objects.create(learner=learner, course=course)


def quiz_answers(quiz, *, right: bool = True) -> dict:
    """POST data answering every question of ``quiz`` right (or every one wrong)."""
    data = {}
    for question in quiz.questions.all():
        name = f"q{question.pk}"
        if question.kind == "number":
            data[name] = str(question.correct_number + (0 if right else 1000 + 2 * question.tolerance))
        elif question.kind == "true_false":
            data[name] = "true" if question.correct_true == right else "false"
        else:
            ids = [o.pk for o in question.options.all() if o.is_correct == right]
            data[name] = ids if question.kind == "multiple" else ids[0]
    return data


def pass_quiz(learner, lesson, quiz):
    """Open and submit an attempt answering everything right, through the services."""
    from courses.quizzes.services import quiz_attempt_start, quiz_attempt_submit

    attempt = quiz_attempt_start(learner=learner, quiz=quiz, lesson=lesson)
    return quiz_attempt_submit(learner=learner, token=attempt.token, data=quiz_answers(quiz), lesson=lesson)
