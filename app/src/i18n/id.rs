//! Bahasa Indonesia, the default language.

use super::Texts;
use crate::model::{
    ErrorCode,
    account::Role,
    follow_up::{FollowUpStatus, UpdateKind},
    issue::{IssueStatus, Privacy, Sort},
    live::{LiveState, LiveStep, MinutesWords},
    mail::{Delivery, NoticeChannel, Topic},
    me::NextStep,
    moderation::{ModerationAction, TargetKind},
    session::{HolidayPolicy, RegistrationStatus, SessionStatus},
    staff::InboxTab,
    whatsapp::WaWords,
};

fn status_name(status: IssueStatus) -> &'static str {
    match status {
        IssueStatus::Submitted => "Diajukan",
        IssueStatus::Published => "Terbit",
        IssueStatus::OnAgenda => "Masuk agenda",
        IssueStatus::Discussed => "Sudah dibahas",
        IssueStatus::Assigned => "Diteruskan ke OPD",
        IssueStatus::InProgress => "Sedang ditangani",
        IssueStatus::Resolved => "Selesai ditangani",
        IssueStatus::Closed => "Ditutup",
        IssueStatus::Rejected => "Ditolak",
        IssueStatus::Merged => "Digabung",
        IssueStatus::Withdrawn => "Ditarik pelapor",
        IssueStatus::Reopened => "Dibuka kembali",
    }
}

fn privacy_label(privacy: Privacy) -> &'static str {
    match privacy {
        Privacy::Publik => "Publik",
        Privacy::Anonim => "Anonim",
        Privacy::Rahasia => "Rahasia",
    }
}

fn privacy_hint(privacy: Privacy) -> &'static str {
    match privacy {
        Privacy::Publik => "Aduan dan nama Anda tampil untuk semua orang.",
        Privacy::Anonim => "Aduan tampil untuk semua orang, nama Anda hanya diketahui Sekretariat.",
        Privacy::Rahasia => "Aduan hanya dapat dilihat oleh Anda dan petugas.",
    }
}

fn supporters(n: i32) -> String {
    format!("{n} pendukung")
}

fn comments_count(n: i32) -> String {
    format!("{n} komentar")
}

fn sort_name(sort: Sort) -> &'static str {
    match sort {
        Sort::Newest => "Terbaru",
        Sort::MostSupported => "Dukungan terbanyak",
        Sort::MostDiscussed => "Komentar terbanyak",
    }
}

fn revisions_title(n: usize) -> String {
    format!("Versi sebelumnya ({n})")
}

fn code_message(code: ErrorCode) -> String {
    match code {
        ErrorCode::Required => "Wajib diisi.".into(),
        ErrorCode::TooLong { max } => format!("Terlalu panjang: paling banyak {max} karakter."),
        ErrorCode::TooShort { min } => format!("Terlalu pendek: paling sedikit {min} karakter."),
        ErrorCode::InvalidEmail => "Alamat email tidak valid, contoh: nama@contoh.id.".into(),
        ErrorCode::EmailTaken => "Email ini sudah terdaftar. Silakan masuk atau pulihkan kata sandi.".into(),
        ErrorCode::WrongCredentials => "Email atau kata sandi salah.".into(),
        ErrorCode::WrongPassword => "Kata sandi salah. Ketik kata sandi akun ini untuk memastikan.".into(),
        ErrorCode::StaffCannotDeleteSelf => {
            "Akun petugas tidak dapat dihapus sendiri. Minta admin untuk menutup akun ini.".into()
        }
        ErrorCode::CodeInvalid => "Kode salah, sudah dipakai atau sudah kedaluwarsa. Minta kode baru.".into(),
        ErrorCode::PhoneTaken => {
            "Nomor ini sudah terhubung ke akun lain. Masuk dengan WhatsApp memakai nomor itu.".into()
        }
        ErrorCode::WhatsAppOff => "Layanan WhatsApp belum diaktifkan di situs ini.".into(),
        ErrorCode::PushServiceRefused => "Layanan notifikasi browser ini tidak dilayani situs ini.".into(),
        ErrorCode::PushKeysInvalid => {
            "Browser ini memberi kunci yang tidak bisa dipakai. Coba lagi, atau pakai browser lain.".into()
        }
        ErrorCode::TooManyDevices { max } => {
            format!("Notifikasi sudah aktif di {max} perangkat. Hapus dulu perangkat yang tidak dipakai lagi.")
        }
        ErrorCode::AccountDisabled => "Akun ini dinonaktifkan. Hubungi admin.".into(),
        ErrorCode::UnknownCategory => "Pilih kategori dari daftar.".into(),
        ErrorCode::UnknownOpd => "OPD tidak dikenal.".into(),
        ErrorCode::UnknownRegion => "Pilih wilayah dari daftar.".into(),
        ErrorCode::DesaNotInKecamatan => "Desa ini tidak berada di kecamatan yang dipilih.".into(),
        ErrorCode::TokenInvalid => "Tautan tidak berlaku lagi atau sudah dipakai. Minta tautan baru.".into(),
        ErrorCode::PasswordsDiffer => "Kata sandi tidak sama.".into(),
        ErrorCode::UnknownPrivacy => "Pilihan privasi tidak dikenal.".into(),
        ErrorCode::InvalidPhone => "Nomor HP tidak valid, contoh: 0812-3456-7890.".into(),
        ErrorCode::EditWindowClosed => "Komentar hanya bisa diubah dalam 15 menit setelah dikirim.".into(),
        ErrorCode::UnknownLanguage => "Bahasa tidak dikenal.".into(),
        ErrorCode::PhotoUnreadable => "Foto tidak bisa dibaca. Kirim foto JPEG, PNG atau WebP.".into(),
        ErrorCode::PhotoTooLarge { max_mb } => format!("Foto terlalu besar: paling besar {max_mb} MB per foto."),
        ErrorCode::TooManyPhotos { max } => format!("Paling banyak {max} foto."),
        ErrorCode::PointOutsideBatang => {
            "Titik lokasi harus di Kabupaten Batang, contoh: -6.9078 dan 109.7302 (atau kosongkan keduanya).".into()
        }
        ErrorCode::PossibleDuplicate => {
            "Sudah ada aduan yang mirip. Dukung aduan itu, atau centang \"Aduan saya berbeda\" lalu kirim lagi.".into()
        }
        ErrorCode::CannotMergeIntoItself => "Pilih aduan lain sebagai aduan asli.".into(),
        ErrorCode::UnknownIssue => "Nomor aduan tidak ditemukan atau sudah ditutup.".into(),
        ErrorCode::InvalidSlug => "Hanya huruf kecil, angka dan tanda minus, contoh: air-bersih.".into(),
        ErrorCode::SlugTaken => "Kode ini sudah dipakai kategori lain.".into(),
        ErrorCode::InvalidRegionCode => {
            "Kode wilayah Kemendagri tidak valid, contoh: 33.25.09 atau 33.25.09.2008.".into()
        }
        ErrorCode::UnknownRegionKind => "Jenis wilayah harus kecamatan, desa atau kelurahan.".into(),
        ErrorCode::UnknownParentRegion => "Kecamatan induknya belum ada.".into(),
        ErrorCode::CsvLine { line } => {
            format!("Baris {line} CSV tidak valid (kolom: kode,jenis,nama,induk). Tidak ada yang disimpan.")
        }
        ErrorCode::OpdRequired => "Petugas OPD harus terikat pada satu OPD.".into(),
        ErrorCode::CannotChangeOwnAccount => "Peran dan status akun sendiri tidak bisa diubah di sini.".into(),
        ErrorCode::InvalidDate => "Tanggal tidak valid, contoh: 2026-12-04.".into(),
        ErrorCode::InvalidTime => "Jam tidak valid, contoh: 08.00.".into(),
        ErrorCode::OutOfRange { min, max } => format!("Isi angka dari {min} sampai {max}."),
        ErrorCode::InvalidLink => "Tautan harus diawali https://.".into(),
        ErrorCode::CutoffAfterStart => "Batas pengajuan harus sebelum sesi dimulai.".into(),
        ErrorCode::InThePast => "Waktunya sudah lewat.".into(),
        ErrorCode::ReasonRequired => "Tulis alasannya; warga yang terdaftar akan membacanya.".into(),
        ErrorCode::AgendaEmpty => "Agenda masih kosong: tambahkan aduan dulu.".into(),
        ErrorCode::UnknownChoice => "Pilihan ini tidak tersedia.".into(),
        ErrorCode::InvalidAmount => "Tulis jumlah rupiah sebagai angka, misalnya 1.250.000.".into(),
        ErrorCode::NotNow => "Tindakan ini tidak bisa dilakukan pada tahap sekarang.".into(),
        ErrorCode::InvalidOpdCode => "Kode OPD hanya huruf besar, angka dan tanda hubung, misalnya DPUPR.".into(),
        ErrorCode::TotpRequired => "Akun ini memakai verifikasi dua langkah: isi juga kode 6 angka dari aplikasi autentikator.".into(),
        ErrorCode::TotpInvalid => "Kode tidak cocok, sudah kedaluwarsa, atau sudah dipakai. Isi kode yang sedang tampil di aplikasi.".into(),
        ErrorCode::PhotoStorageFull => "Penyimpanan foto di server sedang penuh, jadi foto ini tidak tersimpan. Isian Anda tetap ada: kirim tanpa foto, atau coba lagi nanti.".into(),
        ErrorCode::CommonPassword => "Kata sandi ini terlalu umum dan mudah ditebak. Pilih yang lain, misalnya beberapa kata yang hanya Anda ingat.".into(),
        ErrorCode::UnknownHolidayKind => "Jenis harus libur_nasional atau cuti_bersama.".into(),
    }
}

fn mail_greeting(name: &str) -> String {
    format!("Halo {name},")
}

fn mail_issue_subject(id: i32) -> String {
    format!("Aduan #{id} sudah kami terima")
}

fn mail_issue_body(title: &str) -> String {
    format!(
        "Terima kasih. Aduan Anda \"{title}\" sudah terbit dan bisa dilihat serta didukung warga lain. \
         Sekretariat Bupati akan menindaklanjutinya paling lambat 3 hari kerja."
    )
}

fn photo_alt(n: usize) -> String {
    format!("Foto {n} dari aduan ini")
}

fn action_name(action: ModerationAction) -> &'static str {
    match action {
        ModerationAction::AutoHide => "Disembunyikan otomatis",
        ModerationAction::Hide => "Sembunyikan",
        ModerationAction::Restore => "Tampilkan lagi",
        ModerationAction::Reject => "Tolak aduan",
        ModerationAction::Merge => "Gabungkan ke aduan asli",
    }
}

