"""Course "Literasi Digital": the four pillars of the national digital-literacy framework, for WBP.

The pillars (Cakap, Etika, Aman, Budaya Digital) are those of the Gerakan Nasional Literasi Digital
run by the ministry for communication (Kominfo, now Komdigi) with Siberkreasi.
"""

COURSE = {
    "slug": "literasi-digital",
    "title": "Literasi Digital",
    "summary": (
        "Empat pilar literasi digital nasional: cakap memakai komputer dan internet, beretika, aman dari "
        "penipuan dan menjaga data pribadi, serta berbudaya digital. Bekal pertama sebelum berjualan online."
    ),
    "estimated_hours": 4,
    "audience": "wbp",
    "modules": [
        {
            "title": "Cakap Digital",
            "intro": "Mengenal perangkat, internet, dan cara mencari informasi.",
            "lessons": [
                {
                    "title": "Empat Pilar Literasi Digital",
                    "slug": "empat-pilar",
                    "minutes": 10,
                    "body": [
                        (
                            "paragraph",
                            "<p>Literasi digital artinya mampu memakai ponsel, komputer, dan internet dengan "
                            "cerdas, sopan, dan aman. Pemerintah, lewat Kementerian Komunikasi dan Digital (dulu "
                            "Kominfo) dan gerakan Siberkreasi, membaginya menjadi <b>empat pilar</b>.</p>",
                        ),
                        (
                            "paragraph",
                            "<ol><li><b>Cakap Digital:</b> bisa memakai perangkat dan aplikasi.</li>"
                            "<li><b>Etika Digital:</b> sopan dan bertanggung jawab saat berkomunikasi.</li>"
                            "<li><b>Aman Digital:</b> melindungi data pribadi dan waspada penipuan.</li>"
                            "<li><b>Budaya Digital:</b> membawa nilai Pancasila dan Bhinneka Tunggal Ika ke dunia "
                            "digital, serta bangga pada karya sendiri.</li></ol>",
                        ),
                        (
                            "paragraph",
                            "<p>Kursus ini membahas keempat pilar itu satu per satu. Setelah selesai, Anda siap "
                            "belajar berjualan online di kursus berikutnya.</p>",
                        ),
                        (
                            "callout",
                            {
                                "tone": "tip",
                                "text": "Komputer lab di Lapas tidak tersambung ke internet. Semua latihan di sini "
                                "aman untuk dicoba.",
                            },
                        ),
                    ],
                },
                {
                    "title": "Mengenal Perangkat, Aplikasi, dan Internet",
                    "slug": "perangkat-dan-internet",
                    "minutes": 15,
                    "body": [
                        ("heading", "Perangkat keras dan perangkat lunak"),
                        (
                            "paragraph",
                            "<p><b>Perangkat keras</b> adalah benda yang bisa dipegang: layar, papan ketik, "
                            "tetikus (mouse), ponsel. <b>Perangkat lunak</b> adalah program di dalamnya: "
                            "aplikasi pesan, peramban (browser), aplikasi marketplace.</p>",
                        ),
                        ("heading", "Mencari informasi"),
                        (
                            "paragraph",
                            "<p>Mesin pencari seperti Google membantu menemukan informasi. Ketik beberapa kata kunci "
                            "yang jelas, bukan kalimat panjang.</p>"
                            "<ul><li>Kurang jelas: <i>bagaimana ya cara supaya batik saya bisa laku</i></li>"
                            "<li>Lebih jelas: <i>harga kain batik cap 2 meter</i></li></ul>",
                        ),
                        ("heading", "Akun"),
                        (
                            "paragraph",
                            "<p>Banyak aplikasi meminta Anda membuat <b>akun</b>: nama pengguna dan kata sandi. "
                            "Akun seperti kunci rumah. Jangan dipinjamkan dan jangan ditulis di tempat yang "
                            "terlihat orang lain.</p>",
                        ),
                        (
                            "callout",
                            {
                                "tone": "tip",
                                "text": "Di Bekal, Anda masuk dengan kode Lapas, nomor registrasi, dan PIN. Tekan "
                                '"Keluar" setiap selesai belajar, supaya orang berikutnya tidak memakai akun '
                                "Anda.",
                            },
                        ),
                    ],
                },
            ],
        },
        {
            "title": "Etika Digital",
            "intro": "Sopan, jujur, dan bertanggung jawab saat berkomunikasi dan berbagi informasi.",
            "lessons": [
                {
                    "title": "Sopan dan Bertanggung Jawab di Dunia Digital",
                    "slug": "etika-berkomunikasi",
                    "minutes": 10,
                    "body": [
                        (
                            "paragraph",
                            "<p>Di dunia digital, lawan bicara kita tetap manusia. Aturan sopan santun tetap "
                            "berlaku, walaupun kita tidak bertatap muka.</p>",
                        ),
                        ("heading", "Aturan sederhana"),
                        (
                            "paragraph",
                            "<ul><li>Pakai bahasa yang sopan. Huruf besar semua terasa seperti berteriak.</li>"
                            "<li>Jangan menghina suku, agama, ras, atau golongan orang lain.</li>"
                            "<li>Jangan menyebarkan foto atau cerita pribadi orang lain tanpa izin.</li>"
                            "<li>Akui kesalahan dan minta maaf jika salah menulis.</li></ul>",
                        ),
                        (
                            "callout",
                            {
                                "tone": "warning",
                                "text": "Menyebarkan berita bohong, fitnah, atau ujaran kebencian bisa dihukum menurut "
                                "Undang-Undang Informasi dan Transaksi Elektronik (UU ITE).",
                            },
                        ),
                    ],
                },
                {
                    "title": "Saring Sebelum Sharing: Mengenali Hoaks",
                    "slug": "mengenali-hoaks",
                    "minutes": 15,
                    "body": [
                        (
                            "paragraph",
                            "<p><b>Hoaks</b> adalah berita bohong yang dibuat seolah-olah benar. Hoaks sering "
                            "membuat marah atau takut, supaya cepat disebarkan.</p>",
                        ),
                        ("heading", "Lima pertanyaan sebelum membagikan"),
                        (
                            "paragraph",
                            "<ol><li><b>Siapa sumbernya?</b> Situs berita resmi atau akun tanpa nama?</li>"
                            "<li><b>Kapan terjadinya?</b> Berita lama sering disebarkan lagi seolah baru.</li>"
                            '<li><b>Judulnya memancing emosi?</b> Misalnya "SEBARKAN SEGERA!"</li>'
                            "<li><b>Ada di sumber lain?</b> Berita penting pasti dimuat banyak media.</li>"
                            "<li><b>Fotonya asli?</b> Foto lama bisa dipakai untuk cerita baru.</li></ol>",
                        ),
                        (
                            "paragraph",
                            '<p>Contoh: pesan berantai berbunyi <i>"Pemerintah bagi-bagi uang Rp5 juta untuk '
                            'semua pemilik KTP, klik tautan ini!"</i> Tidak ada sumber resmi, memancing dengan '
                            "hadiah, dan meminta klik tautan. Itu hoaks, sekaligus penipuan.</p>",
                        ),
                        (
                            "paragraph",
                            "<p>Untuk memeriksa, orang biasa memakai situs cek fakta seperti turnbackhoax.id "
                            "(Mafindo) atau cekfakta.com. Jika ragu, jangan dibagikan.</p>",
                        ),
                    ],
                },
            ],
        },
        {
            "title": "Aman Digital",
            "intro": "Melindungi data pribadi, mengenali penipuan, dan memahami jejak digital.",
            "lessons": [
                {
                    "title": "Menjaga Data Pribadi",
                    "slug": "data-pribadi",
                    "minutes": 15,
                    "body": [
                        (
                            "paragraph",
                            "<p><b>Data pribadi</b> adalah keterangan tentang diri Anda yang bisa dipakai orang lain "
                            "untuk berpura-pura menjadi Anda. Indonesia melindunginya dengan Undang-Undang "
                            "Pelindungan Data Pribadi (UU No. 27 Tahun 2022).</p>",
                        ),
                        ("heading", "Data yang harus dijaga"),
                        (
                            "paragraph",
                            "<ul><li>NIK dan foto KTP, Kartu Keluarga.</li>"
                            "<li>Tanggal lahir dan nama ibu kandung.</li>"
                            "<li>Nomor rekening, PIN, kata sandi, dan kode OTP.</li>"
                            "<li>Alamat rumah dan nomor telepon keluarga.</li></ul>",
                        ),
                        (
                            "paragraph",
                            "<p>Dengan foto KTP dan swafoto, penipu bisa mengajukan pinjaman online atas nama "
                            "Anda. Jadi jangan mengirim foto KTP kepada orang yang tidak jelas, dan jangan "
                            "mengunggahnya ke media sosial.</p>",
                        ),
                        (
                            "callout",
                            {
                                "tone": "tip",
                                "text": "Jika harus mengirim foto KTP untuk urusan resmi, beri tulisan di atas "
                                "fotonya, "
                                'misalnya "Hanya untuk pendaftaran NIB", beserta tanggalnya.',
                            },
                        ),
                    ],
                },
                {
                    "title": "Mengenali Penipuan Online",
                    "slug": "penipuan-online",
                    "minutes": 15,
                    "body": [
                        (
                            "paragraph",
                            "<p>Penipu memancing kita supaya memberikan data, kode, atau uang. Cara ini disebut "
                            '<b>phishing</b> (dibaca: fising), dari kata "memancing".</p>',
                        ),
                        ("heading", "Bentuk penipuan yang sering terjadi"),
                        (
                            "paragraph",
                            '<ul><li><b>Minta kode OTP.</b> "Kami dari bank, sebutkan kode yang baru masuk."</li>'
                            '<li><b>Hadiah palsu.</b> "Selamat, Anda menang undian! Bayar pajak hadiah dulu."</li>'
                            '<li><b>File APK.</b> Pesan berisi "undangan pernikahan", "surat tilang", atau '
                            '"resi paket" berbentuk file .apk. Jika dipasang, ponsel bisa dikuasai penipu.</li>'
                            "<li><b>Tautan palsu.</b> Alamat situs mirip aslinya, misalnya huruf o diganti angka "
                            "0.</li>"
                            '<li><b>Keluarga darurat.</b> "Ini saya, ganti nomor. Tolong transfer sekarang."</li></ul>',
                        ),
                        (
                            "callout",
                            {
                                "tone": "warning",
                                "text": "Kode OTP tidak boleh diberikan kepada siapa pun, termasuk orang yang mengaku "
                                "petugas bank, marketplace, atau polisi. Petugas resmi tidak pernah memintanya.",
                            },
                        ),
                        ("heading", "Jika sudah telanjur"),
                        (
                            "paragraph",
                            "<ol><li>Hubungi bank lewat nomor resmi di balik kartu ATM, minta rekening diblokir.</li>"
                            "<li>Ganti kata sandi akun yang bocor.</li>"
                            "<li>Laporkan nomor rekening penipu, misalnya lewat cekrekening.id, dan beri tahu "
                            "keluarga.</li></ol>",
                        ),
                    ],
                },
                {
                    "title": "Jejak Digital dan Kata Sandi yang Kuat",
                    "slug": "jejak-digital",
                    "minutes": 10,
                    "body": [
                        ("heading", "Jejak digital"),
                        (
                            "paragraph",
                            "<p>Semua yang kita unggah, tulis, dan sukai di internet meninggalkan <b>jejak "
                            "digital</b>. Jejak itu sulit dihapus. Foto yang sudah dihapus pun mungkin sudah "
                            "disimpan orang lain.</p>"
                            "<p>Pembeli dan pemberi kerja bisa melihat jejak digital Anda. Tulisan yang sopan dan "
                            "karya yang baik adalah jejak yang menguntungkan.</p>",
                        ),
                        ("heading", "Kata sandi yang kuat"),
                        (
                            "paragraph",
                            "<ul><li>Panjang, paling sedikit 12 huruf. Gabungan beberapa kata mudah diingat, "
                            "misalnya <i>anyaman-pandan-hijau-7</i>.</li>"
                            "<li>Bukan tanggal lahir, nama sendiri, atau 123456.</li>"
                            "<li>Berbeda untuk setiap akun penting.</li>"
                            "<li>Nyalakan verifikasi dua langkah jika tersedia.</li></ul>",
                        ),
                    ],
                },
            ],
        },
        {
            "title": "Budaya Digital",
            "intro": "Membawa nilai Pancasila ke dunia digital dan bangga pada karya sendiri.",
            "lessons": [
                {
                    "title": "Bangga Berkarya, Menghargai Karya Orang Lain",
                    "slug": "budaya-digital",
                    "minutes": 10,
                    "body": [
                        (
                            "paragraph",
                            "<p>Budaya digital berarti membawa nilai baik kita ke internet: Pancasila, Bhinneka "
                            "Tunggal Ika, gotong royong, dan cinta produk dalam negeri.</p>",
                        ),
                        ("heading", "Menghargai karya orang lain"),
                        (
                            "paragraph",
                            "<ul><li>Foto, motif, dan tulisan orang lain dilindungi <b>hak cipta</b>. Jangan "
                            "memakainya tanpa izin.</li>"
                            "<li>Sablon kaos dengan logo klub bola atau merek terkenal tanpa izin melanggar hak "
                            "merek. Buat desain sendiri.</li>"
                            "<li>Sebutkan sumber jika mengutip tulisan orang lain.</li></ul>",
                        ),
                        ("heading", "Bangga pada karya sendiri"),
                        (
                            "paragraph",
                            "<p>Batik, tapis, anyaman, dan ukiran kayu adalah warisan budaya Indonesia. Ceritakan "
                            "asal motif dan cara membuatnya di lapak Anda. Pembeli menghargai barang yang punya "
                            "cerita.</p>",
                        ),
                        (
                            "practicum",
                            {
                                "title": "Cerita di balik karya",
                                "instructions": "Tulis dua atau tiga kalimat tentang asal motif atau cara membuat "
                                "satu karya bengkel Anda. Simpan sebagai deskripsi di lapak latihan.",
                            },
                        ),
                    ],
                },
            ],
        },
    ],
}
