"""The ``h5p`` block of lesson bodies: an imported H5P activity, required or optional.

A package whose libraries are not all approved cannot be placed (the block refuses to validate), and
the player refuses it too; see ``services.require_publishable``.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.snippets.blocks import SnippetChooserBlock


class H5PActivityBlock(blocks.StructBlock):
    package = SnippetChooserBlock("h5p.H5PPackage", label=_("H5P activity"))
    required = blocks.BooleanBlock(
        label=_("Required to finish the course"),
        required=False,
        default=True,
        help_text=_("Learners must complete a required activity before the lesson counts as done."),
    )

    class Meta:
        icon = "form"
        label = _("H5P activity")
        template = "blocks/h5p.html"

    def clean(self, value):
        value = super().clean(value)
        package = value.get("package")
        if package is not None:
            waiting = package.unapproved_libraries()
            if waiting:
                names = ", ".join(lib.folder for lib in waiting)
                raise StructBlockValidationError(
                    block_errors={
                        "package": ValidationError(
                            _("An administrator must first approve these libraries: %(names)s") % {"names": names}
                        )
                    }
                )
        return value

    def get_context(self, value, parent_context=None):
        from .selectors import activity_results

        context = super().get_context(value, parent_context=parent_context)
        context["h5p_origin"] = settings.H5P_ORIGIN
        request = (parent_context or {}).get("request")
        page = (parent_context or {}).get("page")
        package = value.get("package")
        if request is not None and page is not None and package is not None:
            result = activity_results(learner=request.user, lesson_ids=[page.pk]).get((page.pk, package.pk))
            context["result"] = result
        return context