fn kind_name(kind: TargetKind) -> &'static str {
    match kind {
        TargetKind::Issue => "Aduan",
        TargetKind::Comment => "Komentar",
    }
}

fn err_rate_limited(minutes: u32) -> String {
    format!("Terlalu sering dalam waktu singkat. Silakan coba lagi dalam {minutes} menit.")
}

fn imported_notice(n: usize) -> String {
    format!("{n} baris diimpor.")
}

fn villages_count(n: usize) -> String {
    format!("{n} desa/kelurahan")
}

fn role_name(role: Role) -> &'static str {
    match role {
        Role::Resident => "Warga",
        Role::Operator => "Operator desa/kecamatan",
        Role::Secretariat => "Sekretariat Bupati",
        Role::OpdOfficer => "Petugas OPD",
        Role::Admin => "Admin",
    }
}

fn edit_account_of(name: &str) -> String {
    format!("Ubah akun {name}")
}

fn weekday_name(day: chrono::Weekday) -> &'static str {
    use chrono::Weekday::*;
    match day {
        Mon => "Senin",
        Tue => "Selasa",
        Wed => "Rabu",
        Thu => "Kamis",
        Fri => "Jumat",
        Sat => "Sabtu",
        Sun => "Minggu",
    }
}

fn mail_session_cancelled_body(when: &str, venue: &str) -> String {
    format!("Dialog Jumat pada {when} di {venue} yang Anda daftari dibatalkan.")
}

fn mail_session_moved_body(when: &str, venue: &str) -> String {
    format!("Dialog Jumat yang Anda daftari dijadwalkan ulang. Jadwal baru: {when} di {venue}.")
}

fn mail_session_place_body(when: &str, venue: &str) -> String {
    format!(
        "Ada tempat yang kosong, dan kini tempat itu untuk Anda: Dialog Jumat {when} di {venue}. Bila tidak bisa hadir, batalkan pendaftaran agar orang berikutnya mendapat tempat."
    )
}

fn session_status_name(status: SessionStatus) -> &'static str {
    match status {
        SessionStatus::Planned => "Terjadwal",
        SessionStatus::AgendaOpen => "Agenda disusun",
        SessionStatus::AgendaLocked => "Agenda final",
        SessionStatus::Held => "Sudah berlangsung",
        SessionStatus::MinutesPublished => "Notulen terbit",
        SessionStatus::Cancelled => "Dibatalkan",
    }
}

fn session_places(confirmed: i32, capacity: i32) -> String {
    format!("{confirmed} dari {capacity} tempat terisi")
}

fn session_title(venue: &str) -> String {
    format!("Dialog Jumat di {venue}")
}

fn registered_waitlisted(position: u32) -> String {
    format!("Anda di daftar tunggu, urutan ke-{position}. Kami kirim email bila ada tempat.")
}

fn policy_name(policy: HolidayPolicy) -> &'static str {
    match policy {
        HolidayPolicy::Skip => "Lewati minggu itu",
        HolidayPolicy::Earlier => "Majukan ke hari kerja sebelumnya",
        HolidayPolicy::Later => "Mundurkan ke hari kerja berikutnya",
    }
}

fn plan_skipped(holiday: &str) -> String {
    format!("dilewati: {holiday}")
}

fn plan_moved(holiday: &str, day: &str) -> String {
    format!("dipindah ke {day} karena {holiday}")
}

fn created_notice(n: usize) -> String {
    format!("{n} sesi dibuat.")
}

fn reason_supports(n: i32) -> String {
    format!("{n} dukungan")
}

fn reason_waiting(weeks: i32) -> String {
    format!("{weeks} minggu menunggu")
}

fn mail_agenda_subject(id: i32) -> String {
    format!("Aduan #{id} masuk agenda Dialog Jumat")
}

fn mail_agenda_body(title: &str, when: &str, venue: &str) -> String {
    format!("Aduan \"{title}\" akan dibahas bersama Bupati pada {when} di {venue}. Silakan hadir bila bisa.")
}

fn mail_minutes_subject(id: i32) -> String {
    format!("Hasil pembahasan aduan #{id}")
}

fn mail_minutes_body(title: &str) -> String {
    format!("Aduan \"{title}\" sudah dibahas dalam Dialog Jumat dan notulennya sudah terbit.")
}

fn mail_reminder_body(when: &str, venue: &str) -> String {
    format!("Pengingat: Dialog Jumat bersama Bupati berlangsung {when} di {venue}.")
}

fn attendance_count(n: i32) -> String {
    format!("{n} orang hadir")
}

fn topic_label(topic: Topic) -> &'static str {
    match topic {
        Topic::MyIssues => "aduan saya",
        Topic::Followed => "aduan yang saya ikuti",
        Topic::Comments => "komentar",
        Topic::Sessions => "Dialog Jumat yang saya daftari",
        Topic::Opd => "tugas OPD saya",
        Topic::WeeklySummary => "ringkasan mingguan",
    }
}

fn topic_hint(topic: Topic) -> &'static str {
    match topic {
        Topic::MyIssues => "Aduan Anda diterima, ditolak, digabung, masuk agenda, dibahas atau ditugaskan.",
        Topic::Followed => "Perubahan yang sama pada aduan yang Anda ikuti atau dukung.",
        Topic::Comments => {
            "Komentar baru pada aduan Anda atau yang Anda ikuti. Beberapa komentar dalam 10 menit dikirim sebagai satu email."
        }
        Topic::Sessions => {
            "Jadwal berubah, batal, pengingat sehari sebelumnya, dan tempat yang terbuka dari daftar tunggu."
        }
        Topic::Opd => "Untuk petugas OPD: aduan yang ditugaskan ke OPD Anda dan tenggatnya.",
        Topic::WeeklySummary => {
            "Setiap Senin pagi: aduan baru sepekan, yang sudah selesai, dan Dialog Jumat berikutnya."
        }
    }
}

fn delivery_label(delivery: Delivery) -> &'static str {
    match delivery {
        Delivery::Instant => "Langsung",
        Delivery::Daily => "Ringkasan harian",
        Delivery::Weekly => "Ringkasan mingguan",
        Delivery::Off => "Tidak usah",
    }
}

fn digest_label(cadence: Delivery) -> &'static str {
    match cadence {
        Delivery::Weekly => "ringkasan mingguan",
        _ => "ringkasan harian",
    }
}

fn unsub_confirm(what: &str, email: &str) -> String {
    format!("Berhenti mengirim email tentang {what} ke {email}?")
}

fn unsub_done(what: &str) -> String {
    format!("Selesai. Anda tidak akan lagi menerima email tentang {what}.")
}

fn unsub_already(what: &str) -> String {
    format!("Email tentang {what} sudah dimatikan.")
}

fn mail_footer_why(what: &str) -> String {
    format!("Anda menerima email ini karena berlangganan pemberitahuan {what}.")
}

fn mail_status_subject(id: i32, status: &str) -> String {
    format!("Aduan #{id}: {status}")
}

fn mail_status_body(title: &str, status: &str) -> String {
    format!("Status aduan \"{title}\" sekarang: {status}.")
}

fn mail_merged_note(into: i32) -> String {
    format!("Aduan ini digabung ke aduan #{into}; dukungan dan pengikutnya ikut pindah.")
}

fn mail_comment_subject(id: i32) -> String {
    format!("Komentar baru pada aduan #{id}")
}

fn mail_comment_body(who: &str, title: &str) -> String {
    format!("{who} menulis komentar pada aduan \"{title}\":")
}

fn mail_assigned_subject(id: i32) -> String {
    format!("Aduan #{id} ditugaskan ke OPD Anda")
}

fn mail_assigned_body(title: &str, opd: &str, due: &str) -> String {
    format!("Aduan \"{title}\" ditugaskan ke {opd} untuk ditindaklanjuti. Tenggat: {due}.")
}

fn mail_coalesced_subject(count: usize, first: &str) -> String {
    format!("{first} (dan {} lainnya)", count.saturating_sub(1))
}

fn mail_digest_subject(cadence: Delivery, count: usize) -> String {
    match cadence {
        Delivery::Weekly => format!("Ringkasan mingguan Minggon Jatinan: {count} kabar"),
        _ => format!("Ringkasan harian Minggon Jatinan: {count} kabar"),
    }
}

fn mail_digest_intro(cadence: Delivery) -> &'static str {
    match cadence {
        Delivery::Weekly => "Ini kabar sepekan terakhir tentang aduan yang Anda tulis atau ikuti:",
        _ => "Ini kabar sehari terakhir tentang aduan yang Anda tulis atau ikuti:",
    }
}

fn mail_weekly_counts(new: u64, resolved: u64) -> String {
    format!("Sepekan terakhir: {new} aduan baru dan {resolved} aduan selesai di Kabupaten Batang.")
}

fn mail_weekly_next(when: &str, venue: &str) -> String {
    format!("Dialog Jumat berikutnya: {when} di {venue}.")
}

fn fu_status_name(status: FollowUpStatus) -> &'static str {
    match status {
        FollowUpStatus::Assigned => "Menunggu diterima OPD",
        FollowUpStatus::InProgress => "Sedang dikerjakan",
        FollowUpStatus::Resolved => "Selesai, menunggu konfirmasi warga",
        FollowUpStatus::Closed => "Ditutup",
        FollowUpStatus::Declined => "Dikembalikan: bukan wewenang OPD",
    }
}

fn fu_update_name(kind: UpdateKind) -> &'static str {
    match kind {
        UpdateKind::Assigned => "Ditugaskan",
        UpdateKind::Accepted => "Diterima OPD",
        UpdateKind::Declined => "Bukan wewenang",
        UpdateKind::Progress => "Kemajuan",
        UpdateKind::Note => "Catatan internal",
        UpdateKind::Resolved => "Selesai",
        UpdateKind::Confirmed => "Dikonfirmasi warga",
        UpdateKind::Reopened => "Dibuka lagi oleh warga",
        UpdateKind::Closed => "Ditutup otomatis",
    }
}

fn fu_due(day: &str) -> String {
    format!("Tenggat {day}")
}

fn fu_days_left(days: i64) -> String {
    match days {
        0 => "jatuh tempo hari ini".into(),
        d if d > 0 => format!("{d} hari kerja lagi"),
        d => format!("terlambat {} hari kerja", -d),
    }
}

fn fu_percent(n: i32) -> String {
    format!("{n}% selesai")
}

fn fu_confirm_prompt(days: i64) -> String {
    format!(
        "OPD menyatakan masalah ini selesai. Apakah sudah benar-benar beres? Anda punya {days} hari kerja untuk menjawab; tanpa jawaban, tindak lanjut ini ditutup."
    )
}

