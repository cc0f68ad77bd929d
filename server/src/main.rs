//! `jatinan`: serve the site (default), migrate the database, or manage accounts.

#[tokio::main]
async fn main() -> std::process::ExitCode {
    jatinan_server::cli::main().await
}
