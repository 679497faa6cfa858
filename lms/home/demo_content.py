"""Teaching text for the demo course: a real first lesson series in Indonesian.

Each lesson is a list of (block type, value) pairs for LessonPage.body; "image" values name a
picture drawn by ``demo_images``.
"""

COURSE = {
    "title": "Literasi Digital: Berjualan di Toko Online",
    "slug": "berjualan-online",
    "summary": (
        "Belajar menjual hasil kerajinan, makanan dan pakaian buatan bengkel kerja lewat toko online: "
        "mengenal marketplace, memotret produk, menulis judul dan deskripsi, dan menghitung harga jual."
    ),
    "estimated_hours": 4,
}

LESSONS = [
    {
        "title": "Mengenal Toko Online (Marketplace)",
        "slug": "mengenal-marketplace",
        "minutes": 10,
        "body": [
            (
                "paragraph",
                "<p>Marketplace adalah pasar di internet. Di sana ribuan penjual membuka toko dan "
                "jutaan pembeli mencari barang lewat telepon genggam. Contohnya Shopee, Tokopedia dan TikTok Shop.</p>",
            ),
            ("heading", "Bagaimana pembeli menemukan barang?"),
            (
                "paragraph",
                "<p>Pembeli mengetik kata di kotak pencarian, misalnya <b>tas anyaman pandan</b>. "
                "Marketplace lalu menampilkan barang yang judulnya cocok dengan kata itu. Karena itu judul produk "
                "sangat penting: judul yang jelas membuat barang kita mudah ditemukan.</p>",
            ),
            ("image", {"picture": "marketplace", "caption": "Pembeli melihat foto, judul dan harga lebih dulu."}),
            ("heading", "Apa yang membuat pembeli percaya?"),
            (
                "paragraph",
                "<ul><li>Foto yang terang dan jujur, dari beberapa sisi.</li>"
                "<li>Deskripsi yang lengkap: bahan, ukuran, warna, cara merawat.</li>"
                "<li>Harga yang masuk akal dan sesuai kualitas.</li>"
                "<li>Izin dan sertifikat untuk makanan (SPP-IRT, halal).</li></ul>",
            ),
            (
                "paragraph",
                "<p>Di Bekal, Anda berlatih dulu di <b>toko latihan</b>. Petugas memeriksa "
                "tulisan Anda. Tulisan yang sudah baik dipajang di toko sungguhan milik Lapas.</p>",
            ),
        ],
    },
    {
        "title": "Foto Produk yang Menjual",
        "slug": "foto-produk",
        "minutes": 15,
        "body": [
            (
                "paragraph",
                "<p>Pembeli tidak bisa memegang barang. Foto menggantikan tangan dan mata mereka. "
                "Foto yang baik sering lebih menentukan daripada harga.</p>",
            ),
            ("heading", "Lima aturan foto produk"),
            (
                "paragraph",
                "<ol><li><b>Cahaya terang.</b> Memotretlah dekat jendela pada siang hari. "
                "Jangan memakai lampu kilat yang membuat bayangan keras.</li>"
                "<li><b>Latar polos.</b> Kain putih atau kertas karton membuat barang terlihat jelas.</li>"
                "<li><b>Barang memenuhi foto.</b> Dekatkan kamera sampai barang mengisi sebagian besar gambar.</li>"
                "<li><b>Beberapa sisi.</b> Minimal tiga foto: depan, samping, dan detail bahan atau jahitan.</li>"
                "<li><b>Jujur.</b> Warna di foto harus sama dengan barang aslinya.</li></ol>",
            ),
            ("image", {"picture": "photo_tips", "caption": "Kiri: gelap dan berantakan. Kanan: terang, latar polos."}),
            (
                "paragraph",
                "<p>Foto pertama adalah <b>foto sampul</b>. Pilih foto terbaik, yang memperlihatkan "
                "seluruh barang dari depan.</p>",
            ),
        ],
    },
    {
        "title": "Menulis Judul dan Deskripsi Produk",
        "slug": "judul-dan-deskripsi",
        "minutes": 15,
        "body": [
            ("heading", "Rumus judul"),
            (
                "paragraph",
                "<p><b>Jenis barang + bahan + ukuran atau varian + keunggulan.</b></p>"
                "<p>Contoh yang baik: <i>Tas Anyaman Pandan 30 cm Tali Kulit Sintetis Buatan Tangan</i>.<br>"
                "Contoh yang kurang baik: <i>TAS MURAH BAGUS!!!</i> — tidak menjelaskan barang, dan huruf besar "
                "semua terasa seperti berteriak.</p>",
            ),
            ("heading", "Isi deskripsi"),
            (
                "paragraph",
                "<ul><li>Bahan dan cara membuat (misalnya dianyam dengan tangan).</li>"
                "<li>Ukuran dan berat: panjang × lebar × tinggi dalam cm, berat dalam gram.</li>"
                "<li>Warna atau varian yang tersedia.</li><li>Cara merawat.</li>"
                "<li>Isi paket: apa saja yang diterima pembeli.</li></ul>",
            ),
            (
                "paragraph",
                "<p>Jangan menulis nomor telepon, alamat, atau ajakan bertransaksi di luar "
                "marketplace. Hal itu dilarang oleh marketplace dan oleh aturan Lapas.</p>",
            ),
        ],
    },
    {
        "title": "Menghitung Harga Jual",
        "slug": "harga-jual",
        "minutes": 20,
        "body": [
            (
                "paragraph",
                "<p>Harga jual harus menutup semua biaya dan memberi keuntungan. Semua biaya untuk "
                "membuat satu barang disebut <b>HPP</b> (Harga Pokok Produksi).</p>",
            ),
            ("heading", "Menghitung HPP satu barang"),
            (
                "paragraph",
                "<table><tr><td>Bahan (pandan, tali, lem)</td><td>Rp18.000</td></tr>"
                "<tr><td>Tenaga kerja</td><td>Rp10.000</td></tr><tr><td>Kemasan</td><td>Rp2.000</td></tr>"
                "<tr><td>Lain-lain (listrik, alat)</td><td>Rp2.000</td></tr>"
                "<tr><td><b>HPP</b></td><td><b>Rp32.000</b></td></tr></table>",
            ),
            ("heading", "Menambahkan keuntungan"),
            (
                "paragraph",
                "<p>Jika ingin untung 40%, hitung: Rp32.000 × 40% = Rp12.800. Harga jual = "
                "Rp32.000 + Rp12.800 = Rp44.800, dibulatkan menjadi <b>Rp45.000</b>.</p>"
                "<p>Ingat potongan biaya marketplace (biasanya beberapa persen dari harga). Bandingkan juga dengan "
                "harga barang serupa dari penjual lain.</p>",
            ),
            ("image", {"picture": "price", "caption": "HPP + keuntungan = harga jual."}),
        ],
    },
]

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
