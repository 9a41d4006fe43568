"""Templates for the synthetic part of the triage corpus (see ``_corpus_builder``).

Everything here was written by the social-assistant team: per category, complaint
statements, requested actions, suggestions and questions; urgent reports; and the
non-aspiration kinds. Slots: ``{place}``, ``{street}``, ``{time}``, ``{rt}``.
"""

from __future__ import annotations

# fmt: off
PLACES = (
    "Sempaja", "Sungai Pinang", "Air Hitam", "Loa Bakung", "Lok Bahu", "Palaran", "Sambutan",
    "Karang Asam", "Gunung Kelua", "Teluk Lerong", "Sidodadi", "Temindung", "Bengkuring",
    "Lempake", "Loa Janan", "Sangatta", "Tanjung Redeb", "Penajam", "Tanah Grogot", "Sepinggan",
    "Gunung Samarinda", "Klandasan", "Marangkayu", "Muara Badak", "Samboja", "Handil",
    "Sanga-Sanga", "Loa Kulu", "Kota Bangun", "Melak", "Tenggarong Seberang", "Bontang Kuala",
    "Batu Ampar", "Manggar", "Damai", "Graha Indah", "Bukit Pinang", "Rapak Dalam", "Jawa",
    "Selili", "Mugirejo", "Pampang", "Berau", "Kampung Baru", "Sungai Kunjang", "Loa Ipuh",
)
STREETS = (
    "Jl. Juanda", "Jl. Pramuka", "Jl. Antasari", "Jl. Slamet Riyadi", "Jl. MT Haryono",
    "Jl. Soekarno-Hatta", "Jl. Ahmad Yani", "Jl. DI Panjaitan", "Jl. Wahid Hasyim",
    "Jl. Suryanata", "Jl. Gatot Subroto", "Jl. P. Suryanata", "Jl. Letjend Suprapto",
    "Jl. Cipto Mangunkusumo", "Jl. Bung Tomo", "Jl. Kadrie Oening", "Jl. Jakarta", "jalan poros",
    "Jl. Mulawarman", "Jl. Sudirman", "Jl. KH Agus Salim", "Jl. Pahlawan", "gang Mawar",
    "gang Melati", "gang Damai", "Jl. Merdeka", "Jl. Kusuma Bangsa", "Jl. Siradj Salman",
)
TIMES = (
    "sudah 2 minggu", "dari kemarin", "sudah sebulan", "sejak tahun lalu", "tiap hari",
    "sudah 3 hari", "dari pagi", "sejak lebaran", "berbulan-bulan", "tiap malam", "sudah lama",
    "dari minggu lalu", "sudah setahun lebih", "tiap musim hujan", "sejak awal bulan",
)
# fmt: on

