"""Course "Jualan Online untuk Produk Karya": selling workshop products online, for WBP.

The slugs of the first four lessons are linked from the sandbox shop's quality rules
(``sandbox_shop.quality``) and from the tests and bench; keep them.
"""

COURSE = {
    "slug": "berjualan-online",
    "title": "Jualan Online untuk Produk Karya",
    "summary": (
        "Menjual batik, anyaman, keripik, kerajinan kayu dan kaos sablon buatan bengkel kerja lewat toko online: "
        "foto, judul dan deskripsi, harga dari HPP, izin usaha, melayani pembeli, mengemas dan mengirim, "
        "serta menjaga akun toko."
    ),
    "estimated_hours": 6,
    "audience": "wbp",
    "modules": [
        {
            "title": "Mengenal toko online",
            "intro": "Apa itu marketplace dan bagaimana pembeli memilih barang.",
            "lessons": [
                {
                    "title": "Mengenal Toko Online (Marketplace)",
                    "slug": "mengenal-marketplace",
                    "minutes": 10,
                    "body": [
                        (
                            "paragraph",
                            "<p>Marketplace adalah pasar di internet. Di sana ribuan penjual membuka toko. "
                            "Jutaan pembeli mencari barang lewat telepon genggam. Contohnya Shopee, Tokopedia, "
                            "dan TikTok Shop.</p>",
                        ),
                        ("heading", "Bagaimana pembeli menemukan barang?"),
                        (
                            "paragraph",
                            "<p>Pembeli mengetik kata di kotak pencarian, misalnya <b>tas anyaman pandan</b>. "
                            "Marketplace lalu menampilkan barang yang judulnya cocok dengan kata itu. Karena itu "
                            "judul sangat penting. Judul yang jelas membuat barang mudah ditemukan.</p>",
                        ),
                        (
                            "image",
                            {"picture": "marketplace", "caption": "Pembeli melihat foto, judul, dan harga lebih dulu."},
                        ),
                        ("heading", "Apa yang membuat pembeli percaya?"),
                        (
                            "paragraph",
                            "<ul><li>Foto yang terang dan jujur, dari beberapa sisi.</li>"
                            "<li>Deskripsi yang lengkap: bahan, ukuran, warna, cara merawat.</li>"
                            "<li>Harga yang masuk akal dan sesuai mutu.</li>"
                            "<li>Izin untuk makanan: nomor P-IRT dan sertifikat halal.</li>"
                            "<li>Stok yang benar. Jangan menjual barang yang sudah habis.</li></ul>",
                        ),
                        (
                            "paragraph",
                            "<p>Di Bekal, Anda berlatih dulu di <b>toko latihan</b>. Petugas memeriksa tulisan "
                            "Anda. Lapak yang sudah baik dipajang di toko sungguhan milik Lapas.</p>",
                        ),
                        (
                            "callout",
                            {
                                "tone": "tip",
                                "text": "Sebelum menulis lapak, lihat dulu tiga lapak penjual lain untuk barang yang "
                                "sama. Perhatikan foto, judul, dan harganya.",
                            },
                        ),
                    ],
                },
            ],
        },
        {
            "title": "Foto, judul, dan deskripsi",
            "intro": "Membuat lapak yang jelas dan jujur, supaya pembeli mengerti dan percaya.",
            "lessons": [
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
                            "<ol><li><b>Cahaya terang.</b> Ambil foto di dekat jendela pada siang hari. "
                            "Jangan memakai lampu kilat; bayangannya keras.</li>"
                            "<li><b>Latar polos.</b> Kain putih atau kertas karton membuat barang terlihat jelas.</li>"
                            "<li><b>Barang memenuhi foto.</b> Dekatkan kamera sampai barang mengisi sebagian besar "
                            "gambar.</li>"
                            "<li><b>Beberapa sisi.</b> Paling sedikit tiga foto: depan, samping, dan detail bahan "
                            "atau jahitan.</li>"
                            "<li><b>Jujur.</b> Warna di foto harus sama dengan barang aslinya.</li></ol>",
                        ),
                        (
                            "image",
                            {
                                "picture": "photo_tips",
                                "caption": "Kiri: gelap dan berantakan. Kanan: terang, latar polos.",
                            },
                        ),
                        ("heading", "Contoh dari bengkel kerja"),
                        (
                            "paragraph",
                            "<ul><li><b>Kain batik:</b> bentangkan seluruh kain, lalu foto dekat motifnya.</li>"
                            "<li><b>Kaos sablon:</b> foto bagian depan dan belakang, lalu foto label ukurannya.</li>"
                            "<li><b>Keripik:</b> foto kemasan yang tertutup rapat dan isinya di piring.</li>"
                            "<li><b>Kerajinan kayu:</b> letakkan uang logam atau penggaris di sebelahnya, supaya "
                            "pembeli tahu ukurannya.</li></ul>",
                        ),
                        (
                            "paragraph",
                            "<p>Foto pertama adalah <b>foto sampul</b>. Pilih foto terbaik, yang memperlihatkan "
                            "seluruh barang dari depan.</p>",
                        ),
                        (
                            "callout",
                            {
                                "tone": "warning",
                                "text": "Jangan memakai foto milik penjual lain dari internet. Itu melanggar hak "
                                "cipta dan menipu pembeli.",
                            },
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
                            "<p>Contoh yang baik: <i>Tas Anyaman Pandan 30 cm Tali Kulit Sintetis Buatan Tangan</i>."
                            "<br>"
                            "Contoh yang kurang baik: <i>TAS MURAH BAGUS!!!</i> Judul itu tidak menjelaskan barang. "
                            "Huruf besar semua juga terasa seperti berteriak.</p>",
                        ),
                        (
                            "paragraph",
                            "<p>Contoh lain: <i>Kaos Sablon Motif Siger Lampung Katun Combed 30s Ukuran M L XL</i>, "
                            "atau <i>Keripik Pisang Manis 250 gram Renyah Tanpa Pengawet</i>.</p>",
                        ),
                        ("heading", "Isi deskripsi"),
                        (
                            "paragraph",
                            "<ul><li>Bahan dan cara membuat, misalnya dianyam dengan tangan.</li>"
                            "<li>Ukuran dan berat: panjang × lebar × tinggi dalam cm, berat dalam gram.</li>"
                            "<li>Warna atau varian yang tersedia.</li><li>Cara merawat.</li>"
                            "<li>Untuk makanan: komposisi, berat bersih, dan tanggal kedaluwarsa.</li>"
                            "<li>Isi paket: apa saja yang diterima pembeli.</li></ul>",
                        ),
                        (
                            "callout",
                            {
                                "tone": "warning",
                                "text": "Jangan menulis nomor telepon, alamat, atau ajakan bertransaksi di luar "
                                "marketplace. Hal itu dilarang oleh marketplace dan oleh aturan Lapas.",
                            },
                        ),
                        (
                            "practicum",
                            {
                                "title": "Tulis lapak pertama",
                                "instructions": "Pilih satu barang dari bengkel kerja Anda. Tulis judul dengan "
                                "rumus di atas, deskripsi yang lengkap, dan unggah tiga foto.",
                            },
                        ),
                    ],
                },
            ],
        },
        {
            "title": "Harga jual",
            "intro": "Menghitung HPP dan keuntungan, supaya harga menutup biaya dan tetap bersaing.",
            "lessons": [
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
                        ("heading", "Contoh 1: HPP satu tas anyaman"),
                        (
                            "paragraph",
                            "<ul><li>Bahan (pandan, tali, lem): Rp18.000</li>"
                            "<li>Tenaga kerja: Rp10.000</li><li>Kemasan: Rp2.000</li>"
                            "<li>Lain-lain (listrik, alat): Rp2.000</li></ul>"
                            "<p><b>HPP = 18.000 + 10.000 + 2.000 + 2.000 = Rp32.000</b></p>",
                        ),
                        ("heading", "Menambahkan keuntungan"),
                        (
                            "paragraph",
                            "<p>Jika ingin untung 40% dari HPP, hitung: Rp32.000 × 40% = Rp12.800. "
                            "Harga jual = Rp32.000 + Rp12.800 = Rp44.800, dibulatkan menjadi <b>Rp45.000</b>.</p>",
                        ),
                        ("image", {"picture": "price", "caption": "HPP + keuntungan = harga jual."}),
                        ("heading", "Contoh 2: keripik dibuat banyak sekaligus"),
                        (
                            "paragraph",
                            "<p>Satu kali menggoreng menghasilkan 20 bungkus keripik singkong. Biayanya: singkong "
                            "Rp20.000, minyak Rp15.000, bumbu Rp5.000, gas Rp5.000, dan 20 kemasan × Rp1.000 = "
                            "Rp20.000. Jumlahnya Rp65.000.</p>"
                            "<p>HPP satu bungkus = Rp65.000 : 20 = <b>Rp3.250</b>. Dengan untung 60%, harga jualnya "
                            "Rp3.250 + Rp1.950 = Rp5.200, dibulatkan <b>Rp5.500</b>.</p>",
                        ),
                        ("heading", "Jangan lupa potongan marketplace"),
                        (
                            "paragraph",
                            "<p>Marketplace memotong biaya layanan, biasanya beberapa persen dari harga. Misalnya "
                            "potongannya 10% dan harga kaos Rp80.000. Potongannya Rp8.000, jadi uang yang diterima "
                            "Rp72.000. Pastikan uang yang diterima masih di atas HPP.</p>",
                        ),
                        (
                            "callout",
                            {
                                "tone": "tip",
                                "text": "Bandingkan harga Anda dengan barang serupa dari penjual lain. Jika jauh lebih "
                                "mahal, jelaskan keunggulannya, misalnya batik tulis yang dikerjakan dua minggu.",
                            },
                        ),
                    ],
                },
            ],
        },
        {
            "title": "Izin usaha",
            "intro": "NIB, SPP-IRT, sertifikat halal, dan izin BPOM: mana yang dibutuhkan produk Anda.",
            "lessons": [
                {
                    "title": "NIB dan SPP-IRT: Izin Dasar Usaha",
                    "slug": "nib-dan-spp-irt",
                    "minutes": 15,
                    "body": [
                        (
                            "paragraph",
                            "<p>Usaha yang resmi lebih dipercaya pembeli. Izin juga melindungi pembeli dari "
                            "barang yang tidak aman. Ada dua izin dasar yang perlu Anda kenal.</p>",
                        ),
                        ("heading", "NIB: Nomor Induk Berusaha"),
                        (
                            "paragraph",
                            "<ul><li>NIB adalah tanda pengenal usaha. Semua jenis usaha perlu NIB, termasuk batik, "
                            "anyaman, dan kerajinan kayu.</li>"
                            "<li>NIB dibuat lewat sistem OSS (Online Single Submission) milik pemerintah, di "
                            "alamat oss.go.id.</li>"
                            "<li>Membuat NIB tidak dipungut biaya. Yang dibutuhkan antara lain NIK (KTP), alamat "
                            "usaha, dan jenis kegiatan usaha (kode KBLI).</li></ul>",
                        ),
                        ("heading", "SPP-IRT: izin makanan rumahan"),
                        (
                            "paragraph",
                            "<p>SPP-IRT adalah Sertifikat Produksi Pangan Industri Rumah Tangga. Izin ini untuk "
                            "makanan olahan yang dibuat di dapur kecil dan tahan lebih dari 7 hari, misalnya "
                            "keripik, rempeyek, atau kue kering.</p>"
                            "<ul><li>Diajukan lewat OSS dan diterbitkan oleh pemerintah kabupaten atau kota.</li>"
                            "<li>Pembuatnya harus ikut penyuluhan keamanan pangan dan dapurnya diperiksa.</li>"
                            "<li>Hasilnya nomor P-IRT yang dicetak di kemasan.</li></ul>",
                        ),
                        (
                            "callout",
                            {
                                "tone": "warning",
                                "text": "Tidak semua makanan boleh memakai SPP-IRT. Susu olahan, makanan bayi, "
                                "makanan beku, makanan kaleng, dan air minum dalam kemasan harus memakai izin BPOM.",
                            },
                        ),
                        (
                            "paragraph",
                            "<p>Di Lapas, izin produk diurus oleh petugas atas nama Lapas. Tugas Anda: menulis "
                            "nomor izin dengan benar di lapak dan di kemasan.</p>",
                        ),
                    ],
                },
                {
                    "title": "Sertifikat Halal dan Izin BPOM",
                    "slug": "halal-dan-bpom",
                    "minutes": 15,
                    "body": [
                        ("heading", "Sertifikat halal"),
                        (
                            "paragraph",
                            "<p>Makanan dan minuman yang dijual di Indonesia wajib bersertifikat halal. Untuk usaha "
                            "mikro dan kecil, batas waktunya 17 Oktober 2026. Sertifikat halal diterbitkan oleh "
                            "BPJPH (Badan Penyelenggara Jaminan Produk Halal) lewat sistem SIHALAL.</p>",
                        ),
                        ("heading", "Jalur self-declare"),
                        (
                            "paragraph",
                            "<p>Usaha mikro dan kecil boleh memakai jalur <b>self-declare</b> (pernyataan pelaku "
                            "usaha). Jalur ini sering gratis lewat program pemerintah. Syarat pentingnya:</p>"
                            "<ul><li>Sudah punya NIB.</li>"
                            "<li>Bahannya sederhana dan jelas halal, misalnya singkong, pisang, minyak goreng, dan "
                            "garam yang bersertifikat halal.</li>"
                            "<li>Cara membuatnya sederhana dan tidak ada penyembelihan hewan.</li>"
                            "<li>Didampingi oleh Pendamping Proses Produk Halal (PPH) yang memeriksa dapur dan "
                            "bahan.</li></ul>"
                            "<p>Produk yang menyembelih hewan sendiri, atau yang bahannya rumit, memakai jalur "
                            "reguler dengan pemeriksaan oleh lembaga pemeriksa halal.</p>",
                        ),
                        (
                            "paragraph",
                            "<p>Setelah terbit, pasang <b>label halal Indonesia</b> di kemasan dan tulis nomor "
                            "sertifikatnya di lapak. Jika bahan atau cara membuat berubah, sertifikat harus "
                            "diperbarui.</p>",
                        ),
                        ("heading", "Kapan perlu izin BPOM?"),
                        (
                            "paragraph",
                            "<ul><li><b>BPOM MD</b> untuk makanan berisiko tinggi atau buatan pabrik: susu olahan, "
                            "makanan bayi, makanan beku, makanan kaleng, air minum dalam kemasan.</li>"
                            "<li><b>Notifikasi kosmetik (nomor NA)</b> untuk sabun mandi, lulur, atau minyak "
                            "rambut buatan tangan.</li>"
                            "<li>Batik, anyaman, kaos, dan kerajinan kayu <b>tidak</b> perlu izin BPOM. Cukup "
                            "NIB.</li></ul>",
                        ),
                        (
                            "callout",
                            {
                                "tone": "warning",
                                "text": "Jangan pernah menulis nomor izin palsu atau meminjam nomor milik usaha lain. "
                                "Itu pelanggaran hukum dan membahayakan pembeli.",
                            },
                        ),
                    ],
                },
            ],
        },
        {
            "title": "Melayani dan mengirim",
            "intro": "Menjawab pembeli dengan sopan, lalu mengemas dan mengirim barang dengan aman.",
            "lessons": [
                {
                    "title": "Melayani Pembeli dengan Baik",
                    "slug": "melayani-pembeli",
                    "minutes": 10,
                    "body": [
                        (
                            "paragraph",
                            "<p>Pembeli yang puas akan membeli lagi dan memberi ulasan bintang lima. Ulasan yang "
                            "baik membuat toko lebih dipercaya.</p>",
                        ),
                        ("heading", "Empat kebiasaan penjual yang baik"),
                        (
                            "paragraph",
                            "<ol><li><b>Cepat menjawab.</b> Balas pertanyaan pada hari yang sama.</li>"
                            '<li><b>Sopan.</b> Sapa dengan "Kak" atau "Bapak/Ibu", ucapkan terima kasih.</li>'
                            "<li><b>Jujur.</b> Jika stok habis atau barang terlambat, katakan terus terang.</li>"
                            "<li><b>Tenang saat dikeluhkan.</b> Minta maaf, minta foto masalahnya, lalu tawarkan "
                            "jalan keluar.</li></ol>",
                        ),
                        ("heading", "Contoh jawaban"),
                        (
                            "paragraph",
                            '<p><i>Pembeli: "Kak, kaosnya ada ukuran XL?"</i><br>'
                            '<i>Penjual: "Halo Kak, terima kasih sudah bertanya. Ukuran XL masih ada 3 buah. '
                            'Lebar dadanya 56 cm dan panjangnya 74 cm. Silakan dipesan, Kak."</i></p>',
                        ),
                        (
                            "callout",
                            {
                                "tone": "tip",
                                "text": "Simpan jawaban untuk pertanyaan yang sering muncul, misalnya ukuran, bahan, "
                                "dan lama pengiriman. Anda jadi bisa menjawab lebih cepat.",
                            },
                        ),
                    ],
                },
                {
                    "title": "Mengemas dan Mengirim Barang",
                    "slug": "kemas-dan-kirim",
                    "minutes": 15,
                    "body": [
                        ("heading", "Kemasan yang aman"),
                        (
                            "paragraph",
                            "<ul><li><b>Keripik:</b> kemasan tertutup rapat, lalu masukkan ke kardus supaya tidak "
                            "hancur.</li>"
                            "<li><b>Kerajinan kayu:</b> bungkus dengan plastik gelembung, isi celah kardus dengan "
                            "kertas bekas.</li>"
                            "<li><b>Batik dan kaos:</b> lipat rapi, masukkan ke plastik supaya tidak basah.</li></ul>",
                        ),
                        ("heading", "Menghitung berat kiriman"),
                        (
                            "paragraph",
                            "<p>Kurir menghitung ongkos kirim dari berat asli atau <b>berat volume</b>, mana yang "
                            "lebih besar. Banyak kurir memakai rumus: panjang × lebar × tinggi (cm) : 6.000.</p>"
                            "<p>Contoh: kardus 30 × 20 × 10 cm. Berat volume = 6.000 : 6.000 = 1 kg. Isinya hanya "
                            "400 gram, tetapi ongkos kirim dihitung 1 kg. Jadi pilih kardus yang pas, jangan "
                            "terlalu besar.</p>",
                        ),
                        ("heading", "Sebelum kurir datang"),
                        (
                            "paragraph",
                            "<ol><li>Periksa lagi: barang, ukuran, dan warna sesuai pesanan.</li>"
                            "<li>Tempel label pengiriman dari marketplace dengan rapi.</li>"
                            "<li>Kirim sesuai batas waktu yang ditentukan marketplace.</li>"
                            "<li>Simpan nomor resi dan beri tahu pembeli.</li></ol>",
                        ),
                        (
                            "callout",
                            {
                                "tone": "tip",
                                "text": "Rekam video saat mengemas. Jika pembeli mengeluh barang kurang, video itu "
                                "menjadi bukti.",
                            },
                        ),
                    ],
                },
                {
                    "title": "Menjaga Akun Toko Tetap Aman",
                    "slug": "keamanan-akun-toko",
                    "minutes": 10,
                    "body": [
                        (
                            "paragraph",
                            "<p>Akun toko berisi uang hasil penjualan dan data pembeli. Jika akun diambil orang "
                            "lain, uang bisa hilang dan nama baik toko rusak.</p>",
                        ),
                        ("heading", "Aturan menjaga akun"),
                        (
                            "paragraph",
                            "<ul><li>Pakai kata sandi yang panjang dan tidak dipakai di akun lain.</li>"
                            "<li>Nyalakan verifikasi dua langkah.</li>"
                            "<li><b>Kode OTP tidak boleh diberikan kepada siapa pun</b>, termasuk orang yang "
                            "mengaku petugas marketplace, kurir, atau bank.</li>"
                            "<li>Masuk ke akun hanya lewat aplikasi resmi, bukan lewat tautan dari pesan.</li>"
                            "<li>Keluar (log out) dari akun setelah selesai memakai komputer bersama.</li></ul>",
                        ),
                        ("heading", "Penipuan yang sering menimpa penjual"),
                        (
                            "paragraph",
                            '<ul><li><b>Bukti transfer palsu.</b> "Pembeli" mengirim foto bukti transfer dan minta '
                            "barang segera dikirim. Kirim barang hanya jika status pesanan di marketplace sudah "
                            '"dibayar" atau "perlu dikirim".</li>'
                            "<li><b>Ajakan bayar di luar marketplace.</b> Tolak. Uang Anda tidak dilindungi.</li>"
                            '<li><b>Pesan "akun Anda akan diblokir".</b> Itu pancingan supaya Anda membuka tautan '
                            "palsu. Periksa langsung di aplikasi.</li></ul>",
                        ),
                        (
                            "callout",
                            {
                                "tone": "warning",
                                "text": "Di Lapas, akun toko dipegang petugas. Jangan pernah meminta atau memakai "
                                "kata sandi akun toko milik orang lain.",
                            },
                        ),
                    ],
                },
            ],
        },
    ],
}
