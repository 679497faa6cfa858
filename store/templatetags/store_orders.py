from django import template

register = template.Library()


@register.inclusion_tag("store/includes/order_form.html", takes_context=True)
def order_form(context, product, form=None):
    """The order form for ``product`` (a fresh one, or ``form`` with its errors)."""
    from store.forms import OrderForm
    from store.order_services import stock_for

    item = stock_for(product, None)
    variants_have_stock = any(v.inventory_id for v in product.variants.all())
    return {
        "product": product,
        "form": form or OrderForm(product=product),
        "available": item.available if item is not None else None,
        "orderable": item is not None or variants_have_stock,
        "request": context.get("request"),
    }
