"""Quizzes of "Mendampingi WBP Berjualan Online"; each is placed at the end of the lesson named by ``lesson``."""

QUIZZES = [
    {
        "lesson": "rubrik-lapak",
        "title": "Menilai Lapak dengan Rubrik",
        "intro": "Empat pertanyaan tentang rubrik penilaian lapak latihan.",
        "pass_mark": 75,
        "score_policy": "best",
        "questions": [
            {
                "kind": "single",
                "text": "Nilai lapak: foto 4, judul 3, deskripsi 2, harga 4, legalitas 4. Apa keputusannya?",
                "options": [
                    ("Minta perbaikan pada deskripsi", True, ""),
                    ("Setujui, karena rata-ratanya di atas 3", False, "Setiap aspek harus bernilai 3 atau 4."),
                    ("Tolak seluruhnya", False, "Satu kekurangan cukup diperbaiki, bukan ditolak."),
                ],
                "feedback_correct": "Betul. Ada aspek bernilai 2, jadi minta perbaikan.",
                "feedback_wrong": "Lapak disetujui hanya jika semua aspek bernilai 3 atau 4.",
            },
            {
                "kind": "multiple",
                "text": "Apa saja yang dinilai pada aspek legalitas untuk keripik? Pilih semua yang benar.",
                "options": [
                    ("Nomor P-IRT atau BPOM MD", True, ""),
                    ("Status halal yang benar", True, ""),
                    ("Jumlah foto", False, "Jumlah foto dinilai pada aspek foto."),
                ],
                "feedback_correct": "Betul. Izin edar pangan dan status halal.",
                "feedback_wrong": "Legalitas pangan: nomor P-IRT atau BPOM MD, dan status halal.",
            },
            {
                "kind": "true_false",
                "text": "Komentar yang baik dimulai dari hal yang sudah baik, lalu menyebut satu atau dua perbaikan.",
                "correct_true": True,
                "feedback_correct": "Betul. Peserta lebih mudah menerima saran yang singkat dan jelas.",
                "feedback_wrong": "Mulailah dari yang sudah baik, lalu satu atau dua perbaikan yang jelas.",
            },
            {
                "kind": "true_false",
                "text": "Nomor P-IRT keripik singkong boleh dipakai untuk keripik pisang dari dapur yang sama.",
                "correct_true": False,
                "feedback_correct": "Betul. Nomor P-IRT hanya berlaku untuk produk yang didaftarkan.",
                "feedback_wrong": "Setiap produk pangan perlu didaftarkan sendiri.",
            },
        ],
    },
    {
        "lesson": "pesanan-dan-premi",
        "title": "Pesanan dan Pembagian Premi",
        "intro": "Hitung dengan pengaturan contoh: premi 30%, PNBP 50%, modal produksi 20%. Tulis angka saja.",
        "pass_mark": 75,
        "score_policy": "best",
        "questions": [
            {
                "kind": "number",
                "text": "Kain batik terjual Rp350.000. Berapa rupiah bagian premi (30%)?",
                "correct_number": "105000",
                "tolerance": "0",
                "unit": "Rp",
                "feedback_correct": "Betul: 30% × Rp350.000 = Rp105.000.",
                "feedback_wrong": "Hitung 30 : 100 × 350.000.",
            },
            {
                "kind": "number",
                "text": "Premi sebuah meja kayu Rp90.000. Pembuatnya tiga WBP dengan bagian 1, 1, dan 1. "
                "Berapa rupiah yang diterima masing-masing?",
                "correct_number": "30000",
                "tolerance": "0",
                "unit": "Rp",
                "feedback_correct": "Betul: Rp90.000 : 3 = Rp30.000.",
                "feedback_wrong": "Bagian sama besar, jadi bagi Rp90.000 dengan 3.",
            },
            {
                "kind": "single",
                "text": 'Kapan pesanan boleh diubah menjadi "dikirim"?',
                "options": [
                    ("Setelah pembayaran diterima dan nomor resi dicatat", True, ""),
                    ("Segera setelah pesanan masuk", False, "Pesanan harus dikonfirmasi dan dibayar dulu."),
                    ("Setelah pembeli memberi ulasan", False, "Ulasan datang setelah barang diterima."),
                ],
                "feedback_correct": "Betul: baru → dikonfirmasi → dibayar → dikirim → selesai.",
                "feedback_wrong": "Urutannya: baru, dikonfirmasi, dibayar, lalu dikirim.",
            },
            {
                "kind": "true_false",
                "text": "Persentase premi, PNBP, dan modal produksi sama untuk semua Lapas dan tidak bisa diubah.",
                "correct_true": False,
                "feedback_correct": "Betul. Persentasenya diatur per Lapas.",
                "feedback_wrong": "Persentasenya ditetapkan per Lapas dan diisi di pengaturan Lapas.",
            },
        ],
    },
]
