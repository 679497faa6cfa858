"""Lesson blocks render accessible HTML: media with controls and captions (never autoplay), downloads,
callouts and the practicum task."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from courses.blocks import AudioBlock, CalloutBlock, DocumentBlock, PracticumTaskBlock, VideoBlock


def document(name: str, title: str = "Berkas") -> Document:
    return Document.objects.create(title=title, file=ContentFile(b"data", name=name))


@pytest.mark.django_db
def test_video_has_controls_captions_and_no_autoplay():
    block = VideoBlock()
    value = block.to_python(
        {"title": "Memotret tas", "file": document("tas.mp4").pk, "captions": document("tas.vtt").pk}
    )

    html = block.render(value)

    assert "<video controls" in html and "autoplay" not in html
    assert '<track kind="captions"' in html and 'srclang="id"' in html
    assert "Memotret tas" in html


@pytest.mark.django_db
def test_audio_without_captions_still_offers_the_transcript():
    block = AudioBlock()
    value = block.to_python({"title": "Salam", "file": document("salam.mp3").pk, "transcript": "Selamat pagi."})

    html = block.render(value)

    assert "<audio controls" in html and "<track" not in html and "autoplay" not in html
    assert "Selamat pagi." in html


@pytest.mark.django_db
def test_media_blocks_refuse_wrong_file_types():
    block = VideoBlock()
    wrong = block.to_python({"title": "Salah", "file": document("catatan.pdf").pk, "captions": document("a.srt").pk})

    with pytest.raises(ValidationError) as error:
        block.clean(wrong)

    assert set(error.value.block_errors) == {"file", "captions"}


@pytest.mark.django_db
def test_document_block_offers_a_download():
    block = DocumentBlock()
    html = block.render(block.to_python({"document": document("hpp.pdf", "Lembar HPP").pk, "description": ""}))

    assert "download" in html and "Lembar HPP" in html and "PDF" in html


def test_callout_names_its_kind():
    block = CalloutBlock()
    html = block.render(block.to_python({"kind": "warning", "text": "<p>Jangan bagikan PIN.</p>"}))

    assert "callout-warning" in html and 'role="note"' in html and "Jangan bagikan PIN." in html


def test_practicum_task_links_to_the_new_listing_page():
    block = PracticumTaskBlock()
    html = block.render(block.to_python({"title": "Iklan pertama", "instructions": "<p>Tulis judul.</p>"}))

    assert 'href="/toko-latihan/baru/"' in html and "Tulis judul." in html
