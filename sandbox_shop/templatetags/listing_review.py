from django import template

register = template.Library()


@register.filter
def note_for(notes: dict, field_name: str) -> str:
    """The officer's comment on ``field_name`` from a {field: text} dict, or an empty string."""
    return (notes or {}).get(field_name, "")
