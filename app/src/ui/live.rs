//! The Friday hour, live. `/sessions/{id}/live` is the secretariat's console (start, the item
//! on the floor and its clock, notes, the outcome, the speaker queue, items from the floor)
//! and, for everyone else, the live page; `?view=projector` is the hall's screen and
//! `/sessions/{id}/overlay` the broadcast's lower third.
//!
//! The panel (`LivePanel`, `OverlayPanel`) is rendered by the page and, for every change, by
//! the server's live hub, which sends it as a Server-Sent Event; `/live.js` (a small plain
//! script, not the wasm: a phone watching the hour fetches under 2 KB) puts it in place, keeps
//! the item's clock running and sends the console's forms without reloading. With JavaScript
//! off the page reloads itself every 20 seconds and says so.

use leptos::{prelude::*, server_fn::ServerFn};
use leptos_meta::{Body, Title};
use leptos_router::{
    components::A,
    hooks::{use_params_map, use_query_map},
};

use super::{
    agenda::{FloorForm, OutcomeForm},
    form::{ErrorBox, ErrorSummary, FormState, PostForm, textarea_text},
    use_locale,
};
use crate::{
    api::{
        agenda::{AddFloorItem, RecordOutcome},
        issue::get_issue_form_options,
        live::{
            AddSpeaker, AnswerPoll, CallSpeaker, ClosePoll, LiveStep as LiveStepFn, OpenPoll, SaveLiveNotes,
            SpeakerSpoken, TakeUpItem, get_console, get_live,
        },
    },
    i18n::Locale,
    model::{
        AppError,
        account::NAME_MAX,
        live::{
            ConsoleView, LiveItem, LiveState, LiveStep, LiveView, NOTES_MAX, PollView, QUESTION_MAX, REFRESH_SECS,
            clock_text,
        },
    },
};

/// Which live panel an event stream carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PanelKind {
    /// The live page, the projector and the console's preview.
    Panel,
    /// The broadcast's lower third.
    Overlay,
}

impl PanelKind {
    pub fn parse(raw: &str) -> Self {
        if raw == "overlay" { Self::Overlay } else { Self::Panel }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Panel => "panel",
            Self::Overlay => "overlay",
        }
    }
}

/// The panel as HTML, for the server's live events (rendered outside any page).
pub fn panel_html(view: LiveView, locale: Locale, kind: PanelKind) -> String {
    let owner = Owner::new();
    owner.with(|| {
        provide_context(locale);
        match kind {
            PanelKind::Panel => view! { <LivePanel view/> }.to_html(),
            PanelKind::Overlay => view! { <OverlayPanel view/> }.to_html(),
        }
    })
}

#[component]
pub fn LivePage() -> impl IntoView {
    let t = use_locale().texts();
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let projector = use_query_map().with_untracked(|q| q.get("view").is_some_and(|v| v == "projector"));
    let live = Resource::new(id, get_live);
    view! {
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match live.await {
                    Ok(view) if projector => view! { <Projector view/> }.into_any(),
                    Ok(view) if view.manages => view! { <ConsoleLoader id=view.summary.id/> }.into_any(),
                    Ok(view) => view! { <PublicLive view/> }.into_any(),
                    Err(error) => not_found_or(error),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn OverlayPage() -> impl IntoView {
    let t = use_locale().texts();
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let live = Resource::new(id, get_live);
    view! {
        <Body {..} class="overlay-body"/>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match live.await {
                    Ok(view) => {
                        let id = view.summary.id;
                        view! {
                            <Title text=t.live_overlay/>
                            <h1 class="visually-hidden">{t.live_overlay}</h1>
                            <OverlayPanel view/>
                            <LiveScript id kind=PanelKind::Overlay/>
                        }
                        .into_any()
                    }
                    Err(error) => not_found_or(error),
                }
            })}
        </Suspense>
    }
}

fn not_found_or(error: AppError) -> AnyView {
    let t = use_locale().texts();
    match error {
        AppError::NotFound => view! {
            <Title text=t.not_found_title/>
            <section class="page"><h1>{t.not_found_title}</h1><p>{t.not_found_body}</p></section>
        }
        .into_any(),
        error => view! { <section class="page"><ErrorBox error/></section> }.into_any(),
    }
}

