//! Mail operations: every message carries Date, Message-ID and Reply-To; the admin sees
//! failed messages with their last error and sends them again; `jatinan mail test` says
//! whether the SMTP server took a message.

use app::{
    model::account::Role,
    server::{
        entities::outbox,
        mail::{self, Email},
    },
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};

use crate::{
    on_both_databases,
    support::{Db, SmtpSink, TestApp},
};

on_both_databases!(
    messages_carry_date_message_id_and_reply_to,
    the_admin_sees_failed_mail_and_sends_it_again,
);

async fn messages_carry_date_message_id_and_reply_to(db: Db) {
    let app = TestApp::start(db).await;
    app.register_and_verify("Siti", "siti@warga.test", "kata sandi siti")
        .await;
    let mail = app.smtp.wait_for("siti@warga.test", 1).await;
    let parsed = mail[0].parsed();
    assert!(parsed.date().is_some(), "Date");
    assert!(parsed.message_id().is_some_and(|id| id.contains('@')), "Message-ID");
    let reply_to = parsed
        .reply_to()
        .and_then(|r| r.first())
        .and_then(|a| a.address())
        .map(str::to_owned);
    assert_eq!(reply_to.as_deref(), Some("sekretariat@jatinan.test"));
    app.cleanup().await;
}

async fn the_admin_sees_failed_mail_and_sends_it_again(db: Db) {
    let app = TestApp::start(db).await;
    let now = app.state.clock.now();
    mail::enqueue(
        &app.state.db,
        now + chrono::TimeDelta::days(1),
        Email {
            key: "uji-gagal".into(),
            to: "gagal@warga.test".into(),
            subject: "Pesan yang sempat gagal".into(),
            text: "Halo".into(),
            html: "<p>Halo</p>".into(),
            ics: None,
        },
    )
    .await
    .unwrap();
    outbox::Entity::update_many()
        .col_expr(outbox::Column::Status, Expr::value(outbox::FAILED))
        .col_expr(outbox::Column::Attempts, Expr::value(12))
        .col_expr(
            outbox::Column::LastError,
            Expr::value(Some("550 mailbox unavailable".to_owned())),
        )
        .filter(outbox::Column::IdempotencyKey.eq("uji-gagal"))
        .exec(&app.state.db)
        .await
        .unwrap();
    let id = outbox::Entity::find()
        .filter(outbox::Column::IdempotencyKey.eq("uji-gagal"))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .id
        .to_string();

    app.create_account("sekretariat@staf.test", Role::Secretariat, None)
        .await;
    app.sign_in("sekretariat@staf.test", "kata sandi staf").await;
    assert_eq!(app.get("/admin/outbox").await.0, 403);
    assert_eq!(
        app.post_form("/admin/outbox", "/api/admin/outbox/retry", &[("id", &id)])
            .await
            .0,
        403
    );

    app.create_account("admin@staf.test", Role::Admin, None).await;
    app.sign_in("admin@staf.test", "kata sandi staf").await;
    let (status, page) = app.get("/admin/outbox").await;
    assert_eq!(status, 200);
    assert!(page.contains("550 mailbox unavailable") && page.contains("Pesan yang sempat gagal"));
    let (status, location, _) = app
        .post_form("/admin/outbox", "/api/admin/outbox/retry", &[("id", &id)])
        .await;
    assert_eq!((status, location.as_deref()), (303, Some("/admin/outbox?saved=1")));
    let arrived = app.smtp.wait_for("gagal@warga.test", 1).await;
    assert_eq!(arrived[0].subject(), "Pesan yang sempat gagal");
    assert_eq!(
        app.post_form("/admin/outbox", "/api/admin/outbox/retry", &[("id", &id)])
            .await
            .0,
        404,
        "only a failed message is sent again"
    );
    app.cleanup().await;
}

/// `jatinan mail test --to` sends through SMTP_URL and says so; a dead server is reported.
#[tokio::test]
async fn the_mail_test_command_reports_what_the_server_said() {
    let sink = SmtpSink::start().await;
    let bin = env!("CARGO_BIN_EXE_jatinan");
    let dir = std::env::temp_dir().join(format!("jatinan_mailtest_{}", std::process::id()));
    let run = |smtp: String| {
        let dir = dir.clone();
        async move {
            tokio::process::Command::new(bin)
                .args(["mail", "test", "--to", "uji@warga.test"])
                .env("SMTP_URL", smtp)
                .env("DATA_DIR", dir)
                .env("RUST_LOG", "warn")
                .output()
                .await
                .unwrap()
        }
    };
    let ok = run(sink.url()).await;
    assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));
    assert!(String::from_utf8_lossy(&ok.stdout).contains("sent to uji@warga.test via SMTP"));
    let received = sink.wait_for("uji@warga.test", 1).await;
    assert!(received[0].subject().contains("pesan uji"));

    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let down = run(format!("smtp://127.0.0.1:{closed}")).await;
    assert!(!down.status.success());
    assert!(
        String::from_utf8_lossy(&down.stderr).contains("not sent"),
        "{}",
        String::from_utf8_lossy(&down.stderr)
    );
    std::fs::remove_dir_all(&dir).ok();
}
