//! A session's agenda on its page: the items in order with their times and outcomes for
//! everyone; for the secretariat the builder (suggestions with their reasons, order
//! buttons that work without JavaScript, time slots), the lock, the outcome forms and the
//! minutes.

use leptos::{prelude::*, server_fn::ServerFn};
use leptos_router::components::A;

use super::{
    form::{ChoiceSelect, ErrorSummary, FormState, PostForm, textarea_text},
    use_locale,
};
use crate::{
    api::agenda::{
        AddAgendaItem, AddFloorItem, AdvanceSession, ArrangeAgendaItem, PublishMinutes, RecordOutcome, SetAgendaSlot,
    },
    model::{
        account::NAME_MAX,
        admin::OpdChoice,
        issue::{BODY_MAX, IssueFormOptions, Privacy, TITLE_MAX},
        session::{AgendaItemView, SessionStatus, Suggestion},
    },
};

#[component]
pub fn Agenda(
    session: i32,
    status: SessionStatus,
    manages: bool,
    /// The session's length in minutes, which the time boxes should fit.
    duration: i32,
    items: Vec<AgendaItemView>,
    suggestions: Vec<Suggestion>,
    opds: Vec<OpdChoice>,
    attendance: Option<i32>,
    minutes_html: Option<String>,
    /// The minutes drafted when the live hour ended, for the secretariat to publish.
    minutes_draft: Option<String>,
    /// Categories and villages, for an item raised from the floor.
    floor_options: IssueFormOptions,
) -> impl IntoView {
    let t = use_locale().texts();
    let building = manages && matches!(status, SessionStatus::Planned | SessionStatus::AgendaOpen);
    let recording = manages && status == SessionStatus::Held;
    let show_outcomes = manages || status == SessionStatus::MinutesPublished;
    let count = items.iter().filter(|i| !i.from_floor).count();
    let planned: i32 = items.iter().map(|i| i.slot_minutes).sum();
    view! {
        <section class="agenda" id="agenda" aria-labelledby="agenda-title">
            <h2 id="agenda-title">{t.agenda_title}</h2>
            // The secretariat is warned while the agenda can still change.
            {(building && planned > duration).then(|| view! {
                <p class="alert alert-error" role="status">{(t.agenda_overrun)(planned, duration)}</p>
            })}
            {items.is_empty().then(|| view! { <p class="empty">{t.agenda_empty}</p> })}
            <ol class="agenda-items">
                {items.iter().filter(|i| !i.from_floor).cloned().enumerate().map(|(n, item)| {
                    let id = item.id;
                    let outcome_item = item.clone();
                    let slot_minutes = item.slot_minutes;
                    view! {
                        <li id=format!("item-{id}")>
                            <ItemHead item=item.clone()/>
                            {show_outcomes.then(|| view! { <Outcome item=item.clone()/> })}
                            {building.then(|| view! { <ArrangeButtons item=id first=n == 0 last=n + 1 == count minutes=slot_minutes/> })}
                            {recording.then(|| view! { <OutcomeForm item=outcome_item opds=opds.clone()/> })}
                        </li>
                    }
                }).collect_view()}
            </ol>
            // Raised on the day, after the agenda was locked: kept apart, in the minutes too.
            {items.iter().any(|i| i.from_floor).then(|| view! {
                <h3 id="from-floor">{t.agenda_from_floor}</h3>
                <ol class="agenda-items" aria-labelledby="from-floor">
                    {items.iter().filter(|i| i.from_floor).map(|item| {
                        let id = item.id;
                        view! {
                            <li id=format!("item-{id}")>
                                <ItemHead item=item.clone()/>
                                {show_outcomes.then(|| view! { <Outcome item=item.clone()/> })}
                                {recording.then(|| view! { <OutcomeForm item=item.clone() opds=opds.clone()/> })}
                            </li>
                        }
                    }).collect_view()}
                </ol>
            })}
            {(manages && matches!(status, SessionStatus::AgendaLocked | SessionStatus::Held)).then(|| view! {
                <FloorForm session options=floor_options.clone()/>
            })}
            {(building && count > 0).then(|| view! {
                <PostForm action=AdvanceSession::PATH class="no-print">
                    <input type="hidden" name="session" value=session.to_string()/>
                    <input type="hidden" name="to" value="lock"/>
                    <button type="submit" class="button">{t.agenda_lock}</button>
                </PostForm>
            })}
            {(manages && status == SessionStatus::AgendaLocked).then(|| view! {
                <PostForm action=AdvanceSession::PATH class="no-print">
                    <input type="hidden" name="session" value=session.to_string()/>
                    <input type="hidden" name="to" value="held"/>
                    <button type="submit" class="button">{t.session_mark_held}</button>
                </PostForm>
            })}
            {building.then(|| view! {
                <section class="suggestions no-print">
                    <h3>{t.agenda_suggestions}</h3>
                    <p class="hint">{t.agenda_suggestions_hint}</p>
                    <ul class="queue">
                        {suggestions.into_iter().map(|s| view! {
                            <li class="queue-item">
                                <p><A href=format!("/issues/{}", s.issue_id)>{s.title}</A></p>
                                <p class="meta">{s.place} " · " {s.reasons.join(" · ")}</p>
                                <PostForm action=AddAgendaItem::PATH class="inline">
                                    <input type="hidden" name="session" value=session.to_string()/>
                                    <input type="hidden" name="issue" value=s.issue_id.to_string()/>
                                    <button type="submit" class="button button-small">{t.agenda_add}</button>
                                </PostForm>
                            </li>
                        }).collect_view()}
                    </ul>
                </section>
            })}
            {attendance.map(|n| view! { <p>{(t.attendance_count)(n)}</p> })}
            {minutes_html.map(|html| view! {
                <section class="minutes">
                    <h2>{t.minutes_title}</h2>
                    <div class="prose" inner_html=html></div>
                </section>
            })}
            {recording.then(|| view! { <MinutesForm session draft=minutes_draft.clone()/> })}
        </section>
    }
}

