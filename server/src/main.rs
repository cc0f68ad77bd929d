//! `jatinan`: serve the site (default), migrate the database, or manage accounts.

/// Rendering a page allocates many small strings and view nodes: with glibc's allocator a
/// quarter of a page's CPU went to malloc and free (perf, the issue page with 200 comments).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    jatinan_server::cli::main().await
}