# category -> (complaints, requested actions, suggestions, questions)
ASPIRATIONS: dict[str, tuple[tuple[str, ...], ...]] = {
    "infrastructure": (
        (
            "jalan di {place} rusak parah {time}",
            "{street} berlubang di mana-mana, motor sering jatuh",
            "jembatan di {place} sudah retak dan goyang kalau dilewati",
            "drainase di {street} tersumbat, tiap hujan air meluap ke jalan",
            "trotoar di {street} hancur, pejalan kaki terpaksa turun ke jalan",
            "proyek jalan di {place} mangkrak {time}, material dibiarkan berserakan",
            "aspal di {street} baru diperbaiki sudah mengelupas lagi",
            "jalan ke {place} masih tanah, becek dan licin kalau hujan",
            "gorong-gorong di {place} ambles, jalan jadi sempit",
            "selokan di RT {rt} {place} dangkal dan penuh lumpur",
            "jalan lingkungan di RT {rt} belum pernah disemenisasi",
            "tanggul di pinggir sungai {place} retak {time}",
            "jalan rusak di depan sekolah di {place}, anak-anak susah lewat",
        ),
        (
            "jalan di {place} diperbaiki",
            "lubang di {street} ditambal",
            "drainase di RT {rt} {place} dinormalisasi",
            "jembatan di {place} direhab",
            "jalan usaha tani di {place} dibangun",
            "trotoar di {street} dibenahi",
            "semenisasi gang di RT {rt} dilanjutkan",
            "gorong-gorong di {place} diganti",
        ),
        (
            "perbaikan jalan dikerjakan saat kemarau supaya lebih awet",
            "setiap proyek jalan memasang papan informasi anggaran dan kontraktor",
            "drainase dibangun dulu sebelum jalan diaspal",
            "warga dilibatkan mengawasi kualitas proyek jalan",
            "jalan di {place} dibuat lebih lebar karena makin ramai",
            "trotoar dibuat ramah disabilitas",
        ),
        (
            "kapan jalan di {place} diperbaiki",
            "proyek jembatan di {place} selesainya kapan",
            "perbaikan {street} masuk anggaran tahun ini atau tidak",
            "ke mana harus melapor kalau ada jalan berlubang",
            "siapa kontraktor proyek drainase di {place}",
            "berapa anggaran perbaikan jalan di {place}",
            "jalan di RT {rt} {place} itu kewenangan kota atau provinsi",
        ),
    ),
    "transport": (
        (
            "lampu lalu lintas di simpang {place} mati {time}",
            "parkir liar di {street} bikin macet parah",
            "angkot jurusan {place} jarang lewat, menunggu bisa satu jam",
            "macet di {street} {time}, tidak ada petugas yang mengatur",
            "halte bus di {street} rusak dan tidak ada atapnya",
            "juru parkir di {place} minta tarif seenaknya",
            "rambu lalu lintas di {street} hilang, pengendara bingung",
            "truk besar lewat jalan kota di jam sibuk, bikin macet",
            "jadwal bus kota tidak tepat waktu {time}",
            "marka jalan di {street} sudah pudar",
            "tarif kapal penyeberangan ke {place} naik tanpa pemberitahuan",
            "terminal {place} kotor dan gelap di malam hari",
        ),
        (
            "lampu lalu lintas di simpang {place} diperbaiki",
            "parkir liar di {street} ditertibkan",
            "trayek angkot ke {place} ditambah",
            "petugas Dishub ditempatkan di {street} saat jam sibuk",
            "halte di {street} diperbaiki",
            "rambu di tikungan {street} dipasang lagi",
            "bus sekolah ditambah untuk daerah {place}",
        ),
        (
            "lampu merah diberi timer supaya pengendara tidak menerobos",
            "ada bus pengumpan dari {place} ke pusat kota",
            "parkir di pusat kota memakai sistem elektronik",
            "jam operasional truk tambang dibatasi di malam hari",
            "dibuat jalur khusus sepeda yang terpisah dari jalan",
            "angkutan umum terintegrasi dengan satu kartu pembayaran",
        ),
        (
            "jadwal bus kota ke {place} jam berapa saja",
            "tarif parkir resmi di {street} berapa",
            "kapan lampu lalu lintas di simpang {place} diperbaiki",
            "rute bus Trans sudah sampai {place} atau belum",
            "cara mengurus uji KIR sekarang bagaimana",
            "jalan {street} ditutup sampai kapan",
            "kapal ke {place} berangkat hari apa saja",
        ),
    ),
    "health": (
        (
            "antrean di puskesmas {place} panjang sekali, dokternya cuma satu",
            "obat di puskesmas {place} sering kosong",
            "pasien BPJS ditolak di RSUD dengan alasan kamar penuh",
            "petugas IGD lambat menangani pasien",
            "posyandu di RT {rt} {place} tidak jalan {time}",
            "fogging DBD tidak pernah sampai ke {place} padahal banyak yang kena",
            "ambulans desa di {place} rusak {time}",
            "BPJS saya dinonaktifkan tanpa pemberitahuan",
            "puskesmas pembantu di {place} sering tutup",
            "pelayanan rumah sakit daerah tidak ramah ke pasien miskin",
            "toilet di puskesmas {place} kotor dan bau",
            "stunting di {place} tinggi tapi tidak ada penyuluhan gizi",
        ),
        (
            "dokter di puskesmas {place} ditambah",
            "fogging dilakukan di RT {rt} {place}",
            "ambulans desa di {place} diperbaiki",
            "vaksinasi keliling diadakan di {place}",
            "BPJS PBI ibu saya diaktifkan kembali",
            "posyandu lansia dibuka di {place}",
            "stok obat di puskesmas {place} dilengkapi",
        ),
        (
            "puskesmas di kecamatan yang jauh buka 24 jam",
            "pendaftaran puskesmas dibuat online supaya tidak antre dari subuh",
            "ada dokter keliling ke desa-desa terpencil",
            "ada posyandu lansia di setiap RT",
            "penyuluhan gizi rutin untuk ibu hamil di {place}",
            "nomor ambulans gratis diumumkan di setiap kelurahan",
        ),
        (
            "syarat daftar BPJS gratis apa saja",
            "puskesmas {place} buka hari Sabtu atau tidak",
            "jadwal imunisasi di posyandu {place} kapan",
            "nomor ambulans gratis berapa",
            "vaksin untuk lansia di {place} kapan dimulai",
            "kalau BPJS menunggak bagaimana cara mengaktifkannya lagi",
            "cek kesehatan gratis bisa di puskesmas mana saja",
        ),
    ),
    "education": (
        (
            "atap kelas di SD {place} bocor, anak-anak belajar kehujanan",
            "zonasi sekolah tidak adil, anak saya tidak diterima padahal rumah dekat",
            "sekolah di {place} masih memungut iuran padahal katanya gratis",
            "gaji guru honorer di {place} telat {time}",
            "bangku dan meja di sekolah {place} banyak yang rusak",
            "KIP anak saya belum cair {time}",
            "guru di SMP {place} sering tidak masuk",
            "harga seragam sekolah yang diwajibkan mahal sekali",
            "sekolah di {place} kekurangan guru mata pelajaran",
            "beasiswa daerah tidak tepat sasaran",
            "toilet sekolah di {place} rusak dan tidak ada air",
        ),
        (
            "atap SD di {place} diperbaiki",
            "guru honorer diperhatikan kesejahteraannya",
            "kuota jalur afirmasi ditambah",
            "guru ditambah di sekolah {place}",
            "KIP anak saya dicek",
            "bantuan seragam untuk anak kurang mampu di {place} diberikan",
            "perpustakaan keliling dijadwalkan ke {place}",
        ),
        (
            "ada sekolah kejuruan sesuai potensi daerah {place}",
            "beasiswa khusus untuk anak nelayan dan petani",
            "jam masuk sekolah tidak terlalu pagi supaya tidak macet",
            "sekolah di pedalaman mendapat internet gratis",
            "guru honorer diberi pelatihan dan sertifikasi",
            "seragam sekolah disediakan gratis oleh pemerintah",
        ),
        (
            "pendaftaran sekolah negeri dibuka kapan",
            "syarat beasiswa daerah tahun ini apa saja",
            "radius zonasi SMP di {place} berapa kilometer",
            "anak pindahan bisa masuk sekolah negeri di tengah semester atau tidak",
            "pengumuman hasil seleksi sekolah kapan",
            "apakah ada beasiswa untuk kuliah di luar daerah",
            "jalur prestasi bisa pakai sertifikat lomba apa saja",
        ),
    ),
    "social_aid": (
        (
            "bansos di {place} salah sasaran, yang mampu malah dapat",
            "BLT belum cair {time} padahal sudah diumumkan",
            "nama saya hilang dari data penerima bantuan",
            "beras bansos yang dibagikan di {place} bau dan berkutu",
            "PKH ibu saya dipotong oknum setiap pencairan",
            "pembagian sembako di kelurahan {place} ricuh dan tidak tertib",
            "lansia di RT {rt} {place} tidak pernah dapat bantuan",
            "bantuan bedah rumah di {place} hanya untuk kerabat pengurus",
            "bantuan untuk korban banjir tidak sampai ke RT {rt}",
            "pendataan penerima bantuan di {place} tidak transparan",
        ),
        (
            "data penerima bansos di {place} dibuka ke publik",
            "ibu saya didaftarkan sebagai penerima bantuan",
            "pendataan ulang penerima BLT di {place} dilakukan",
            "bantuan untuk korban kebakaran di {place} diberikan",
            "pemotongan PKH oleh oknum diusut",
            "bantuan lansia di RT {rt} disalurkan",
            "status bantuan keluarga saya dicek",
        ),
        (
            "bansos diberikan non tunai supaya tidak dipotong oknum",
            "daftar penerima bantuan ditempel di papan kelurahan",
            "penyaluran bantuan lewat kantor pos saja",
            "pendataan penerima bantuan melibatkan RT dan tokoh masyarakat",
            "ada kanal pengaduan khusus untuk bansos yang salah sasaran",
        ),
        (
            "bagaimana cara cek apakah saya terdaftar penerima bansos",
            "BLT bulan ini cair tanggal berapa",
            "syarat mendapat bantuan bedah rumah apa saja",
            "kalau alamat KK beda apakah tetap dapat PKH",
            "bantuan untuk lansia di {place} daftarnya di mana",
            "bansos sembako dibagikan di mana untuk warga {place}",
            "kenapa nama saya tidak ada di daftar penerima bantuan",
        ),
    ),
    "administration": (
        (
            "mengurus KTP di dukcapil {time} belum jadi, katanya blanko habis",
            "akta kelahiran anak saya salah nama, disuruh bolak-balik",
            "KK baru sudah diajukan {time} tapi belum selesai",
            "antrean online dukcapil error, tidak bisa ambil nomor",
            "urus surat pindah ribet sekali, harus ke tiga kantor",
            "mengurus surat keterangan di kelurahan {place} dipungut biaya",
            "izin bangunan diproses {time} belum keluar juga",
            "pajak PBB saya naik tiga kali lipat tanpa penjelasan",
            "samsat keliling tidak pernah datang ke {place} lagi",
            "data di KTP saya salah dan susah diperbaiki",
            "petugas kelurahan {place} minta uang untuk tanda tangan surat",
        ),
        (
            "blanko KTP segera disediakan",
            "layanan dukcapil dibuka hari Sabtu",
            "perekaman KTP keliling diadakan di {place}",
            "akta kelahiran anak saya diperbaiki",
            "proses izin usaha dipercepat",
            "kesalahan data di KK saya dibetulkan",
            "samsat keliling dijadwalkan ke {place}",
        ),
        (
            "pengurusan KTP, KK dan akta bisa sekaligus dalam satu hari",
            "antrean dukcapil bisa dipantau dari rumah",
            "semua layanan adminduk digabung dalam satu aplikasi",
            "kelurahan bisa mencetak KTP sendiri supaya tidak ke dukcapil",
            "ada layanan jemput bola untuk lansia dan disabilitas",
        ),
        (
            "syarat membuat KTP untuk pemula apa saja",
            "berapa lama proses pembuatan KK baru",
            "bikin akta kelahiran bisa online atau tidak",
            "pajak kendaraan bisa dibayar lewat aplikasi apa",
            "perekaman KTP di {place} jadwalnya kapan",
            "surat pindah domisili bisa diurus di kelurahan atau harus ke dukcapil",
            "biaya balik nama sertifikat tanah berapa",
        ),
    ),
    "environment": (
        (
            "sampah di TPS {place} tidak diangkut {time}, baunya menyengat",
            "sungai di {place} hitam dan bau karena limbah",
            "lubang bekas tambang dekat permukiman {place} dibiarkan terbuka",
            "asap pembakaran sampah di {place} bikin sesak",
            "debu batubara dari stockpile masuk ke rumah warga {place}",
            "pohon di taman kota ditebang tanpa alasan jelas",
            "orang buang sampah sembarangan di pinggir {street}",
            "pabrik di {place} buang limbah ke sungai malam hari",
            "sampah menumpuk di saluran air {street}",
            "suara mesin pabrik di {place} bising sampai malam",
            "tempat sampah di taman {place} rusak semua",
        ),
        (
            "sampah di TPS {place} segera diangkut",
            "tong sampah ditambah di {street}",
            "perusahaan pembuang limbah di {place} ditindak",
            "lubang bekas tambang di {place} dipagari",
            "penghijauan dilakukan di {street}",
            "truk sampah dijadwalkan masuk ke {place}",
            "pembakaran sampah di {place} dilarang",
        ),
        (
            "ada bank sampah di setiap kelurahan",
            "setiap perumahan baru wajib membuat sumur resapan",
            "lubang bekas tambang dijadikan kolam ikan atau wisata yang aman",
            "kantong plastik dilarang di pasar tradisional",
            "warga yang buang sampah sembarangan didenda",
            "sungai di {place} dibersihkan rutin dengan kerja bakti",
        ),
        (
            "jadwal angkut sampah di {place} hari apa saja",
            "ke mana melapor pembuangan limbah sembarangan",
            "bank sampah terdekat dari {place} ada di mana",
            "apakah boleh membakar sampah di halaman rumah",
            "kapan sungai di {place} dikeruk",
            "bibit pohon gratis bisa diminta di mana",
        ),
    ),
    "utilities": (
        (
            "air PDAM di {place} mati {time}",
            "listrik padam terus di {place}, alat elektronik rusak",
            "lampu jalan di {street} mati {time}, malam gelap dan rawan",
            "tagihan PDAM naik dua kali lipat padahal pemakaian sama",
            "air PDAM di {place} keruh dan berbau",
            "tekanan air PDAM di {place} kecil sekali",
            "sinyal internet di {place} hilang sejak menara rusak",
            "gas elpiji 3 kg langka di pangkalan {place}",
            "pipa PDAM bocor di {street} {time}, air terbuang",
            "tiang listrik di {street} miring dan kabelnya rendah",
            "PJU di {place} banyak yang mati",
        ),
        (
            "jadwal gilir air PDAM untuk {place} diumumkan",
            "lampu jalan di {street} dinyalakan lagi",
            "jaringan PDAM diperluas ke {place}",
            "pemadaman listrik diumumkan jauh hari",
            "pipa PDAM yang bocor di {street} diperbaiki",
            "tiang listrik miring di {street} ditegakkan",
            "meteran air saya diperiksa",
        ),
        (
            "PDAM mengirim SMS kalau ada gangguan",
            "lampu jalan memakai tenaga surya supaya hemat",
            "pembayaran PDAM bisa lewat QRIS",
            "PLN dan PDAM punya akun pengaduan yang aktif membalas",
            "jaringan air bersih dibangun dulu sebelum perumahan baru dibuka",
        ),
        (
            "air PDAM di {place} mati sampai kapan",
            "biaya pasang sambungan baru PDAM berapa",
            "pemadaman listrik bergilir di {place} sampai kapan",
            "lampu jalan mati melapornya ke mana",
            "kenapa air PDAM di {place} keruh",
            "apakah ada subsidi pasang listrik untuk warga kurang mampu",
        ),
    ),
    "security": (
        (
            "balap liar tiap malam di {street}, berisik dan berbahaya",
            "begal marak di jalan sepi dekat {place}",
            "pencurian motor makin sering di {place}",
            "tawuran remaja di {place} tiap malam minggu",
            "preman minta jatah ke pedagang di pasar {place}",
            "pedagang kaki lima di {street} tidak pernah ditertibkan",
            "peredaran narkoba di {place} makin parah",
            "miras dijual bebas di warung dekat sekolah di {place}",
            "anjing liar berkeliaran di {place}, warga takut",
            "judi sabung ayam rutin di {place}, tidak ada yang menindak",
            "knalpot brong tiap malam di {street}, warga tidak bisa tidur",
        ),
        (
            "patroli malam ditingkatkan di {place}",
            "balap liar di {street} ditertibkan",
            "pos kamling di RT {rt} diaktifkan lagi",
            "razia miras dilakukan di {place}",
            "CCTV dipasang di {street}",
            "pedagang kaki lima di {street} ditata",
            "peredaran narkoba di {place} diberantas",
        ),
        (
            "CCTV dipasang di titik rawan begal",
            "siskamling dihidupkan lagi dengan insentif untuk warga",
            "lampu di gang-gang sempit ditambah supaya tidak rawan",
            "ada hidran dan APAR di setiap kelurahan",
            "patroli gabungan polisi dan Satpol PP tiap malam minggu",
            "sosialisasi bahaya penipuan lewat telepon ke warga lansia",
        ),
        (
            "nomor pengaduan Satpol PP berapa",
            "melapor peredaran narkoba yang aman ke mana",
            "pos polisi terdekat dari {place} di mana",
            "kalau ada penipuan mengaku petugas melapornya ke mana",
            "razia knalpot brong masih ada atau tidak",
            "nomor darurat pemadam kebakaran di {place} berapa",
        ),
    ),
    "economy": (
        (
            "harga cabai dan bawang di pasar {place} naik terus",
            "minyak goreng di pasar tradisional masih mahal",
            "UMKM susah dapat modal, syarat pinjaman berbelit",
            "lapangan kerja untuk warga lokal {place} minim sekali",
            "pasar baru di {place} sepi, pedagang kembali ke pinggir jalan",
            "harga gabah jatuh saat panen, petani rugi",
            "solar langka, nelayan di {place} tidak bisa melaut",
            "retribusi pasar naik tapi fasilitas tidak diperbaiki",
            "harga sembako naik terus, daya beli warga turun",
            "pelatihan kerja dari dinas tidak ada penyalurannya",
            "perusahaan di {place} lebih memilih pekerja dari luar daerah",
        ),
        (
            "operasi pasar diadakan di {place}",
            "pemasaran produk UMKM dibantu",
            "pelatihan usaha untuk ibu-ibu di {place} diadakan",
            "harga elpiji di pengecer diawasi",
            "pasar murah dibuka di {place}",
            "bantuan alat tangkap untuk nelayan {place} diberikan",
            "lowongan kerja dari perusahaan di {place} diumumkan terbuka",
        ),
        (
            "produk UMKM lokal dipajang di bandara dan hotel",
            "pasar murah rutin setiap bulan di tiap kecamatan",
            "pemerintah membuat marketplace khusus produk lokal",
            "perusahaan wajib menyerap tenaga kerja lokal",
            "pedagang kaki lima direlokasi ke tempat yang ramai pembeli",
            "ada pelatihan digital marketing gratis untuk UMKM",
        ),
        (
            "bantuan modal UMKM dibuka kapan",
            "pelatihan kerja dari dinas gratis atau bayar",
            "operasi pasar minyak goreng di {place} kapan",
            "harga eceran tertinggi elpiji sekarang berapa",
            "cara daftar izin usaha mikro bagaimana",
            "apakah ada bantuan untuk nelayan saat cuaca buruk",
            "job fair tahun ini diadakan di mana",
        ),
    ),
    "public_service": (
        (
            "pelayanan di kantor kelurahan {place} lambat, petugasnya main HP",
            "call center pengaduan tidak pernah diangkat",
            "website pemerintah error terus, tidak bisa daftar",
            "laporan saya {time} tidak ada tanggapan",
            "petugas loket di kantor {place} judes dan tidak ramah",
            "kantor kecamatan {place} sudah tutup sebelum jam kerja selesai",
            "admin tidak pernah membalas pesan warga",
            "aplikasi layanan publik tidak bisa login",
            "loket pelayanan terpadu cuma dibuka dua, antrean mengular",
            "komentar warga di postingan ini tidak pernah dibalas",
            "informasi syarat layanan di website berbeda dengan di kantor",
        ),
        (
            "laporan saya ditindaklanjuti",
            "nomor pengaduan dicantumkan di setiap postingan",
            "jam pelayanan kantor kelurahan diperpanjang",
            "aplikasi pengaduan diperbaiki",
            "komentar warga di sini dibalas",
            "loket pelayanan ditambah",
            "informasi layanan diperbarui di website",
        ),
        (
            "setiap postingan disertai nomor pengaduan",
            "jadwal pelayanan diumumkan di media sosial tiap minggu",
            "ada sesi tanya jawab langsung dengan admin tiap Jumat",
            "semua layanan bisa diurus online",
            "petugas pelayanan diberi pelatihan melayani dengan ramah",
            "bahasa pengumuman dibuat lebih sederhana supaya mudah dipahami",
        ),
        (
            "link pendaftarannya di mana",
            "syaratnya apa saja",
            "jam pelayanan mal pelayanan publik sampai jam berapa",
            "kantor kelurahan buka hari Sabtu atau tidak",
            "laporan di kanal pengaduan biasanya dibalas berapa lama",
            "acara ini terbuka untuk umum atau hanya undangan",
            "program ini berlaku juga untuk warga kabupaten atau tidak",
        ),
    ),
}