/// An item's time, title (a link where the reader may open the issue) and place.
#[component]
fn ItemHead(item: AgendaItemView) -> impl IntoView {
    let t = use_locale().texts();
    view! {
        <p>
            <strong>{item.slot_wib.clone()}</strong> " · "
            {if item.issue_id == 0 {
                view! { <span>{item.title.clone()}</span> }.into_any()
            } else {
                view! { <A href=format!("/issues/{}", item.issue_id)>{item.title.clone()}</A> }.into_any()
            }}
            {(item.confidential && item.issue_id != 0).then(|| view! { " " <span class="badge">{(t.privacy_label)(Privacy::Rahasia)}</span> })}
        </p>
        <p class="meta">
            {if item.place.is_empty() { String::new() } else { format!("{} · ", item.place) }}
            {(t.supporters)(item.support_count)}
        </p>
    }
}

/// What the session decided on an item, once recorded.
#[component]
fn Outcome(item: AgendaItemView) -> impl IntoView {
    let t = use_locale().texts();
    item.discussed.map(|discussed| view! {
        <div class="outcome">
            <p><strong>{if discussed { t.outcome_discussed } else { t.outcome_not_reached }}</strong></p>
            {item.decision_html.clone().map(|html| view! { <div class="prose" inner_html=html></div> })}
            {(!item.follow_ups.is_empty()).then(|| view! {
                <p class="meta">{t.outcome_followups} ": "
                    {item.follow_ups.iter().map(|(opd, due)| format!("{opd} ({due})")).collect::<Vec<_>>().join(", ")}
                </p>
            })}
        </div>
    })
}

/// The secretariat writes down an item raised from the floor: a new public issue, posted
/// for the resident who raised it, put last on the agenda as "dari forum".
#[component]
pub(super) fn FloorForm(
    session: i32,
    options: IssueFormOptions,
    /// Posted from the live console, and back to it.
    #[prop(optional)]
    live: bool,
) -> impl IntoView {
    let t = use_locale().texts();
    let state = FormState::for_action(AddFloorItem::PATH);
    let open = state.error().is_some();
    let errors = state.clone();
    let error = move |name: &str| errors.field_error(name);
    let invalid = {
        let error = error.clone();
        move |name: &str| if error(name).is_some() { "true" } else { "false" }
    };
    view! {
        <details class="no-print" open=open>
            <summary>{t.floor_add}</summary>
            <p class="hint">{t.floor_hint}</p>
            <ErrorSummary state=state.clone()/>
            <PostForm action=AddFloorItem::PATH class="stack">
                <input type="hidden" name="session" value=session.to_string()/>
                {live.then(|| view! { <input type="hidden" name="live" value="1"/> })}
                <label for="fl-speaker">{t.floor_speaker}</label>
                {error("speaker").map(|e| view! { <p class="error">{e}</p> })}
                <input id="fl-speaker" name="speaker" maxlength=NAME_MAX.to_string() autocomplete="off"
                    aria-invalid=invalid("speaker") value=state.value("speaker")/>
                <label for="fl-title">{t.field_title}</label>
                {error("title").map(|e| view! { <p class="error">{e}</p> })}
                <input id="fl-title" name="title" required maxlength=TITLE_MAX.to_string()
                    aria-invalid=invalid("title") value=state.value("title")/>
                <label for="fl-body">{t.field_body}</label>
                {error("body").map(|e| view! { <p class="error">{e}</p> })}
                <textarea id="fl-body" name="body" rows="4" required maxlength=BODY_MAX.to_string()
                    aria-invalid=invalid("body") inner_html=textarea_text(&state.value("body"))></textarea>
                <ChoiceSelect id="fl-category".into() name="category" label=t.field_category empty=t.choose
                    options=options.categories chosen=state.value("category") error=error("category") required=true/>
                <ChoiceSelect id="fl-desa".into() name="desa" label=t.field_desa empty=t.choose
                    groups=options.kecamatan chosen=state.value("desa") error=error("desa") required=true/>
                <button type="submit" class="button">{t.floor_add}</button>
            </PostForm>
        </details>
    }
}