/// The live page for everyone who does not run the session.
#[component]
fn PublicLive(view: LiveView) -> impl IntoView {
    let t = use_locale().texts();
    let id = view.summary.id;
    let title = format!("{} · {}", t.live_title, view.summary.venue);
    let embed = view.embed.clone();
    let link = view.livestream_url.clone();
    view! {
        <Title text=title.clone()/>
        <article class="page live">
            <h1>{title}</h1>
            <p><time datetime=view.summary.starts_at.clone()>{view.summary.when_wib.clone()}</time>
                {(!view.summary.place.is_empty()).then(|| format!(" · {}", view.summary.place))}</p>
            {embed.map(|src| view! {
                <div class="live-stream">
                    <iframe src=src title=t.live_stream allowfullscreen
                        allow="autoplay; encrypted-media; picture-in-picture"
                        referrerpolicy="strict-origin-when-cross-origin"></iframe>
                </div>
            })}
            {link.map(|url| view! { <p><a href=url rel="noopener noreferrer">{t.live_stream_link}</a></p> })}
            <LivePanel view=view.clone()/>
            <PollAnswer view/>
            <RefreshNote/>
            <nav class="live-views no-print" aria-label=t.live_views>
                <a href=format!("/sessions/{id}/live?view=projector")>{t.live_projector}</a>
                " · " <a href=format!("/sessions/{id}/live.txt")>{t.live_radio}</a>
                " · " <A href=format!("/sessions/{id}")>{t.back_to_session}</A>
            </nav>
            <LiveScript id kind=PanelKind::Panel/>
        </article>
    }
}

/// The hall's screen: large type, no navigation.
#[component]
fn Projector(view: LiveView) -> impl IntoView {
    let t = use_locale().texts();
    let id = view.summary.id;
    view! {
        <Body {..} class="projector-body"/>
        <Title text=t.live_projector/>
        <article class="projector">
            <h1 class="visually-hidden">{t.live_projector}</h1>
            <LivePanel view/>
            <RefreshNote/>
            <LiveScript id kind=PanelKind::Panel/>
        </article>
    }
}

/// With JavaScript off the page reloads itself (`<noscript>`: with it on, the events do).
/// The reload is a `<noscript>` of its own, which the server moves into the head, the one
/// place the HTML standard allows it (`server/src/tidy.rs`).
#[component]
fn RefreshNote() -> impl IntoView {
    let t = use_locale().texts();
    view! {
        <noscript><meta http-equiv="refresh" content=REFRESH_SECS.to_string()/></noscript>
        <noscript>
            <p class="hint">{(t.live_refresh_note)(REFRESH_SECS)}</p>
        </noscript>
    }
}

/// The script that takes the events and runs the clock; it reads its stream from the panel.
#[component]
fn LiveScript(id: i32, kind: PanelKind) -> impl IntoView {
    view! { <script src="/live.js" defer data-events=format!("/sessions/{id}/events?view={}", kind.as_str())></script> }
}

/// The state, the item on the floor with its clock, what comes next and the outcomes so far.
#[component]
pub fn LivePanel(view: LiveView) -> impl IntoView {
    let t = use_locale().texts();
    let state = view.state;
    let total = view.total;
    let waiting = (state.is_none()).then(|| (t.live_waiting_note)(&view.summary.when_wib));
    let poll_key = poll_key(view.poll.as_ref());
    view! {
        <section id="live-panel" class="live-panel" data-seq=view.seq.to_string() data-now=view.now.clone()
            data-poll=poll_key aria-live="polite" aria-labelledby="live-state">
            <p id="live-state" class=format!("live-state live-state-{}", state.map_or("waiting", LiveState::as_str))>
                {(t.live_state)(state)}
            </p>
            {waiting.map(|note| view! { <p>{note}</p> })}
            {(state == Some(LiveState::Ended)).then(|| view! { <p>{t.live_ended_note}</p> })}
            {match view.current {
                Some(item) => view! { <CurrentItem item total/> }.into_any(),
                None if matches!(state, Some(LiveState::Live | LiveState::Paused)) => view! { <p class="live-none">{t.live_no_item}</p> }.into_any(),
                None => ().into_any(),
            }}
            {view.next.map(|next| view! {
                <p class="live-next"><strong>{t.live_next} ": "</strong>{next.title}
                    {(!next.place.is_empty()).then(|| format!(" · {}", next.place))}</p>
            })}
            {view.poll.map(|poll| view! { <PollResults poll/> })}
            {(!view.done.is_empty()).then(|| view! {
                <h2 class="live-so-far">{t.live_so_far}</h2>
                <ol class="live-done">
                    {view.done.into_iter().map(|d| view! {
                        <li value=d.number.to_string()>
                            <strong>{d.title}</strong> " — "
                            {if d.discussed { t.outcome_discussed } else { t.outcome_not_reached }}
                            {d.decision_html.map(|html| view! { <div class="prose" inner_html=html></div> })}
                            {(!d.opds.is_empty()).then(|| view! { <p class="meta">{t.outcome_followups} ": " {d.opds.join(", ")}</p> })}
                        </li>
                    }).collect_view()}
                </ol>
            })}
        </section>
    }
}