# category -> urgent reports (danger to life, health or safety now)
URGENT: dict[str, tuple[str, ...]] = {
    "security": (
        "kebakaran di {street} {place} sekarang, api makin besar, damkar belum datang",
        "banjir sudah setinggi dada di RT {rt} {place}, ada lansia terjebak di rumah",
        "longsor barusan di {place}, ada rumah tertimbun, butuh evakuasi",
        "air sungai naik terus di {place}, tanggul mulai jebol, warga panik",
        "ada orang tenggelam di sungai dekat {place}, tim SAR belum ada",
        "ada yang mengaku petugas bansos sedang menelepon ibu saya minta transfer sekarang",
        "barusan ada begal di {street}, korban luka, pelakunya kabur",
        "pohon besar tumbang di {street} menimpa mobil, masih ada orang di dalam",
        "gas bocor di rumah makan di {street}, baunya menyengat, takut meledak",
        "banjir bandang menerjang {place} malam ini, rumah warga hanyut",
        "kebakaran lahan merambat ke permukiman {place}, api sudah dekat rumah",
        "orang mengaku petugas PLN masuk rumah-rumah di {place} sekarang minta uang",
        "anak hilang terseret arus di sungai {place} sore ini",
        "rumah terbakar di RT {rt} {place}, ada anak kecil di dalam",
    ),
    "infrastructure": (
        "jembatan di {place} retak besar dan miring, kendaraan masih lewat sekarang",
        "jalan amblas di {street} barusan, separuh badan jalan hilang, tolong pasang tanda",
        "tanggul di {place} jebol sekarang, air masuk ke permukiman",
        "jembatan gantung di {place} talinya putus sebagian, anak sekolah masih lewat",
    ),
    "utilities": (
        "kabel listrik putus menjuntai di {street}, masih ada percikan api",
        "tiang listrik roboh menimpa rumah di {place}, kabelnya masih bertegangan",
        "gardu listrik di {place} terendam banjir dan keluar api sekarang",
    ),
    "transport": (
        "lampu lalu lintas mati total di simpang {place}, barusan hampir tabrakan",
        "lubang besar di tengah {street} tanpa tanda, barusan motor jatuh, bahaya",
        "truk terguling di {street} menutup jalan, ada korban terjepit",
    ),
    "health": (
        "ada warga pingsan di {street}, ambulans ditelepon dari tadi belum datang",
        "anak saya kejang dan demam tinggi, puskesmas {place} tutup, butuh ambulans sekarang",
        "ibu mau melahirkan di {place}, bidan tidak ada, jalan putus banjir",
        "keracunan massal setelah acara di {place}, puluhan warga muntah, butuh tenaga medis",
        "warga tersengat listrik di {place} dan tidak sadarkan diri, ambulans belum datang",
    ),
    "environment": (
        "asap kebakaran lahan di {place} makin tebal, banyak anak sesak napas malam ini",
        "tanggul kolam bekas tambang di {place} jebol, lumpur mengalir ke rumah warga sekarang",
    ),
    "social_aid": ("pengungsi banjir di posko {place} belum dapat makan dari pagi, ada bayi",),
    "education": ("atap kelas SD di {place} retak dan mau roboh, murid masih belajar di dalam",),
}
# fmt: off
URGENT_TAILS = (
    "", ", tolong segera!", ", tolong cepat", " 🙏🙏", "!!", ", mohon bantuan sekarang",
    ", darurat pak", " 🚨", ", kami butuh bantuan", ", siapa yang bisa dihubungi?",
)

