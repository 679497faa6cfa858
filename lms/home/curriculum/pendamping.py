"""Course "Mendampingi WBP Berjualan Online", for officers (instructors and facility admins).

It follows the golden path from the officer's side: open the lab, review practice listings with
the rubric, prepare the legality papers of the facility's products, and handle orders and premi.
"""

COURSE = {
    "slug": "mendampingi-wbp-berjualan",
    "title": "Mendampingi WBP Berjualan Online",
    "summary": (
        "Untuk petugas: menjalankan lab komputer, memeriksa lapak latihan dengan rubrik, mengurus izin produk "
        "Lapas, serta mengelola pesanan dan pembagian premi."
    ),
    "estimated_hours": 3,
    "audience": "officers",
    "modules": [
        {
            "title": "Lab dan pendampingan",
            "intro": "Menyiapkan lab yang tertib dan aman untuk belajar.",
            "lessons": [
                {
                    "title": "Menjalankan Lab Komputer",
                    "slug": "menjalankan-lab",
                    "minutes": 15,
                    "body": [
                        (
                            "paragraph",
                            "<p>Sesuai pengaturan Lapas, WBP hanya bisa masuk ke Bekal dari <b>terminal "
                            "terdaftar</b> di lab, selama ada <b>sesi lab yang dibuka</b> oleh petugas. Dengan "
                            "begitu setiap kegiatan tercatat: siapa, di komputer mana, dan kapan.</p>",
                        ),
                        ("heading", "Sebelum sesi"),
                        (
                            "paragraph",
                            "<ol><li>Periksa komputer menyala dan terdaftar sebagai terminal Lapas.</li>"
                            "<li>Buka sesi lab dengan jam mulai dan jam selesai.</li>"
                            "<li>Siapkan daftar hadir dan kelas (kohort) yang dijadwalkan.</li>"
                            "<li>Untuk WBP baru: buat akun dan PIN awal. WBP mengganti PIN saat pertama "
                            "masuk.</li></ol>",
                        ),
                        ("heading", "Selama sesi"),
                        (
                            "paragraph",
                            "<ul><li>Lihat di layar petugas siapa memakai terminal mana.</li>"
                            "<li>Bantu peserta yang lama tertahan di satu pelajaran; banyak yang malu bertanya.</li>"
                            '<li>Ingatkan peserta menekan "Keluar" sebelum berdiri dari komputer.</li>'
                            "<li>Tutup sesi tepat waktu. Jika Lapas mewajibkan sesi lab, semua peserta ikut "
                            "keluar.</li></ul>",
                        ),
                        (
                            "callout",
                            {
                                "tone": "warning",
                                "text": "Jangan pernah memakai akun WBP atau memberi tahu PIN seseorang kepada orang "
                                "lain. Jika PIN lupa, atur ulang PIN lewat halaman petugas.",
                            },
                        ),
                        (
                            "callout",
                            {
                                "tone": "tip",
                                "text": "Banyak peserta kesulitan membaca. Bacakan bagian yang sulit, beri contoh dari "
                                "bengkel kerja, dan pasangkan peserta yang lancar dengan yang belum.",
                            },
                        ),
                    ],
                },
            ],
        },
        {
            "title": "Memeriksa lapak",
            "intro": "Menilai lapak latihan dengan rubrik yang sama untuk semua peserta.",
            "lessons": [
                {
                    "title": "Memeriksa Lapak Latihan dengan Rubrik",
                    "slug": "rubrik-lapak",
                    "minutes": 20,
                    "body": [
                        (
                            "paragraph",
                            "<p>Setiap lapak yang diajukan WBP dinilai pada <b>lima aspek</b>, masing-masing dengan "
                            "nilai 1 sampai 4. Rubrik yang sama membuat penilaian adil antarpetugas.</p>",
                        ),
                        ("heading", "Arti nilai"),
                        (
                            "paragraph",
                            "<ul><li><b>4 – Sangat baik:</b> siap dijual tanpa perubahan.</li>"
                            "<li><b>3 – Baik:</b> layak dijual; ada saran kecil.</li>"
                            "<li><b>2 – Perlu perbaikan:</b> ada kekurangan yang harus diperbaiki dulu.</li>"
                            "<li><b>1 – Belum memenuhi:</b> bagian ini kosong atau salah.</li></ul>",
                        ),
                        ("heading", "Lima aspek"),
                        (
                            "paragraph",
                            "<ol><li><b>Foto:</b> terang, latar polos, paling sedikit tiga sisi, warna jujur.</li>"
                            "<li><b>Judul:</b> jenis + bahan + ukuran/varian + keunggulan; tanpa huruf besar semua "
                            "dan tanpa kata berlebihan.</li>"
                            "<li><b>Deskripsi:</b> bahan, ukuran, berat, cara merawat, isi paket; tanpa nomor "
                            "telepon atau alamat.</li>"
                            "<li><b>Harga:</b> di atas HPP, rincian biaya masuk akal, sebanding dengan pasar.</li>"
                            "<li><b>Legalitas:</b> untuk pangan ada nomor P-IRT atau BPOM MD dan status halal yang "
                            "benar; untuk barang lain cukup NIB Lapas.</li></ol>",
                        ),
                        ("heading", "Kapan disetujui?"),
                        (
                            "paragraph",
                            "<p>Setujui lapak jika <b>semua aspek bernilai 3 atau 4</b>. Jika ada aspek bernilai 1 "
                            "atau 2, minta perbaikan. Untuk produk pangan, legalitas harus bernilai 4: izin yang "
                            "belum ada tidak boleh ditulis seolah-olah sudah ada.</p>"
                            "<p>Contoh: foto 4, judul 3, deskripsi 2 (tidak ada ukuran), harga 4, legalitas 4. "
                            "Keputusan: <b>minta perbaikan</b> pada deskripsi.</p>",
                        ),
                        ("heading", "Menulis komentar yang membantu"),
                        (
                            "paragraph",
                            '<ul><li>Mulai dari yang sudah baik: "Fotonya terang dan jelas."</li>'
                            "<li>Sebut satu atau dua hal yang harus diubah, dengan kalimat pendek.</li>"
                            '<li>Beri contoh: "Tambahkan ukuran, misalnya 30 × 12 × 25 cm."</li>'
                            "<li>Tunjukkan pelajaran yang membahasnya.</li></ul>",
                        ),
                    ],
                },
            ],
        },
        {
            "title": "Izin produk Lapas",
            "intro": "Menyiapkan NIB, SPP-IRT, dan sertifikat halal untuk produk bengkel kerja.",
            "lessons": [
                {
                    "title": "Mengurus Izin Produk Lapas",
                    "slug": "izin-produk-lapas",
                    "minutes": 15,
                    "body": [
                        (
                            "paragraph",
                            "<p>Produk yang dijual di toko Lapas memakai izin atas nama pihak yang ditunjuk Kepala "
                            "Lapas, sesuai arahan Kanwil. Petugas kegiatan kerja menyiapkan berkasnya.</p>",
                        ),
                        ("heading", "Daftar periksa"),
                        (
                            "paragraph",
                            "<ol><li><b>NIB</b> lewat OSS, dengan kode KBLI yang sesuai untuk setiap jenis produk "
                            "(batik, anyaman, kayu, sablon, makanan).</li>"
                            "<li><b>SPP-IRT</b> untuk pangan olahan yang tahan lebih dari 7 hari, misalnya "
                            "keripik: diajukan lewat OSS, setelah pembuat ikut penyuluhan keamanan pangan dan dapur "
                            "diperiksa oleh dinas kesehatan kabupaten/kota.</li>"
                            "<li><b>Sertifikat halal</b> lewat SIHALAL (BPJPH). Untuk produk sederhana, ajukan jalur "
                            "self-declare dengan Pendamping PPH; untuk produk berbahan daging, jalur reguler.</li>"
                            "<li><b>BPOM MD</b> hanya jika produk termasuk pangan berisiko tinggi (susu olahan, "
                            "makanan beku, kaleng, air minum dalam kemasan); <b>notifikasi kosmetik</b> untuk sabun "
                            "atau lulur.</li></ol>",
                        ),
                        ("heading", "Menyimpan dan memakai nomor izin"),
                        (
                            "paragraph",
                            "<ul><li>Simpan salinan setiap izin beserta masa berlakunya di satu map.</li>"
                            "<li>Beri tahu WBP nomor izin yang boleh ditulis di lapak, untuk produk yang mana.</li>"
                            "<li>Sertifikat halal harus diperbarui jika bahan atau cara membuat berubah.</li>"
                            "<li>Periksa tanggal kedaluwarsa dan label di kemasan sebelum barang dikirim.</li></ul>",
                        ),
                        (
                            "callout",
                            {
                                "tone": "warning",
                                "text": "Satu nomor P-IRT berlaku untuk produk yang didaftarkan saja. Keripik pisang "
                                "tidak boleh memakai nomor milik keripik singkong.",
                            },
                        ),
                    ],
                },
            ],
        },
        {
            "title": "Pesanan dan premi",
            "intro": "Dari pesanan masuk sampai premi diterima pembuat karya.",
            "lessons": [
                {
                    "title": "Mengelola Pesanan dan Premi",
                    "slug": "pesanan-dan-premi",
                    "minutes": 20,
                    "body": [
                        ("heading", "Alur pesanan"),
                        (
                            "paragraph",
                            "<p>Setiap pesanan berjalan melalui tahap: <b>baru → dikonfirmasi → dibayar → dikirim "
                            "→ selesai</b>, atau <b>dibatalkan</b>. Ubah tahap hanya lewat halaman pesanan, supaya "
                            "stok dan catatan penjualan ikut benar.</p>"
                            "<ul><li>Konfirmasi hanya jika stok benar-benar ada.</li>"
                            "<li>Kirim hanya setelah pembayaran diterima.</li>"
                            "<li>Catat nomor resi saat barang dikirim.</li></ul>",
                        ),
                        ("heading", "Pembagian hasil penjualan"),
                        (
                            "paragraph",
                            "<p>Hasil penjualan dibagi menjadi tiga bagian: <b>premi</b> untuk WBP pembuat karya, "
                            "<b>PNBP</b> (Penerimaan Negara Bukan Pajak) yang disetor ke kas negara, dan <b>modal "
                            "produksi</b> untuk membeli bahan berikutnya. Persentasenya ditetapkan untuk setiap "
                            "Lapas sesuai aturan yang berlaku, dan diisi di pengaturan Lapas di Bekal.</p>",
                        ),
                        ("heading", "Contoh perhitungan"),
                        (
                            "paragraph",
                            "<p>Misalkan pengaturan sebuah Lapas: premi 30%, PNBP 50%, modal produksi 20%. Tas "
                            "anyaman terjual Rp200.000.</p>"
                            "<ul><li>Premi: 30% × Rp200.000 = <b>Rp60.000</b></li>"
                            "<li>PNBP: 50% × Rp200.000 = <b>Rp100.000</b></li>"
                            "<li>Modal produksi: 20% × Rp200.000 = <b>Rp40.000</b></li></ul>"
                            "<p>Tas itu dibuat dua WBP dengan bagian yang sama (1 dan 1). Masing-masing menerima "
                            "Rp60.000 : 2 = <b>Rp30.000</b>.</p>",
                        ),
                        (
                            "callout",
                            {
                                "tone": "tip",
                                "text": "Angka di atas hanya contoh. Pakai persentase yang ditetapkan untuk Lapas "
                                "Anda, "
                                "dan pastikan jumlahnya 100%.",
                            },
                        ),
                        (
                            "paragraph",
                            "<p>Catat siapa saja pembuat setiap produk saat lapak dipromosikan ke toko. Tanpa "
                            "catatan itu, premi tidak bisa dibagikan dengan adil.</p>",
                        ),
                    ],
                },
            ],
        },
    ],
}
