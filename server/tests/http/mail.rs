//! The outbox: a message queued while the SMTP server is down waits with backoff and
//! arrives exactly once when the server is back; one cause queues one message.

use app::domain::{
    Clock,
    entities::outbox,
    mail::{
        self, Mailer,
        worker::{WorkerConfig, deliver_due},
    },
};
use chrono::{SubsecRound, TimeDelta};
use sea_orm::{EntityTrait, PaginatorTrait};

use crate::{
    on_both_databases,
    support::{Db, TestApp, message},
};

on_both_databases!(mail_waits_while_smtp_is_down_and_arrives_once_when_it_is_back);

async fn mail_waits_while_smtp_is_down_and_arrives_once_when_it_is_back(db: Db) {
    let app = TestApp::start(db).await;
    // Queued a day ahead, so that only this test's own rounds (with a fixed clock) see it.
    let at = (app.state.clock.now() + TimeDelta::days(1)).trunc_subsecs(0);
    let clock = Clock::fixed(at);
    mail::enqueue(&app.state.db, at, message("test:down", "siti@warga.test"))
        .await
        .unwrap();
    mail::enqueue(&app.state.db, at, message("test:down", "siti@warga.test"))
        .await
        .unwrap();
    assert_eq!(
        outbox::Entity::find().count(&app.state.db).await.unwrap(),
        1,
        "one cause, one message"
    );

    let closed_port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let down = Mailer::smtp(&format!("smtp://127.0.0.1:{closed_port}")).unwrap();
    let up = Mailer::smtp(&app.smtp.url()).unwrap();
    let from = "Minggon Jatinan <noreply@jatinan.test>".parse().unwrap();
    let config = WorkerConfig::default();

    assert_eq!(
        deliver_due(&app.state.db, &down, &from, &clock, &config).await.unwrap(),
        0
    );
    let row = outbox::Entity::find().one(&app.state.db).await.unwrap().unwrap();
    assert_eq!((row.status, row.attempts), (outbox::PENDING, 1));
    assert!(row.last_error.is_some());
    assert_eq!(
        row.next_attempt_at,
        at + TimeDelta::seconds(30),
        "retried after the backoff"
    );

    // Not yet due: nothing is sent even though the server is back.
    assert_eq!(
        deliver_due(&app.state.db, &up, &from, &clock, &config).await.unwrap(),
        0
    );
    clock.set(at + TimeDelta::seconds(31));
    assert_eq!(
        deliver_due(&app.state.db, &up, &from, &clock, &config).await.unwrap(),
        1
    );
    assert_eq!(
        deliver_due(&app.state.db, &up, &from, &clock, &config).await.unwrap(),
        0
    );
    let received = app.smtp.wait_for("siti@warga.test", 1).await;
    assert_eq!(received.len(), 1, "exactly once");
    assert_eq!(received[0].subject(), "Uji test:down");
    let raw = String::from_utf8_lossy(&received[0].raw).to_string();
    assert!(raw.contains("Message-ID: <") && raw.contains("\r\nDate: "), "{raw}");
    let row = outbox::Entity::find().one(&app.state.db).await.unwrap().unwrap();
    assert_eq!(row.status, outbox::SENT);
    app.cleanup().await;
}
