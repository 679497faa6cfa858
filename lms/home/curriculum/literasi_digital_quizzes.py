"""Quizzes of "Literasi Digital"; each is placed at the end of the lesson named by ``lesson``."""

QUIZZES = [
    {
        "lesson": "mengenali-hoaks",
        "title": "Cakap dan Etika Digital",
        "intro": "Empat pertanyaan tentang pilar literasi digital, sopan santun, dan hoaks.",
        "pass_mark": 75,
        "score_policy": "best",
        "questions": [
            {
                "kind": "multiple",
                "text": "Mana saja empat pilar literasi digital nasional? Pilih semua yang benar.",
                "options": [
                    ("Cakap Digital", True, ""),
                    ("Etika Digital", True, ""),
                    ("Aman Digital", True, ""),
                    ("Budaya Digital", True, ""),
                    ("Cepat Digital", False, 'Tidak ada pilar "Cepat Digital".'),
                ],
                "feedback_correct": "Betul: Cakap, Etika, Aman, dan Budaya Digital.",
                "feedback_wrong": "Empat pilarnya: Cakap, Etika, Aman, dan Budaya Digital.",
            },
            {
                "kind": "single",
                "text": 'Anda menerima pesan "SEBARKAN SEGERA! Besok listrik padam seminggu" tanpa sumber. '
                "Apa yang sebaiknya Anda lakukan?",
                "options": [
                    ("Periksa dulu di sumber resmi; jika ragu, jangan dibagikan", True, ""),
                    ("Langsung sebarkan ke semua grup supaya orang bersiap", False, "Itu ikut menyebarkan hoaks."),
                    ("Tambahkan cerita supaya lebih meyakinkan", False, "Menambah cerita bohong bisa dipidana."),
                ],
                "feedback_correct": "Betul. Saring sebelum sharing.",
                "feedback_wrong": "Pesan tanpa sumber yang memancing panik patut dicurigai. Periksa dulu.",
            },
            {
                "kind": "true_false",
                "text": "Menulis dengan huruf besar semua terasa seperti berteriak.",
                "correct_true": True,
                "feedback_correct": "Betul. Pakai huruf biasa supaya pesan terasa sopan.",
                "feedback_wrong": "Huruf besar semua memang terasa seperti berteriak bagi pembaca.",
            },
            {
                "kind": "single",
                "text": "Yang mana contoh kata kunci pencarian yang jelas?",
                "options": [
                    ("harga kain batik cap 2 meter", True, ""),
                    ("bagaimana ya cara supaya barang saya laku", False, "Terlalu panjang dan tidak jelas."),
                    ("batik", False, "Terlalu umum; hasilnya terlalu banyak."),
                ],
                "feedback_correct": "Betul. Beberapa kata yang jelas memberi hasil yang tepat.",
                "feedback_wrong": "Pakai beberapa kata kunci yang jelas: barang, jenis, dan ukuran.",
            },
        ],
    },
    {
        "lesson": "penipuan-online",
        "title": "Aman Digital: Data Pribadi dan Penipuan",
        "intro": "Lima pertanyaan tentang menjaga data pribadi dan mengenali penipuan.",
        "pass_mark": 80,
        "score_policy": "best",
        "questions": [
            {
                "kind": "true_false",
                "text": "Petugas bank boleh meminta kode OTP lewat telepon untuk memeriksa rekening.",
                "correct_true": False,
                "feedback_correct": "Betul. Kode OTP tidak boleh diberikan kepada siapa pun.",
                "feedback_wrong": "Petugas resmi tidak pernah meminta OTP. Yang meminta OTP pasti penipu.",
            },
            {
                "kind": "multiple",
                "text": "Mana saja yang termasuk data pribadi yang harus dijaga? Pilih semua yang benar.",
                "options": [
                    ("NIK dan foto KTP", True, ""),
                    ("Nama ibu kandung", True, ""),
                    ("PIN dan kata sandi", True, ""),
                    ("Nama bengkel kerja tempat karya dibuat", False, "Ini bukan data pribadi seseorang."),
                ],
                "feedback_correct": "Betul. NIK, nama ibu kandung, PIN, dan kata sandi harus dijaga.",
                "feedback_wrong": "Data pribadi: NIK, KTP, nama ibu kandung, PIN, kata sandi, dan OTP.",
            },
            {
                "kind": "single",
                "text": 'Anda menerima pesan berisi file "Undangan Pernikahan.apk". Apa yang harus dilakukan?',
                "options": [
                    ("Jangan dibuka atau dipasang, lalu hapus pesannya", True, ""),
                    ("Pasang saja, karena hanya undangan", False, "File APK bisa mengambil alih ponsel."),
                    ("Teruskan ke teman untuk ditanyakan", False, "Meneruskan menyebarkan bahayanya."),
                ],
                "feedback_correct": "Betul. Undangan asli tidak berbentuk aplikasi APK.",
                "feedback_wrong": "File .apk adalah aplikasi. Jika dipasang, penipu bisa menguasai ponsel.",
            },
            {
                "kind": "single",
                "text": "Mana kata sandi yang paling kuat?",
                "options": [
                    ("anyaman-pandan-hijau-7", True, ""),
                    ("123456", False, "Kata sandi ini paling sering ditebak."),
                    ("budi1985", False, "Nama dan tahun lahir mudah ditebak."),
                ],
                "feedback_correct": "Betul. Panjang dan terdiri dari beberapa kata.",
                "feedback_wrong": "Kata sandi kuat itu panjang, bukan nama atau tanggal lahir.",
            },
            {
                "kind": "true_false",
                "text": "Foto yang sudah dihapus dari media sosial pasti hilang dari internet.",
                "correct_true": False,
                "feedback_correct": "Betul. Orang lain mungkin sudah menyimpannya; jejak digital sulit dihapus.",
                "feedback_wrong": "Jejak digital sulit dihapus. Foto bisa sudah disimpan orang lain.",
            },
        ],
    },
]
