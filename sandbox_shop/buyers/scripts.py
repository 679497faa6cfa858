"""What the practice buyers say and order: the templates a scenario is built from.

The buyers' words are written as Indonesian buyers write in a marketplace chat (they are content,
like the demo course, not interface text). Each message template has a key (its natural key inside a
scenario), a few wordings and the keyword groups a good answer touches. Choices are made with a random
generator seeded by the listing, so building a scenario again gives exactly the same buyers.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

BUYER_NAMES = [
    "Rina Marlina",
    "Dewi Anggraini",
    "Siti Rahmawati",
    "Yusuf Maulana",
    "Andi Pratama",
    "Fitri Handayani",
    "Bayu Saputra",
    "Nur Aisyah",
    "Lina Susanti",
    "Rizky Ramadhan",
    "Wahyu Nugroho",
    "Indah Permata",
]
CITIES = [
    "Bandar Lampung",
    "Metro",
    "Palembang",
    "Jakarta Timur",
    "Bandung",
    "Semarang",
    "Yogyakarta",
    "Surabaya",
    "Medan",
    "Makassar",
    "Pontianak",
    "Denpasar",
]

STOCK_WORDS = ["stok", "stock", "ready", "tersedia", "ada", "masih", "habis", "kosong", "sisa"]
SIZE_WORDS = ["ukuran", "cm", "panjang", "lebar", "tinggi", "besar", "kecil", "size", "gram", "muat"]
VARIANT_WORDS = ["varian", "pilihan", "warna", "ukuran", "motif", "rasa", "tipe"]


@dataclass(frozen=True)
class MessageTemplate:
    key: str
    wordings: tuple[str, ...]
    keywords: tuple[tuple[str, ...], ...]


MESSAGES: list[MessageTemplate] = [
    MessageTemplate(
        "stock",
        (
            "Halo kak, {product} ini masih ready stok nggak? Kalau ada saya mau ambil 2.",
            "Permisi kak, stoknya masih ada? Kalau masih, saya order hari ini ya.",
        ),
        (tuple(STOCK_WORDS),),
    ),
    MessageTemplate(
        "cod",
        (
            "Kak, bisa COD nggak? Saya biasanya bayar di tempat soalnya.",
            "Siang kak, kalau bayarnya COD bisa? Makasih ya.",
        ),
        (("cod", "bayar di tempat", "bayar ditempat", "transfer", "bayar", "pembayaran"),),
    ),
    MessageTemplate(
        "size",
        (
            "Halo kak, ukurannya berapa ya? Mau buat kado, takut kekecilan.",
            "Kak, ini ukurannya kira-kira sebesar apa? Di foto kurang kelihatan.",
        ),
        (tuple(SIZE_WORDS),),
    ),
    MessageTemplate(
        "delivery",
        (
            "Kak, kalau pesan sekarang kira-kira sampai {city} berapa hari ya?",
            "Kak, kapan dikirimnya ya? Saya butuh sebelum hari Sabtu.",
        ),
        (("hari", "jam", "besok", "kirim", "dikirim", "sampai", "estimasi", "minggu", "lusa"),),
    ),
    MessageTemplate(
        "complaint",
        (
            "Kak, barangnya sudah sampai tapi ada yang rusak sedikit di bagian pinggir. Gimana ini ya?",
            "Kak, pesanan saya kok warnanya beda sama di foto ya? Agak kecewa nih.",
        ),
        (
            ("maaf",),
            (
                "ganti",
                "tukar",
                "retur",
                "kembali",
                "refund",
                "kirim ulang",
                "foto",
                "video",
                "bantu",
                "solusi",
                "cek",
                "perbaiki",
            ),
        ),
    ),
]
# With variants, the size question asks about them instead.
VARIANT_WORDINGS = (
    "Kak, {product} ada pilihan apa aja? Yang {variant} masih ada?",
    "Halo kak, mau tanya, varian {variant} ready nggak ya? Bedanya sama yang lain apa?",
)


@dataclass(frozen=True)
class OrderTemplate:
    key: str
    quantity: int
    variant_index: int  # which of the listing's variants, if it has any


ORDERS: list[OrderTemplate] = [OrderTemplate("order_1", 1, 0), OrderTemplate("order_2", 2, 1)]


@dataclass(frozen=True)
class PlannedMessage:
    key: str
    position: int
    buyer_name: str
    city: str
    body: str
    keywords: list[list[str]]


@dataclass(frozen=True)
class PlannedOrder:
    key: str
    position: int
    buyer_name: str
    city: str
    quantity: int
    variant: str
    unit_price: int


def plan(listing) -> tuple[list[PlannedMessage], list[PlannedOrder]]:
    """The scenario of ``listing``: the same every time for the same listing."""
    rng = random.Random(f"bekal-buyers:{listing.pk}")
    variants = list(listing.variants.all())
    people = rng.sample(range(len(BUYER_NAMES)), len(MESSAGES) + len(ORDERS))
    cities = [CITIES[rng.randrange(len(CITIES))] for _ in people]
    messages = []
    for position, template in enumerate(MESSAGES):
        wordings, keywords = template.wordings, [list(group) for group in template.keywords]
        variant = ""
        if template.key == "size" and variants:
            wordings = VARIANT_WORDINGS
            variant = variants[rng.randrange(len(variants))].name
            keywords = [VARIANT_WORDS + [v.name.lower() for v in variants]]
        wording = wordings[rng.randrange(len(wordings))]
        city = cities[position]
        body = wording.format(product=listing.title, city=city, variant=variant)
        messages.append(PlannedMessage(template.key, position, BUYER_NAMES[people[position]], city, body, keywords))
    orders = []
    for offset, template in enumerate(ORDERS):
        index = len(MESSAGES) + offset
        variant = variants[template.variant_index % len(variants)] if variants else None
        orders.append(
            PlannedOrder(
                key=template.key,
                position=offset,
                buyer_name=BUYER_NAMES[people[index]],
                city=cities[index],
                quantity=template.quantity,
                variant=variant.name if variant else "",
                unit_price=variant.price if variant else listing.price,
            )
        )
    return messages, orders