/// Which poll a page shows and whether it is open: a page whose answer form no longer fits
/// the panel (a poll opened or closed) reloads (`live.js`).
fn poll_key(poll: Option<&PollView>) -> String {
    poll.map(|p| format!("{}:{}", p.id, if p.open { "open" } else { "closed" }))
        .unwrap_or_default()
}

/// A poll's question and counts, on every view.
#[component]
fn PollResults(poll: PollView) -> impl IntoView {
    let t = use_locale().texts();
    let total = poll.total;
    let percents: Vec<u32> = poll.choices.iter().map(|(_, c)| poll.percent(*c)).collect();
    view! {
        <div class="live-poll">
            <h2 class="live-poll-title">{t.poll_title} ": " {poll.question.clone()}</h2>
            <p class="meta">{if poll.open { t.poll_state_open } else { t.poll_state_closed }} " · " {(t.poll_answers)(total)}</p>
            <ul class="poll-results">
                {poll.choices.into_iter().zip(percents).map(|((label, count), percent)| view! {
                    <li>
                        <span class="poll-choice">{label.clone()}</span> " "
                        <meter min="0" max=total.max(1).to_string() value=count.to_string() aria-label=label></meter>
                        " " <strong>{count}</strong> {format!(" ({percent}%)")}
                    </li>
                }).collect_view()}
            </ul>
        </div>
    }
}

