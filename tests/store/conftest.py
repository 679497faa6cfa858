import pytest

from store.models import InventoryItem, ProductPage
from store.services import ProductSpec, product_publish
from tests.factories import AdminFactory, FacilityFactory, build_store


@pytest.fixture
def kld():
    return FacilityFactory(code="KLD", name="Lapas Kelas IIA Kalianda")


@pytest.fixture
def kld_admin(kld):
    return AdminFactory(facility=kld)  # with the second factor set up, as administrators must


@pytest.fixture
def make_product(kld, kld_admin, image_bytes, settings):
    """A live product of KLD's store with ``photos`` photos, stock and optional variants."""
    from django.core.files.base import ContentFile

    build_store(kld)
    counter = iter(range(1, 1000))

    def make(*, title="Tas Anyaman Pandan 30 cm", photos=2, quantity=10, reserved=0, variants=(), **facts):
        n = next(counter)
        files = [ContentFile(image_bytes(color=(10 * i, 90, 120)), name=f"p{i}.jpg") for i in range(photos)]
        spec = ProductSpec(
            title=title,
            description=facts.pop("description", "Tas anyaman pandan buatan tangan."),
            price=facts.pop("price", 45000),
            category=facts.pop("category", "kerajinan"),
            photos=files,
            variants=list(variants),
            weight_grams=facts.pop("weight_grams", 400),
            length_cm=facts.pop("length_cm", 30),
            width_cm=facts.pop("width_cm", 10),
            height_cm=facts.pop("height_cm", 25),
            **facts,
        )
        product = product_publish(actor=kld_admin, facility=kld, spec=spec, source_key=f"uji:{n}")
        item = InventoryItem.objects.create(facility=kld, name=title, quantity=quantity, reserved=reserved)
        ProductPage.objects.filter(pk=product.pk).update(inventory=item)
        return ProductPage.objects.get(pk=product.pk)

    return make
