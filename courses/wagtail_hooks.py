from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .quizzes.models import Quiz


class QuizViewSet(SnippetViewSet):
    model = Quiz
    icon = "form"
    menu_label = _("Quizzes")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["title", "pass_mark", "score_policy", "updated_at"]
    search_fields = ["title"]


register_snippet(QuizViewSet)


def _warn_outside_links(request, page):
    from django.contrib import messages
    from django.utils.translation import ngettext

    from .links import lesson_outside_links
    from .models import LessonPage

    page = page.specific if not isinstance(page, LessonPage) else page
    if not isinstance(page, LessonPage):
        return
    links = lesson_outside_links(page)
    if links:
        messages.warning(
            request,
            ngettext(
                "This lesson links to an outside site: %(links)s. Lab terminals have no internet, so learners "
                "see it as plain text.",
                "This lesson links to outside sites: %(links)s. Lab terminals have no internet, so learners "
                "see them as plain text.",
                len(links),
            )
            % {"links": ", ".join(links)},
        )


hooks.register("after_create_page", _warn_outside_links)
hooks.register("after_edit_page", _warn_outside_links)