fn opd_title(opd: &str) -> String {
    format!("Pekerjaan {opd}")
}

fn mail_fu_status_subject(id: i32, status: &str) -> String {
    format!("Tindak lanjut aduan #{id}: {status}")
}

fn mail_fu_status_body(title: &str, opd: &str, status: &str) -> String {
    format!("Tindak lanjut aduan \"{title}\" oleh {opd}: {status}.")
}

fn mail_due_soon_subject(id: i32) -> String {
    format!("Tenggat aduan #{id} tinggal satu hari kerja")
}

fn mail_due_soon_body(title: &str, opd: &str, due: &str) -> String {
    format!("Tindak lanjut aduan \"{title}\" oleh {opd} jatuh tempo {due}.")
}

fn mail_overdue_subject(id: i32) -> String {
    format!("Aduan #{id} melewati tenggat")
}

fn mail_overdue_body(title: &str, opd: &str, due: &str, days: i64) -> String {
    format!("Tindak lanjut aduan \"{title}\" oleh {opd} melewati tenggat {due} ({days} hari kerja).")
}

fn mail_escalation_subject(count: usize) -> String {
    format!("{count} tindak lanjut terlambat lebih dari 5 hari kerja")
}

fn timeline_status(status: &str) -> String {
    format!("Status: {status}")
}

fn score_intro(min: u64) -> String {
    format!(
        "Angka tindak lanjut oleh OPD utama: berapa aduan ditugaskan, berapa selesai, berapa persen selesai sebelum tenggat, dan berapa hari kerja (median) sampai ditanggapi dan sampai selesai. Peringkat hanya untuk yang sudah menyelesaikan sedikitnya {min} aduan."
    )
}

fn score_trend_summary(assigned: u64, resolved: u64) -> String {
    format!("Dalam 12 bulan terakhir {assigned} tindak lanjut ditugaskan dan {resolved} selesai.")
}

fn fu_photo_alt(n: usize, of: usize) -> String {
    format!("Foto bukti {n} dari {of}")
}

fn me_issues_all(n: u64) -> String {
    format!("Lihat semua {n} aduan saya")
}

fn me_next_step(step: NextStep) -> &'static str {
    match step {
        NextStep::Moderation => "Menunggu diperiksa Sekretariat sebelum tampil.",
        NextStep::Decision => "Menunggu keputusan Sekretariat: masuk agenda Jumat atau diteruskan ke OPD.",
        NextStep::Dialogue => "Akan dibahas pada Dialog Jumat.",
        NextStep::Opd => "Sedang ditangani OPD; lihat tindak lanjutnya di halaman aduan.",
        NextStep::Confirm => "OPD menyatakan selesai: konfirmasi atau buka kembali di halaman aduan.",
        NextStep::Done => "Tidak ada langkah lagi.",
    }
}

fn me_registration(status: RegistrationStatus) -> &'static str {
    match status {
        RegistrationStatus::Confirmed => "Terdaftar hadir",
        RegistrationStatus::Waitlisted => "Daftar tunggu",
    }
}

fn next_host(host: &str) -> String {
    format!("Tuan rumah: Kecamatan {host}")
}

fn next_cutoff(cutoff: &str) -> String {
    format!("Aduan yang terbit sebelum {cutoff} dapat masuk agenda sesi ini.")
}

fn next_cutoff_passed(when: &str, cutoff: &str) -> String {
    format!("Batas aduan untuk sesi ini sudah lewat. Aduan baru dapat masuk agenda sesi {when} (batas {cutoff}).")
}

fn form_reaches(when: &str, cutoff: &str) -> String {
    format!("Aduan yang Anda kirim sekarang dapat masuk agenda sesi {when}, bila terbit sebelum {cutoff}.")
}

fn inbox_tab(tab: InboxTab) -> &'static str {
    match tab {
        InboxTab::Waiting => "Menunggu keputusan",
        InboxTab::Rahasia => "Rahasia",
        InboxTab::Declined => "Ditolak OPD",
        InboxTab::Reopened => "Dibuka kembali",
        InboxTab::Flagged => "Dilaporkan",
    }
}

fn inbox_waiting(days: i64) -> String {
    format!("menunggu {days} hari kerja")
}

fn inbox_due(day: &str) -> String {
    format!("batas {day}")
}

fn mail_disposition_subject(id: i32) -> String {
    format!("Aduan #{id} melewati batas disposisi")
}

fn mail_disposition_body(title: &str, due: &str) -> String {
    format!(
        "Aduan \"{title}\" belum diputuskan: batas disposisinya {due} sudah lewat. Putuskan dari kotak masuk: agenda Jumat, OPD, tolak, atau gabungkan."
    )
}

fn inbox_intro(days: i32) -> String {
    format!(
        "Aduan yang menunggu keputusan Sekretariat, yang lewat batas lebih dulu: masukkan ke agenda Jumat, teruskan ke OPD, tolak dengan alasan, atau gabungkan. Batas disposisi {days} hari kerja. Aduan rahasia tampil di sini, hanya untuk petugas."
    )
}

fn agenda_overrun(planned: i32, duration: i32) -> String {
    format!(
        "Waktu agenda {planned} menit melebihi durasi sesi {duration} menit: pendekkan waktu butir atau kurangi butir."
    )
}

fn direct_route_action(category: &str) -> String {
    format!(
        "Tindak lanjuti permohonan {category} ini sesuai prosedur layanan. Diteruskan langsung menurut kategorinya."
    )
}

fn agenda_confidential(category: &str) -> String {
    if category.is_empty() {
        "Aduan rahasia".into()
    } else {
        format!("Aduan rahasia · {category}")
    }
}

fn registrant_mark(name: &str) -> String {
    format!("{name} hadir")
}

fn registrants_of(when: &str) -> String {
    format!("Pendaftar: {when}")
}

fn registrants_counts(confirmed: usize, waiting: usize, capacity: i32) -> String {
    format!("{confirmed} terdaftar dari {capacity} tempat, {waiting} di daftar tunggu.")
}

fn attendance_saved(present: usize) -> String {
    format!("Kehadiran tersimpan: {present} orang hadir.")
}

fn registrants_link(confirmed: i32, waiting: i32) -> String {
    format!("Pendaftar dan daftar hadir ({confirmed} terdaftar, {waiting} menunggu)")
}

fn opd_confidential_open(n: u64) -> String {
    format!("Ditambah {n} aduan rahasia yang tidak ditampilkan untuk umum.")
}

fn opd_resolved_on(day: &str, late: bool) -> String {
    if late {
        format!("diselesaikan {day}, melewati tenggat")
    } else {
        format!("diselesaikan {day}, tepat waktu")
    }
}

fn opd_due_on(day: &str, late: bool) -> String {
    if late {
        format!("terlambat: tenggat {day}")
    } else {
        format!("tenggat {day}")
    }
}

fn staff_search_found(query: &str, n: usize) -> String {
    format!("Pencarian \u{201c}{query}\u{201d}: {n} aduan")
}

fn holidays_cover(year: i32) -> String {
    format!(
        "Tabel hari libur mencakup sampai tahun {year}. Libur nasional bertanggal tetap (1 Januari, 1 Mei, 1 Juni, 17 Agustus, 25 Desember) berlaku setiap tahun tanpa tabel."
    )
}

fn holidays_provisional(years: &str) -> String {
    format!(
        "Daftar hari libur {years} masih perkiraan (tanggal Hijriah belum pasti). Impor daftar dari SKB tiga menteri untuk menggantinya."
    )
}

fn holidays_missing(year: i32) -> String {
    format!(
        "Belum ada hari libur tahun {year} di tabel: tenggat dan rencana sesi yang masuk tahun itu hanya mengenal libur nasional bertanggal tetap. Impor daftarnya."
    )
}

fn plan_past_table(year: i32) -> String {
    format!(
        "Rencana ini melewati tahun terakhir tabel hari libur ({year}): sesudahnya hanya libur nasional bertanggal tetap yang dikenali. Minta admin mengimpor daftar hari libur berikutnya."
    )
}

fn settings_bounds(min: i32, max: i32) -> String {
    format!("Antara {min} dan {max}.")
}

fn settings_default(value: i32) -> String {
    format!("Bawaan: {value}.")
}

fn settings_changed(when: &str, by: &str) -> String {
    format!("Diubah {when} oleh {by}.")
}

fn staff_escalated_hint(days: i32) -> String {
    format!(
        "Ringkasan untuk Bupati: tindak lanjut yang melewati tenggat {days} hari kerja atau lebih. Dikirim juga setiap Senin pagi ke Sekretariat."
    )
}

fn mail_escalation_intro(days: i32) -> String {
    format!("Tindak lanjut berikut melewati tenggat {days} hari kerja atau lebih:")
}

fn moderation_intro(flags: i32) -> String {
    format!(
        "Aduan dan komentar yang dilaporkan warga atau disembunyikan. {flags} laporan dari orang berbeda menyembunyikan sebuah isi sampai diperiksa."
    )
}

fn live_state(state: Option<LiveState>) -> &'static str {
    match state {
        None => "Belum dimulai",
        Some(LiveState::Live) => "Sedang berlangsung",
        Some(LiveState::Paused) => "Jeda",
        Some(LiveState::Ended) => "Selesai",
    }
}

fn live_step(step: LiveStep) -> &'static str {
    match step {
        LiveStep::Start => "Mulai sesi",
        LiveStep::Pause => "Jeda",
        LiveStep::Resume => "Lanjutkan",
        LiveStep::Next => "Topik berikutnya",
        LiveStep::End => "Akhiri sesi",
    }
}

fn live_item_of(n: usize, total: usize) -> String {
    format!("Topik {n} dari {total}")
}

fn live_time_box(minutes: i32) -> String {
    format!("dari {minutes} menit")
}

fn live_refresh_note(secs: u32) -> String {
    format!("Tanpa JavaScript, halaman ini memuat ulang sendiri setiap {secs} detik.")
}

fn live_waiting_note(when: &str) -> String {
    format!("Sesi belum dimulai. Jadwal: {when}.")
}

fn live_speaker_state(called: bool, spoken: bool) -> &'static str {
    match (called, spoken) {
        (_, true) => "Sudah bicara",
        (true, false) => "Sedang bicara",
        (false, false) => "Menunggu",
    }
}

const MINUTES_WORDS: MinutesWords<'static> = MinutesWords {
    heading: "Agenda",
    from_floor: "Dari forum",
    discussed: "Dibahas",
    not_reached: "Belum sempat dibahas",
    not_recorded: "Hasil belum dicatat",
    opds: "Ditindaklanjuti oleh",
    notes: "Catatan",
    time: "waktu",
    speakers: "Pembicara",
    polls: "Jajak pendapat",
};

