from django import template
from wagtail.rich_text import RichText

from ..links import outside_links_as_text

register = template.Library()


@register.filter
def lesson_richtext(value):
    """Like Wagtail's ``richtext``, with outside links shown as plain text (the terminals are offline)."""
    source = value.source if isinstance(value, RichText) else str(value or "")
    return str(RichText(outside_links_as_text(source)))
