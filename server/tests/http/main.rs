//! Integration tests over HTTP: the real router on a free port, a fresh database per test
//! (SQLite, and PostgreSQL when `TEST_DATABASE_URL` is set), real SMTP on loopback.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test fails loudly on the first surprise"
)]

mod support;

mod account;
mod accounts;
mod admin;
mod agenda;
mod arguments;
mod costs;
mod demo;
mod desks;
mod follow_up;
mod forum;
mod inbox;
mod issue_flow;
mod issues;
mod jobs;
mod live;
mod mail;
mod mail_ops;
mod moderation;
mod notifications;
mod open311;
mod pages;
mod photos;
mod push;
mod safety;
mod search;
mod security;
mod sessions;
mod settings;
mod whatsapp;
