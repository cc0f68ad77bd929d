//! Data an empty database starts with. Reference data (Batang's kecamatan and villages with
//! their Kemendagri codes, the OPDs, the categories and 2026's holidays) is always seeded
//! into an empty database; demo accounts and issues only when asked (`--seed-demo`).

use chrono::{Datelike, NaiveDate, TimeDelta};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, TransactionTrait,
};

use app::{
    domain::{
        Clock,
        commands::accounts::{NewAccount, create_account},
        entities::{category, holiday, issue, issue_history, opd, region, user_account},
        sanitize::markdown_to_html,
    },
    model::{
        account::Role,
        admin::{HolidayKind, RegionKind},
        issue::IssueStatus,
    },
};

const REGIONS_CSV: &str = include_str!("../data/batang-wilayah.csv");
/// Each year's holidays and cuti bersama, and whether the list is provisional: 2026 is the
/// government's joint decree; 2027's Hijri dates are estimates until its decree is imported.
const HOLIDAYS: [(&str, bool); 2] = [
    (include_str!("../data/hari-libur-2026.csv"), false),
    (include_str!("../data/hari-libur-2027.csv"), true),
];

/// Batang's OPDs: code, full name, short name.
const OPDS: &[(&str, &str, &str)] = &[
    ("SETDA", "Sekretariat Daerah Kabupaten Batang", "Setda"),
    (
        "BAPPEDA",
        "Badan Perencanaan Pembangunan Daerah, Penelitian dan Pengembangan",
        "Bappelitbangda",
    ),
    ("DPUPR", "Dinas Pekerjaan Umum dan Penataan Ruang", "DPUPR"),
    ("DISPERKIM", "Dinas Perumahan dan Kawasan Permukiman", "Disperkim"),
    ("DINKES", "Dinas Kesehatan", "Dinkes"),
    ("DINDIKBUD", "Dinas Pendidikan dan Kebudayaan", "Dindikbud"),
    (
        "DINSOS",
        "Dinas Sosial, Pemberdayaan Perempuan dan Perlindungan Anak",
        "Dinsos P2PA",
    ),
    ("DISDUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil"),
    ("DLH", "Dinas Lingkungan Hidup", "DLH"),
    ("DISHUB", "Dinas Perhubungan", "Dishub"),
    ("DISPERTAN", "Dinas Pertanian dan Pangan", "Dispertan"),
    ("DKP", "Dinas Kelautan dan Perikanan", "DKP"),
    ("DINKOPUKM", "Dinas Koperasi dan Usaha Kecil Menengah", "Dinkop UKM"),
    ("DISNAKER", "Dinas Tenaga Kerja", "Disnaker"),
    ("DPMD", "Dinas Pemberdayaan Masyarakat dan Desa", "Dispermades"),
    ("DISKOMINFO", "Dinas Komunikasi dan Informatika", "Diskominfo"),
    ("DISPARPORA", "Dinas Pariwisata, Kepemudaan dan Olahraga", "Disparpora"),
    ("BPBD", "Badan Penanggulangan Bencana Daerah", "BPBD"),
    ("SATPOLPP", "Satuan Polisi Pamong Praja", "Satpol PP"),
    ("RSUD", "RSUD Kalisari Batang", "RSUD Kalisari"),
];

/// Categories: slug, Indonesian name, English name, default OPD.
const CATEGORIES: &[(&str, &str, &str, &str)] = &[
    ("jalan-jembatan", "Jalan dan jembatan", "Roads and bridges", "DPUPR"),
    (
        "drainase-banjir",
        "Drainase dan banjir",
        "Drainage and flooding",
        "DPUPR",
    ),
    (
        "air-bersih",
        "Air bersih dan sanitasi",
        "Clean water and sanitation",
        "DISPERKIM",
    ),
    (
        "rumah-tidak-layak-huni",
        "Rumah tidak layak huni",
        "Substandard housing",
        "DISPERKIM",
    ),
    (
        "sampah-lingkungan",
        "Sampah dan lingkungan",
        "Waste and environment",
        "DLH",
    ),
    ("kesehatan", "Layanan kesehatan", "Health services", "DINKES"),
    (
        "pendidikan",
        "Pendidikan dan sekolah",
        "Education and schools",
        "DINDIKBUD",
    ),
    (
        "santunan-kematian",
        "Santunan kematian (e-Sakti)",
        "Death benefit (e-Sakti)",
        "DINSOS",
    ),
    ("bantuan-sosial", "Bantuan sosial", "Social assistance", "DINSOS"),
    (
        "adminduk",
        "KTP, KK dan akta",
        "ID cards, family cards and certificates",
        "DISDUKCAPIL",
    ),
    ("penerangan-jalan", "Penerangan jalan umum", "Street lighting", "DISHUB"),
    (
        "transportasi",
        "Transportasi dan lalu lintas",
        "Transport and traffic",
        "DISHUB",
    ),
    (
        "pertanian",
        "Pertanian, pupuk dan irigasi",
        "Farming, fertiliser and irrigation",
        "DISPERTAN",
    ),
    (
        "perikanan-nelayan",
        "Perikanan dan nelayan",
        "Fisheries and fishers",
        "DKP",
    ),
    (
        "umkm",
        "Koperasi dan UMKM",
        "Cooperatives and small business",
        "DINKOPUKM",
    ),
    ("ketenagakerjaan", "Ketenagakerjaan", "Jobs and labour", "DISNAKER"),
    ("pemerintahan-desa", "Pemerintahan desa", "Village government", "DPMD"),
    (
        "layanan-digital",
        "Internet dan layanan digital",
        "Internet and digital services",
        "DISKOMINFO",
    ),
    (
        "bencana",
        "Bencana dan kedaruratan",
        "Disasters and emergencies",
        "BPBD",
    ),
    ("ketertiban", "Ketertiban umum", "Public order", "SATPOLPP"),
    ("lainnya", "Lainnya", "Other", "SETDA"),
];

