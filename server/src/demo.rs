//! A regency in motion for `make run` on an empty database: a Friday session a few weeks
//! ago with its agenda, outcomes and minutes; the follow-ups it made, in every state (new
//! and overdue, accepted, in progress with costs, resolved and confirmed, reopened,
//! declined back to the secretariat); supports and comments; and the coming Friday with an
//! agenda taking shape and residents registered.
//!
//! Everything is done through the same commands the pages call, with a clock of its own
//! that walks from five weeks ago to now, so the demo obeys every rule the product does
//! (deadlines in working days, the state machine, who may do what) and its history and
//! mail read as they would have happened.

use anyhow::Context;
use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc, Weekday};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

use app::{
    domain::{
        AppState, Clock,
        commands::{
            self,
            accounts::{NewAccount, create_account},
            agenda::{FloorInput, OutcomeInput},
            follow_up::ActInput,
            issue::NewIssueInput,
            session::SessionInput,
        },
        entities::{agenda_item, category, dialogue_session, follow_up, issue, opd, region, user_account},
        photos,
        queries::time::wib_day,
    },
    model::{AppError, account::Role, follow_up::FollowUpAction},
};

/// Residents besides the demo resident, who support, comment and register.
const NEIGHBOURS: &[(&str, &str)] = &[
    ("budi@demo.jatinan.id", "Budi Santoso"),
    ("dewi@demo.jatinan.id", "Dewi Lestari"),
    ("agus@demo.jatinan.id", "Agus Salim"),
    ("rina@demo.jatinan.id", "Rina Wulandari"),
];

/// The issues discussed at the past session: title, text, category, desa code, and what
/// becomes of its follow-up.
const DISCUSSED: &[(&str, &str, &str, &str, Fate)] = &[
    (
        "Jembatan penghubung Dukuh Krajan di Menjangan ambrol",
        "Jembatan kayu di Dukuh Krajan ambrol setelah banjir. Anak-anak harus memutar 3 km untuk ke sekolah.",
        "jalan-jembatan",
        "33.25.09.2004",
        Fate::Confirmed,
    ),
    (
        "Jalan Desa Kaliboyo rusak berat sepanjang 800 meter",
        "Aspal mengelupas dan berlubang dalam. Truk hasil panen sering terperosok.",
        "jalan-jembatan",
        "33.25.10.2004",
        Fate::InProgress,
    ),
    (
        "Saluran drainase Pasar Warungasem tersumbat",
        "Setiap hujan air meluap ke kios-kios pasar. Pedagang merugi.",
        "jalan-jembatan",
        "33.25.12.2003",
        Fate::Reopened,
    ),
    (
        "Lampu penerangan jalan raya Karangtengah padam",
        "Sepanjang 1 km jalan raya di Karangtengah gelap sejak dua bulan. Rawan kecelakaan dan begal.",
        "penerangan-jalan",
        "33.25.09.2005",
        Fate::Overdue,
    ),
    (
        "Bantuan sosial lansia tidak tepat sasaran",
        "Beberapa lansia miskin di Sembojo tidak terdaftar, sementara warga mampu menerima.",
        "bantuan-sosial",
        "33.25.10.2002",
        Fate::Declined,
    ),
];

/// What happens to a follow-up after the session.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Fate {
    Confirmed,
    InProgress,
    Reopened,
    Overdue,
    Declined,
}

/// The Friday on or after `day`.
fn friday_from(day: NaiveDate) -> NaiveDate {
    let ahead = (7 + Weekday::Fri.num_days_from_monday() - day.weekday().num_days_from_monday()) % 7;
    day + Duration::days(i64::from(ahead))
}

/// `day` at `hour`:00 WIB, in UTC.
fn wib(day: NaiveDate, hour: u32) -> DateTime<Utc> {
    let utc = day.and_hms_opt(hour, 0, 0).unwrap_or_default() - Duration::hours(7);
    Utc.from_utc_datetime(&utc)
}

fn refused(step: &str) -> impl FnOnce(AppError) -> anyhow::Error + '_ {
    move |err| anyhow::anyhow!("demo: {step}: {err:?}")
}

