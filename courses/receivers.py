def complete_after_practicum(sender, *, listing, **kwargs):
    """An approved practice listing may be the last thing a course waited for."""
    from .services import courses_complete_if_done

    courses_complete_if_done(learner=listing.learner)
