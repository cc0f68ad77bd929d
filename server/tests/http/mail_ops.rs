//! Mail operations: every message carries Date, Message-ID and Reply-To; the admin sees
//! failed messages with their last error and sends them again. (`jatinan mail test` is
//! tested with the other commands, in `tests/commands.rs`.)

use app::{
    domain::{
        entities::outbox,
        mail::{self, Email},
    },
    model::account::Role,
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};

use crate::{
    on_both_databases,
    support::{Db, TestApp},
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
            unsubscribe: None,
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