/// Plays the story once, right after `seed::demo` made the demo accounts.
pub async fn story(state: &AppState) -> anyhow::Result<()> {
    if dialogue_session::Entity::find().count(&state.db).await? > 0 {
        return Ok(());
    }
    let now = state.clock.now();
    let past_friday = friday_from(wib_day(now) - Duration::days(28));
    let next_friday = friday_from(wib_day(now) + Duration::days(3));
    let clock = Clock::fixed(wib(past_friday - Duration::days(10), 9));
    let demo = AppState {
        clock: clock.clone(),
        ..state.clone()
    };
    let db = &state.db;
    let account = |email: &'static str| async move {
        user_account::Entity::find()
            .filter(user_account::Column::Email.eq(email))
            .one(db)
            .await?
            .with_context(|| format!("demo account {email}"))
    };
    let secretariat = account("sekretariat@demo.jatinan.id").await?;
    let officer = account("dpupr@demo.jatinan.id").await?;
    let mut residents = vec![account("warga@demo.jatinan.id").await?];
    for (email, name) in NEIGHBOURS {
        let password = crate::seed::random_password()?;
        let new = NewAccount {
            email: (*email).into(),
            name: (*name).into(),
            role: Role::Resident,
            opd_code: None,
            password,
        };
        residents.push(create_account(db, &clock, new).await.map_err(refused("a neighbour"))?);
    }

    // Ten days before the session: residents post; neighbours support and discuss.
    let mut posted = Vec::new();
    for (n, (title, body, slug, village, fate)) in DISCUSSED.iter().enumerate() {
        clock.set(clock.now() + Duration::hours(3));
        let author = &residents[n % residents.len()];
        let (category, kecamatan, desa) = place(db, slug, village).await?;
        let input = NewIssueInput {
            title,
            body,
            category: &category,
            kecamatan: &kecamatan,
            desa: &desa,
            confirm_new: true,
            ..NewIssueInput::default()
        };
        let created = commands::issue::create(&demo, author, input, None)
            .await
            .map_err(refused("an issue"))?;
        for (k, neighbour) in residents.iter().enumerate() {
            if neighbour.id != author.id && (k + n) % 3 != 0 {
                commands::forum::set_support(&demo, neighbour, created.id, true)
                    .await
                    .map_err(refused("a support"))?;
            }
        }
        let voice = &residents[(n + 1) % residents.len()];
        let comment = "Betul, kami di dusun sebelah juga mengalaminya. Mohon segera ditangani.";
        commands::forum::create_comment(&demo, voice, created.id, None, comment, None)
            .await
            .map_err(refused("a comment"))?;
        posted.push((created, *fate));
    }

    // A week before: the secretariat schedules the session and builds its agenda; it is
    // locked on the Thursday.
    clock.set(wib(past_friday - Duration::days(7), 10));
    let subah = region_id(db, "33.25.09").await?;
    let session = schedule(
        &demo,
        &secretariat,
        past_friday,
        "Pendopo Kecamatan Subah",
        &subah,
        "150",
    )
    .await
    .map_err(refused("the past session"))?;
    for (found, _) in &posted {
        commands::agenda::add(&demo, &secretariat, session.id, found.id)
            .await
            .map_err(refused("an agenda item"))?;
    }
    clock.set(wib(past_friday - Duration::days(1), 9));
    commands::agenda::lock(&demo, &secretariat, session.id)
        .await
        .map_err(refused("locking the agenda"))?;

    // The Friday: held, each item decided and given to DPUPR, minutes published.
    clock.set(wib(past_friday, 11));
    commands::agenda::mark_held(&demo, &secretariat, session.id)
        .await
        .map_err(refused("holding the session"))?;
    // A resident raises one more from the floor; the secretariat writes it down.
    let (category, _, desa) = place(db, "drainase-banjir", "33.25.09.2008").await?;
    let floor = FloorInput {
        title: "Talud saluran irigasi Dukuh Sidorejo ambrol",
        body: "Disampaikan Pak Tarmuji di forum: talud sepanjang 30 meter ambrol sejak banjir \
               bulan lalu, sawah 12 hektare terancam tidak terairi.",
        category: &category,
        desa: &desa,
        speaker: "Tarmuji",
    };
    commands::agenda::add_from_floor(&demo, &secretariat, session.id, floor)
        .await
        .map_err(refused("an item from the floor"))?;
    let dpupr = opd::Entity::find()
        .filter(opd::Column::Code.eq("DPUPR"))
        .one(db)
        .await?
        .context("the DPUPR")?
        .id
        .to_string();
    let items = agenda_item::Entity::find()
        .filter(agenda_item::Column::SessionId.eq(session.id))
        .order_by_asc(agenda_item::Column::Position)
        .all(db)
        .await?;
    for (n, item) in items.iter().enumerate() {
        // The overdue one was given a short deadline; the others two to three weeks.
        let fate = posted
            .iter()
            .find(|(f, _)| f.id == item.issue_id)
            .map(|(_, fate)| *fate);
        let days = if fate == Some(Fate::Overdue) {
            7
        } else {
            14 + 7 * (n as i64 % 2)
        };
        let due = (past_friday + Duration::days(days)).format("%Y-%m-%d").to_string();
        let input = OutcomeInput {
            discussed: true,
            decision: "Bupati meminta DPUPR meninjau lokasi dan menuntaskannya sebelum tenggat.",
            opds: &dpupr,
            due: &due,
        };
        commands::agenda::record_outcome(&demo, &secretariat, item.id, input)
            .await
            .map_err(refused("an outcome"))?;
    }
    clock.set(wib(past_friday, 15));
    let minutes = "Dialog Jumat di Pendopo Kecamatan Subah dihadiri 124 warga. Lima aduan dibahas \
                   dan satu lagi diangkat warga dari forum; semuanya diteruskan ke DPUPR dengan \
                   tenggat kerja.";
    commands::agenda::publish_minutes(&demo, &secretariat, session.id, "124", minutes)
        .await
        .map_err(refused("the minutes"))?;

    // The weeks after: the OPD works each follow-up to its fate; authors answer.
    for (found, fate) in &posted {
        let lead = follow_up::Entity::find()
            .filter(follow_up::Column::IssueId.eq(found.id))
            .filter(follow_up::Column::Lead.eq(true))
            .one(db)
            .await?
            .context("a follow-up")?;
        let author = residents
            .iter()
            .find(|r| r.id == found.author_id)
            .context("an author")?;
        let step = |days: i64, who: &user_account::Model, action: FollowUpAction, input: ActInput<'static>| {
            clock.set(wib(past_friday + Duration::days(days), 10));
            let (demo, who) = (demo.clone(), who.clone());
            async move { commands::follow_up::act(&demo, &who, lead.id, action, input).await }
        };
        let note = |body: &'static str| ActInput {
            body,
            ..ActInput::default()
        };
        match fate {
            Fate::Overdue => {}
            Fate::Declined => {
                let why = note("Bukan wewenang DPUPR: data penerima bantuan dikelola Dinas Sosial.");
                step(3, &officer, FollowUpAction::Decline, why)
                    .await
                    .map_err(refused("a decline"))?;
            }
            Fate::Confirmed | Fate::InProgress | Fate::Reopened => {
                step(
                    3,
                    &officer,
                    FollowUpAction::Accept,
                    note("Diterima, tim survei turun besok."),
                )
                .await
                .map_err(refused("an acceptance"))?;
                // The officer's evidence: a picture of the works, as the form would upload it.
                let photo = photos::store(&demo.config.photo_dir, site_picture(found.id as u32)?)
                    .await
                    .map_err(refused("an evidence photo"))?
                    .map_err(|code| anyhow::anyhow!("an evidence photo was refused: {code:?}"))?;
                clock.set(wib(past_friday + Duration::days(7), 10));
                let progress = ActInput {
                    body: "Material sudah di lokasi, pengerjaan berjalan.",
                    percent: "60",
                    cost: "18500000",
                    photos: &photo.hash,
                    ..ActInput::default()
                };
                commands::follow_up::act(&demo, &officer, lead.id, FollowUpAction::Progress, progress)
                    .await
                    .map_err(refused("progress"))?;
                if *fate == Fate::InProgress {
                    continue;
                }
                step(
                    12,
                    &officer,
                    FollowUpAction::Resolve,
                    note("Pekerjaan selesai dan sudah diperiksa."),
                )
                .await
                .map_err(refused("a resolution"))?;
                if *fate == Fate::Confirmed {
                    let thanks = note("Sudah bisa dilewati lagi. Terima kasih, anak-anak tidak memutar lagi.");
                    step(14, author, FollowUpAction::Confirm, thanks)
                        .await
                        .map_err(refused("a confirmation"))?;
                } else {
                    let again = note("Saat hujan kemarin air masih meluap ke kios. Mohon dicek lagi.");
                    step(14, author, FollowUpAction::Reopen, again)
                        .await
                        .map_err(refused("a reopening"))?;
                }
            }
        }
    }

    // Yesterday: the coming Friday is scheduled, its agenda is taking shape from the newest
    // issues, and residents have registered.
    clock.set(now - Duration::days(1));
    let warungasem = region_id(db, "33.25.12").await?;
    let coming = schedule(
        &demo,
        &secretariat,
        next_friday,
        "Aula Kecamatan Warungasem",
        &warungasem,
        "120",
    )
    .await
    .map_err(refused("the coming session"))?;
    let fresh = issue::Entity::find()
        .filter(issue::Column::Status.eq(app::model::issue::IssueStatus::Published))
        .order_by_desc(issue::Column::SupportCount)
        .all(db)
        .await?;
    for found in fresh.iter().take(3) {
        commands::agenda::add(&demo, &secretariat, coming.id, found.id)
            .await
            .map_err(refused("a coming agenda item"))?;
    }
    // Each from a village of Warungasem, the host kecamatan, for the attendance list.
    for (resident, village) in residents
        .iter()
        .take(3)
        .zip(["33.25.12.2003", "33.25.12.2001", "33.25.12.2005"])
    {
        let desa = region_id(db, village).await?;
        commands::session::register(&demo, resident, coming.id, &desa)
            .await
            .map_err(refused("a registration"))?;
    }
    Ok(())
}

