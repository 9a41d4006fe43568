"""The UI speaks Bahasa Indonesia; this catalogue gives the English for ``lang=en``.

Templates write the Indonesian text and wrap it in ``_()``; a test checks that every
wrapped text has an English entry here.
"""

from __future__ import annotations

EN: dict[str, str] = {}


EN["Permintaan ditolak: token formulir (CSRF) tidak sah. Muat ulang halaman lalu coba lagi."] = (
    "Request refused: the form token (CSRF) is invalid. Reload the page and try again."
)


def translate(text: str, language: str) -> str:
    if language == "en":
        return EN.get(text, text)
    return text


def _add(pairs: str) -> None:
    """Lines of ``Indonesian | English``."""
    for line in pairs.strip().splitlines():
        indonesian, english = (part.strip() for part in line.split(" | ", 1))
        EN[indonesian] = english


_add(
    """
Beranda | Home
Rencana | Plan
Kalender | Calendar
Tulis | Compose
Tulis pengumuman | Compose an announcement
Persetujuan | Approvals
Kotak aspirasi | Aspiration inbox
Audit | Audit
Pengguna | Users
Kanal | Channels
Keluar | Log out
Masuk | Log in
Nama pengguna | User name
Kata sandi | Password
Masuk ke social-assistant | Log in to social-assistant
Bahasa | Language
Pengumuman | Announcements
Judul | Title
Isi | Text
Teks khusus kanal (opsional) | Per-channel text (optional)
Waktu tayang | Publishing time
Slot antrean berikutnya | Next free queue slot
Waktu tertentu | A fixed time
Program | Program
Tagar | Hashtags
Media (gambar) | Media (images)
Perlu persetujuan | Needs approval
Jadikan utas bila panjang | Make a thread when long
Simpan ke antrean | Save to the queue
Simpan perubahan | Save changes
Status | Status
Semua | All
Menunggu persetujuan | Awaiting approval
Disetujui | Approved
Dikembalikan | Sent back
Dibatalkan | Cancelled
Dijadwalkan | Scheduled
Terbit | Published
Gagal | Failed
Ditahan | Held
Sedang dikirim | Sending
Diklaim | Claimed
Setujui | Approve
Kembalikan dengan catatan | Send back with a comment
Batalkan pengumuman | Cancel the announcement
Ubah | Edit
Unduh berkas antrean | Download the queue file
Peringatan sebelum persetujuan | Warnings before approval
Tidak ada peringatan. | No warnings.
Penulis | Author
Disetujui oleh | Approved by
Catatan pemeriksa | Reviewer's comment
Per kanal | Per channel
Kesalahan terakhir | Last error
Riwayat | History
Minggu | Week
Bulan | Month
Sebelumnya | Previous
Berikutnya | Next
Hari ini | Today
Sen | Mon
Sel | Tue
Rab | Wed
Kam | Thu
Jum | Fri
Sab | Sat
Karakter | Characters
Jumlah karakter X (berbobot) | X character count (weighted)
Kosong | Empty
Tidak ada pengumuman. | No announcements.
Aspirasi baru | New aspirations
Lewat tenggat | Overdue
Terjadwal hari ini | Scheduled today
Aksi | Action
Waktu | Time
Pelaku | Actor
Subjek | Subject
Data | Data
Jejak audit | Audit trail
Cari | Search
Terapkan | Apply
Halaman berikutnya | Next page
Kembali | Back
Halaman tidak ditemukan. | Page not found.
Akses ditolak | Access denied
Peran | Role
Aktif | Active
Nonaktif | Disabled
Tambah pengguna | Add user
Nonaktifkan | Disable
Atur ulang kata sandi | Reset password
Token API | API tokens
Buat token | Create token
Cabut | Revoke
Nama tampilan | Display name
Jenis | Kind
Dijeda sampai | Paused until
Alasan | Reason
Aktifkan | Enable
Kategori | Category
Mendesak | Urgent
Instansi | Agency
Diterima | Received
Teks warga | Citizen's text
Tenggat | Deadlines
Tanggapi | Acknowledge
Teruskan ke instansi | Forward to an agency
Balas di platform | Reply on the platform
Tandai selesai | Mark resolved
Bukan aspirasi | Not an aspiration
Koreksi triase | Correct the triage
Catatan | Note
Kirim | Send
Balasan siap pakai | Canned replies
Percakapan | Conversation
Unggahan yang dibalas | The post replied to
Hasil triase | Triage result
Kata penentu | Deciding words
Tandai sebagai spam | Mark as spam
Pilih | Select
Dari | From
Sampai | Until
Hanya mendesak | Urgent only
Tidak ada aspirasi. | No aspirations.
Kanal | Channel
Sentimen | Sentiment
Data pribadi | Personal data
Dihapus oleh penulis | Deleted by its author
Diubah | Edited
Jenis aspirasi | Kind
baru | new
ditanggapi | acknowledged
diteruskan | forwarded
dijawab | answered
selesai | resolved
ditolak | dismissed
Publik | Public
Simpan token ini sekarang; token tidak tampil lagi. | Save this token now; it is not shown again.
Akun | Account
Saring | Filter
Pencarian teks sampai aspirasi yang diterima | Text search reached items received
Cari lebih jauh | Search further
Jumlah karakter (X berbobot) | Character count (X weighted)
"""
)