COMPLAINT_OPENERS = (
    "", "", "", "min, ", "pak, ", "bu, ", "assalamualaikum, ", "lapor pak, ",
    "tolong dilihat pak, ", "mohon maaf pak, ", "ini gimana pak, ", "kecewa sama pemkot, ",
    "halo admin, ",
)
COMPLAINT_TAILS = (
    "", "", "", ", tolong diperhatikan", ", mohon ditindaklanjuti", ". kecewa sekali",
    ", warga sudah capek melapor", " 😡", " 😤", ", gimana ini pak?", ", kapan ada perbaikan?",
    ". sudah lapor tapi tidak ada respon", ". tolong jangan cuma janji", " 🙏", ", parah",
    ", kasihan warga", ". tolong pak", "!!", ", sudah viral tapi tetap dibiarkan",
)
REQUEST_FRAMES = (
    "mohon {x}", "tolong {x} pak", "kami minta {x}", "harap {x} segera", "minta tolong {x}",
    "{x} dong min", "mohon agar {x}", "pak, tolong {x}", "min, mohon {x} ya",
    "kami warga {place} memohon {x}", "mohon bantuannya pak agar {x}", "tolong {x} secepatnya",
    "assalamualaikum pak, mohon {x}", "besar harapan kami {x}", "mohon kiranya {x}",
)
SUGGESTION_FRAMES = (
    "sebaiknya {x}", "saran saya {x}", "usul pak, {x}", "alangkah baiknya kalau {x}",
    "mungkin bisa {x}", "bagaimana kalau {x}", "mending {x}", "saran min, {x}",
    "menurut saya sebaiknya {x}", "sekadar masukan, {x}", "usulan warga: {x}", "ada baiknya {x}",
    "coba pertimbangkan {x}", "kalau bisa {x}",
)
QUESTION_FRAMES = (
    "{x}?", "min, {x}?", "mau tanya, {x}?", "izin bertanya pak, {x}?", "{x} ya min?", "pak, {x}?",
    "permisi, {x}?", "numpang tanya, {x}?", "{x}? terima kasih", "halo admin, {x}?",
    "boleh tanya, {x}?", "{x} kak?", "admin, {x} ya?",
)
# fmt: on
BANJAR_QUESTION_FRAMES = ("ulun handak batakun, {x}?", "pian, {x}?", "maaf pian, {x} kah?")