/// A Friday session on `day` at 08:00 WIB, three hours, in `kecamatan` (also its host),
/// streamed live, with the default cutoff.
async fn schedule(
    demo: &AppState,
    secretariat: &user_account::Model,
    day: NaiveDate,
    venue: &str,
    kecamatan: &str,
    capacity: &str,
) -> Result<dialogue_session::Model, AppError> {
    let date = day.format("%Y-%m-%d").to_string();
    let input = SessionInput {
        date: &date,
        time: "08:00",
        duration: "180",
        venue,
        kecamatan,
        desa: "",
        host: kecamatan,
        capacity,
        livestream: "https://www.youtube.com/@pemkabbatang/live",
        cutoff_date: "",
        cutoff_time: "",
    };
    commands::session::create(demo, secretariat, input).await
}

/// A picture of road works for the demo's evidence (sky, verge, asphalt with a fresh patch
/// of gravel), drawn here so that the demo needs no files; `seed` varies the patch.
fn site_picture(seed: u32) -> anyhow::Result<Vec<u8>> {
    let (width, height) = (640u32, 480u32);
    let mut noise = seed.wrapping_mul(2_654_435_761).max(1);
    let patch_x = 180 + (seed * 37) % 200;
    let picture = image::RgbImage::from_fn(width, height, |x, y| {
        // A small xorshift: grain, so that it compresses like a photo and not like a chart.
        noise ^= noise << 13;
        noise ^= noise >> 17;
        noise ^= noise << 5;
        let grain = (noise % 24) as u8;
        if y < 170 {
            let fade = (y * 60 / 170) as u8;
            image::Rgb([120 + fade, 170 + fade / 2, 225])
        } else if y < 215 {
            image::Rgb([70 + grain, 120 + grain, 60])
        } else if (patch_x..patch_x + 220).contains(&x) && (300..400).contains(&y) {
            image::Rgb([150 + grain * 2, 140 + grain * 2, 120 + grain])
        } else {
            image::Rgb([85 + grain, 85 + grain, 90 + grain])
        }
    });
    let mut bytes = std::io::Cursor::new(Vec::new());
    picture.write_to(&mut bytes, image::ImageFormat::Png)?;
    Ok(bytes.into_inner())
}

/// The ids, as the form posts them, of a category and a desa with its kecamatan.
async fn place(
    db: &sea_orm::DatabaseConnection,
    slug: &str,
    village: &str,
) -> anyhow::Result<(String, String, String)> {
    let category = category::Entity::find()
        .filter(category::Column::Slug.eq(slug))
        .one(db)
        .await?
        .with_context(|| format!("category {slug}"))?;
    let desa = region::Entity::find()
        .filter(region::Column::Code.eq(village))
        .one(db)
        .await?
        .with_context(|| format!("desa {village}"))?;
    let kecamatan = region_id(db, desa.parent_code.as_deref().unwrap_or_default()).await?;
    Ok((category.id.to_string(), kecamatan, desa.id.to_string()))
}

async fn region_id(db: &sea_orm::DatabaseConnection, code: &str) -> anyhow::Result<String> {
    Ok(region::Entity::find()
        .filter(region::Column::Code.eq(code))
        .one(db)
        .await?
        .with_context(|| format!("region {code}"))?
        .id
        .to_string())
}
