//! The database schema of Minggon Jatinan as sea-orm migrations. Every migration is written
//! once against sea-query so that the same steps run on SQLite and PostgreSQL. An applied
//! migration is never edited: change the schema with a new one.

pub use sea_orm_migration::prelude::*;

mod m20261128_000001_create_core_tables;
mod m20261129_000001_create_forum_tables;
mod m20261129_000002_add_issue_search;
mod m20261129_000003_create_issue_revision;
mod m20261129_000004_add_assisted_intake;
mod m20261129_000005_add_place_and_photos;
mod m20261129_000006_create_moderation;
mod m20261129_000007_create_sessions;
mod m20261129_000008_create_agenda;
mod m20261129_000009_create_mail_preferences;
mod m20261129_000010_create_follow_up_work;
mod m20261129_000011_add_evidence_and_programme;
mod m20261129_000012_add_opd_contact;
mod m20261129_000013_create_api_keys;
mod m20261129_000014_add_filtered_sort_indexes;
mod m20261129_000015_create_audit_log;
mod m20261129_000016_create_two_factor;
mod m20261129_000017_add_search_prefix_index;
mod m20261207_000001_add_desk_columns;
mod m20261207_000002_add_holiday_provisional;
mod m20261208_000001_create_setting;
mod m20261209_000001_create_session_live;
mod m20261209_000002_create_live_poll;
mod m20261214_000001_create_whatsapp;
mod m20261214_000002_add_email_token_address;
mod m20261221_000001_create_form_submission;
mod m20261228_000001_create_push_subscription;
mod m20261228_000002_create_rate_count;

/// Runs the migrations in order; used by `jatinan migrate`, the server at start and tests.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261128_000001_create_core_tables::Migration),
            Box::new(m20261129_000001_create_forum_tables::Migration),
            Box::new(m20261129_000002_add_issue_search::Migration),
            Box::new(m20261129_000003_create_issue_revision::Migration),
            Box::new(m20261129_000004_add_assisted_intake::Migration),
            Box::new(m20261129_000005_add_place_and_photos::Migration),
            Box::new(m20261129_000006_create_moderation::Migration),
            Box::new(m20261129_000007_create_sessions::Migration),
            Box::new(m20261129_000008_create_agenda::Migration),
            Box::new(m20261129_000009_create_mail_preferences::Migration),
            Box::new(m20261129_000010_create_follow_up_work::Migration),
            Box::new(m20261129_000011_add_evidence_and_programme::Migration),
            Box::new(m20261129_000012_add_opd_contact::Migration),
            Box::new(m20261129_000013_create_api_keys::Migration),
            Box::new(m20261129_000014_add_filtered_sort_indexes::Migration),
            Box::new(m20261129_000015_create_audit_log::Migration),
            Box::new(m20261129_000016_create_two_factor::Migration),
            Box::new(m20261129_000017_add_search_prefix_index::Migration),
            Box::new(m20261207_000001_add_desk_columns::Migration),
            Box::new(m20261207_000002_add_holiday_provisional::Migration),
            Box::new(m20261208_000001_create_setting::Migration),
            Box::new(m20261209_000001_create_session_live::Migration),
            Box::new(m20261209_000002_create_live_poll::Migration),
            Box::new(m20261214_000001_create_whatsapp::Migration),
            Box::new(m20261214_000002_add_email_token_address::Migration),
            Box::new(m20261221_000001_create_form_submission::Migration),
            Box::new(m20261228_000001_create_push_subscription::Migration),
            Box::new(m20261228_000002_create_rate_count::Migration),
        ]
    }
}
