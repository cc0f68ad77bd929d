//! A small command line for the migrations alone: `migrations up|down|status`, reading
//! `DATABASE_URL`. The server's `jatinan migrate` does the same for day-to-day use.

use migrations::Migrator;
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::Database;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let url = std::env::var("DATABASE_URL").unwrap_or_else(|_| "sqlite://data/jatinan.db?mode=rwc".into());
    let verb = std::env::args().nth(1).unwrap_or_else(|| "up".into());
    let result = async {
        let db = Database::connect(&url).await?;
        match verb.as_str() {
            "up" => Migrator::up(&db, None).await,
            "down" => Migrator::down(&db, Some(1)).await,
            "status" => Migrator::status(&db).await,
            other => Err(DbErr::Custom(format!(
                "unknown command {other}: use up, down or status"
            ))),
        }
    }
    .await;
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("migrations: {err}");
            std::process::ExitCode::FAILURE
        }
    }
}