/// Fills the reference tables when they are empty.
pub async fn reference_data(db: &DatabaseConnection) -> anyhow::Result<()> {
    if region::Entity::find().count(db).await? > 0 {
        // A database seeded before a year's list was shipped gets that year now.
        return holidays(db).await;
    }
    let txn = db.begin().await?;
    let mut regions = Vec::new();
    for row in csv::Reader::from_reader(REGIONS_CSV.as_bytes()).records() {
        let row = row?;
        regions.push(region::ActiveModel {
            code: Set(row[0].to_owned()),
            kind: Set(RegionKind::parse(&row[1]).ok_or_else(|| anyhow::anyhow!("unknown region kind {}", &row[1]))?),
            name: Set(row[2].to_owned()),
            parent_code: Set(Some(row[3].to_owned())),
            ..Default::default()
        });
    }
    region::Entity::insert_many(regions)
        .exec_without_returning(&txn)
        .await?;
    opd::Entity::insert_many(OPDS.iter().map(|(code, name, short)| opd::ActiveModel {
        code: Set((*code).into()),
        name: Set((*name).into()),
        short_name: Set((*short).into()),
        ..Default::default()
    }))
    .exec_without_returning(&txn)
    .await?;
    let opds = opd::Entity::find().all(&txn).await?;
    let opd_id = |code: &str| opds.iter().find(|o| o.code == code).map(|o| o.id);
    category::Entity::insert_many(CATEGORIES.iter().map(|(slug, id, en, opd)| category::ActiveModel {
        slug: Set((*slug).into()),
        name_id: Set((*id).into()),
        name_en: Set((*en).into()),
        opd_id: Set(opd_id(opd)),
        direct_to_opd: Set(*slug == DIRECT_CATEGORY),
        ..Default::default()
    }))
    .exec_without_returning(&txn)
    .await?;
    txn.commit().await?;
    holidays(db).await?;
    tracing::info!("seeded Batang's regions, OPDs, categories and holidays");
    Ok(())
}

/// The shipped holiday lists, each year only where the table has no day of that year yet
/// (an admin's import or edits are never overwritten).
async fn holidays(db: &DatabaseConnection) -> anyhow::Result<()> {
    let known: std::collections::HashSet<i32> = holiday::Entity::find()
        .all(db)
        .await?
        .iter()
        .map(|h| h.day.year())
        .collect();
    let txn = db.begin().await?;
    for (csv_text, provisional) in HOLIDAYS {
        let mut rows = Vec::new();
        for row in csv::Reader::from_reader(csv_text.as_bytes()).records() {
            let row = row?;
            let day = NaiveDate::parse_from_str(&row[0], "%Y-%m-%d")?;
            if known.contains(&day.year()) {
                continue;
            }
            rows.push(holiday::ActiveModel {
                day: Set(day),
                kind: Set(
                    HolidayKind::parse(&row[1]).ok_or_else(|| anyhow::anyhow!("unknown holiday kind {}", &row[1]))?
                ),
                description: Set(row[2].to_owned()),
                provisional: Set(provisional),
                ..Default::default()
            });
        }
        if !rows.is_empty() {
            holiday::Entity::insert_many(rows).exec_without_returning(&txn).await?;
        }
    }
    txn.commit().await?;
    Ok(())
}

/// The category whose requests go straight to its OPD: an e-Sakti death benefit is Dinas
/// Sosial's to process, with nothing for the Friday dialogue to decide.
const DIRECT_CATEGORY: &str = "santunan-kematian";

