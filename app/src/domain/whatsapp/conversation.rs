//! A resident's messages, one at a time: a report by conversation (title, category, desa,
//! description, photos, location, privacy, a summary to confirm, then the issue through
//! the same `commands::issue::insert_in` as the web form), and the commands around it
//! ("status 12", "dukung 12", "ikuti 12", "batal", "berhenti", "mulai", "bantuan",
//! "english"). Each event's effects (the conversation's step, an issue, a support) and its
//! replies are written with the event marked processed in one transaction.
//! Longer than 400 lines: one step per question, each short; split, they would pass the
//! same conversation back and forth between files.

use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait,
    IntoActiveModel, PaginatorTrait, QueryFilter,
};
use serde_json::Value;

use crate::domain::{
    AppState, commands,
    entities::{issue, user_account, wa_contact, wa_event},
    error::{OrInternal, write_txn},
    limits::Action,
    mail::{
        enqueue_whatsapp, has_mailbox,
        whatsapp::{self as outbound, STOP_KEY},
    },
    photos,
    queries::reference::Reference,
    queries::time::format_wib,
    rules::access::visible_issue,
    views::issues::similar,
    whatsapp::{Graph, webhook::mark_processed},
};
use crate::i18n::{Locale, Texts};
use crate::model::{
    AppError,
    follow_up::FollowUpAction,
    issue::{IssueFormOptions, PHOTO_MAX_COUNT, Privacy, parse_body, parse_point, parse_title},
    whatsapp::{Draft, PlaceMatch, Said, Step, last_four, match_place, numbered, read},
};

/// A conversation left this long without an answer starts again.
pub const IDLE: TimeDelta = TimeDelta::days(1);

/// Similar issues offered before posting.
const SIMILAR_OFFERED: usize = 3;

/// An account made by WhatsApp posts one report in this time after it was made: a flood of
/// pranks from fresh numbers (as "Lapor Mas Wapres" had) costs a day per number.
pub const FIRST_REPORT_COOL_DOWN: TimeDelta = TimeDelta::days(1);

/// What a message holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Content {
    Text(String),
    /// A row of an interactive list, by its number.
    Choice(usize),
    Image(String),
    Location(f64, f64),
    /// Voice, video, stickers, documents: not read.
    Other,
}

/// Reads a stored message event.
pub fn content_of(message: &Value) -> Content {
    match message["type"].as_str() {
        Some("text") => Content::Text(message["text"]["body"].as_str().unwrap_or_default().to_owned()),
        Some("interactive") => {
            let reply = &message["interactive"];
            let id = reply["list_reply"]["id"]
                .as_str()
                .or_else(|| reply["button_reply"]["id"].as_str())
                .unwrap_or_default();
            match id.strip_prefix("n:").and_then(|n| n.parse().ok()) {
                Some(n) => Content::Choice(n),
                None => Content::Other,
            }
        }
        Some("button") => Content::Text(message["button"]["text"].as_str().unwrap_or_default().to_owned()),
        Some("image") => Content::Image(message["image"]["id"].as_str().unwrap_or_default().to_owned()),
        Some("location") => match (
            message["location"]["latitude"].as_f64(),
            message["location"]["longitude"].as_f64(),
        ) {
            (Some(lat), Some(lon)) => Content::Location(lat, lon),
            _ => Content::Other,
        },
        _ => Content::Other,
    }
}

