"""Lesson editors (Wagtail's Editors and Moderators groups) may choose imported H5P packages in lesson bodies.

Packages are only ever created by the import; viewing is what the snippet chooser needs.
"""

from django.db import migrations


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    config = apps.get_app_config("h5p")
    config.models_module = True  # the historical app stub lacks it; create_permissions skips apps without
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    view = Permission.objects.filter(content_type__app_label="h5p", codename="view_h5ppackage").first()
    if view is None:
        return
    for group in Group.objects.filter(name__in=["Editors", "Moderators"]):
        group.permissions.add(view)


class Migration(migrations.Migration):
    dependencies = [
        ("h5p", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
