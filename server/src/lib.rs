//! The server of Minggon Jatinan: settings from environment and flags, the database
//! connection, the router (Leptos pages, server functions, health checks), the mail worker,
//! demo data and the command line.

pub mod account_data;
pub mod audit;
pub mod backup;
pub mod calendar;
pub mod cli;
pub mod db;
pub mod demo;
pub mod exports;
pub mod feed;
pub mod forms;
pub mod health;
pub mod live;
pub mod metrics;
pub mod open311;
pub mod openapi;
pub mod page_cache;
pub mod photos;
pub mod router;
pub mod security;
pub mod seed;
pub mod settings;
pub mod tidy;
pub mod unsubscribe;
pub mod whatsapp;