/// Processes one message event.
pub async fn handle(state: &AppState, graph: &Graph, event: &wa_event::Model) -> Result<(), AppError> {
    let now = state.clock.now();
    let message: Value = serde_json::from_str(&event.payload).unwrap_or(Value::Null);
    let content = content_of(&message);
    // A photo is fetched and stored before the transaction: network and disk only (the
    // same re-encoding as the web's, which drops EXIF and location from the file).
    let waiting_for_photos = wa_contact::Entity::find_by_id(event.phone.clone())
        .one(&state.db)
        .await
        .or_internal("reading a WhatsApp contact")?
        .is_some_and(|c| c.step == Some(Step::Photos));
    let photo = match &content {
        Content::Image(id) if waiting_for_photos => Some(fetch_photo(state, graph, id).await?),
        _ => None,
    };
    let names = state.reference.get(&state.db).await?;
    // Beyond its hourly allowance a number is read by nobody (and answered by nothing).
    let flooding = state.limiter.check_number(&event.phone).await.is_err();
    let txn = write_txn(&state.db).await?;
    let contact = contact_for(&txn, event, &message, now).await?;
    if contact.blocked_at.is_some() || flooding {
        if flooding {
            tracing::warn!(
                id = event.id,
                "a WhatsApp number sent more than its allowance; left unread"
            );
        }
        if mark_processed(&txn, event, now).await? {
            txn.commit().await.or_internal("committing a blocked message")?;
        }
        return Ok(());
    }
    let draft: Draft = contact
        .draft
        .as_deref()
        .and_then(|d| serde_json::from_str(d).ok())
        .unwrap_or_default();
    let mut talk = Talk {
        state,
        names: &names,
        event_id: event.id,
        now,
        replies: Vec::new(),
        draft,
        created: None,
        contact,
    };
    talk.respond(&txn, content, photo).await?;
    talk.save(&txn).await?;
    if !mark_processed(&txn, event, now).await? {
        // Another worker processed it meanwhile: this one's writes are rolled back.
        return Ok(());
    }
    txn.commit().await.or_internal("committing a WhatsApp message")?;
    if talk.created.is_some() {
        state.mail_bell.notify_one();
    }
    state.whatsapp_out_bell.notify_one();
    Ok(())
}

/// Downloads and stores a photo; `Err` inside for one that cannot be read or stored.
async fn fetch_photo(state: &AppState, graph: &Graph, media_id: &str) -> Result<Result<String, ()>, AppError> {
    let bytes = match graph.media(media_id).await {
        Ok(bytes) => bytes,
        Err(error) => {
            tracing::warn!(%error, "a WhatsApp photo could not be fetched");
            return Ok(Err(()));
        }
    };
    Ok(photos::store(&state.config.photo_dir, bytes)
        .await?
        .map(|stored| stored.hash)
        .map_err(|_| ()))
}

/// The number's contact row, made on its first message; its last message is now.
async fn contact_for(
    txn: &DatabaseTransaction,
    event: &wa_event::Model,
    message: &Value,
    now: DateTime<Utc>,
) -> Result<wa_contact::Model, AppError> {
    let profile = message["_profile_name"]
        .as_str()
        .map(|n| n.trim().chars().take(100).collect::<String>())
        .filter(|n| !n.is_empty());
    let found = wa_contact::Entity::find_by_id(event.phone.clone())
        .one(txn)
        .await
        .or_internal("reading a WhatsApp contact")?;
    match found {
        Some(contact) => {
            let mut active = contact.into_active_model();
            active.last_inbound_at = Set(Some(now));
            if let Some(name) = profile {
                active.name = Set(name);
            }
            active.update(txn).await.or_internal("updating a WhatsApp contact")
        }
        None => wa_contact::fresh(
            event.phone.clone(),
            None,
            profile.unwrap_or_default(),
            Locale::Id,
            Some(now),
            now,
        )
        .insert(txn)
        .await
        .or_internal("adding a WhatsApp contact"),
    }
}

/// One event's conversation: the contact as it becomes, and the replies to send.
struct Talk<'a> {
    state: &'a AppState,
    names: &'a Reference,
    event_id: i32,
    now: DateTime<Utc>,
    contact: wa_contact::Model,
    draft: Draft,
    replies: Vec<Value>,
    /// An issue this message posted or moved (the mail bell is rung after the commit).
    created: Option<i32>,
}