# fmt: off
APPRECIATION_OPENERS = (
    "mantap", "keren", "luar biasa", "terima kasih", "semoga amanah", "sukses selalu",
    "lanjutkan", "salut", "alhamdulillah", "bagus sekali", "top", "semangat terus",
    "terima kasih banyak", "apresiasi setinggi-tingginya", "barakallah", "bangga", "good job",
    "mantul", "hebat",
)
APPRECIATION_TARGETS = (
    "pak", "pak wali", "bu", "min", "pemkot", "pemprov", "pak gubernur", "pak bupati", "tim",
    "dinas", "pak camat", "bu lurah", "para petugas", "Diskominfo", "damkar", "adminnya", "",
)
APPRECIATION_TAILS = (
    "", "", "👍", "🙏", "👏👏", "❤️", ", semoga berkah", ", programnya bagus sekali",
    ", kami bangga",
    ", semoga sehat selalu", ", terus berkarya", ", sangat bermanfaat",
    ", pelayanannya makin cepat", ", semoga tepat sasaran", ", warga merasakan manfaatnya",
    ", sukses terus", ", semoga amanah", " 💪", ", infonya jelas",
)

CHATTER = (
    "{mention} lihat ini", "{mention} {mention2} ayo ikut", "hadir", "nyimak", "first",
    "pertamax", "{mention} nah ini yang kamu cari kemarin", "pagi min", "aamiin", "wkwk",
    "haha lucu", "ramai sekali ya", "otw ke sana", "absen dari {place}", "mantau dari {place}",
    "yang pakai baju biru siapa itu", "fotonya di mana ini", "{mention} ini dia acaranya",
    "kemarin saya lewat situ", "hujan terus di {place}", "wah kampung saya masuk postingan",
    "dulu saya sekolah di {place}", "siapa yang dari {place}", "{mention} tag teman yang lain",
    "ikut meramaikan", "nice view", "kapan-kapan main ke {place} ah", "rindu kampung halaman",
    "baca dulu", "save dulu postingannya", "oh begitu ya", "semangat pagi semua",
    "{mention} jangan lupa besok", "panas sekali hari ini di {place}", "selamat malam semua",
    "ini video lama bukan", "yang ambil foto jago juga", "lagi di {place} nih",
    "pian urang mana?", "ulun urang {place}", "lol", "mantau aja", "gimana kabar semua",
)
MENTIONS = (
    "@budi_hartono", "@rina_smd", "@dewi_kutim", "@andi_bugis", "@kevin_bpn", "@putri_kaltim",
    "@joko_sangasanga", "@iwan_palaran", "@nanda_pratiwi", "@fajar_bpn", "@mama_alya",
    "@galuh_bjm", "@yusuf_bontang", "@sarah_tepian", "@m_rizky88", "@lina_berau",
)