/// Demo issues: title, Markdown body, category slug, village code, hours ago.
const DEMO_ISSUES: &[(&str, &str, &str, &str, i64)] = &[
    (
        "Jalan penghubung Subah–Kalimanggis berlubang parah",
        "Sejak musim hujan, jalan sepanjang kurang lebih **2 km** berlubang dan tergenang. \
         Sepeda motor anak sekolah sering jatuh. Mohon diperbaiki sebelum tahun ajaran baru.",
        "jalan-jembatan",
        "33.25.09.2008",
        2,
    ),
    (
        "Santunan kematian ayah kami belum cair tiga bulan",
        "Berkas e-Sakti sudah kami serahkan lewat pemerintah desa pada bulan Agustus. \
         Sampai sekarang belum ada kabar. Mohon informasi prosesnya sudah sampai mana.",
        "santunan-kematian",
        "33.25.07.2005",
        20,
    ),
    (
        "Lampu penerangan jalan di Alun-alun Batang mati",
        "Empat tiang lampu di sisi timur alun-alun mati sejak dua minggu. Malam hari gelap dan rawan.",
        "penerangan-jalan",
        "33.25.11.1015",
        30,
    ),
    (
        "Sampah menumpuk di pinggir Sungai Sambong",
        "Tidak ada tempat pembuangan sementara di dekat permukiman, sehingga warga membuang sampah \
         ke pinggir sungai. Mohon disediakan TPS dan jadwal pengangkutan.",
        "sampah-lingkungan",
        "33.25.11.1018",
        50,
    ),
    (
        "Pupuk bersubsidi sulit didapat menjelang musim tanam",
        "Kios pupuk di desa kami sering kosong. Petani terpaksa membeli pupuk non-subsidi yang mahal.",
        "pertanian",
        "33.25.12.2003",
        80,
    ),
];

/// Demo accounts, one per role, with passwords printed once, and a few issues.
pub async fn demo(db: &DatabaseConnection, clock: &Clock) -> anyhow::Result<()> {
    if user_account::Entity::find().count(db).await? > 0 {
        return Ok(());
    }
    let accounts = [
        ("warga@demo.jatinan.id", "Siti Aminah", Role::Resident, None),
        (
            "operator@demo.jatinan.id",
            "Operator Kecamatan Subah",
            Role::Operator,
            None,
        ),
        (
            "sekretariat@demo.jatinan.id",
            "Sekretariat Bupati",
            Role::Secretariat,
            None,
        ),
        ("dpupr@demo.jatinan.id", "Kepala DPUPR", Role::OpdOfficer, Some("DPUPR")),
        ("admin@demo.jatinan.id", "Admin Minggon Jatinan", Role::Admin, None),
    ];
    println!("Demo accounts (these passwords are shown only now):");
    let mut resident = None;
    for (email, name, role, opd) in accounts {
        let password = random_password()?;
        let created = create_account(
            db,
            clock,
            NewAccount {
                email: email.into(),
                name: name.into(),
                role,
                opd_code: opd.map(Into::into),
                password: password.clone(),
            },
        )
        .await
        .map_err(|err| anyhow::anyhow!("demo account {email}: {err}"))?;
        println!("  {:<12} {email:<30} {password}", role.as_str());
        if role == Role::Resident {
            resident = Some(created);
        }
    }
    let Some(author) = resident else {
        return Ok(());
    };
    let txn = db.begin().await?;
    for (title, body, slug, village, hours_ago) in DEMO_ISSUES.iter().rev() {
        let Some(cat) = category::Entity::find()
            .filter(category::Column::Slug.eq(*slug))
            .one(&txn)
            .await?
        else {
            continue;
        };
        let Some(desa) = region::Entity::find()
            .filter(region::Column::Code.eq(*village))
            .one(&txn)
            .await?
        else {
            continue;
        };
        let Some(kec) = region::Entity::find()
            .filter(region::Column::Code.eq(desa.parent_code.clone().unwrap_or_default()))
            .one(&txn)
            .await?
        else {
            continue;
        };
        let at = clock.now() - TimeDelta::hours(*hours_ago);
        let created = issue::Entity::insert(issue::ActiveModel {
            title: Set((*title).into()),
            body_md: Set((*body).into()),
            body_html: Set(markdown_to_html(body)),
            category_id: Set(cat.id),
            kecamatan_id: Set(kec.id),
            desa_id: Set(desa.id),
            author_id: Set(author.id),
            status: Set(IssueStatus::Published),
            privacy: Set(app::model::issue::Privacy::Publik),
            created_at: Set(at),
            updated_at: Set(at),
            ..Default::default()
        })
        .exec(&txn)
        .await?;
        issue_history::Entity::insert(issue_history::ActiveModel {
            issue_id: Set(created.last_insert_id),
            from_status: Set(None),
            to_status: Set(IssueStatus::Published),
            actor_id: Set(Some(author.id)),
            note: Set(None),
            created_at: Set(at),
            ..Default::default()
        })
        .exec(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(())
}

pub(crate) fn random_password() -> anyhow::Result<String> {
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut bytes = [0u8; 14];
    getrandom::fill(&mut bytes).map_err(|err| anyhow::anyhow!("randomness: {err}"))?;
    Ok(bytes
        .iter()
        .map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char)
        .collect())
}
