//! The Friday dialogue sessions: the schedule, one session's page with registration and
//! its calendar file, and the secretariat's forms (one session, or a recurring plan).

use leptos::{prelude::*, server_fn::ServerFn};
use leptos_meta::Title;
use leptos_router::{
    components::A,
    hooks::{use_params_map, use_query_map},
};

use super::{
    agenda::Agenda,
    form::{ChoiceSelect, ErrorBox, ErrorSummary, Field, FormState, PostForm, textarea_text},
    use_locale,
};
use crate::{
    api::{
        issue::get_issue_form_options,
        session::{
            CancelSession, CreateSession, GenerateSessions, RegisterSession, UpdateSession, get_session, list_sessions,
            preview_plan,
        },
    },
    model::{
        AppError,
        issue::IssueFormOptions,
        moderation::REASON_MAX,
        session::{HolidayPolicy, PLAN_MAX, SessionDraft, SessionStatus, SessionSummary, SessionView, VENUE_MAX},
    },
};

fn status_badge(status: SessionStatus) -> impl IntoView {
    let t = use_locale().texts();
    view! { <span class=format!("badge session-{}", status.as_str())>{(t.session_status_name)(status)}</span> }
}

#[component]
fn SessionItem(session: SessionSummary) -> impl IntoView {
    let t = use_locale().texts();
    view! {
        <li class="card">
            <h3><A href=format!("/sessions/{}", session.id)>{(t.session_title)(&session.venue)}</A></h3>
            <p class="meta">
                <time datetime=session.starts_at>{session.when_wib}</time>
                " " {status_badge(session.status)}
            </p>
            {(!session.place.is_empty()).then(|| view! { <p class="meta">{session.place}</p> })}
            <p class="meta">{(t.session_places)(session.confirmed, session.capacity)}</p>
        </li>
    }
}