SPAM_BRANDS = (
    "GACOR88", "SLOT777", "MAXWIN99", "ZEUS138", "JPHOKI", "DEWA4D", "OLYMPUS88", "HOKIBET",
    "CUAN123", "RAJAWD", "MPO500", "BOS88",
)
# fmt: on
SPAM_TEMPLATES = (
    "slot gacor hari ini di {brand}, maxwin pasti, cek bio",
    "{brand} situs terpercaya, deposit 10rb bisa wd jutaan",
    "info slot gacor malam ini, rtp tinggi, link di bio",
    "main di {brand} bonus new member 100%",
    "butuh dana cepat? pinjaman online cair 5 menit, wa {phone}",
    "pinjol resmi tanpa jaminan, limit sampai 20 juta, hubungi {phone}",
    "dana tunai cepat cair, tanpa BI checking, WA {phone}",
    "investasi aman profit 20% per bulan, hubungi admin {phone}",
    "jual followers aktif murah, DM sekarang",
    "kerja dari rumah penghasilan jutaan per hari, klik link di bio",
    "promo diskon 70% hari ini saja, order di {url}",
    "open reseller modal kecil untung besar, minat DM",
    "togel online pasaran lengkap di {brand}, daftar sekarang",
    "robot trading auto profit, gabung grup gratis {url}",
    "obat herbal ampuh untuk segala penyakit, order WA {phone}",
    "scatter hitam turun terus di {brand}, buruan depo",
    "{url} link alternatif {brand} anti rungkad",
    "mau cuan? main mahjong ways di {brand} modal 5rb",
    "jasa joki skripsi dan tugas cepat, WA {phone}",
    "pelangsing badan alami turun 10 kg sebulan, cek bio",
)
SPAM_URLS = ("bit.ly/gacor-88", "https://cuan-cepat.xyz", "s.id/danacepat", "https://slot777.vip")
SPAM_PHONES = ("0812-3456-7788", "0857 1122 3344", "+62 813 9988 7766", "081377665544")

