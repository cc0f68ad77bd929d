//! The Friday hour as it happens: what every viewer sees (the public page, the hall's
//! projector, the broadcast overlay, the radio's text and the live events all read
//! `live`) and what the secretariat's console adds.
//!
//! Every viewer reads the public view: a `rahasia` item shows "aduan rahasia" and its
//! category, never its place, text or photos, on every screen including the console's
//! preview, because the hall's screen and the stream are public.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use crate::{
    domain::{
        entities::{
            agenda_item, dialogue_session, issue, live_poll_answer, live_speaker, session_live, session_registration,
            user_account,
        },
        error::OrInternal,
        queries::{
            self,
            agenda::{items_of, order_of},
            opds::opd_choices,
            sessions::{find, region_names},
            time::machine,
        },
        rules::access::{check_secretariat, role_of},
        views::{agenda::agenda, sessions::summary},
    },
    i18n::Locale,
    model::{
        AppError,
        account::Role,
        issue::Privacy,
        live::{
            ConsoleView, LiveItem, LiveOutcome, LiveState, LiveView, SpeakerRow, clock_text, excerpt, item_seconds,
            next_item, youtube_embed,
        },
        session::{AgendaItemView, SessionStatus},
    },
};

/// A summary this long fits the projector and a phone's first screen.
const SUMMARY_CHARS: usize = 280;
/// Photos shown of the item on the floor.
const PHOTOS_SHOWN: usize = 3;

/// What every viewer sees of session `id` now. `viewer` only decides whether the page is the
/// console (`manages`); what is shown of the items is the public's.
pub async fn live(
    db: &DatabaseConnection,
    viewer: Option<&user_account::Model>,
    locale: Locale,
    id: i32,
    now: DateTime<Utc>,
) -> Result<LiveView, AppError> {
    let session = find(db, id).await?;
    let rows = items_of(db, id).await?;
    read(db, &session, &rows, viewer, locale, now).await
}

/// `live` for a session and its agenda rows already read.
async fn read(
    db: &DatabaseConnection,
    session: &dialogue_session::Model,
    rows: &[agenda_item::Model],
    viewer: Option<&user_account::Model>,
    locale: Locale,
    now: DateTime<Utc>,
) -> Result<LiveView, AppError> {
    let id = session.id;
    if session.status == SessionStatus::Cancelled {
        return Err(AppError::NotFound);
    }
    let live = session_live::Entity::find_by_id(id)
        .one(db)
        .await
        .or_internal("reading a live session")?;
    let names = region_names(db, std::slice::from_ref(session)).await?;
    let items = agenda(db, session, locale, false).await?;
    let spent: HashMap<i32, i32> = rows.iter().map(|r| (r.id, r.spent_seconds)).collect();
    let order = order_of(rows);
    let number = |item: i32| order.iter().position(|&i| i == item).map_or(0, |p| p + 1);
    let by_id: HashMap<i32, &AgendaItemView> = items.iter().map(|i| (i.id, i)).collect();
    let current_id = live.as_ref().and_then(|l| l.current_item_id);
    let running = live
        .as_ref()
        .filter(|l| l.state == LiveState::Live)
        .and_then(|l| l.item_since);
    let current = match current_id.and_then(|c| by_id.get(&c)) {
        Some(item) => {
            let mut shown = live_item(
                item,
                number(item.id),
                spent.get(&item.id).copied().unwrap_or(0),
                running,
                now,
            );
            fill_issue(db, item, &mut shown).await?;
            Some(shown)
        }
        None => None,
    };
    let decided: Vec<i32> = items.iter().filter(|i| i.discussed.is_some()).map(|i| i.id).collect();
    let ended = live.as_ref().is_some_and(|l| l.state == LiveState::Ended);
    let next = next_item(&order, current_id, &decided)
        .filter(|_| !ended)
        .and_then(|n| by_id.get(&n))
        .map(|item| {
            live_item(
                item,
                number(item.id),
                spent.get(&item.id).copied().unwrap_or(0),
                None,
                now,
            )
        });
    let mut done: Vec<LiveOutcome> = items
        .iter()
        .filter_map(|item| {
            Some(LiveOutcome {
                number: number(item.id),
                title: item.title.clone(),
                discussed: item.discussed?,
                decision_html: item.decision_html.clone(),
                opds: item.follow_ups.iter().map(|(opd, _)| opd.clone()).collect(),
            })
        })
        .collect();
    done.sort_by_key(|d| d.number);
    let embed = session.livestream_url.as_deref().and_then(youtube_embed);
    let poll = queries::polls::latest(db, id).await?;
    let resident = viewer.filter(|v| role_of(v) == Role::Resident && v.email_verified_at.is_some());
    let my_answer = match (resident, &poll) {
        (Some(v), Some(p)) => live_poll_answer::Entity::find_by_id((p.id, v.id))
            .one(db)
            .await
            .or_internal("reading an answer")?
            .and_then(|a| usize::try_from(a.choice).ok()),
        _ => None,
    };
    Ok(LiveView {
        resident: resident.is_some(),
        my_answer,
        poll,
        summary: summary(session, &names, locale),
        host: session
            .host_kecamatan_id
            .and_then(|id| names.get(&id).cloned())
            .unwrap_or_default(),
        state: live.as_ref().map(|l| l.state),
        seq: live.as_ref().map_or(0, |l| l.seq),
        now: machine(now),
        current,
        next,
        done,
        total: items.len(),
        livestream_url: session.livestream_url.clone().filter(|_| embed.is_none()),
        embed,
        manages: viewer.is_some_and(|v| role_of(v).moderates()),
    })
}