#[component]
fn ArrangeButtons(item: i32, first: bool, last: bool, minutes: i32) -> impl IntoView {
    let t = use_locale().texts();
    let button = move |action: &'static str, label: &'static str| {
        view! {
            <PostForm action=ArrangeAgendaItem::PATH class="inline">
                <input type="hidden" name="item" value=item.to_string()/>
                <input type="hidden" name="action" value=action/>
                <button type="submit" class="button button-small button-quiet">{label}</button>
            </PostForm>
        }
    };
    view! {
        <div class="arrange no-print">
            {(!first).then(|| button("up", t.agenda_up))}
            {(!last).then(|| button("down", t.agenda_down))}
            {button("remove", t.agenda_remove)}
            <PostForm action=SetAgendaSlot::PATH class="inline">
                <input type="hidden" name="item" value=item.to_string()/>
                <label for=format!("slot-{item}")>{t.agenda_minutes}</label> " "
                <input id=format!("slot-{item}") name="minutes" type="number" min="1" max="180" value=minutes.to_string()/>
                " " <button type="submit" class="button button-small button-quiet">{t.agenda_set_slot}</button>
            </PostForm>
        </div>
    }
}

#[component]
pub(super) fn OutcomeForm(
    item: AgendaItemView,
    opds: Vec<OpdChoice>,
    /// Posted from the live console, and back to it.
    #[prop(optional)]
    live: bool,
) -> impl IntoView {
    let t = use_locale().texts();
    let id = item.id;
    let state = FormState::for_action(RecordOutcome::PATH);
    let mine = state.error().is_some() && state.value("item") == id.to_string();
    let decision = if mine {
        state.value("decision")
    } else {
        item.decision_md.clone().unwrap_or_default()
    };
    let errors: Vec<String> = if mine {
        ["decision", "opds", "due"]
            .into_iter()
            .filter_map(|f| state.field_error(f))
            .collect()
    } else {
        Vec::new()
    };
    let discussed = item.discussed != Some(false);
    view! {
        <details class="no-print" open=mine || item.discussed.is_none()>
            <summary>{t.outcome_title}</summary>
            <PostForm action=RecordOutcome::PATH class="stack">
                <input type="hidden" name="item" value=id.to_string()/>
                {live.then(|| view! { <input type="hidden" name="live" value="1"/> })}
                {errors.into_iter().map(|e| view! { <p class="error">{e}</p> }).collect_view()}
                <fieldset class="choices">
                    <legend>{t.outcome_title}</legend>
                    <div class="choice">
                        <input type="radio" id=format!("o-{id}-yes") name="discussed" value="yes" checked=discussed/>
                        <label for=format!("o-{id}-yes")>{t.outcome_discussed}</label>
                    </div>
                    <div class="choice">
                        <input type="radio" id=format!("o-{id}-no") name="discussed" value="no" checked=!discussed/>
                        <label for=format!("o-{id}-no")>{t.outcome_not_reached}</label>
                    </div>
                </fieldset>
                <label for=format!("o-{id}-decision")>{t.outcome_decision}</label>
                <textarea id=format!("o-{id}-decision") name="decision" rows="3" inner_html=textarea_text(&decision)></textarea>
                <fieldset class="choices columns">
                    <legend>{t.outcome_opds}</legend>
                    {opds.into_iter().map(|o| view! {
                        <div class="choice">
                            <input type="checkbox" id=format!("o-{id}-opd-{}", o.id) name="opds" value=o.id.to_string()/>
                            <label for=format!("o-{id}-opd-{}", o.id)>{o.short_name}</label>
                        </div>
                    }).collect_view()}
                </fieldset>
                <label for=format!("o-{id}-due")>{t.outcome_due}</label>
                <input id=format!("o-{id}-due") name="due" type="date" value=if mine { state.value("due") } else { String::new() }/>
                <button type="submit" class="button">{t.outcome_save}</button>
            </PostForm>
        </details>
    }
}

#[component]
fn MinutesForm(session: i32, draft: Option<String>) -> impl IntoView {
    let t = use_locale().texts();
    let state = FormState::for_action(PublishMinutes::PATH);
    // The draft the live console wrote when the hour ended, unless a refused form came back.
    let minutes = if state.error().is_some() {
        state.value("minutes")
    } else {
        draft.unwrap_or_default()
    };
    let errors: Vec<String> = ["attendance", "minutes"]
        .into_iter()
        .filter_map(|f| state.field_error(f))
        .collect();
    view! {
        <section class="no-print">
            <h3>{t.minutes_title}</h3>
            <PostForm action=PublishMinutes::PATH class="stack">
                <input type="hidden" name="session" value=session.to_string()/>
                {errors.into_iter().map(|e| view! { <p class="error">{e}</p> }).collect_view()}
                <label for="m-attendance">{t.field_attendance}</label>
                <input id="m-attendance" name="attendance" type="number" min="0" required value=state.value("attendance")/>
                <label for="m-minutes">{t.field_minutes}</label>
                <textarea id="m-minutes" name="minutes" rows="8" required inner_html=textarea_text(&minutes)></textarea>
                <button type="submit" class="button">{t.publish_minutes}</button>
            </PostForm>
        </section>
    }
}
