import io

import factory
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from sandbox_shop.models import ListingPhoto, PracticeListing

from .accounts import LearnerFactory


class ListingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PracticeListing

    learner = factory.SubFactory(LearnerFactory)
    facility = factory.LazyAttribute(lambda o: o.learner.facility)
    category = PracticeListing.Category.CRAFT
    title = factory.Sequence(lambda n: f"Tas Anyaman Pandan Nomor {n}")
    description = "Tas anyaman pandan buatan tangan, ukuran 30 cm, tali kulit sintetis."
    price = 45000
    status = PracticeListing.Status.DRAFT


def add_photo(listing: PracticeListing, color=(180, 140, 80)) -> ListingPhoto:
    out = io.BytesIO()
    Image.new("RGB", (600, 600), color).save(out, "JPEG")
    return ListingPhoto.objects.create(
        listing=listing, image=ContentFile(out.getvalue(), name="foto.jpg"), position=listing.photos.count()
    )


def jpeg_upload(name: str = "foto.jpg", size=(640, 480), color=(120, 160, 90)) -> SimpleUploadedFile:
    """A real JPEG as a browser uploads it."""
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, "JPEG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def request_promotion(listing: PracticeListing, officer, *, quantity: int = 10, makers=None):
    """The officer's promote page, as its service call: a new workshop batch, the author as the maker."""
    from sandbox_shop import workflow
    from store.services import MakerShare, NewStock

    return workflow.listing_promotion_request(
        actor=officer,
        listing=listing,
        makers=makers or [MakerShare(learner_id=listing.learner_id, share=1)],
        new_stock=NewStock(name=listing.title, quantity=quantity, batch_code="B-01", unit_cost=20000),
    )