fn poll_answers(n: u32) -> String {
    format!("{n} jawaban")
}

fn poll_your_answer(choice: &str) -> String {
    format!("Jawaban Anda: {choice}. Anda bisa mengubahnya sampai pertanyaan ditutup.")
}

fn mail_session_minutes_body(when: &str, venue: &str) -> String {
    format!(
        "Notulen dialog bersama Bupati yang Anda daftari ({when}, {venue}) sudah terbit: keputusan setiap topik, OPD yang menindaklanjuti dan tenggatnya."
    )
}

const WA_WORDS: WaWords = WaWords {
    welcome: "Halo! Ini layanan aduan Minggon Jatinan, dialog Jumat bersama Bupati Batang. Mari buat laporan baru. Ketik *batal* kapan saja untuk berhenti, *bantuan* untuk daftar perintah.",
    ask_title: "1/7 Tulis judul singkat masalahnya (8 sampai 140 huruf), misalnya: Jalan berlubang di depan SD Kalisalak.",
    ask_category: "2/7 Termasuk kategori apa? Balas nomornya.",
    ask_desa: "3/7 Di desa atau kelurahan mana? Tulis namanya.",
    desa_which: "Yang mana maksud Anda? Balas nomornya, atau *0* jika tidak ada di daftar.",
    desa_unknown: "Nama desa itu belum kami kenal. Pilih dulu kecamatannya: balas nomornya.",
    desa_in: wa_desa_in,
    ask_body: "4/7 Ceritakan masalahnya: apa yang terjadi, sejak kapan, siapa yang terdampak (paling sedikit 20 huruf).",
    ask_photos: "5/7 Kirim foto bila ada (paling banyak 3), lalu ketik *lanjut*. Tidak ada foto? Ketik *lewati*.",
    photo_received: wa_photo_received,
    photo_full: "Sudah 3 foto. Ketik *lanjut*.",
    photo_failed: "Foto itu tidak bisa dibaca. Kirim lagi sebagai foto biasa (JPEG atau PNG, paling besar 5 MB).",
    ask_location: "6/7 Bagikan lokasi kejadian (tombol lampiran, lalu Lokasi), atau ketik *lewati*.",
    ask_privacy: "7/7 Siapa yang boleh melihat laporan ini? Balas nomornya.\n1. Publik: isi dan nama Anda tampil\n2. Anonim: isi tampil, nama Anda disembunyikan\n3. Rahasia: hanya petugas yang bisa melihat",
    summary_heading: "Periksa laporan Anda:",
    label_title: "Judul",
    label_category: "Kategori",
    label_place: "Tempat",
    label_body: "Cerita",
    label_photos: "Foto",
    label_location: "Lokasi",
    label_privacy: "Sifat",
    location_none: "tidak dibagikan",
    location_shared: "dibagikan",
    ask_confirm: "Balas *ya* untuk mengirim, atau *batal* untuk membatalkan.",
    similar_found: "Sudah ada laporan yang mirip. Dukung yang ini? Balas nomornya untuk mendukung, atau *0* untuk tetap mengirim laporan baru.",
    post_anyway: "Kirim laporan baru",
    created: wa_created,
    supported: wa_supported,
    followed: wa_followed,
    status: wa_status,
    not_found: wa_not_found,
    cancelled: "Laporan dibatalkan; tidak ada yang tersimpan. Ketik *lapor* untuk mulai lagi.",
    expired: "Percakapan sebelumnya sudah lewat sehari tanpa jawaban, jadi kami tutup.",
    stopped: "Baik, Anda tidak akan menerima pesan WhatsApp lagi dari kami. Ketik *mulai* untuk menerimanya lagi.",
    resumed: "Pesan WhatsApp dari Minggon Jatinan aktif lagi.",
    not_understood: "Maaf, pilihan itu tidak ada.",
    unsupported: "Maaf, kami hanya bisa membaca teks, foto dan lokasi.",
    help: "Perintah:\n*lapor*: laporan baru\n*status 123*: perkembangan laporan #123\n*dukung 123*: mendukung laporan #123\n*ikuti 123*: mendapat kabar laporan #123\n*berhenti*: tidak menerima pesan lagi\n*english*: reply in English",
    try_again: wa_try_again,
    nothing_to_cancel: "Tidak ada laporan yang sedang dibuat. Ketik *lapor* untuk mulai.",
    list_button: "Pilih",
    resident_name: wa_resident_name,
    resolution_prompt: "Balas *1* jika sudah beres, *2* jika belum.",
    resolution_confirmed: wa_resolution_confirmed,
    resolution_reopened: wa_resolution_reopened,
    reopen_note: "Warga menjawab lewat WhatsApp: masalahnya belum beres.",
    first_day: wa_first_day,
};

fn wa_first_day(from: &str) -> String {
    format!("Nomor baru bisa mengirim satu laporan pada hari pertamanya. Laporan berikutnya bisa dikirim mulai {from}.")
}

fn wa_resolution_confirmed(id: i32) -> String {
    format!("Terima kasih. Anda menyatakan laporan #{id} sudah beres; laporan ditutup.")
}

fn wa_resolution_reopened(id: i32) -> String {
    format!("Laporan #{id} dibuka kembali dan dikembalikan ke OPD.")
}

fn wa_desa_in(kecamatan: &str) -> String {
    format!("Desa dan kelurahan di Kecamatan {kecamatan}: balas nomornya.")
}

fn wa_photo_received(n: usize, left: usize) -> String {
    format!("Foto {n} diterima. Kirim lagi (masih bisa {left}) atau ketik *lanjut*.")
}

fn wa_created(id: i32, link: &str) -> String {
    format!(
        "Terima kasih. Laporan #{id} sudah kami terima dan tampil di {link}\nKetik *status {id}* untuk melihat perkembangannya; kabar berikutnya kami kirim lewat WhatsApp."
    )
}

fn wa_supported(id: i32, title: &str) -> String {
    format!("Dukungan Anda untuk #{id} \"{title}\" tercatat. Anda akan mendapat kabar perkembangannya.")
}

fn wa_followed(id: i32, title: &str) -> String {
    format!("Anda mengikuti #{id} \"{title}\": kabar perkembangannya akan kami kirim.")
}

fn wa_status(id: i32, title: &str, status: &str, link: &str) -> String {
    format!("#{id} \"{title}\"\nStatus: {status}\n{link}")
}

fn wa_not_found(id: i32) -> String {
    format!("Laporan #{id} tidak ditemukan.")
}

fn wa_try_again(problem: &str) -> String {
    format!("{problem} Coba lagi.")
}

fn wa_resident_name(tail: &str) -> String {
    format!("Warga WhatsApp {tail}")
}

fn channel_label(channel: NoticeChannel) -> &'static str {
    match channel {
        NoticeChannel::Email => "Email",
        NoticeChannel::WhatsApp => "WhatsApp",
        NoticeChannel::Both => "Email dan WhatsApp",
    }
}

fn wa_code_sent(phone: &str) -> String {
    format!("Jika nomor {phone} terhubung ke akun, kode 6 angka sudah dikirim lewat WhatsApp. Kode berlaku 10 menit.")
}

fn wa_link_code_sent(phone: &str) -> String {
    format!("Kode 6 angka sudah dikirim lewat WhatsApp ke {phone}. Ketik di sini dalam 10 menit.")
}

fn wa_linked_number(phone: &str) -> String {
    format!("Nomor WhatsApp terhubung: {phone}. Pilih di atas kabar mana yang dikirim lewat WhatsApp.")
}