#[component]
pub fn SessionsPage() -> impl IntoView {
    let t = use_locale().texts();
    let data = Resource::new(|| (), |()| list_sessions());
    let created = use_query_map().with_untracked(|q| q.get("created").and_then(|n| n.parse::<usize>().ok()));
    view! {
        <Title text=t.sessions_title/>
        <section class="page">
            <h1>{t.sessions_title}</h1>
            {created.map(|n| view! { <p class="alert alert-ok" role="status">{(t.created_notice)(n)}</p> })}
            <p>{t.sessions_intro}</p>
            <p><a href="/sessions.ics">{t.calendar_feed}</a></p>
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(list) => view! {
                            {list.manages.then(|| view! {
                                <p>
                                    <A href="/sessions/new" attr:class="button">{t.new_session}</A> " "
                                    <A href="/sessions/plan" attr:class="button button-quiet">{t.plan_sessions}</A>
                                </p>
                            })}
                            <HolidayClashes clashes=list.on_holidays/>
                            <h2>{t.sessions_upcoming}</h2>
                            {list.upcoming.is_empty().then(|| view! { <p class="empty">{t.sessions_empty}</p> })}
                            <ul class="cards">
                                {list.upcoming.into_iter().map(|session| view! { <SessionItem session/> }).collect_view()}
                            </ul>
                            {(!list.past.is_empty()).then(|| view! {
                                <h2>{t.sessions_past}</h2>
                                <ul class="cards">
                                    {list.past.into_iter().map(|session| view! { <SessionItem session/> }).collect_view()}
                                </ul>
                            })}
                        }
                        .into_any(),
                        Err(error) => view! { <ErrorBox error/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
pub fn SessionPage() -> impl IntoView {
    let t = use_locale().texts();
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let session = Resource::new(id, get_session);
    let options = Resource::new(|| (), |()| get_issue_form_options());
    view! {
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match (session.await, options.await) {
                    (Ok(session), Ok(options)) => view! { <SessionArticle session options/> }.into_any(),
                    (Err(AppError::NotFound), _) => view! {
                        <Title text=t.not_found_title/>
                        <section class="page"><h1>{t.not_found_title}</h1><p>{t.not_found_body}</p></section>
                    }
                    .into_any(),
                    (Err(error), _) | (_, Err(error)) => view! { <section class="page"><ErrorBox error/></section> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn SessionArticle(session: SessionView, options: IssueFormOptions) -> impl IntoView {
    let t = use_locale().texts();
    let s = session.summary;
    let id = s.id;
    let reader = session.reader;
    let full = s.confirmed >= s.capacity;
    let title = (t.session_title)(&s.venue);
    let changeable = s.status.changeable();
    view! {
        <Title text=title.clone()/>
        <article class="page session">
            <h1>{title}</h1>
            <p>{status_badge(s.status)}</p>
            {session.change_reason.map(|reason| view! {
                <div class="alert" role="status"><p><strong>{t.session_change_reason} ": "</strong>{reason}</p></div>
            })}
            <dl class="facts">
                <dt>{t.session_when}</dt>
                <dd><time datetime=s.starts_at.clone()>{s.when_wib}</time></dd>
                <dt>{t.session_venue}</dt>
                <dd>{s.venue} {(!s.place.is_empty()).then(|| format!(", {}", s.place))}</dd>
                {(!session.host.is_empty()).then(|| view! { <dt>{t.session_host}</dt><dd>{session.host.clone()}</dd> })}
                <dt>{t.session_capacity}</dt>
                <dd>{(t.session_places)(s.confirmed, s.capacity)}</dd>
                <dt>{t.session_cutoff}</dt>
                <dd>{session.cutoff_wib}</dd>
                {session.livestream_url.map(|url| view! {
                    <dt>{t.session_livestream}</dt>
                    <dd><a href=url.clone() rel="noopener noreferrer">{url.clone()}</a></dd>
                })}
            </dl>
            <p class="no-print"><a href=format!("/sessions/{id}.ics") download>{t.add_to_calendar}</a></p>
            {matches!(s.status, SessionStatus::AgendaLocked | SessionStatus::Held).then(|| view! {
                <p class="no-print">
                    <A href=format!("/sessions/{id}/live")>{if reader.manages { t.live_open_console } else { t.live_open }}</A>
                </p>
            })}
            {reader.manages.then(|| view! {
                <p class="no-print">
                    <A href=format!("/sessions/{id}/registrants")>{(t.registrants_link)(s.confirmed, session.waitlisted)}</A>
                </p>
            })}
            <Agenda session=id status=s.status manages=reader.manages duration=session.duration_minutes
                items=session.agenda suggestions=session.suggestions
                opds=session.opds attendance=session.attendance minutes_html=session.minutes_html
                minutes_draft=session.minutes_draft
                floor_options=options.clone()/>
            <div class="take-part no-print">
                {reader.confirmed.then(|| view! { <p class="alert alert-ok" role="status">{t.registered_confirmed}</p> })}
                {reader.waitlisted.map(|n| view! { <p class="alert" role="status">{(t.registered_waitlisted)(n)}</p> })}
                {(full && reader.may_register && !reader.confirmed && reader.waitlisted.is_none())
                    .then(|| view! { <p class="hint">{t.session_full_note}</p> })}
                {(reader.may_register || reader.confirmed || reader.waitlisted.is_some()).then(|| {
                    let attending = reader.confirmed || reader.waitlisted.is_some();
                    let register = FormState::for_action(RegisterSession::PATH);
                    let villages = options.kecamatan.clone();
                    view! {
                        <PostForm action=RegisterSession::PATH class=if attending { "inline" } else { "stack" }>
                            <input type="hidden" name="id" value=id.to_string()/>
                            <input type="hidden" name="attend" value=(!attending).to_string()/>
                            // The village is for the attendance list the secretariat prints.
                            {(!attending).then(|| view! {
                                <ChoiceSelect id="reg-desa".into() name="desa" label=t.register_desa empty=t.not_given
                                    groups=villages chosen=register.value("desa") error=register.field_error("desa")/>
                            })}
                            <button type="submit" class=if attending { "button button-quiet" } else { "button" }>
                                {if attending { t.unregister_button } else { t.register_button }}
                            </button>
                        </PostForm>
                    }
                })}
                {(!reader.signed_in && changeable).then(|| view! {
                    <p><A href=format!("/account/login?next=/sessions/{id}")>{t.sign_in_to_register}</A></p>
                })}
            </div>
            {(reader.manages && changeable).then(|| view! {
                <section class="manage no-print">
                    <details open=FormState::for_action(UpdateSession::PATH).error().is_some()>
                        <summary>{t.edit_session}</summary>
                        <SessionForm options action=UpdateSession::PATH id draft=session.form/>
                    </details>
                    <CancelForm id/>
                </section>
            })}
            <p class="no-print"><A href="/sessions">{t.sessions_title}</A></p>
        </article>
    }
}

#[component]
fn CancelForm(id: i32) -> impl IntoView {
    let t = use_locale().texts();
    let state = FormState::for_action(CancelSession::PATH);
    let error = state.field_error("reason");
    let open = error.is_some();
    view! {
        <details open=open>
            <summary>{t.cancel_session}</summary>
            <PostForm action=CancelSession::PATH class="stack">
                <input type="hidden" name="id" value=id.to_string()/>
                <label for="cancel-reason">{t.field_reason}</label>
                {error.clone().map(|e| view! { <p class="error" id="cancel-reason-error">{e}</p> })}
                <textarea id="cancel-reason" name="reason" rows="2" required maxlength=REASON_MAX.to_string()
                    inner_html=textarea_text(&state.value("reason"))></textarea>
                <button type="submit" class="button">{t.cancel_session}</button>
            </PostForm>
        </details>
    }
}

/// The form for one session, new (`id` 0) or existing.
#[component]
fn SessionForm(
    options: IssueFormOptions,
    action: &'static str,
    #[prop(optional)] id: i32,
    #[prop(optional)] draft: SessionDraft,
) -> impl IntoView {
    let t = use_locale().texts();
    let state = FormState::for_action(action);
    let start = |name: &str, stored: &str| state.value_or(name, stored);
    let (kecamatan, desa, host) = (
        start("kecamatan", &draft.kecamatan),
        start("desa", &draft.desa),
        start("host", &draft.host),
    );
    let errors = state.clone();
    let region_select = move |name: &'static str, label: &'static str, chosen: String, villages: bool| {
        let options = options.clone();
        let state = errors.clone();
        view! {
            <div class="field">
                <label for=format!("f-{name}")>{label}</label>
                {state.field_error(name).map(|e| view! { <p class="error">{e}</p> })}
                <select id=format!("f-{name}") name=name>
                    <option value="">{t.choose}</option>
                    {options.kecamatan.into_iter().map(|k| {
                        if villages {
                            let chosen = chosen.clone();
                            view! {
                                <optgroup label=k.name>
                                    {k.villages.into_iter().map(|v| view! {
                                        <option value=v.id.to_string() selected=v.id.to_string() == chosen>{v.name}</option>
                                    }).collect_view()}
                                </optgroup>
                            }.into_any()
                        } else {
                            view! { <option value=k.id.to_string() selected=k.id.to_string() == chosen>{k.name}</option> }.into_any()
                        }
                    }).collect_view()}
                </select>
            </div>
        }
    };
    let kecamatan_select = region_select.clone()("kecamatan", t.field_kecamatan, kecamatan, false);
    let desa_select = region_select.clone()("desa", t.field_desa, desa, true);
    let host_select = region_select("host", t.field_host, host, false);
    view! {
        <PostForm action=action class="stack">
            {(id > 0).then(|| view! { <input type="hidden" name="id" value=id.to_string()/> })}
            <Field state=state.clone() name="date" label=t.field_date kind="date" value=draft.date.clone()/>
            <Field state=state.clone() name="time" label=t.field_time kind="time" value=draft.time.clone()/>
            <Field state=state.clone() name="duration" label=t.field_duration kind="number" value=draft.duration.clone()/>
            <Field state=state.clone() name="venue" label=t.field_venue maxlength=VENUE_MAX value=draft.venue.clone()/>
            {kecamatan_select}
            {desa_select}
            {host_select}
            <Field state=state.clone() name="capacity" label=t.field_capacity kind="number" value=draft.capacity.clone()/>
            <Field state=state.clone() name="livestream" label=t.field_livestream kind="url" required=false
                value=draft.livestream.clone()/>
            <Field state=state.clone() name="cutoff_date" label=t.field_cutoff_date kind="date" required=false
                hint=t.field_cutoff_hint value=draft.cutoff_date.clone()/>
            <Field state=state.clone() name="cutoff_time" label=t.field_cutoff_time kind="time" required=false
                value=draft.cutoff_time.clone()/>
            {(id > 0).then(|| view! {
                <Field state=state.clone() name="reason" label=t.field_reason required=false maxlength=REASON_MAX/>
            })}
            <button type="submit" class="button">{t.save_session}</button>
        </PostForm>
    }
}

#[component]
pub fn NewSessionPage() -> impl IntoView {
    let t = use_locale().texts();
    let options = Resource::new(|| (), |()| get_issue_form_options());
    let draft = SessionDraft {
        time: "08:00".into(),
        duration: "180".into(),
        capacity: CAPACITY_DEFAULT.into(),
        ..Default::default()
    };
    view! {
        <Title text=t.new_session/>
        <section class="page narrow">
            <h1>{t.new_session}</h1>
            <ErrorSummary state=FormState::for_action(CreateSession::PATH)/>
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || {
                    let draft = draft.clone();
                    Suspend::new(async move {
                        match options.await {
                            Ok(options) => view! { <SessionForm options action=CreateSession::PATH draft/> }.into_any(),
                            Err(error) => view! { <ErrorBox error/> }.into_any(),
                        }
                    })
                }}
            </Suspense>
        </section>
    }
}

const CAPACITY_DEFAULT: &str = "100";

/// The recurrence planner: a GET form (every value in the address), the plan in words,
/// then one button that creates it.
#[component]
pub fn PlanPage() -> impl IntoView {
    let t = use_locale().texts();
    let query = use_query_map();
    let get = move |name: &str, fallback: &str| {
        query
            .with_untracked(|q| q.get(name))
            .unwrap_or_else(|| fallback.to_owned())
    };
    let hosts: Vec<String> = query.with_untracked(|q| q.get_all("hosts").unwrap_or_default());
    let values = (
        get("from", ""),
        get("count", "8"),
        get("time", "08:00"),
        get("duration", "180"),
        get("capacity", CAPACITY_DEFAULT),
        get("policy", HolidayPolicy::Skip.as_str()),
        hosts.join(","),
    );
    let asked = !values.0.is_empty();
    let preview = {
        let values = values.clone();
        Resource::new(
            || (),
            move |()| {
                let v = values.clone();
                async move {
                    if v.0.is_empty() {
                        Ok(None)
                    } else {
                        preview_plan(v.0, v.1, v.2, v.3, v.4, v.5, v.6).await.map(Some)
                    }
                }
            },
        )
    };
    let options = Resource::new(|| (), |()| get_issue_form_options());
    let generate = FormState::for_action(GenerateSessions::PATH);
    view! {
        <Title text=t.plan_sessions/>
        <section class="page narrow">
            <h1>{t.plan_sessions}</h1>
            <ErrorSummary state=generate/>
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || {
                    let values = values.clone();
                    let hosts = hosts.clone();
                    Suspend::new(async move {
                        let options = match options.await {
                            Ok(options) => options,
                            Err(error) => return view! { <ErrorBox error/> }.into_any(),
                        };
                        let plan = preview.await;
                        let (from, count, time, duration, capacity, policy, joined) = values;
                        view! {
                            <form method="get" class="stack">
                                <div class="field"><label for="p-from">{t.field_from}</label>
                                    <input id="p-from" name="from" type="date" required value=from.clone()/></div>
                                <div class="field"><label for="p-count">{t.field_count}</label>
                                    <input id="p-count" name="count" type="number" min="1" max=PLAN_MAX.to_string() required value=count.clone()/></div>
                                <div class="field"><label for="p-time">{t.field_time}</label>
                                    <input id="p-time" name="time" type="time" required value=time.clone()/></div>
                                <div class="field"><label for="p-duration">{t.field_duration}</label>
                                    <input id="p-duration" name="duration" type="number" required value=duration.clone()/></div>
                                <div class="field"><label for="p-capacity">{t.field_capacity}</label>
                                    <input id="p-capacity" name="capacity" type="number" required value=capacity.clone()/></div>
                                <fieldset class="field choices">
                                    <legend>{t.field_policy}</legend>
                                    {HolidayPolicy::ALL.into_iter().map(|p| view! {
                                        <div class="choice">
                                            <input type="radio" id=format!("p-policy-{}", p.as_str()) name="policy" value=p.as_str()
                                                checked=policy == p.as_str()/>
                                            <label for=format!("p-policy-{}", p.as_str())>{(t.policy_name)(p)}</label>
                                        </div>
                                    }).collect_view()}
                                </fieldset>
                                <fieldset class="field choices columns">
                                    <legend>{t.field_hosts}</legend>
                                    {options.kecamatan.into_iter().map(|k| {
                                        let id = k.id.to_string();
                                        view! {
                                            <div class="choice">
                                                <input type="checkbox" id=format!("p-host-{id}") name="hosts" value=id.clone()
                                                    checked=hosts.contains(&id)/>
                                                <label for=format!("p-host-{id}")>{k.name}</label>
                                            </div>
                                        }
                                    }).collect_view()}
                                </fieldset>
                                <button type="submit" class="button button-quiet">{t.preview_plan}</button>
                            </form>
                            {match plan {
                                Ok(Some(plan)) => view! {
                                    {plan.past_table.map(|year| view! { <p class="alert" role="status">{(t.plan_past_table)(year)}</p> })}
                                    <ol class="plan">
                                        {plan.weeks.into_iter().map(|w| {
                                            let line = match (&w.day, &w.holiday, w.taken) {
                                                (Some(day), _, true) => format!("{day}: {}", t.plan_taken),
                                                (Some(day), None, false) => format!("{day} · {}", w.host.clone().unwrap_or_default()),
                                                (Some(day), Some(h), false) => format!("{}: {} · {}", w.rule_day, (t.plan_moved)(h, day), w.host.clone().unwrap_or_default()),
                                                (None, Some(h), _) => format!("{}: {}", w.rule_day, (t.plan_skipped)(h)),
                                                (None, None, _) => w.rule_day.clone(),
                                            };
                                            view! { <li class:skipped=w.day.is_none() || w.taken>{line}</li> }
                                        }).collect_view()}
                                    </ol>
                                    <PostForm action=GenerateSessions::PATH>
                                        <input type="hidden" name="from" value=from/>
                                        <input type="hidden" name="count" value=count/>
                                        <input type="hidden" name="time" value=time/>
                                        <input type="hidden" name="duration" value=duration/>
                                        <input type="hidden" name="capacity" value=capacity/>
                                        <input type="hidden" name="policy" value=policy/>
                                        <input type="hidden" name="hosts" value=joined/>
                                        <button type="submit" class="button">{t.create_plan}</button>
                                    </PostForm>
                                }
                                .into_any(),
                                Ok(None) => ().into_any(),
                                Err(error) if asked => view! { <PlanError error/> }.into_any(),
                                Err(error) => view! { <ErrorBox error/> }.into_any(),
                            }}
                        }
                        .into_any()
                    })
                }}
            </Suspense>
        </section>
    }
}

/// Why a plan could not be previewed, field by field.
#[component]
fn PlanError(error: AppError) -> impl IntoView {
    let t = use_locale().texts();
    let lines: Vec<String> = error
        .fields()
        .iter()
        .map(|f| format!("{}: {}", f.field, (t.code_message)(f.code)))
        .collect();
    view! {
        <div class="alert alert-error" role="alert">
            <p>{t.error_message(&error)}</p>
            <ul>{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
        </div>
    }
}

/// Sessions to come on a day that is a holiday, for the secretariat (and the admin) to move
/// or cancel; nothing moves them by itself. Nothing at all when there are none.
#[component]
pub fn HolidayClashes(clashes: Vec<(i32, String, String)>) -> impl IntoView {
    let t = use_locale().texts();
    (!clashes.is_empty()).then(|| {
        view! {
            <div class="alert alert-error" role="status">
                <p>{t.holidays_clashes}</p>
                <ul>
                    {clashes.into_iter().map(|(id, when, name)| view! {
                        <li><A href=format!("/sessions/{id}")>{when}</A> " · " {name}</li>
                    }).collect_view()}
                </ul>
            </div>
        }
    })
}