impl Talk<'_> {
    fn texts(&self) -> &'static Texts {
        self.contact.locale.texts()
    }

    fn options(&self) -> IssueFormOptions {
        self.names.form_options(self.contact.locale)
    }

    fn say(&mut self, text: impl AsRef<str>) {
        self.replies.push(outbound::text(&self.contact.phone, text.as_ref()));
    }

    /// A question with numbered choices: a list where WhatsApp's limits allow, else text.
    fn ask_choice(&mut self, question: &str, names: &[String]) {
        let button = self.texts().wa.list_button;
        match outbound::list(&self.contact.phone, question, button, names) {
            Some(list) => self.replies.push(list),
            None => {
                let text = format!("{question}\n{}", numbered(names.iter().map(String::as_str)));
                self.say(text);
            }
        }
    }

    fn go(&mut self, step: Option<Step>) {
        self.contact.step = step;
        self.contact.step_at = step.map(|_| self.now);
        if step.is_none() {
            self.draft = Draft::default();
        }
        self.draft.choices.clear();
    }

    async fn respond(
        &mut self,
        txn: &DatabaseTransaction,
        content: Content,
        photo: Option<Result<String, ()>>,
    ) -> Result<(), AppError> {
        let w = &self.texts().wa;
        if self.contact.step.is_some() && self.contact.step_at.is_none_or(|at| self.now - at > IDLE) {
            self.go(None);
            self.say(w.expired);
        }
        let said = match &content {
            Content::Text(text) => read(text),
            Content::Choice(n) => Said::Number(*n),
            _ => Said::Text(String::new()),
        };
        match said {
            Said::Stop => {
                self.go(None);
                self.contact.stopped_at = Some(self.now);
                let key = format!("{STOP_KEY}{}", self.event_id);
                let payload = outbound::text(&self.contact.phone, w.stopped);
                enqueue_whatsapp(txn, self.now, outbound::message(key, &self.contact.phone, payload)).await?;
                return Ok(());
            }
            Said::Resume => {
                self.contact.stopped_at = None;
                self.say(w.resumed);
                return Ok(());
            }
            // After "berhenti" nothing is answered, except a new report (which turns
            // messages on again) or "mulai".
            Said::Report => {
                self.contact.stopped_at = None;
                return self.start();
            }
            _ if self.contact.stopped_at.is_some() => return Ok(()),
            Said::Cancel => {
                if self.contact.step.is_some() {
                    self.go(None);
                    self.say(w.cancelled);
                } else {
                    self.say(w.nothing_to_cancel);
                }
                return Ok(());
            }
            Said::Help => {
                self.say(w.help);
                return Ok(());
            }
            Said::Language(locale) => {
                self.contact.locale = locale;
                self.say(self.texts().wa.help);
                return self.ask_again();
            }
            Said::Status(id) => return self.status(txn, id).await,
            Said::Support(id) => return self.support(txn, id).await,
            Said::Follow(id) => return self.follow(txn, id).await,
            _ => {}
        }
        let Some(step) = self.contact.step else {
            return match content {
                Content::Text(_) | Content::Choice(_) => self.start(),
                _ => {
                    self.say(w.unsupported);
                    Ok(())
                }
            };
        };
        match (step, content) {
            (Step::Photos, Content::Image(_)) => self.photo(photo),
            (Step::Photos | Step::Location, Content::Location(lat, lon)) => self.location(lat, lon),
            (_, Content::Image(_) | Content::Location(..) | Content::Other) => {
                self.say(w.unsupported);
                self.ask_again()
            }
            (step, Content::Text(text)) => self.answer(txn, step, &said, &text).await,
            (step, Content::Choice(_)) => self.answer(txn, step, &said, "").await,
        }
    }

    fn start(&mut self) -> Result<(), AppError> {
        let w = &self.texts().wa;
        self.go(Some(Step::Title));
        self.say(w.welcome);
        self.say(w.ask_title);
        Ok(())
    }

    /// Asks the question of the current step again (after "english", or an unreadable answer).
    fn ask_again(&mut self) -> Result<(), AppError> {
        let w = &self.texts().wa;
        match self.contact.step {
            None => {}
            Some(Step::Title) => self.say(w.ask_title),
            Some(Step::Category) => self.ask_category(),
            Some(Step::Desa) if !self.draft.choices.is_empty() => {
                let choices = std::mem::take(&mut self.draft.choices);
                self.offer_villages(&choices, w.desa_which);
            }
            Some(Step::Desa) => self.say(w.ask_desa),
            Some(Step::Kecamatan) => self.ask_kecamatan(w.desa_unknown),
            Some(Step::Body) => self.say(w.ask_body),
            Some(Step::Photos) => self.say(w.ask_photos),
            Some(Step::Location) => self.say(w.ask_location),
            Some(Step::Privacy) => self.say(w.ask_privacy),
            Some(Step::Confirm) => self.summary(),
            Some(Step::Similar) => self.say(w.similar_found),
            Some(Step::Resolution) => self.say(w.resolution_prompt),
        }
        Ok(())
    }

    fn invalid(&mut self, code: crate::model::ErrorCode) {
        let t = self.texts();
        self.say((t.wa.try_again)(&(t.code_message)(code)));
    }

    async fn answer(&mut self, txn: &DatabaseTransaction, step: Step, said: &Said, text: &str) -> Result<(), AppError> {
        let w = &self.texts().wa;
        match step {
            Step::Title => match parse_title(text) {
                Ok(title) => {
                    self.draft.title = title;
                    self.go(Some(Step::Category));
                    self.ask_category();
                }
                Err(code) => self.invalid(code),
            },
            Step::Category => {
                let categories = self.options().categories;
                let picked = match said {
                    Said::Number(n) => n.checked_sub(1).and_then(|i| categories.get(i)).map(|c| c.id),
                    _ => {
                        let named: Vec<(i32, &str)> = categories.iter().map(|c| (c.id, c.name.as_str())).collect();
                        match match_place(text, &named) {
                            PlaceMatch::One(id) => Some(id),
                            _ => None,
                        }
                    }
                };
                match picked {
                    Some(id) => {
                        self.draft.category_id = Some(id);
                        self.go(Some(Step::Desa));
                        self.say(w.ask_desa);
                    }
                    None => {
                        self.say(w.not_understood);
                        self.ask_category();
                    }
                }
            }
            Step::Desa => self.desa(said, text),
            Step::Kecamatan => self.kecamatan(said, text),
            Step::Body => match parse_body(text) {
                Ok(body) => {
                    self.draft.body = body;
                    self.go(Some(Step::Photos));
                    self.say(w.ask_photos);
                }
                Err(code) => self.invalid(code),
            },
            Step::Photos => match said {
                Said::Next | Said::Skip => {
                    self.go(Some(Step::Location));
                    self.say(w.ask_location);
                }
                _ => self.say(w.ask_photos),
            },
            Step::Location => match said {
                Said::Next | Said::Skip => {
                    self.go(Some(Step::Privacy));
                    self.say(w.ask_privacy);
                }
                _ => self.say(w.ask_location),
            },
            Step::Privacy => {
                let privacy = match said {
                    Said::Number(1) => Some(Privacy::Publik),
                    Said::Number(2) => Some(Privacy::Anonim),
                    Said::Number(3) => Some(Privacy::Rahasia),
                    _ => Privacy::parse(text.trim().to_lowercase().as_str()),
                };
                match privacy {
                    Some(privacy) => {
                        self.draft.privacy = Some(privacy);
                        self.go(Some(Step::Confirm));
                        self.summary();
                    }
                    None => {
                        self.say(w.not_understood);
                        self.say(w.ask_privacy);
                    }
                }
            }
            Step::Confirm => match said {
                Said::Yes => self.confirm(txn).await?,
                _ => self.say(w.ask_confirm),
            },
            Step::Resolution => match said {
                Said::Number(1) => self.answer_resolution(txn, FollowUpAction::Confirm).await?,
                Said::Number(2) => self.answer_resolution(txn, FollowUpAction::Reopen).await?,
                _ => self.say(w.resolution_prompt),
            },
            Step::Similar => {
                let offered = self.draft.choices.clone();
                match said {
                    Said::Number(0) => self.post(txn).await?,
                    Said::Number(n) if (1..=offered.len()).contains(n) => {
                        let id = offered[n - 1];
                        self.go(None);
                        self.support(txn, id).await?;
                    }
                    _ => {
                        self.say(w.not_understood);
                        self.say(w.similar_found);
                    }
                }
            }
        }
        Ok(())
    }

    fn ask_category(&mut self) {
        let names: Vec<String> = self.options().categories.into_iter().map(|c| c.name).collect();
        self.ask_choice(self.texts().wa.ask_category, &names);
    }

    fn ask_kecamatan(&mut self, question: &str) {
        let kecamatan = self.options().kecamatan;
        self.draft.choices = kecamatan.iter().map(|k| k.id).collect();
        let names: Vec<String> = kecamatan.into_iter().map(|k| k.name).collect();
        self.ask_choice(question, &names);
    }

    /// Offers villages by id, each with its kecamatan, and waits for a number.
    fn offer_villages(&mut self, ids: &[i32], question: &str) {
        let options = self.options();
        let mut names = Vec::new();
        for id in ids {
            if let Some((k, v)) = options
                .kecamatan
                .iter()
                .find_map(|k| k.villages.iter().find(|v| v.id == *id).map(|v| (k, v)))
            {
                names.push(format!("{} (Kec. {})", v.name, k.name));
            }
        }
        self.draft.choices = ids.to_vec();
        self.ask_choice(question, &names);
    }

    fn set_village(&mut self, desa_id: i32) {
        let options = self.options();
        let kecamatan = options
            .kecamatan
            .iter()
            .find(|k| k.villages.iter().any(|v| v.id == desa_id));
        self.draft.kecamatan_id = kecamatan.map(|k| k.id);
        self.draft.desa_id = Some(desa_id);
        self.go(Some(Step::Body));
        self.say(self.texts().wa.ask_body);
    }

    fn desa(&mut self, said: &Said, text: &str) {
        let w = &self.texts().wa;
        if let Said::Number(n) = said
            && !self.draft.choices.is_empty()
        {
            match n.checked_sub(1).and_then(|i| self.draft.choices.get(i)).copied() {
                Some(id) => self.set_village(id),
                None if *n == 0 => self.ask_kecamatan(w.desa_unknown),
                None => {
                    self.say(w.not_understood);
                    let choices = self.draft.choices.clone();
                    self.offer_villages(&choices, w.desa_which);
                }
            }
            return;
        }
        let options = self.options();
        let villages: Vec<(i32, &str)> = options
            .kecamatan
            .iter()
            .flat_map(|k| k.villages.iter().map(|v| (v.id, v.name.as_str())))
            .collect();
        match match_place(text, &villages) {
            PlaceMatch::One(id) => self.set_village(id),
            PlaceMatch::Some(ids) => self.offer_villages(&ids, w.desa_which),
            PlaceMatch::None => {
                self.go(Some(Step::Kecamatan));
                self.ask_kecamatan(w.desa_unknown);
            }
        }
    }

    fn kecamatan(&mut self, said: &Said, text: &str) {
        let w = &self.texts().wa;
        let options = self.options();
        let picked = match said {
            Said::Number(n) => n.checked_sub(1).and_then(|i| options.kecamatan.get(i)),
            _ => {
                let named: Vec<(i32, &str)> = options.kecamatan.iter().map(|k| (k.id, k.name.as_str())).collect();
                match match_place(text, &named) {
                    PlaceMatch::One(id) => options.kecamatan.iter().find(|k| k.id == id),
                    _ => None,
                }
            }
        };
        match picked {
            Some(k) => {
                let ids: Vec<i32> = k.villages.iter().map(|v| v.id).collect();
                let question = (w.desa_in)(&k.name);
                self.go(Some(Step::Desa));
                self.offer_villages(&ids, &question);
            }
            None => {
                self.say(w.not_understood);
                self.ask_kecamatan(w.desa_unknown);
            }
        }
    }

    fn photo(&mut self, stored: Option<Result<String, ()>>) -> Result<(), AppError> {
        let w = &self.texts().wa;
        match stored {
            _ if self.draft.photos.len() >= PHOTO_MAX_COUNT => self.say(w.photo_full),
            Some(Ok(hash)) => {
                if !self.draft.photos.contains(&hash) {
                    self.draft.photos.push(hash);
                }
                let n = self.draft.photos.len();
                self.say((w.photo_received)(n, PHOTO_MAX_COUNT - n));
                self.contact.step_at = Some(self.now);
            }
            _ => self.say(w.photo_failed),
        }
        Ok(())
    }

    fn location(&mut self, lat: f64, lon: f64) -> Result<(), AppError> {
        let w = &self.texts().wa;
        match parse_point(&lat.to_string(), &lon.to_string()) {
            Ok(point) => {
                self.draft.point = point;
                self.go(Some(Step::Privacy));
                self.say(w.ask_privacy);
            }
            Err(code) => self.invalid(code),
        }
        Ok(())
    }

    fn summary(&mut self) {
        let t = self.texts();
        let w = &t.wa;
        let d = &self.draft;
        let place = format!(
            "{}, Kec. {}",
            self.names.region_name(d.desa_id.unwrap_or_default()),
            self.names.region_name(d.kecamatan_id.unwrap_or_default())
        );
        let body: String = d.body.chars().take(300).collect();
        let text = format!(
            "{}\n*{}*: {}\n*{}*: {}\n*{}*: {place}\n*{}*: {body}\n*{}*: {}\n*{}*: {}\n*{}*: {}\n\n{}",
            w.summary_heading,
            w.label_title,
            d.title,
            w.label_category,
            self.names
                .category_name(d.category_id.unwrap_or_default(), self.contact.locale),
            w.label_place,
            w.label_body,
            w.label_photos,
            d.photos.len(),
            w.label_location,
            if d.point.is_some() {
                w.location_shared
            } else {
                w.location_none
            },
            w.label_privacy,
            (t.privacy_label)(d.privacy.unwrap_or(Privacy::Publik)),
            w.ask_confirm,
        );
        self.say(text);
    }

    /// "ya": similar issues are offered first (once), else the issue is posted.
    async fn confirm(&mut self, txn: &DatabaseTransaction) -> Result<(), AppError> {
        let found = similar(&self.state.db, &self.draft.title, SIMILAR_OFFERED).await?;
        if found.is_empty() {
            return self.post(txn).await;
        }
        let w = &self.texts().wa;
        let mut names: Vec<String> = found.iter().map(|i| format!("#{} {}", i.id, i.title)).collect();
        names.push(w.post_anyway.to_owned());
        let ids: Vec<i32> = found.iter().map(|i| i.id).collect();
        self.go(Some(Step::Similar));
        self.draft.choices = ids;
        let list = format!(
            "{}\n{}\n0. {}",
            w.similar_found,
            numbered(names[..names.len() - 1].iter().map(String::as_str)),
            w.post_anyway
        );
        self.say(list);
        Ok(())
    }

    /// Posts the draft through the web form's own checks and writes.
    async fn post(&mut self, txn: &DatabaseTransaction) -> Result<(), AppError> {
        let author = self.account(txn).await?;
        let t = self.texts();
        if let Err(err) = self.state.limiter.check(Action::Post, author.id, None).await {
            self.say(t.error_message(&err));
            return Ok(());
        }
        let fresh = !has_mailbox(&author.email) && self.now - author.created_at < FIRST_REPORT_COOL_DOWN;
        if fresh
            && issue::Entity::find()
                .filter(issue::Column::AuthorId.eq(author.id))
                .count(txn)
                .await
                .or_internal("counting a number's reports")?
                > 0
        {
            let from = format_wib(author.created_at + FIRST_REPORT_COOL_DOWN, self.contact.locale);
            self.go(None);
            self.say((t.wa.first_day)(&from));
            return Ok(());
        }
        let d = self.draft.clone();
        let ids = |id: Option<i32>| id.map(|i| i.to_string()).unwrap_or_default();
        let (category, kecamatan, desa) = (ids(d.category_id), ids(d.kecamatan_id), ids(d.desa_id));
        let (lat, lon) = d.point.map(|(a, b)| (a.to_string(), b.to_string())).unwrap_or_default();
        let photos = d.photos.join(" ");
        let input = commands::issue::NewIssueInput {
            title: &d.title,
            body: &d.body,
            category: &category,
            kecamatan: &kecamatan,
            desa: &desa,
            privacy: Some(d.privacy.unwrap_or(Privacy::Publik).as_str()),
            latitude: Some(&lat),
            longitude: Some(&lon),
            photos: Some(&photos),
            confirm_new: true,
            ..Default::default()
        };
        let posting = commands::issue::Posting {
            assisted: None,
            confirm: false,
            media_url: None,
        };
        match commands::issue::insert_in(txn, self.state, &author, input, posting).await {
            Ok(created) => {
                let link = format!("{}/issues/{}", self.state.config.base_url, created.id);
                self.go(None);
                self.created = Some(created.id);
                self.say((t.wa.created)(created.id, &link));
            }
            Err(AppError::Invalid(fields)) => {
                for field in fields {
                    self.invalid(field.code);
                }
                self.go(None);
                self.say(t.wa.cancelled);
            }
            Err(err) => return Err(err),
        }
        Ok(())
    }

    /// "1" or "2" after a resolution: the author's confirm or reopen, as on the web.
    async fn answer_resolution(&mut self, txn: &DatabaseTransaction, action: FollowUpAction) -> Result<(), AppError> {
        let t = self.texts();
        let (Some(issue_id), Some(follow_up_id)) = (self.draft.issue_id, self.draft.follow_up_id) else {
            self.go(None);
            return Ok(());
        };
        let Some(user) = self.existing_account(txn).await? else {
            self.go(None);
            return Ok(());
        };
        let input = commands::follow_up::ActInput {
            body: if action == FollowUpAction::Reopen {
                t.wa.reopen_note
            } else {
                ""
            },
            ..Default::default()
        };
        self.go(None);
        match commands::follow_up::act_in(txn, self.state, &user, follow_up_id, action, input).await {
            Ok(_) if action == FollowUpAction::Confirm => self.say((t.wa.resolution_confirmed)(issue_id)),
            Ok(_) => self.say((t.wa.resolution_reopened)(issue_id)),
            // Answered on the web already, or the days to answer have passed.
            Err(AppError::Invalid(_) | AppError::Forbidden | AppError::NotFound) => {
                self.say((t.code_message)(crate::model::ErrorCode::NotNow));
                let link = format!("{}/issues/{issue_id}", self.state.config.base_url);
                self.say(link);
            }
            Err(err) => return Err(err),
        }
        self.created = Some(issue_id);
        Ok(())
    }

    async fn status(&mut self, txn: &DatabaseTransaction, id: i32) -> Result<(), AppError> {
        let t = self.texts();
        let viewer = self.existing_account(txn).await?;
        match visible_issue(txn, viewer.as_ref(), id).await {
            Ok(found) => {
                let link = format!("{}/issues/{id}", self.state.config.base_url);
                self.say((t.wa.status)(id, &found.title, (t.status_name)(found.status), &link));
            }
            Err(AppError::NotFound) => self.say((t.wa.not_found)(id)),
            Err(err) => return Err(err),
        }
        Ok(())
    }

    async fn support(&mut self, txn: &DatabaseTransaction, id: i32) -> Result<(), AppError> {
        let t = self.texts();
        let user = self.account(txn).await?;
        if let Err(err) = self.state.limiter.check(Action::Support, user.id, None).await {
            self.say(t.error_message(&err));
            return Ok(());
        }
        match commands::forum::support_within(txn, &user, id, self.now).await {
            Ok(found) => self.say((t.wa.supported)(id, &found.title)),
            Err(AppError::NotFound) => self.say((t.wa.not_found)(id)),
            Err(AppError::Forbidden) => self.say(t.error_message(&AppError::Forbidden)),
            Err(err) => return Err(err),
        }
        Ok(())
    }

    async fn follow(&mut self, txn: &DatabaseTransaction, id: i32) -> Result<(), AppError> {
        let t = self.texts();
        let user = self.account(txn).await?;
        match visible_issue(txn, Some(&user), id).await {
            Ok(found) => {
                commands::forum::follow_in(txn, user.id, id, self.now).await?;
                self.say((t.wa.followed)(id, &found.title));
            }
            Err(AppError::NotFound) => self.say((t.wa.not_found)(id)),
            Err(err) => return Err(err),
        }
        Ok(())
    }

    async fn existing_account(&self, txn: &DatabaseTransaction) -> Result<Option<user_account::Model>, AppError> {
        match self.contact.user_id {
            None => Ok(None),
            Some(id) => user_account::Entity::find_by_id(id)
                .one(txn)
                .await
                .or_internal("reading an account"),
        }
    }

    /// The number's account, made the first time it reports, supports or follows.
    async fn account(&mut self, txn: &DatabaseTransaction) -> Result<user_account::Model, AppError> {
        if let Some(user) = self.existing_account(txn).await? {
            return Ok(user);
        }
        let name = if self.contact.name.is_empty() {
            (self.texts().wa.resident_name)(last_four(&self.contact.phone))
        } else {
            self.contact.name.clone()
        };
        let created =
            commands::phone::number_account(txn, self.state, &self.contact.phone, name, self.contact.locale).await?;
        self.contact.user_id = Some(created.id);
        Ok(created)
    }

    /// Writes the contact as it became and queues the replies.
    async fn save(&self, txn: &impl ConnectionTrait) -> Result<(), AppError> {
        let mut active = self.contact.clone().into_active_model();
        active.draft = Set(self
            .contact
            .step
            .map(|_| serde_json::to_string(&self.draft).unwrap_or_default()));
        active.user_id = Set(self.contact.user_id);
        active.locale = Set(self.contact.locale);
        active.stopped_at = Set(self.contact.stopped_at);
        active.step = Set(self.contact.step);
        active.step_at = Set(self.contact.step_at);
        active.update(txn).await.or_internal("saving a WhatsApp conversation")?;
        for (n, payload) in self.replies.iter().enumerate() {
            let key = format!("wa-reply:{}:{n}", self.event_id);
            enqueue_whatsapp(
                txn,
                self.now,
                outbound::message(key, &self.contact.phone, payload.clone()),
            )
            .await?;
        }
        Ok(())
    }
}
