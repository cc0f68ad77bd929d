//! Fills a database with many issues and one long discussion, to time the pages at scale:
//!
//! ```sh
//! DATABASE_URL=sqlite://bench/jatinan.db cargo run --release -p server --example bulk_seed -- 100000 200
//! ```
//!
//! Prints the number of the issue that carries the comments. Run it on an empty database.

use std::env;

use chrono::{TimeDelta, Utc};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, TransactionTrait};

use app::model::account::Role;
use app::server::{
    Clock,
    entities::{category, comment, issue, region},
    services::accounts::{self, NewAccount},
};
use jatinan_server::{db, seed};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let url = env::var("DATABASE_URL").unwrap_or_else(|_| "sqlite://bench/jatinan.db".into());
    let mut args = env::args().skip(1);
    let issues: i32 = args.next().map(|a| a.parse()).transpose()?.unwrap_or(100_000);
    let comments: i32 = args.next().map(|a| a.parse()).transpose()?.unwrap_or(200);
    let db = db::connect(&url).await?;
    db::migrate(&db).await?;
    seed::reference_data(&db).await?;
    let clock = Clock::default();
    let author = accounts::create_account(
        &db,
        &clock,
        NewAccount {
            email: format!("bulk-{}@bench.test", Utc::now().timestamp()),
            name: "Warga Uji Beban".into(),
            role: Role::Resident,
            opd_code: None,
            password: "kata sandi beban".into(),
        },
    )
    .await
    .map_err(|err| anyhow::anyhow!("account: {err}"))?;
    let categories: Vec<i32> = category::Entity::find().all(&db).await?.iter().map(|c| c.id).collect();
    let villages: Vec<(i32, i32)> = {
        let all = region::Entity::find().all(&db).await?;
        all.iter()
            .filter(|r| r.kind != "kecamatan")
            .filter_map(|v| {
                let parent = all.iter().find(|k| Some(&k.code) == v.parent_code.as_ref())?;
                Some((parent.id, v.id))
            })
            .collect()
    };
    let words = [
        "jalan",
        "rusak",
        "lampu",
        "mati",
        "air",
        "bersih",
        "sampah",
        "banjir",
        "jembatan",
        "sekolah",
        "puskesmas",
        "irigasi",
        "sawah",
        "pasar",
        "drainase",
        "longsor",
        "listrik",
        "sinyal",
        "bantuan",
        "pupuk",
    ];
    let start = Utc::now() - TimeDelta::days(365);
    let mut last = 0;
    for batch in 0..(issues + 999) / 1000 {
        let txn = db.begin().await?;
        let rows = (0..1000.min(issues - batch * 1000)).map(|n| {
            let i = batch * 1000 + n;
            let pick = |k: i32| words[((i * 7 + k * 13) % words.len() as i32) as usize];
            let (kecamatan, desa) = villages[(i as usize * 31) % villages.len()];
            let at = start + TimeDelta::seconds(i64::from(i) * 300);
            let body = format!(
                "Warga melaporkan {} {} di dekat {} sejak beberapa minggu. Mohon segera ditangani.",
                pick(1),
                pick(2),
                pick(3)
            );
            issue::ActiveModel {
                title: Set(format!("{} {} nomor {i}", pick(4), pick(5))),
                body_html: Set(format!("<p>{body}</p>")),
                body_md: Set(body),
                category_id: Set(categories[i as usize % categories.len()]),
                kecamatan_id: Set(kecamatan),
                desa_id: Set(desa),
                author_id: Set(author.id),
                status: Set("published".into()),
                privacy: Set(if i % 10 == 0 { "anonim" } else { "publik" }.into()),
                created_at: Set(at),
                updated_at: Set(at),
                support_count: Set(i % 97),
                comment_count: Set(i % 13),
                flag_count: Set(0),
                ..Default::default()
            }
        });
        issue::Entity::insert_many(rows).exec_without_returning(&txn).await?;
        txn.commit().await?;
        last = (batch + 1) * 1000;
        if batch % 10 == 9 {
            eprintln!("{last} issues");
        }
    }
    let target = issue::Entity::find()
        .filter(issue::Column::AuthorId.eq(author.id))
        .all(&db)
        .await?
        .into_iter()
        .map(|i| i.id)
        .max()
        .unwrap_or(last);
    let txn = db.begin().await?;
    let now = Utc::now();
    let rows = (0..comments).map(|n| {
        let body = format!(
            "Komentar nomor {n}: kami di RT {} juga mengalami hal yang sama.",
            n % 9 + 1
        );
        comment::ActiveModel {
            issue_id: Set(target),
            author_id: Set(author.id),
            parent_id: Set(None),
            body_html: Set(format!("<p>{body}</p>")),
            body_md: Set(body),
            created_at: Set(now - TimeDelta::minutes(i64::from(comments - n))),
            flag_count: Set(0),
            ..Default::default()
        }
    });
    comment::Entity::insert_many(rows).exec_without_returning(&txn).await?;
    issue::Entity::update_many()
        .col_expr(issue::Column::CommentCount, comments.into())
        .filter(issue::Column::Id.eq(target))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    println!("{target}");
    Ok(())
}
