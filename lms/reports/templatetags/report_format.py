"""``{{ value|figure }}``: whole numbers with Indonesian thousands dots, decimals with a comma."""

from django import template

from lms.reports.charts import _number

register = template.Library()


@register.filter
def figure(value):
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
    return _number(value)