/// The console: the live view and what only the secretariat works with.
pub async fn console(
    db: &DatabaseConnection,
    user: &user_account::Model,
    locale: Locale,
    id: i32,
    now: DateTime<Utc>,
) -> Result<ConsoleView, AppError> {
    check_secretariat(user)?;
    let session = find(db, id).await?;
    let rows = items_of(db, id).await?;
    let live = read(db, &session, &rows, Some(user), locale, now).await?;
    let order = order_of(&rows);
    // The console names every item in full: it is the secretariat's own screen.
    let full = agenda(db, &session, locale, true).await?;
    let by_id: HashMap<i32, &AgendaItemView> = full.iter().map(|i| (i.id, i)).collect();
    let items = order
        .iter()
        .enumerate()
        .filter_map(|(n, id)| by_id.get(id).map(|i| (i.id, format!("{}. {}", n + 1, i.title))))
        .collect();
    let current_id = live.current.as_ref().map(|c| c.id);
    let notes = rows
        .iter()
        .find(|r| Some(r.id) == current_id)
        .and_then(|r| r.notes_md.clone())
        .unwrap_or_default();
    let queued = live_speaker::Entity::find()
        .filter(live_speaker::Column::SessionId.eq(id))
        .order_by_asc(live_speaker::Column::Position)
        .all(db)
        .await
        .or_internal("reading the speaker queue")?;
    let registrations = session_registration::Entity::find()
        .filter(session_registration::Column::SessionId.eq(id))
        .order_by_asc(session_registration::Column::Id)
        .all(db)
        .await
        .or_internal("reading registrants")?;
    let holders: HashMap<i32, String> = user_account::Entity::find()
        .filter(user_account::Column::Id.is_in(registrations.iter().map(|r| r.user_id)))
        .all(db)
        .await
        .or_internal("reading registrants' names")?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    let registrants = registrations
        .iter()
        .filter(|r| !queued.iter().any(|q| q.registration_id == Some(r.id)))
        .filter_map(|r| holders.get(&r.user_id).map(|name| (r.id, name.clone())))
        .collect();
    let speakers = queued
        .into_iter()
        .map(|s| SpeakerRow {
            id: s.id,
            name: s.name,
            registered: s.registration_id.is_some(),
            called: s.called_at.is_some(),
            spoken: s.spoken_at.is_some(),
        })
        .collect();
    let held = session.status == SessionStatus::Held;
    Ok(ConsoleView {
        current_item: current_id.and_then(|c| by_id.get(&c).map(|i| (*i).clone())),
        opds: if held { opd_choices(db).await? } else { Vec::new() },
        held,
        minutes_drafted: held
            && live.state == Some(LiveState::Ended)
            && session.minutes_md.as_deref().is_some_and(|m| !m.trim().is_empty()),
        live,
        items,
        notes,
        speakers,
        registrants,
    })
}

