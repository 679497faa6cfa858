"""Quizzes of "Jualan Online untuk Produk Karya"; each is placed at the end of the lesson named by ``lesson``.

The browser test (tests/e2e/test_golden_path.py) answers them from here: within a quiz, the text of
each question up to its first full stop and each option's text must be distinct.
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
    {
        "lesson": "halal-dan-bpom",
        "title": "Izin Usaha untuk Produk Karya",
        "intro": "Lima pertanyaan tentang NIB, SPP-IRT, halal, dan BPOM. Anda boleh mencoba lagi.",
        "pass_mark": 80,
        "score_policy": "best",
        "questions": [
            {
                "kind": "single",
                "text": "Lewat sistem apa NIB (Nomor Induk Berusaha) dibuat?",
                "options": [
                    ("OSS (Online Single Submission)", True, ""),
                    ("SIHALAL", False, "SIHALAL dipakai untuk mengajukan sertifikat halal."),
                    ("Aplikasi marketplace", False, "Marketplace tidak menerbitkan izin usaha."),
                ],
                "feedback_correct": "Betul. NIB dibuat lewat OSS dan tidak dipungut biaya.",
                "feedback_wrong": "NIB dibuat lewat OSS (oss.go.id), sistem perizinan milik pemerintah.",
            },
            {
                "kind": "multiple",
                "text": "Produk mana saja yang cocok memakai SPP-IRT? Pilih semua yang benar.",
                "options": [
                    ("Keripik singkong dalam kemasan", True, ""),
                    ("Kue kering yang tahan beberapa minggu", True, ""),
                    ("Susu kedelai olahan dalam botol", False, "Susu olahan memakai izin BPOM MD."),
                    ("Nugget ayam beku", False, "Makanan beku memakai izin BPOM MD."),
                ],
                "feedback_correct": "Betul. SPP-IRT untuk makanan rumahan yang tahan lebih dari 7 hari.",
                "feedback_wrong": "SPP-IRT untuk makanan rumahan yang awet; susu olahan dan makanan beku perlu BPOM.",
            },
            {
                "kind": "true_false",
                "text": "Kain batik tulis perlu izin BPOM sebelum dijual online.",
                "correct_true": False,
                "feedback_correct": "Betul. Batik bukan makanan, obat, atau kosmetik; cukup NIB.",
                "feedback_wrong": "BPOM mengawasi makanan, obat, dan kosmetik. Batik cukup memakai NIB.",
            },
            {
                "kind": "single",
                "text": "Siapa yang menerbitkan sertifikat halal?",
                "options": [
                    ("BPJPH, lewat sistem SIHALAL", True, ""),
                    ("Dinas Kesehatan kabupaten", False, "Dinas Kesehatan mengurus SPP-IRT, bukan halal."),
                    ("Kurir pengiriman", False, ""),
                ],
                "feedback_correct": "Betul. BPJPH menerbitkan sertifikat halal lewat SIHALAL.",
                "feedback_wrong": "Sertifikat halal diterbitkan BPJPH (Badan Penyelenggara Jaminan Produk Halal).",
            },
            {
                "kind": "multiple",
                "text": "Apa saja syarat jalur halal self-declare? Pilih semua yang benar.",
                "options": [
                    ("Usaha mikro atau kecil yang sudah punya NIB", True, ""),
                    ("Bahan sederhana dan jelas halal", True, ""),
                    ("Didampingi Pendamping Proses Produk Halal", True, ""),
                    ("Produknya daging sapi potong sendiri", False, "Penyembelihan hewan memakai jalur reguler."),
                ],
                "feedback_correct": "Lengkap! Usaha kecil dengan NIB, bahan sederhana, dan ada pendamping.",
                "feedback_wrong": "Self-declare untuk usaha kecil ber-NIB, bahan sederhana, dengan pendamping PPH.",
            },
        ],
    },
    {
        "lesson": "kemas-dan-kirim",
        "title": "Mengemas dan Mengirim",
        "intro": "Tiga pertanyaan tentang kemasan dan ongkos kirim. Tulis angka saja untuk soal hitungan.",
        "pass_mark": 65,
        "score_policy": "best",
        "questions": [
            {
                "kind": "number",
                "text": "Kardus berukuran 40 × 30 × 10 cm. Berapa kilogram berat volumenya, dengan rumus "
                "panjang × lebar × tinggi : 6.000?",
                "correct_number": "2",
                "tolerance": "0",
                "unit": "kg",
                "feedback_correct": "Betul: 40 × 30 × 10 = 12.000, lalu 12.000 : 6.000 = 2 kg.",
                "feedback_wrong": "Kalikan dulu: 40 × 30 × 10 = 12.000. Lalu bagi dengan 6.000.",
            },
            {
                "kind": "single",
                "text": "Kapan barang boleh dikirim kepada pembeli?",
                "options": [
                    ("Setelah status pesanan di marketplace menunjukkan sudah dibayar", True, ""),
                    ("Setelah pembeli mengirim foto bukti transfer lewat pesan", False, "Bukti transfer bisa palsu."),
                    ("Sebelum pembeli membayar, supaya cepat sampai", False, ""),
                ],
                "feedback_correct": "Betul. Percayai status di marketplace, bukan foto bukti transfer.",
                "feedback_wrong": "Foto bukti transfer bisa dipalsukan. Lihat status pesanan di marketplace.",
            },
            {
                "kind": "true_false",
                "text": "Merekam video saat mengemas bisa menjadi bukti jika pembeli mengeluh.",
                "correct_true": True,
                "feedback_correct": "Betul. Video mengemas menunjukkan barang sudah lengkap saat dikirim.",
                "feedback_wrong": "Video mengemas justru berguna sebagai bukti bahwa barang dikirim lengkap.",
            },
        ],
    },
]
