from courses.models import Enrollment


def enrol(learner, course) -> Enrollment:
    return Enrollment.objects.create(learner=learner, course=course)
