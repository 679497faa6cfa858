"""StreamField blocks for lesson bodies; each names its own template under templates/blocks/."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from .h5p.blocks import H5PActivityBlock
from .quizzes.blocks import QuizBlock


class HeadingBlock(blocks.CharBlock):
    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading.html"


class ImageWithCaptionBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)
    alt_text = blocks.CharBlock(
        label=_("Description for screen readers"),
        required=False,
        max_length=250,
        help_text=_("Say what the picture shows, for learners who cannot see it."),
    )

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image.html"


class LessonBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Text"),
        features=["bold", "italic", "ol", "ul", "h3", "h4"],
        template="blocks/paragraph.html",
    )
    image = ImageWithCaptionBlock()
    quiz = QuizBlock()
    h5p = H5PActivityBlock()
