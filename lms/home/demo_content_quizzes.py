"""Quizzes for the demo course, in Indonesian; each is placed at the end of the lesson named by ``lesson``.

Question dicts follow ``courses.quizzes.models.QuizQuestion``: ``kind`` (single, multiple, true_false,
number), ``text``, feedback, and per kind ``options`` as ``(text, is_correct, feedback)``,
``correct_true``, or ``correct_number``/``tolerance``/``unit``. The browser test answers them from here.
"""

QUIZZES = [
    {
        "lesson": "foto-produk",
        "title": "Foto Produk yang Menjual",
        "intro": "Jawab empat pertanyaan tentang memotret produk. Anda boleh mencoba lagi kapan saja.",
        "pass_mark": 75,
        "score_policy": "best",
        "questions": [
            {
                "kind": "single",
                "text": "Di mana tempat terbaik untuk memotret produk?",
                "options": [
                    ("Dekat jendela pada siang hari", True, "Betul. Cahaya alami membuat warna barang jelas."),
                    ("Di ruangan gelap dengan lampu kilat", False, "Lampu kilat membuat bayangan keras dan silau."),
                    ("Di luar ruangan pada malam hari", False, "Malam hari terlalu gelap; foto menjadi buram."),
                ],
                "feedback_correct": "Cahaya terang dari jendela adalah lampu terbaik dan gratis.",
                "feedback_wrong": "Ingat aturan pertama: cahaya terang, sebaiknya dekat jendela pada siang hari.",
            },
            {
                "kind": "multiple",
                "text": "Mana saja ciri foto produk yang baik? Pilih semua yang benar.",
                "options": [
                    ("Latar polos, misalnya kain putih atau karton", True, ""),
                    ("Barang memenuhi sebagian besar gambar", True, ""),
                    ("Memperlihatkan beberapa sisi barang", True, ""),
                    (
                        "Warna dibuat lebih cerah dari aslinya supaya menarik",
                        False,
                        "Warna harus jujur, sama dengan aslinya.",
                    ),
                    (
                        "Banyak barang lain di sekitarnya supaya ramai",
                        False,
                        "Barang lain mengalihkan perhatian pembeli.",
                    ),
                ],
                "feedback_correct": "Lengkap! Latar polos, barang besar di foto, dan beberapa sisi.",
                "feedback_wrong": "Ada tiga jawaban benar. Baca lagi lima aturan foto produk.",
            },
            {
                "kind": "true_false",
                "text": "Foto sampul sebaiknya memperlihatkan seluruh barang dari depan.",
                "correct_true": True,
                "feedback_correct": "Benar. Foto sampul adalah foto pertama yang dilihat pembeli.",
                "feedback_wrong": "Foto sampul harus foto terbaik: seluruh barang, dari depan.",
            },
            {
                "kind": "single",
                "text": "Berapa foto yang dianjurkan paling sedikit untuk satu produk?",
                "options": [
                    ("Satu foto saja", False, ""),
                    ("Tiga foto: depan, samping, dan detail bahan", True, ""),
                    ("Sepuluh foto dari sisi yang sama", False, ""),
                ],
                "feedback_correct": "Betul, minimal tiga foto dari sisi yang berbeda.",
                "feedback_wrong": "Minimal tiga foto: depan, samping, dan detail bahan atau jahitan.",
            },
        ],
    },
    {
        "lesson": "harga-jual",
        "title": "Menghitung Harga Jual dari HPP",
        "intro": "Hitung dengan teliti. Tulis angka saja, misalnya 15.000 atau 15000.",
        "pass_mark": 80,
        "score_policy": "best",
        "questions": [
            {
                "kind": "number",
                "text": "Biaya membuat satu dompet rajut: benang Rp12.000, tenaga kerja Rp8.000, kemasan "
                "Rp1.500, dan lain-lain Rp1.500. Berapa HPP satu dompet?",
                "correct_number": "23000",
                "tolerance": "0",
                "unit": "Rp",
                "feedback_correct": "Betul: 12.000 + 8.000 + 1.500 + 1.500 = Rp23.000.",
                "feedback_wrong": "Jumlahkan semua biaya: 12.000 + 8.000 + 1.500 + 1.500.",
            },
            {
                "kind": "number",
                "text": "HPP sebuah gantungan kunci kayu Rp10.000. Anda ingin untung 50%. Berapa harga jualnya?",
                "correct_number": "15000",
                "tolerance": "0",
                "unit": "Rp",
                "feedback_correct": "Betul: untung 50% × Rp10.000 = Rp5.000, jadi harga jual Rp15.000.",
                "feedback_wrong": "Hitung untungnya dulu: 50% × Rp10.000 = Rp5.000, lalu tambahkan ke HPP.",
            },
            {
                "kind": "number",
                "text": "HPP tas anyaman Rp32.000 dan Anda ingin untung 40%. Berapa harga jualnya? "
                "Boleh dibulatkan ke ribuan terdekat.",
                "correct_number": "44800",
                "tolerance": "200",
                "unit": "Rp",
                "feedback_correct": "Betul: Rp32.000 + Rp12.800 = Rp44.800, dibulatkan Rp45.000.",
                "feedback_wrong": "40% × Rp32.000 = Rp12.800. Harga jual = Rp32.000 + Rp12.800.",
            },
            {
                "kind": "single",
                "text": "Apa saja yang dihitung dalam HPP?",
                "options": [
                    ("Bahan, tenaga kerja, kemasan, dan biaya lain untuk membuat barang", True, ""),
                    ("Keuntungan yang diinginkan penjual", False, "Keuntungan ditambahkan setelah HPP dihitung."),
                    (
                        "Potongan biaya marketplace saja",
                        False,
                        "Potongan marketplace diperhitungkan saat menentukan harga jual.",
                    ),
                ],
                "feedback_correct": "Betul. HPP adalah semua biaya untuk membuat satu barang.",
                "feedback_wrong": "HPP = semua biaya untuk membuat satu barang, belum termasuk keuntungan.",
            },
            {
                "kind": "true_false",
                "text": "Jika harga jual sama dengan HPP, penjual sudah mendapat untung.",
                "correct_true": False,
                "feedback_correct": "Betul, harga jual sama dengan HPP berarti tidak ada untung.",
                "feedback_wrong": "Harga jual sama dengan HPP hanya menutup biaya; untungnya nol.",
            },
        ],
    },
]
