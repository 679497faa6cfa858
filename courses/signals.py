from django.dispatch import Signal

# Sent inside the transaction that completes a course: learner, course, enrollment.
# Receivers that start background work must use transaction.on_commit.
course_completed = Signal()
