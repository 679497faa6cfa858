from .services import certificate_issue


def issue_on_course_completed(sender, *, learner, course, **kwargs):
    certificate_issue(actor=None, learner=learner, course=course)