pub const TEXTS: Texts = Texts {
    language_name: "Bahasa Indonesia",
    switch_language: "Ganti bahasa",
    site_name: "Minggon Jatinan",
    tagline: "Dialog Jumat bersama Bupati Batang",
    skip_to_content: "Langsung ke isi",
    nav_label: "Menu utama",
    nav_home: "Beranda",
    nav_issues: "Aduan",
    nav_new_issue: "Tulis aduan",
    nav_login: "Masuk",
    nav_register: "Daftar",
    nav_logout: "Keluar",
    nav_staff: "Staf",
    signed_in_as: "Masuk sebagai",
    footer: "Pemerintah Kabupaten Batang. Aduan publik terbuka untuk semua warga.",
    verify_banner: "Email Anda belum diverifikasi. Buka tautan di email kami untuk bisa menulis aduan.",

    home_title: "Suarakan masalah di desa Anda, dibahas bersama Bupati setiap Jumat",
    home_intro: "Tulis aduan atau usulan, dukung aduan warga lain, dan pantau tindak lanjutnya oleh OPD sampai selesai.",
    home_cta: "Tulis aduan",
    home_latest: "Aduan terbaru",
    home_see_all: "Lihat semua aduan",

    list_title: "Aduan warga",
    list_empty: "Belum ada aduan.",
    list_next: "Berikutnya",
    list_pages: "Halaman daftar",
    search_label: "Cari aduan",
    search_button: "Cari",
    filters_label: "Saring dan urutkan",
    all_option: "Semua",
    sort_label: "Urutkan",
    sort_name,
    list_first: "Ke halaman pertama",

    issue_posted: "Diposting",
    issue_author: "Pelapor",
    issue_author_hidden: "Anonim",
    issue_category: "Kategori",
    issue_place: "Lokasi",
    issue_status: "Status",
    back_to_list: "Kembali ke daftar aduan",
    status_name,

    field_privacy: "Siapa yang boleh melihat aduan ini?",
    privacy_label,
    privacy_hint,
    supporters,
    comments_count,
    support_button: "Dukung",
    unsupport_button: "Batalkan dukungan",
    follow_button: "Ikuti",
    unfollow_button: "Berhenti mengikuti",
    sign_in_to_take_part: "Masuk untuk mendukung, mengikuti atau berkomentar.",
    comments_title: "Diskusi",
    comments_empty: "Belum ada komentar.",
    comment_field: "Komentar Anda",
    comment_hint: "Boleh memakai Markdown. Komentar bisa diubah dalam 15 menit.",
    submit_comment: "Kirim komentar",
    reply_button: "Balas",
    submit_reply: "Kirim balasan",
    edit_button: "Ubah",
    save_button: "Simpan",
    delete_button: "Hapus",
    comment_deleted: "Komentar ini sudah dihapus.",
    edited_mark: "diedit",
    issue_author_badge: "Pelapor",

    assisted_heading: "Dibantu operator",
    assisted_intro: "Isi bila Anda menuliskan aduan untuk warga yang tidak punya email. Nama dan nomor HP hanya dilihat petugas.",
    field_resident_name: "Nama warga",
    field_resident_phone: "Nomor HP warga",
    field_resident_phone_hint: "Boleh kosong.",
    assisted_mark: "dibantu operator",
    assisted_contact: "Kontak warga (hanya petugas)",
    edit_issue_title: "Ubah aduan",
    edit_issue_link: "Ubah aduan ini",
    revisions_title,
    replaced_at: "Diganti",

    new_title: "Tulis aduan",
    new_intro: "Jelaskan masalahnya dengan singkat dan jelas. Aduan langsung terbit dan bisa dibaca semua orang.",
    field_title: "Judul",
    field_title_hint: "8 sampai 140 karakter, misalnya: Jalan desa berlubang di depan SD.",
    field_body: "Uraian",
    field_body_hint: "Apa masalahnya, sejak kapan, siapa yang terdampak. Boleh memakai Markdown.",
    field_category: "Kategori",
    field_kecamatan: "Kecamatan",
    field_desa: "Desa/kelurahan",
    choose: "— pilih —",
    submit_issue: "Kirim aduan",
    must_sign_in: "Masuk atau daftar dulu untuk menulis aduan.",
    must_verify: "Verifikasi email Anda dulu untuk menulis aduan. Tautannya ada di email kami.",

    register_title: "Daftar akun warga",
    field_name: "Nama",
    field_email: "Email",
    field_password: "Kata sandi",
    field_password_hint: "Paling sedikit 8 karakter.",
    submit_register: "Daftar",
    have_account: "Sudah punya akun? Masuk",
    registered_title: "Cek email Anda",
    registered_body: "Kami mengirim tautan verifikasi ke email Anda. Buka tautan itu, lalu masuk.",

    login_title: "Masuk",
    submit_login: "Masuk",
    no_account: "Belum punya akun? Daftar",
    forgot_link: "Lupa kata sandi?",
    notice_verified: "Email sudah terverifikasi. Silakan masuk.",
    notice_reset: "Kata sandi sudah diganti. Silakan masuk dengan kata sandi baru.",

    forgot_title: "Lupa kata sandi",
    forgot_intro: "Masukkan email akun Anda. Kami kirim tautan untuk membuat kata sandi baru.",
    submit_forgot: "Kirim tautan",
    forgot_sent: "Jika email itu terdaftar, tautan sudah kami kirim. Periksa kotak masuk Anda.",
    reset_title: "Buat kata sandi baru",
    field_new_password: "Kata sandi baru",
    submit_reset: "Simpan kata sandi",
    verify_title: "Verifikasi email",
    verify_ok: "Email Anda sudah terverifikasi.",

    staff_title: "Ruang staf",
    staff_intro: "Ringkasan untuk Sekretariat, OPD dan admin.",
    staff_by_status: "Aduan menurut status",
    staff_outbox: "Antrean email",
    staff_outbox_pending: "Menunggu",
    staff_outbox_sent: "Terkirim",
    staff_outbox_failed: "Gagal",
    staff_accounts: "Akun terdaftar",
    staff_unverified: "belum verifikasi email",

    not_found_title: "Halaman tidak ditemukan",
    not_found_body: "Halaman yang Anda cari tidak ada atau sudah dipindahkan.",
    error_title: "Terjadi kesalahan",
    error_summary: "Periksa isian yang ditandai.",
    err_unauthorized: "Silakan masuk dulu.",
    err_not_verified: "Verifikasi email Anda dulu. Tautannya ada di email kami.",
    err_forbidden: "Anda tidak berhak melakukan ini.",
    err_not_found: "Tidak ditemukan.",
    err_internal: "Maaf, terjadi gangguan di server. Coba lagi sebentar lagi.",
    err_unavailable: "Layanan sedang terganggu: basis data tidak dapat dihubungi. Data Anda aman dan tidak ada yang berubah. Coba lagi dalam beberapa menit.",
    err_transport: "Permintaan tidak dapat dibaca. Muat ulang halaman lalu coba lagi.",
    admin_outbox: "Kotak keluar email",
    admin_audit: "Catatan audit",
    audit_intro: "Setiap tindakan akun staf dan admin: siapa, apa, kapan dan dari mana, terbaru di atas. Catatan ini tidak dapat diubah atau dihapus.",
    audit_search: "Cari akun, tindakan atau sasaran",
    audit_empty: "Tidak ada catatan.",
    col_target: "Sasaran",
    col_detail: "Rincian",
    col_address: "Alamat jaringan",
    col_to: "Kepada",
    col_subject: "Perihal",
    col_status: "Status",
    col_attempts: "Percobaan",
    col_error: "Galat terakhir",
    retry_button: "Kirim ulang",
    admin_holidays: "Hari libur nasional dan cuti bersama",
    holidays_hint: "Jumat yang jatuh pada hari ini dilewati atau dipindah saat membuat jadwal berulang, dan hari ini tidak dihitung sebagai hari kerja.",
    field_holiday_day: "Tanggal",
    field_holiday_kind: "Jenis",
    field_holiday_description: "Keterangan",
    add_holiday: "Tambah atau ubah hari libur",
    holidays_import_hint: "Kolom: tanggal,jenis,keterangan (jenis: libur_nasional atau cuti_bersama). Tanggal yang sudah ada diubah. Semua baris disimpan, atau tidak sama sekali.",
    reason_supports,
    reason_waiting,
    reason_host: "di kecamatan tuan rumah",
    mail_agenda_subject,
    mail_agenda_body,
    mail_agenda_attachment: "Jadwalnya terlampir sebagai berkas kalender (.ics).",
    mail_minutes_subject,
    mail_minutes_body,
    mail_reminder_subject: "Besok: Dialog Jumat bersama Bupati",
    mail_reminder_body,
    agenda_title: "Agenda",
    agenda_empty: "Agenda belum disusun.",
    agenda_suggestions: "Usulan aduan untuk agenda",
    agenda_suggestions_hint: "Aduan terbit yang belum dibahas dan dikirim sebelum batas pengajuan, diurutkan menurut dukungan, lama menunggu dan wilayah tuan rumah.",
    agenda_add: "Tambahkan",
    agenda_up: "Naik",
    agenda_down: "Turun",
    agenda_remove: "Hapus",
    agenda_minutes: "Menit",
    agenda_set_slot: "Atur waktu",
    agenda_lock: "Kunci agenda dan kabari warga",
    session_mark_held: "Tandai sudah berlangsung",
    outcome_title: "Hasil pembahasan",
    outcome_discussed: "Dibahas",
    outcome_not_reached: "Belum sempat dibahas (kembali ke usulan sesi berikutnya)",
    outcome_decision: "Keputusan",
    outcome_opds: "OPD yang harus menindaklanjuti",
    outcome_due: "Tenggat tindak lanjut",
    outcome_save: "Simpan hasil",
    outcome_followups: "Ditindaklanjuti oleh",
    minutes_title: "Notulen",
    field_attendance: "Jumlah hadir",
    field_minutes: "Notulen (Markdown)",
    publish_minutes: "Terbitkan notulen dan kabari pengikut",
    attendance_count,
    weekday_name,
    mail_session_cancelled_subject: "Dialog Jumat dibatalkan",
    mail_session_cancelled_body,
    mail_session_moved_subject: "Jadwal Dialog Jumat berubah",
    mail_session_moved_body,
    mail_session_place_subject: "Anda mendapat tempat di Dialog Jumat",
    mail_session_place_body,
    mail_session_action: "Lihat sesi",
    nav_sessions: "Jadwal dialog",
    sessions_title: "Dialog Jumat bersama Bupati",
    sessions_intro: "Setiap Jumat Bupati berdialog dengan warga, bergiliran di kecamatan. Daftar untuk hadir, atau tambahkan ke kalender Anda.",
    sessions_upcoming: "Akan datang",
    sessions_past: "Sudah lewat",
    sessions_empty: "Belum ada sesi terjadwal.",
    session_status_name,
    session_places,
    session_title,
    session_when: "Waktu",
    session_venue: "Tempat",
    session_host: "Tuan rumah",
    session_capacity: "Kapasitas",
    session_cutoff: "Batas pengajuan aduan untuk sesi ini",
    session_livestream: "Siaran langsung",
    session_change_reason: "Keterangan perubahan",
    add_to_calendar: "Tambahkan ke kalender (.ics)",
    calendar_feed: "Langganan semua jadwal (.ics)",
    register_button: "Daftar hadir",
    unregister_button: "Batalkan pendaftaran",
    registered_confirmed: "Anda terdaftar hadir.",
    registered_waitlisted,
    session_full_note: "Tempat sudah penuh: pendaftar baru masuk daftar tunggu dan mendapat email bila ada tempat.",
    sign_in_to_register: "Masuk untuk mendaftar hadir",
    print_agenda: "Cetak",
    new_session: "Jadwalkan sesi",
    plan_sessions: "Buat jadwal berulang",
    field_date: "Tanggal",
    field_time: "Jam mulai (WIB)",
    field_duration: "Durasi (menit)",
    field_venue: "Tempat",
    field_host: "Kecamatan tuan rumah",
    field_capacity: "Kapasitas (orang)",
    field_livestream: "Tautan siaran langsung (boleh dikosongkan)",
    field_cutoff_date: "Batas pengajuan: tanggal",
    field_cutoff_time: "Batas pengajuan: jam (WIB)",
    field_cutoff_hint: "Kosongkan untuk Rabu sebelumnya pukul 23.59 WIB.",
    field_reason: "Alasan perubahan (wajib bila jadwal berubah; dikirim ke pendaftar)",
    save_session: "Simpan sesi",
    edit_session: "Ubah atau jadwalkan ulang",
    cancel_session: "Batalkan sesi",
    field_from: "Mulai dari tanggal",
    field_count: "Jumlah sesi",
    field_policy: "Bila Jumat jatuh pada hari libur",
    policy_name,
    field_hosts: "Kecamatan tuan rumah, bergiliran",
    preview_plan: "Lihat rencana",
    create_plan: "Buat sesi-sesi ini",
    plan_skipped,
    plan_moved,
    plan_taken: "sudah ada sesi pada hari itu",
    created_notice,
    nav_admin: "Admin",
    admin_title: "Administrasi",
    admin_intro: "Data rujukan dan akun: kategori aduan, wilayah, dan peran setiap akun.",
    admin_categories: "Kategori",
    admin_regions: "Kecamatan dan desa",
    admin_accounts: "Akun",
    saved_notice: "Perubahan tersimpan.",
    imported_notice,
    field_slug: "Kode (huruf kecil dan minus)",
    field_name_id: "Nama (Bahasa Indonesia)",
    field_name_en: "Nama (English)",
    field_default_opd: "OPD yang biasanya menindaklanjuti",
    no_opd: "(tidak ada)",
    add_category: "Tambah kategori",
    col_issues: "Aduan",
    field_region_code: "Kode Kemendagri",
    field_region_kind: "Jenis",
    field_region_name: "Nama",
    add_region: "Tambah wilayah atau ganti namanya",
    add_region_hint: "Kode yang sudah ada mengganti nama wilayah itu. Desa baru butuh kecamatannya lebih dulu.",
    import_title: "Impor dari CSV",
    import_hint: "Kolom: kode,jenis,nama,induk (seperti data Kemendagri). Semua baris disimpan, atau tidak sama sekali.",
    field_csv: "Berkas CSV",
    import_button: "Impor",
    villages_count,
    accounts_search: "Cari nama atau email",
    col_name: "Nama",
    col_role: "Peran",
    col_opd: "OPD",
    field_disabled: "Nonaktifkan akun",
    disabled_badge: "Nonaktif",
    unverified_badge: "Belum verifikasi",
    role_name,
    edit_account_of,
    list_more: "Berikutnya",
    field_address: "Alamat atau patokan (boleh dikosongkan)",
    field_address_hint: "Contoh: depan SD Negeri 2, RT 03/RW 01.",
    field_point: "Titik lokasi (boleh dikosongkan)",
    field_point_hint: "Lintang dan bujur dari aplikasi peta, contoh: -6.9078 dan 109.7302.",
    field_latitude: "Lintang",
    field_longitude: "Bujur",
    field_photos: "Foto (boleh dikosongkan)",
    field_photos_hint: "Paling banyak 3 foto JPEG, PNG atau WebP, masing-masing paling besar 5 MB. Data lokasi di dalam foto dihapus.",
    photos_kept: "Foto yang sudah terunggah (ikut terkirim):",
    similar_title: "Aduan mirip yang sudah ada",
    similar_intro: "Jika salah satunya sama dengan aduan Anda, dukung saja agar suaranya lebih kuat.",
    support_this: "Dukung ini",
    confirm_new: "Aduan saya berbeda, tetap kirim",
    issue_address: "Alamat",
    issue_point: "Titik lokasi",
    open_map: "Lihat di peta",
    issue_photos: "Foto",
    photo_alt,
    hidden_notice: "Aduan ini disembunyikan sampai diperiksa sekretariat. Hanya Anda dan petugas yang bisa melihatnya.",
    rejected_notice: "Aduan ini ditolak. Alasan:",
    merged_notice: "Aduan ini digabung dengan aduan lain yang sama. Dukungan dan pengikutnya sudah dipindahkan ke:",
    comment_hidden: "Komentar ini disembunyikan moderator.",
    hidden_badge: "Disembunyikan",
    reported_thanks: "Terima kasih, laporan Anda kami terima. Sekretariat akan memeriksanya.",
    flag_button: "Laporkan",
    flag_reason: "Mengapa ini perlu diperiksa?",
    flag_submit: "Kirim laporan",
    moderate_title: "Moderasi",
    moderate_action: "Tindakan",
    action_name,
    moderate_reason: "Alasan (dicatat; untuk penolakan juga dibaca penulis)",
    moderate_into: "Nomor aduan asli (untuk Gabungkan)",
    moderate_submit: "Jalankan",
    moderation_title: "Antrean moderasi",
    moderation_intro,
    moderation_empty: "Tidak ada yang perlu diperiksa.",
    moderation_flags: "Laporan",
    moderation_recent: "Catatan moderasi",
    moderation_system: "otomatis",
    col_when: "Waktu",
    col_who: "Oleh",
    col_what: "Isi",
    col_action: "Tindakan",
    col_reason: "Alasan",
    kind_name,
    staff_moderation_link: "Buka antrean moderasi",
    err_rate_limited,
    code_message,
    loading: "Memuat…",

    months: [
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ],

    mail_greeting,
    mail_signature: "Salam,\nSekretariat Minggon Jatinan, Pemerintah Kabupaten Batang",
    mail_verify_subject: "Verifikasi email Anda di Minggon Jatinan",
    mail_verify_body: "Terima kasih sudah mendaftar. Buka tautan ini untuk memverifikasi email Anda (berlaku 48 jam):",
    mail_verify_action: "Verifikasi email",
    mail_reset_subject: "Buat kata sandi baru Minggon Jatinan",
    mail_reset_body: "Ada permintaan untuk mengganti kata sandi akun Anda. Buka tautan ini (berlaku 1 jam):",
    mail_reset_action: "Buat kata sandi baru",
    mail_ignore: "Jika Anda tidak merasa meminta ini, abaikan email ini.",
    mail_issue_subject,
    mail_issue_body,
    mail_issue_action: "Lihat aduan",

    topic_label,
    topic_hint,
    delivery_label,
    digest_label,
    prefs_title: "Pemberitahuan email",
    prefs_intro: "Pilih untuk tiap jenis kabar: dikirim langsung, dikumpulkan dalam ringkasan harian (pukul 07.00 WIB) atau mingguan (Senin pukul 07.00 WIB), atau tidak usah.",
    prefs_security_note: "Email keamanan akun (verifikasi email, ganti kata sandi) selalu dikirim.",
    security_title: "Keamanan akun",
    two_factor_title: "Verifikasi dua langkah",
    two_factor_on: "Verifikasi dua langkah aktif: setiap kali masuk, kode dari aplikasi autentikator juga diminta.",
    two_factor_off: "Verifikasi dua langkah belum aktif. Untuk akun staf sangat dianjurkan.",
    two_factor_manage: "Atur verifikasi dua langkah",
    two_factor_steps: "Tambahkan akun ini ke aplikasi autentikator (misalnya Google Authenticator, Aegis atau FreeOTP) dengan kunci di bawah, lalu isi kode 6 angka yang muncul.",
    two_factor_secret: "Kunci",
    two_factor_open_app: "Buka di aplikasi autentikator",
    two_factor_enable: "Aktifkan",
    two_factor_disable: "Nonaktifkan",
    field_code: "Kode dari aplikasi autentikator",
    login_code_summary: "Akun staf dengan verifikasi dua langkah",
    security_everywhere_hint: "Ponsel hilang, atau pernah masuk di komputer bersama? Keluar dari semua perangkat, termasuk yang ini.",
    security_everywhere_button: "Keluar dari semua perangkat",
    notice_signed_out_all: "Anda sudah keluar dari semua perangkat. Silakan masuk lagi.",
    cross_site_title: "Permintaan ditolak",
    cross_site_body: "Formulir ini dikirim dari situs lain, jadi ditolak demi keamanan akun Anda. Buka halaman Minggon Jatinan dan kirim dari sana.",
    prefs_saved: "Pengaturan pemberitahuan disimpan.",
    prefs_save: "Simpan pengaturan",
    nav_notifications: "Pemberitahuan",
    unsub_title: "Berhenti berlangganan",
    unsub_confirm,
    unsub_button: "Ya, berhenti",
    unsub_done,
    unsub_already,
    unsub_manage: "Atur semua pemberitahuan",
    admin_suppressed: "Alamat yang tidak dikirimi lagi",
    admin_suppressed_hint: "Server penerima menolak alamat ini secara permanen berkali-kali, jadi tidak dikirimi email lagi. Izinkan lagi bila alamatnya sudah diperbaiki.",
    col_refusals: "Penolakan",
    allow_again_button: "Izinkan lagi",
    mail_footer_why,
    mail_unsubscribe_action: "Berhenti menerima email seperti ini",
    mail_preferences_action: "Atur pemberitahuan",
    mail_status_subject,
    mail_status_body,
    mail_merged_note,
    mail_comment_subject,
    mail_comment_body,
    mail_assigned_subject,
    mail_assigned_body,
    mail_coalesced_subject,
    mail_coalesced_intro: "Ada komentar baru:",
    mail_digest_subject,
    mail_digest_intro,
    mail_digest_action: "Buka Minggon Jatinan",
    mail_weekly_subject: "Sepekan di Minggon Jatinan",
    mail_weekly_counts,
    mail_weekly_next,
    mail_weekly_action: "Lihat semua aduan",

    fu_title: "Tindak lanjut OPD",
    fu_lead: "OPD utama",
    fu_support: "OPD pendukung",
    nav_scorecard: "Rapor OPD",
    score_title: "Rapor tindak lanjut OPD",
    score_intro,
    score_by_opd: "Per OPD",
    score_by_kecamatan: "Per kecamatan",
    score_name: "Nama",
    score_assigned: "Ditugaskan",
    score_resolved: "Selesai",
    score_on_time: "Tepat waktu",
    score_response: "Median hari kerja sampai ditanggapi",
    score_resolution: "Median hari kerja sampai selesai",
    score_overdue: "Terlambat sekarang",
    score_unranked: "belum cukup data untuk diperingkat",
    score_trend: "Ditugaskan dan selesai, 12 bulan terakhir",
    score_trend_summary,
    score_csv: "Unduh angka ini (CSV)",
    score_empty: "Belum ada tindak lanjut.",
    fu_photo_field: "Foto bukti (boleh dikosongkan, paling banyak 3)",
    fu_photo_alt,
    fu_programme_field: "Perlu program atau anggaran: usulkan ke Musrenbang",
    fu_programme_badge: "usulan Musrenbang",
    staff_exports: "Unduhan untuk e-planning dan e-budgeting",
    export_follow_ups: "Tindak lanjut (CSV)",
    export_any: "Semua",
    export_from: "Ditugaskan sejak",
    export_to: "Ditugaskan sampai",
    export_submit: "Unduh CSV",
    export_planning: "Usulan Musrenbang untuk e-planning (CSV)",
    export_budgeting: "Biaya per OPD dan kategori untuk e-budgeting (CSV)",
    admin_opds: "OPD (perangkat daerah)",
    opds_hint: "Kode yang sudah ada diubah; kode baru menambah OPD. Email dan nama kepala tampil bersama tindak lanjut OPD itu.",
    field_opd_code: "Kode",
    field_opd_name: "Nama lengkap",
    field_opd_short: "Nama singkat",
    field_opd_email: "Email dinas (boleh kosong)",
    field_opd_head: "Nama kepala OPD (boleh kosong)",
    add_opd: "Tambah atau ubah OPD",
    col_officers: "Petugas",
    fu_head: "Kepala",
    timeline_title: "Riwayat",
    timeline_posted: "Aduan dikirim",
    timeline_status,
    fu_status_name,
    fu_update_name,
    fu_due,
    fu_days_left,
    fu_percent,
    fu_cost: "Biaya",
    fu_action: "Tindakan yang diminta",
    fu_internal_badge: "internal",
    fu_accept: "Terima tugas",
    fu_decline: "Bukan wewenang kami",
    fu_reason: "Alasan",
    fu_progress: "Laporkan kemajuan",
    fu_progress_text: "Kemajuan",
    fu_percent_field: "Persen selesai (0–100, boleh kosong)",
    fu_cost_field: "Biaya langkah ini dalam rupiah (boleh kosong)",
    fu_internal_field: "Catatan internal: hanya untuk staf, tidak tampil ke warga",
    fu_resolve: "Tandai selesai",
    fu_resolve_summary: "Ringkasan penyelesaian",
    fu_confirm_prompt,
    fu_confirm: "Ya, sudah beres",
    fu_reopen: "Belum beres, buka lagi",
    assign_title: "Tugaskan ke OPD",
    assign_lead: "OPD utama",
    assign_support: "OPD pendukung (boleh lebih dari satu)",
    assign_days: "Batas waktu (hari kerja)",
    assign_submit: "Tugaskan",
    nav_opd: "Pekerjaan OPD",
    opd_title,
    opd_new: "Baru, belum diterima",
    opd_in_progress: "Sedang dikerjakan",
    opd_due_soon: "Segera jatuh tempo",
    opd_overdue: "Terlambat",
    opd_empty: "Tidak ada.",
    mail_fu_status_subject,
    mail_fu_status_body,

    staff_escalated: "Terlambat lebih dari 5 hari kerja",
    staff_escalated_hint,
    mail_due_soon_subject,
    mail_due_soon_body,
    mail_overdue_subject,
    mail_overdue_body,
    mail_escalation_subject,
    mail_escalation_intro,

    open311_key_service: "Kunci API diberikan oleh admin Minggon Jatinan (Bagian Tata Pemerintahan Setda Kabupaten Batang); mintalah lewat email kontak.",
    open311_service_description: |name| {
        format!("Laporan warga dalam kategori {name}, untuk Dialog Jumat bersama Bupati Batang.")
    },
    open311_group_general: "Umum",
    open311_unknown_service: |code| format!("service_code tidak dikenal: {code}"),
    open311_unknown_resource: |what| {
        format!("Tidak ada sumber daya Open311 bernama {what}; gunakan akhiran .json atau .xml.")
    },
    open311_attr_kecamatan: "Kecamatan tempat masalah (kode wilayah).",
    open311_attr_desa: "Desa atau kelurahan tempat masalah (kode wilayah); address_id boleh dipakai sebagai gantinya.",
    open311_attr_privacy: "publik (nama tampil), anonim (nama disembunyikan dari publik) atau rahasia (hanya pelapor dan petugas). Bawaan: publik.",
    open311_bad_request_id: "service_request_id harus berupa angka, dipisahkan koma.",
    open311_bad_date: |name| format!("{name} bukan tanggal ISO 8601 (misalnya 2026-11-01T00:00:00+07:00)."),
    open311_range_inverted: "end_date lebih awal dari start_date.",
    open311_range_too_long: |days| format!("Rentang start_date sampai end_date paling lama {days} hari."),
    open311_bad_status: |status| format!("status tidak dikenal: {status} (gunakan open atau closed)."),
    open311_unknown_request: |id| format!("Permintaan {id} tidak ditemukan."),
    open311_notes_rejected: "Ditolak oleh Sekretariat dan tidak diterbitkan.",
    open311_notes_merged: |into| format!("Digabung dengan laporan {into}."),
    open311_key_missing: "api_key wajib untuk mengirim laporan.",
    open311_key_invalid: "api_key tidak sah atau sudah dicabut.",
    open311_email_not_resident: "email ini milik akun petugas atau akun nonaktif; laporan warga hanya dapat dikirim atas nama warga.",
    open311_default_name: "Warga",
    open311_service_missing: "service_code wajib diisi.",
    open311_description_missing: "description wajib diisi.",
    open311_location_missing: "Lokasi wajib: lat dan long, address_string, atau address_id.",
    open311_unknown_region: |field, code| format!("{field}: kode wilayah tidak dikenal: {code}"),
    open311_attribute_missing: |field| format!("{field} wajib diisi (lihat definisi layanan)."),
    open311_notice_published: "Laporan langsung terbit dan dapat didukung warga. Laporan yang melanggar aturan dapat disembunyikan atau ditolak oleh Sekretariat.",
    admin_api_keys: "Kunci API (Open311)",
    api_keys_intro: "Aplikasi lain (aplikasi desa, kanal pengaduan) dapat mengirim laporan lewat Open311 dengan kunci dari sini. Kunci hanya ditampilkan sekali; yang disimpan hanya sidiknya. Laporan tanpa email tercatat atas nama aplikasi itu.",
    api_key_issued: "Kunci baru. Salin sekarang: kunci ini tidak akan ditampilkan lagi.",
    field_client_name: "Nama aplikasi",
    col_key_prefix: "Kunci",
    col_last_used: "Terakhir dipakai",
    col_client_issues: "Laporan",
    api_key_revoked: "Dicabut",
    revoke_button: "Cabut",
    issue_api_key: "Buat kunci",
    issue_media_link: "Lihat media dari aplikasi pelapor (tautan luar)",
    feed_title: "Laporan warga — Minggon Jatinan",
    feed_subtitle: "Laporan terbaru untuk Dialog Jumat bersama Bupati Batang.",
    feed_link: "Umpan Atom",
    me_title: "Akun saya",
    me_intro: "Semua yang Anda kirim, dukung, ikuti, dan daftarkan ada di sini.",
    me_issues_title: "Aduan saya",
    me_issues_all,
    me_issues_empty: "Anda belum mengirim aduan.",
    me_next_step,
    me_withdraw_summary: "Tarik aduan ini",
    me_withdraw_hint: "Aduan akan hilang dari semua daftar, pencarian, dan umpan; pendukung dan pengikutnya diberi tahu. Penarikan tidak dapat dibatalkan.",
    me_withdraw_button: "Ya, tarik aduan ini",
    me_withdrawn_notice: "Aduan Anda sudah ditarik.",
    me_supported_title: "Yang saya dukung",
    me_followed_title: "Yang saya ikuti",
    me_nothing: "Belum ada.",
    me_sessions_title: "Sesi Jumat saya",
    me_registration,
    me_session_past: "sudah lewat",
    me_data_title: "Data saya",
    me_data_hint: "Unduh salinan semua data Anda di situs ini (akun, aduan, komentar, dukungan, ikutan, pendaftaran sesi, laporan, dan pengaturan email) dalam satu berkas JSON, sesuai UU 27/2022 tentang Pelindungan Data Pribadi.",
    me_data_button: "Unduh data saya (JSON)",
    me_delete_title: "Hapus akun",
    me_delete_hint: "Akun Anda dihapus dan Anda keluar dari semua perangkat. Aduan dan komentar Anda tetap ada untuk warga lain, tetapi tampil atas nama \"Warga\": nama, email, dan kontak Anda dihapus. Penghapusan tidak dapat dibatalkan.",
    me_delete_password: "Kata sandi Anda, untuk memastikan",
    me_delete_button: "Hapus akun saya",
    me_delete_staff: "Akun petugas tidak dihapus sendiri: admin yang menutupnya.",
    notice_deleted: "Akun Anda sudah dihapus. Terima kasih telah ikut serta.",
    next_title: "Dialog Jumat berikutnya",
    next_host,
    next_livestream: "Tonton siaran langsung",
    next_cutoff,
    next_cutoff_passed,
    next_none: "Belum ada Dialog Jumat yang dijadwalkan. Aduan tetap dapat dikirim: Sekretariat membacanya dan dapat meneruskannya langsung ke OPD.",
    next_unreachable: "Agenda sesi yang sudah dijadwalkan sudah ditutup; aduan baru menunggu sesi berikutnya atau diteruskan langsung ke OPD.",
    next_see_session: "Lihat sesi",
    form_reaches,
    nav_inbox: "Kotak masuk",
    inbox_title: "Kotak masuk Sekretariat",
    inbox_intro,
    inbox_tab,
    inbox_empty: "Tidak ada yang menunggu di sini.",
    inbox_waiting,
    inbox_due,
    inbox_overdue: "Lewat batas",
    inbox_declined_note: "Alasan OPD",
    inbox_assign: "Teruskan ke OPD",
    inbox_schedule: "Masukkan ke agenda",
    inbox_session: "Sesi",
    mail_disposition_subject,
    mail_disposition_body,
    agenda_overrun,
    field_direct_to_opd: "Langsung diteruskan ke OPD ini",
    field_direct_to_opd_hint: "Aduan kategori ini ditugaskan ke OPD di atas saat terbit, dengan tenggat tindak lanjut, tanpa menunggu disposisi Sekretariat. Sekretariat baru menerimanya bila OPD menolak.",
    agenda_from_floor: "Dari forum",
    floor_add: "Tambah butir dari forum",
    floor_hint: "Untuk masalah yang diangkat warga pada hari dialog. Dicatat sebagai aduan publik atas nama warga itu, masuk agenda di bagian “Dari forum”, dan dicatat hasilnya seperti butir lain.",
    floor_speaker: "Nama warga yang menyampaikan (tidak wajib; hanya dilihat petugas)",
    register_desa: "Desa asal (untuk daftar hadir; tidak wajib)",
    not_given: "Tidak disebutkan",
    registrants_title: "Pendaftar sesi",
    registrant_name: "Nama",
    registrant_status: "Status",
    registrant_present: "Hadir",
    registrant_signature: "Tanda tangan",
    registrant_confirmed: "Terdaftar",
    registrant_waiting: "Daftar tunggu",
    registrants_print_hint: "Untuk mencetak daftar hadir, pakai menu Cetak di peramban (Ctrl+P). Yang tercetak hanya nama, desa, kecamatan dan kolom tanda tangan; alamat email tidak pernah dicetak.",
    registrants_empty: "Belum ada yang mendaftar.",
    attendance_save: "Simpan kehadiran",
    attendance_on_the_day: "Kehadiran dapat ditandai mulai hari sesi.",
    back_to_session: "Kembali ke sesi",
    opd_head: "Kepala",
    opd_holds_now: "Sedang ditangani",
    opd_holds_nothing: "Tidak ada aduan publik yang sedang ditangani.",
    opd_resolved_title: "Sudah diselesaikan",
    opd_resolved_none: "Belum ada aduan publik yang diselesaikan.",
    opd_resident_confirmed: "Warga mengonfirmasi selesai",
    opd_closed_in_silence: "Ditutup otomatis: warga tidak menjawab",
    opd_awaiting_resident: "Menunggu konfirmasi warga",
    direct_route_action,
    agenda_confidential,
    registrant_mark,
    registrants_of,
    registrants_counts,
    attendance_saved,
    registrants_link,
    opd_confidential_open,
    opd_resolved_on,
    opd_due_on,
    fu_confirm_word: "Kata Anda untuk OPD (tidak wajib; tampil di halaman OPD)",
    staff_search_label: "Cari semua aduan (termasuk rahasia)",
    staff_search_found,
    holiday_provisional: "perkiraan",
    holidays_clashes: "Sesi berikut jatuh pada hari libur. Pindahkan atau batalkan dengan alasan; tidak ada yang dipindah otomatis:",
    holidays_cover,
    holidays_provisional,
    holidays_missing,
    plan_past_table,
    opd_no_officers: "belum ada akun petugas: hanya alamat resmi yang diberi tahu",
    opd_unreachable: "tidak ada akun petugas maupun alamat resmi: tidak ada yang diberi tahu",
    fu_cost_hint: "Hanya yang dibelanjakan pada langkah ini, bukan total sejauh ini: total tindak lanjut dijumlahkan dari setiap langkah.",
    costs_title: "Biaya tindak lanjut",
    costs_intro: "Biaya yang dilaporkan OPD, per tahun anggaran (tahun laporan, WIB), OPD dan kategori. Sama dengan CSV e-budgeting.",
    costs_year: "Tahun anggaran",
    costs_follow_ups: "Tindak lanjut berbiaya",
    costs_total: "Total biaya",
    costs_empty: "Belum ada biaya yang dilaporkan.",
    costs_year_total: "Jumlah tahun ini",
    admin_settings: "Pengaturan ambang",
    settings_intro: "Tenggat dalam hari kerja dan batas hitungan yang dipakai oleh setiap halaman dan tugas terjadwal. Perubahan berlaku seketika dan tercatat di log audit.",
    settings_labels: [
        "Tenggat tindak lanjut OPD (hari kerja)",
        "Tenggat disposisi sekretariat (hari kerja)",
        "Waktu konfirmasi pelapor (hari kerja)",
        "Eskalasi ke Bupati setelah terlambat (hari kerja)",
        "Laporan untuk menyembunyikan kiriman",
        "Minimal selesai untuk masuk peringkat",
    ],
    settings_hints: [
        "Dipakai bila sekretariat tidak menulis tenggat saat menugaskan, dan untuk kategori yang langsung ke OPD.",
        "Aduan baru yang belum diputuskan selama ini dilaporkan ke sekretariat dan admin.",
        "Tindak lanjut selesai yang tidak dikonfirmasi atau dibuka lagi oleh pelapor dalam waktu ini ditutup.",
        "Tindak lanjut yang terlambat sebanyak ini masuk ringkasan mingguan untuk kantor Bupati.",
        "Jumlah akun berbeda yang melaporkan sebuah kiriman sebelum kiriman itu disembunyikan sampai moderator memutuskan.",
        "OPD atau kecamatan baru diberi peringkat di papan skor setelah menyelesaikan sebanyak ini.",
    ],
    settings_bounds,
    settings_default,
    settings_changed,
    live_title: "Siaran langsung",
    live_console: "Konsol sesi langsung",
    live_state,
    live_step,
    live_now: "Sedang dibahas",
    live_next: "Berikutnya",
    live_so_far: "Hasil sejauh ini",
    live_no_item: "Belum ada topik yang sedang dibahas.",
    live_item_of,
    live_time_box,
    live_overrun: "Melebihi waktu",
    live_time: "Waktu",
    live_refresh_note,
    live_ended_note: "Sesi sudah selesai. Notulen akan diterbitkan di halaman sesi.",
    live_waiting_note,
    live_stream: "Siaran video",
    live_stream_link: "Tonton siaran langsungnya",
    live_views: "Tampilan lain",
    live_projector: "Layar aula",
    live_overlay: "Overlay siaran (lower-third)",
    live_radio: "Teks untuk penyiar radio",
    live_public_view: "Halaman publik",
    live_preview: "Yang dilihat publik",
    live_take_up: "Bahas topik ini",
    live_choose_item: "Pilih topik",
    live_notes: "Catatan topik ini",
    live_notes_hint: "Catatan masuk ke draf notulen saat sesi diakhiri.",
    live_notes_save: "Simpan catatan",
    live_speakers: "Antrean pembicara",
    live_speakers_empty: "Belum ada pembicara dalam antrean.",
    live_speaker_registrant: "Peserta terdaftar",
    live_speaker_name: "Atau nama dari forum",
    live_speaker_add: "Tambahkan ke antrean",
    live_speaker_call: "Panggil pembicara berikutnya",
    live_speaker_spoken: "Selesai bicara",
    live_speaker_state,
    live_speaker_registered: "terdaftar",
    live_minutes_drafted: "Draf notulen sudah disiapkan di halaman sesi: periksa, lengkapi jumlah hadir, lalu terbitkan.",
    live_open: "Ikuti siaran langsung",
    live_open_console: "Buka konsol sesi langsung",
    live_full: "Terlalu banyak penonton saat ini. Halaman akan mencoba lagi sebentar lagi.",
    live_current_outcome: "Hasil topik ini",
    minutes_words: MINUTES_WORDS,
    poll_yes: "Ya",
    poll_no: "Tidak",
    poll_title: "Jajak pendapat",
    poll_question: "Pertanyaan",
    poll_choices: "Pilihan, satu per baris (2 sampai 5; kosongkan untuk Ya dan Tidak)",
    poll_open: "Buka pertanyaan",
    poll_close: "Tutup pertanyaan",
    poll_state_open: "Terbuka: warga yang masuk bisa menjawab",
    poll_state_closed: "Ditutup",
    poll_answer: "Kirim jawaban",
    poll_sign_in: "Masuk sebagai warga untuk menjawab.",
    poll_answers,
    poll_your_answer,
    mail_session_minutes_subject: "Notulen dialog Jumat sudah terbit",
    mail_session_minutes_body,
    wa: WA_WORDS,
    prefs_channel: "Lewat",
    channel_label,
    wa_login_link: "Masuk dengan kode WhatsApp",
    wa_login_title: "Masuk dengan WhatsApp",
    wa_login_intro: "Untuk akun yang dibuat lewat WhatsApp, atau yang sudah menghubungkan nomornya. Kami kirim kode 6 angka ke WhatsApp Anda.",
    wa_login_password: "Masuk dengan email dan kata sandi",
    wa_phone: "Nomor WhatsApp",
    wa_phone_hint: "Contoh: 0812 3456 7890",
    wa_code_label: "Kode dari WhatsApp",
    wa_send_code: "Kirim kode",
    wa_code_sent,
    wa_link_code_sent,
    wa_code_again: "Kode tidak datang? Minta lagi",
    wa_section_title: "WhatsApp",
    wa_link_intro: "Hubungkan nomor WhatsApp Anda untuk menerima kabar lewat WhatsApp juga, dan untuk masuk dengan kode.",
    wa_link_button: "Hubungkan nomor",
    wa_linked: "Nomor WhatsApp terhubung.",
    wa_linked_number,
    wa_reporter: "Lewat WhatsApp",
    wa_blocked: " (diblokir)",
    wa_block: "Blokir nomor ini",
    wa_unblock: "Buka blokir",
    add_email_title: "Email",
    add_email_intro: "Akun ini dibuat lewat WhatsApp dan belum punya email. Tambahkan email untuk menerima kabar lewat email juga; setelah itu Anda bisa membuat kata sandi lewat \"Lupa kata sandi\".",
    add_email_button: "Kirim tautan konfirmasi",
    add_email_sent: "Tautan konfirmasi sudah dikirim ke email itu. Buka tautannya untuk menambahkan email ke akun ini.",
    list_results: "Hasil",
    offline_note: "Anda sedang tanpa sinyal: halaman ini tersimpan di ponsel dan mungkin sudah usang.",
    offline_title: "Tidak ada sinyal",
    offline_intro: "Halaman ini belum tersimpan di ponsel Anda, jadi belum bisa dibuka tanpa sinyal. Halaman yang sudah pernah Anda buka tetap bisa dibaca.",
    offline_drafts: "Aduan dan komentar yang Anda tulis tetap tersimpan di ponsel ini dan dikirim sendiri saat sinyal kembali.",
    offline_home: "Ke beranda",
    draft_restored: "Tulisan yang belum terkirim dipulihkan dari ponsel ini.",
    draft_discard: "Buang tulisan ini",
    draft_waiting: "Menunggu sinyal. Tulisan Anda tersimpan di ponsel ini dan dikirim sendiri saat sinyal kembali. Menunggu:",
    draft_sent: "Tulisan yang menunggu sinyal sudah terkirim.",
    draft_open: "Lihat",
    draft_refused: "Tulisan yang menunggu sinyal belum diterima server. Isinya dikembalikan ke formulir: periksa lalu kirim lagi.",
    photo_sizes: "Ukuran foto yang akan dikirim:",
    prefs_push: "Juga kirim seketika sebagai notifikasi di perangkat saya",
    push_title: "Notifikasi di ponsel",
    push_intro: "Nyalakan notifikasi agar ponsel atau komputer ini memberi tahu Anda seketika, tanpa membuka email. Topik yang dikirim sebagai notifikasi dipilih di atas; \"Tidak usah\" mematikan notifikasinya juga.",
    push_turn_on: "Nyalakan notifikasi di perangkat ini",
    push_needs_js: "Notifikasi perlu browser yang mendukungnya, dengan JavaScript aktif.",
    push_denied: "Izin notifikasi ditolak. Izinkan notifikasi untuk situs ini di pengaturan browser, lalu coba lagi.",
    push_failed: "Browser ini tidak bisa menyalakan notifikasi sekarang. Coba lagi saat ada sinyal.",
    push_devices: "Perangkat dengan notifikasi aktif",
    push_none: "Belum ada perangkat.",
    push_added,
    push_last_sent,
    push_remove: "Matikan",
    push_on_done: "Notifikasi aktif di perangkat ini.",
    push_off_done: "Notifikasi untuk perangkat itu dimatikan.",
    push_body: "Ketuk untuk membaca.",
    locate: "Lokasi saya",
    locating: "Membaca lokasi ponsel…",
    locate_failed: "Lokasi tidak bisa dibaca. Izinkan lokasi untuk situs ini, atau ketik lintang dan bujurnya.",
    place_suggested: "Saran dari titik itu: desa {desa}, kecamatan {kecamatan} (pusat desa terdekat). Periksa, dan ubah bila keliru.",
    place_outside: "Titik itu di luar Kabupaten Batang.",
    place_none: "Tidak ada desa yang dekat dengan titik itu. Pilih kecamatan dan desanya sendiri.",
};

fn push_added(at: &str) -> String {
    format!("dinyalakan {at}")
}

fn push_last_sent(at: &str) -> String {
    format!("terakhir dikirim {at}")
}
