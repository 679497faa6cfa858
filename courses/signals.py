from django.dispatch import Signal

# Sent inside the transaction that completes a course: learner, course, enrollment.
# Receivers that start background work must use transaction.on_commit.
course_completed = Signal()

# Sent after a lesson heartbeat moved a learner's ``last_seen_at`` (a bulk update, so no
# post_save): learner, lesson. Lets read models (the report figures) see the activity.
lesson_time_recorded = Signal()
