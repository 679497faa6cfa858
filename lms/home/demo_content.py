"""The demo sandbox listing (the courses are in ``lms.home.curriculum``)."""

DEMO_LISTING = {
    "title": "Tas Anyaman Pandan 30 cm Tali Kulit Sintetis",
    "category": "kerajinan",
    "price": 45000,
    "description": (
        "Tas jinjing dianyam dengan tangan dari daun pandan pilihan oleh warga binaan bengkel kerja. "
        "Ukuran 30 × 12 × 25 cm, berat 350 gram, tali dari kulit sintetis yang kuat. Warna alami pandan. "
        "Cara merawat: lap dengan kain kering, jangan direndam air, simpan di tempat yang tidak lembap. "
        "Isi paket: satu tas."
    ),
}
