from django import template

register = template.Library()


@register.filter
def rupiah(value) -> str:
    """45000 → "Rp45.000" (Indonesian thousands separator, no decimals)."""
    try:
        amount = int(value)
    except (TypeError, ValueError):
        return ""
    return "Rp" + f"{amount:,}".replace(",", ".")