# fmt: off
INSULTS = (
    "goblok", "tolol", "bangsat", "bego", "kampret", "brengsek", "anjing", "bajingan", "dungu",
    "sialan", "idiot", "bodoh",
)
ABUSE_TEMPLATES = (
    "pejabat {insult} semua", "admin {insult}", "dasar {insult}, kerjanya cuma pencitraan",
    "{insult} lah pemerintah ini", "gubernur {insult}, mundur saja", "kalian semua {insult}",
    "{insult}, bacot doang", "otak kalian di mana? {insult}", "pemimpin {insult}",
    "dasar koruptor {insult}", "{insult} banget yang bikin kebijakan ini",
    "makan gaji buta, {insult}", "muka tembok semua, {insult}",
)
ABUSIVE_COMPLAINT_TAILS = (
    ", dasar pejabat {insult}!", ", {insult} semua!", ". {insult}!", ", pemerintah {insult}",
    ", admin {insult} gak pernah balas", ", kerja yang bener {insult}",
)
# fmt: on
SPAM_TAILS = (
    ", btw slot gacor",
    " | info slot gacor cek bio",
    ". ngomong-ngomong butuh dana cepat wa {phone}",
    " #slotgacor",
    ", mending main di {brand} aja",
    " (pinjol cair cepat cek bio)",
)