/// The live hour in plain text for the radio announcer: the state, the item on the floor
/// with its time, what comes next and the outcomes so far.
pub async fn text(db: &DatabaseConnection, locale: Locale, id: i32, now: DateTime<Utc>) -> Result<String, AppError> {
    let view = live(db, None, locale, id, now).await?;
    let t = locale.texts();
    let mut out = format!(
        "{}\n{}, {}\n{}: {}\n",
        t.site_name,
        view.summary.when_wib,
        view.summary.venue,
        t.live_title,
        (t.live_state)(view.state)
    );
    let place = |p: &str| if p.is_empty() { String::new() } else { format!(" ({p})") };
    match &view.current {
        Some(item) => {
            out.push_str(&format!(
                "\n{} — {}:\n{}{}\n{} {} {}\n",
                t.live_now,
                (t.live_item_of)(item.number, view.total),
                item.title,
                place(&item.place),
                t.live_time,
                clock_text(item.seconds),
                (t.live_time_box)(item.slot_minutes),
            ));
            if !item.summary.is_empty() {
                out.push_str(&format!("{}\n", item.summary));
            }
        }
        None if view.state.is_some() => out.push_str(&format!("\n{}\n", t.live_no_item)),
        None => {}
    }
    if let Some(poll) = &view.poll {
        let state = if poll.open {
            t.poll_state_open
        } else {
            t.poll_state_closed
        };
        out.push_str(&format!(
            "\n{}: {}\n{} ({state}, {})\n",
            t.poll_title,
            poll.question,
            poll.counts(", "),
            (t.poll_answers)(poll.total)
        ));
    }
    if let Some(next) = &view.next {
        out.push_str(&format!("\n{}: {}{}\n", t.live_next, next.title, place(&next.place)));
    }
    if !view.done.is_empty() {
        out.push_str(&format!("\n{}:\n", t.live_so_far));
        for d in &view.done {
            let outcome = if d.discussed {
                t.outcome_discussed
            } else {
                t.outcome_not_reached
            };
            let opds = if d.opds.is_empty() {
                String::new()
            } else {
                format!(" — {}", d.opds.join(", "))
            };
            out.push_str(&format!("{}. {}: {outcome}{opds}\n", d.number, d.title));
        }
    }
    Ok(out)
}

fn live_item(
    item: &AgendaItemView,
    number: usize,
    spent: i32,
    running: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> LiveItem {
    let seconds = item_seconds(spent, running, now);
    LiveItem {
        id: item.id,
        issue_id: item.issue_id,
        number,
        title: item.title.clone(),
        place: item.place.clone(),
        kecamatan: item.place.rsplit(", ").next().unwrap_or_default().to_owned(),
        confidential: item.confidential,
        from_floor: item.from_floor,
        summary: String::new(),
        photos: Vec::new(),
        slot_minutes: item.slot_minutes,
        seconds,
        running_from: running.map(|_| machine(now - chrono::Duration::seconds(seconds))),
    }
}

/// The summary and photos of a public item on the floor.
async fn fill_issue(db: &DatabaseConnection, item: &AgendaItemView, shown: &mut LiveItem) -> Result<(), AppError> {
    if item.issue_id == 0 {
        return Ok(());
    }
    let Some(found) = issue::Entity::find_by_id(item.issue_id)
        .one(db)
        .await
        .or_internal("reading an issue")?
        .filter(|i| i.privacy != Privacy::Rahasia && i.hidden_at.is_none())
    else {
        return Ok(());
    };
    shown.summary = excerpt(&found.body_md, SUMMARY_CHARS);
    shown.photos = queries::photos::of_issue(db, found.id).await?;
    shown.photos.truncate(PHOTOS_SHOWN);
    Ok(())
}
