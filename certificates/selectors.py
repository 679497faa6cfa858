from .models import Certificate


def certificates_visible_to(user):
    return Certificate.objects.visible_to(user).select_related("course", "facility")