/// A signed-in resident's answer to the open poll (outside the panel, which is the same for
/// every viewer). A resident's page reloads when a poll opens or closes, to show its form
/// (`data-poll`, read by `live.js`); anyone else reads the poll in the panel, and is told
/// how to answer if one was open when the page came.
#[component]
fn PollAnswer(view: LiveView) -> impl IntoView {
    let t = use_locale().texts();
    let id = view.summary.id;
    let key = poll_key(view.poll.as_ref());
    let Some(poll) = view.poll.filter(|p| p.open) else {
        return view
            .resident
            .then(|| view! { <section id="poll" data-poll=key></section> })
            .into_any();
    };
    if !view.resident {
        return view! {
            <p class="poll-answer"><a href=format!("/account/login?next=/sessions/{id}/live")>{t.poll_sign_in}</a></p>
        }
        .into_any();
    }
    let mine = view
        .my_answer
        .and_then(|n| poll.choices.get(n).map(|(label, _)| label.clone()));
    let body = {
        let chosen = view.my_answer;
        view! {
            <PostForm action=AnswerPoll::PATH class="stack">
                <input type="hidden" name="poll" value=poll.id.to_string()/>
                <fieldset class="choices">
                    <legend>{poll.question.clone()}</legend>
                    {poll.choices.iter().enumerate().map(|(n, (label, _))| {
                        let input = format!("poll-{}-{n}", poll.id);
                        view! {
                            <div class="choice">
                                <input type="radio" id=input.clone() name="choice" value=n.to_string() required checked=chosen == Some(n)/>
                                <label for=input>{label.clone()}</label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
                {mine.map(|m| view! { <p class="hint">{(t.poll_your_answer)(&m)}</p> })}
                <button type="submit" class="button">{t.poll_answer}</button>
            </PostForm>
        }
    };
    view! {
        <section id="poll" class="poll-answer" data-poll=key aria-labelledby="poll-answer-title">
            <h2 id="poll-answer-title">{t.poll_title}</h2>
            <ErrorSummary state=FormState::for_action(AnswerPoll::PATH)/>
            {body}
        </section>
    }
    .into_any()
}

#[component]
fn CurrentItem(item: LiveItem, total: usize) -> impl IntoView {
    let t = use_locale().texts();
    let over = item.overrun();
    let seconds = item.seconds;
    view! {
        <div class="live-current">
            <p class="meta">{t.live_now} " · " {(t.live_item_of)(item.number, total)}
                {item.from_floor.then(|| format!(" · {}", t.agenda_from_floor))}</p>
            <h2 class="live-title">
                {if item.issue_id == 0 {
                    view! { <span>{item.title.clone()}</span> }.into_any()
                } else {
                    view! { <a href=format!("/issues/{}", item.issue_id)>{item.title.clone()}</a> }.into_any()
                }}
            </h2>
            {(!item.place.is_empty()).then(|| view! { <p class="live-place">{item.place.clone()}</p> })}
            <p class="live-clock" class:live-over=over>
                {t.live_time} ": "
                <span class="live-timer" data-running-from=item.running_from.clone() data-box=item.slot_minutes.to_string()>
                    {clock_text(seconds)}
                </span>
                " " {(t.live_time_box)(item.slot_minutes)}
                " " <strong class="live-over-label" hidden=!over>{t.live_overrun}</strong>
            </p>
            {(!item.summary.is_empty()).then(|| view! { <p class="live-summary">{item.summary.clone()}</p> })}
            {(!item.photos.is_empty()).then(|| view! {
                <div class="live-photos">
                    {item.photos.into_iter().map(|p| view! {
                        <img src=p.small_src() width=p.width.to_string() height=p.height.to_string() alt="" loading="lazy"/>
                    }).collect_view()}
                </div>
            })}
        </div>
    }
}

/// The broadcast's lower third: the item on the floor and its kecamatan, in the regency's
/// language, on a transparent page.
#[component]
pub fn OverlayPanel(view: LiveView) -> impl IntoView {
    let t = use_locale().texts();
    let line = match (&view.current, view.state) {
        (Some(item), _) => Some((item.title.clone(), item.kecamatan.clone())),
        (None, Some(LiveState::Live | LiveState::Paused)) => Some((view.summary.venue.clone(), view.host.clone())),
        _ => None,
    };
    // An open poll's counts run under the item while it is open.
    let poll = view
        .poll
        .filter(|p| p.open)
        .map(|p| format!("{}: {} — {}", t.poll_title, p.question, p.counts(" · ")));
    view! {
        <section id="live-panel" class="overlay-panel" data-seq=view.seq.to_string() data-now=view.now.clone()>
            {line.map(|(title, kecamatan)| view! {
                <div class="lower-third">
                    <p class="lower-third-kicker">{t.site_name} " · " {(t.live_state)(view.state)}</p>
                    <p class="lower-third-title">{title}</p>
                    {(!kecamatan.is_empty()).then(|| view! { <p class="lower-third-place">{kecamatan}</p> })}
                    {poll.map(|line| view! { <p class="lower-third-poll">{line}</p> })}
                </div>
            })}
        </section>
    }
}

#[component]
fn ConsoleLoader(id: i32) -> impl IntoView {
    let t = use_locale().texts();
    let console = Resource::new(move || id.to_string(), get_console);
    let options = Resource::new(|| (), |()| get_issue_form_options());
    view! {
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match (console.await, options.await) {
                    (Ok(console), Ok(options)) => view! { <Console console options/> }.into_any(),
                    (Err(error), _) | (_, Err(error)) => not_found_or(error),
                }
            })}
        </Suspense>
    }
}

/// The secretariat's console. Every control is a plain form that comes back here.
#[component]
fn Console(console: ConsoleView, options: crate::model::issue::IssueFormOptions) -> impl IntoView {
    let t = use_locale().texts();
    let ConsoleView {
        live,
        items,
        notes,
        speakers,
        registrants,
        current_item,
        opds,
        held,
        minutes_drafted,
    } = console;
    let id = live.summary.id;
    let state = live.state;
    let title = format!("{} · {}", t.live_console, live.summary.venue);
    let step_button = move |step: LiveStep, quiet: bool| {
        view! {
            <PostForm action=LiveStepFn::PATH class="inline">
                <input type="hidden" name="session" value=id.to_string()/>
                <input type="hidden" name="step" value=step.as_str()/>
                <button type="submit" class=if quiet { "button button-quiet" } else { "button" }>{(t.live_step)(step)}</button>
            </PostForm>
        }
    };
    let steps = [
        LiveStep::Start,
        LiveStep::Next,
        LiveStep::Pause,
        LiveStep::Resume,
        LiveStep::End,
    ]
    .into_iter()
    .filter(|s| s.allowed_from(state))
    .map(|s| step_button(s, s == LiveStep::End))
    .collect_view();
    let running = matches!(state, Some(LiveState::Live | LiveState::Paused));
    let notes_state = FormState::for_action(SaveLiveNotes::PATH);
    let notes_text = if notes_state.error().is_some() {
        notes_state.value("notes")
    } else {
        notes
    };
    let speaker_state = FormState::for_action(AddSpeaker::PATH);
    let current_id = current_item.as_ref().map(|c| c.id);
    let open_poll = live.poll.clone();
    let console_poll_key = poll_key(open_poll.as_ref());
    let poll_state = FormState::for_action(OpenPoll::PATH);
    view! {
        <Title text=title.clone()/>
        <article class="page live console">
            <h1>{title}</h1>
            <p><time datetime=live.summary.starts_at.clone()>{live.summary.when_wib.clone()}</time>
                {(!live.summary.place.is_empty()).then(|| format!(" · {}", live.summary.place))}</p>
            {[LiveStepFn::PATH, TakeUpItem::PATH, SaveLiveNotes::PATH, AddSpeaker::PATH, CallSpeaker::PATH, SpeakerSpoken::PATH,
                RecordOutcome::PATH, AddFloorItem::PATH, ClosePoll::PATH]
                .into_iter()
                .map(|path| view! { <ErrorSummary state=FormState::for_action(path)/> })
                .collect_view()}
            {minutes_drafted.then(|| view! {
                <p class="alert alert-ok" role="status">{t.live_minutes_drafted} " "
                    <A href=format!("/sessions/{id}#agenda")>{t.minutes_title}</A></p>
            })}
            <div class="live-controls">{steps}</div>
            <section class="live-preview" aria-labelledby="preview-title">
                <h2 id="preview-title">{t.live_preview}</h2>
                <LivePanel view=live/>
            </section>
            {running.then(|| view! {
                <PostForm action=TakeUpItem::PATH class="inline live-take-up">
                    <input type="hidden" name="session" value=id.to_string()/>
                    <label for="take-up">{t.live_choose_item}</label> " "
                    <select id="take-up" name="item">
                        {items.into_iter().map(|(item, label)| view! {
                            <option value=item.to_string() selected=Some(item) == current_id>{label}</option>
                        }).collect_view()}
                    </select>
                    " " <button type="submit" class="button button-quiet">{t.live_take_up}</button>
                </PostForm>
            })}
            {current_item.map(|item| {
                let item_id = item.id;
                view! {
                    <section class="live-work" aria-labelledby="work-title">
                        <h2 id="work-title">{t.live_now} ": " {item.title.clone()}</h2>
                        {held.then(|| view! {
                            <PostForm action=SaveLiveNotes::PATH class="stack">
                                <input type="hidden" name="item" value=item_id.to_string()/>
                                <label for="notes">{t.live_notes}</label>
                                <p class="hint">{t.live_notes_hint}</p>
                                <textarea id="notes" name="notes" rows="4" maxlength=NOTES_MAX.to_string()
                                    inner_html=textarea_text(&notes_text)></textarea>
                                <button type="submit" class="button button-quiet">{t.live_notes_save}</button>
                            </PostForm>
                            <h3>{t.live_current_outcome}</h3>
                            <OutcomeForm item=item.clone() opds=opds.clone() live=true/>
                        })}
                    </section>
                }
            })}
            <section class="live-polls" id="poll" data-poll=console_poll_key aria-labelledby="poll-title">
                <h2 id="poll-title">{t.poll_title}</h2>
                <ErrorSummary state=FormState::for_action(OpenPoll::PATH)/>
                {match (open_poll.filter(|p| p.open), running) {
                    (Some(poll), _) => view! {
                        <p>{poll.question.clone()} " · " {(t.poll_answers)(poll.total)}</p>
                        <PostForm action=ClosePoll::PATH class="inline">
                            <input type="hidden" name="poll" value=poll.id.to_string()/>
                            <button type="submit" class="button">{t.poll_close}</button>
                        </PostForm>
                    }.into_any(),
                    (None, true) => view! {
                        <PostForm action=OpenPoll::PATH class="stack">
                            <input type="hidden" name="session" value=id.to_string()/>
                            <label for="poll-question">{t.poll_question}</label>
                            {poll_state.field_error("question").map(|e| view! { <p class="error">{e}</p> })}
                            <input id="poll-question" name="question" maxlength=QUESTION_MAX.to_string() required
                                value=poll_state.value("question")/>
                            <label for="poll-choices">{t.poll_choices}</label>
                            {poll_state.field_error("choices").map(|e| view! { <p class="error">{e}</p> })}
                            <textarea id="poll-choices" name="choices" rows="4"
                                inner_html=textarea_text(&poll_state.value("choices"))></textarea>
                            <button type="submit" class="button button-quiet">{t.poll_open}</button>
                        </PostForm>
                    }.into_any(),
                    (None, false) => ().into_any(),
                }}
            </section>
            <section class="live-speakers" id="speakers" aria-labelledby="speakers-title">
                <h2 id="speakers-title">{t.live_speakers}</h2>
                {if speakers.is_empty() {
                    view! { <p class="empty">{t.live_speakers_empty}</p> }.into_any()
                } else {
                    view! {
                        <ol class="queue">
                            {speakers.into_iter().map(|s| view! {
                                <li class="queue-item" class:speaking=s.called && !s.spoken>
                                    <strong>{s.name}</strong>
                                    {s.registered.then(|| format!(" ({})", t.live_speaker_registered))}
                                    " · " {(t.live_speaker_state)(s.called, s.spoken)}
                                    {(running && !s.spoken).then(|| view! {
                                        " "
                                        <PostForm action=SpeakerSpoken::PATH class="inline">
                                            <input type="hidden" name="speaker" value=s.id.to_string()/>
                                            <button type="submit" class="button button-small button-quiet">{t.live_speaker_spoken}</button>
                                        </PostForm>
                                    })}
                                </li>
                            }).collect_view()}
                        </ol>
                    }.into_any()
                }}
                {running.then(|| view! {
                    <PostForm action=CallSpeaker::PATH class="inline">
                        <input type="hidden" name="session" value=id.to_string()/>
                        <button type="submit" class="button">{t.live_speaker_call}</button>
                    </PostForm>
                    <PostForm action=AddSpeaker::PATH class="stack">
                        <input type="hidden" name="session" value=id.to_string()/>
                        <label for="sp-registration">{t.live_speaker_registrant}</label>
                        <select id="sp-registration" name="registration">
                            <option value="">{t.choose}</option>
                            {registrants.into_iter().map(|(r, name)| view! { <option value=r.to_string()>{name}</option> }).collect_view()}
                        </select>
                        <label for="sp-name">{t.live_speaker_name}</label>
                        {speaker_state.field_error("name").map(|e| view! { <p class="error">{e}</p> })}
                        <input id="sp-name" name="name" maxlength=NAME_MAX.to_string() autocomplete="off" value=speaker_state.value("name")/>
                        <button type="submit" class="button button-quiet">{t.live_speaker_add}</button>
                    </PostForm>
                })}
            </section>
            {held.then(|| view! { <FloorForm session=id options live=true/> })}
            <nav class="live-views" aria-label=t.live_views>
                <a href=format!("/sessions/{id}/live?view=projector")>{t.live_projector}</a>
                " · " <a href=format!("/sessions/{id}/overlay")>{t.live_overlay}</a>
                " · " <a href=format!("/sessions/{id}/live.txt")>{t.live_radio}</a>
                " · " <A href=format!("/sessions/{id}/registrants")>{t.registrants_title}</A>
                " · " <A href=format!("/sessions/{id}")>{t.back_to_session}</A>
            </nav>
            <LiveScript id kind=PanelKind::Panel/>
        </article>
    }
}
