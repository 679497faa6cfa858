"""StreamField blocks for lesson bodies; each names its own template under templates/blocks/.

Media are self-hosted Wagtail documents (lab terminals have no internet): video and audio play in
the browser's own ``<video>``/``<audio>`` player, never automatically, with optional WebVTT captions.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from .h5p.blocks import H5PActivityBlock
from .quizzes.blocks import QuizBlock

VIDEO_EXTENSIONS = {"mp4", "webm", "ogv"}
AUDIO_EXTENSIONS = {"mp3", "ogg", "oga", "m4a", "wav", "webm"}


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


class MediaBlock(blocks.StructBlock):
    """An uploaded media file with a title, optional WebVTT captions and a transcript."""

    extensions: set[str] = set()

    title = blocks.CharBlock(label=_("Title"), max_length=120)
    file = DocumentChooserBlock(label=_("File"))
    captions = DocumentChooserBlock(
        label=_("Captions (WebVTT .vtt file)"),
        required=False,
        help_text=_("Subtitles in Indonesian, for learners who cannot hear the sound."),
    )
    transcript = blocks.TextBlock(label=_("Transcript"), required=False)

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        media = value.get("file")
        if media and media.file_extension.lower() not in self.extensions:
            errors["file"] = ValidationError(
                _("Choose a file of one of these types: %(types)s.") % {"types": ", ".join(sorted(self.extensions))}
            )
        captions = value.get("captions")
        if captions and captions.file_extension.lower() != "vtt":
            errors["captions"] = ValidationError(_("Captions must be a WebVTT file ending in .vtt."))
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value


class VideoBlock(MediaBlock):
    extensions = VIDEO_EXTENSIONS

    class Meta:
        icon = "media"
        label = _("Video")
        template = "blocks/video.html"


class AudioBlock(MediaBlock):
    extensions = AUDIO_EXTENSIONS

    class Meta:
        icon = "media"
        label = _("Audio")
        template = "blocks/audio.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    description = blocks.CharBlock(label=_("What is in it"), required=False, max_length=250)

    class Meta:
        icon = "doc-full"
        label = _("Downloadable document")
        template = "blocks/document.html"


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("Kind"),
        choices=[("tip", _("Tip")), ("warning", _("Warning")), ("important", _("Important"))],
        default="tip",
    )
    text = blocks.RichTextBlock(label=_("Text"), features=["bold", "italic", "ol", "ul"])

    class Meta:
        icon = "warning"
        label = _("Callout")
        template = "blocks/callout.html"


class PracticumTaskBlock(blocks.StructBlock):
    """A practice task in the sandbox shop; under the practicum completion rule the course then asks
    for one approved practice listing."""

    title = blocks.CharBlock(label=_("Task title"), max_length=120)
    instructions = blocks.RichTextBlock(label=_("Instructions"), features=["bold", "italic", "ol", "ul"])

    class Meta:
        icon = "tasks"
        label = _("Practicum task")
        template = "blocks/practicum.html"


class LessonBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Text"),
        features=["bold", "italic", "ol", "ul", "h3", "h4", "link"],
        template="blocks/paragraph.html",
    )
    image = ImageWithCaptionBlock()
    video = VideoBlock()
    audio = AudioBlock()
    document = DocumentBlock()
    callout = CalloutBlock()
    practicum = PracticumTaskBlock()
    quiz = QuizBlock()
    h5p = H5PActivityBlock()
