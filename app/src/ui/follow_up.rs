//! OPD follow-up on the issue page (each OPD's status, deadline in working days and
//! history; the forms of whoever may act), and an officer's work list at `/opd`.

use leptos::{prelude::*, server_fn::ServerFn};
use leptos_meta::Title;
use leptos_router::components::A;

use super::{
    form::{ErrorBox, ErrorSummary, FormState, PostForm, textarea_text},
    use_locale,
};
use crate::{
    api::follow_up::{ActOnFollowUp, AssignIssue, get_opd_queue},
    i18n::Texts,
    model::follow_up::{
        AssignForm, FollowUpAction, FollowUpStatus, FollowUpView, NOTE_MAX, OpdItem, SLA_MAX_DAYS, TimelineEntry,
        TimelineEvent, format_rupiah,
    },
};

/// A text area of a follow-up form, keeping what was typed when that form was refused.
#[component]
fn NoteField(
    state: FormState,
    form: String,
    label: &'static str,
    #[prop(default = true)] required: bool,
) -> impl IntoView {
    let id = format!("{form}-body");
    let text = state.value("body");
    let error = state.field_error("body");
    let invalid = error.is_some();
    view! {
        <div class="field" class:field-invalid=invalid>
            <label for=id.clone()>{label}</label>
            {error.map(|e| view! { <p class="error">{e}</p> })}
            <textarea id=id name="body" rows="3" required=required maxlength=NOTE_MAX.to_string() inner_html=textarea_text(&text)></textarea>
        </div>
    }
}

/// Photos as evidence, and whether it needs a programme or budget (officers' forms).
#[component]
fn EvidenceFields(state: FormState, form: String) -> impl IntoView {
    let t = use_locale().texts();
    let photo_id = format!("{form}-photo");
    let programme_id = format!("{form}-programme");
    view! {
        <div class="field">
            <label for=photo_id.clone()>{t.fu_photo_field}</label>
            {state.field_error("photo").map(|e| view! { <p class="error">{e}</p> })}
            <input type="hidden" name="photos" value=state.value("photos")/>
            <input id=photo_id name="photo" type="file" multiple accept="image/jpeg,image/png,image/webp"/>
        </div>
        <div class="choice">
            <input type="checkbox" id=programme_id.clone() name="needs_programme" value="1"/>
            <label for=programme_id>{t.fu_programme_field}</label>
        </div>
    }
}

/// One step's form: the follow-up, the action, and whatever fields it needs.
#[component]
fn StepForm(
    id: i32,
    action: FollowUpAction,
    /// Carries photos (`multipart/form-data`).
    #[prop(optional)]
    photos: bool,
    children: Children,
) -> impl IntoView {
    let enctype = photos.then_some("multipart/form-data");
    view! {
        <PostForm action=ActOnFollowUp::PATH class="stack follow-up-form" enctype>
            <input type="hidden" name="id" value=id.to_string()/>
            <input type="hidden" name="action" value=action.as_str()/>
            {children()}
        </PostForm>
    }
}

fn days_text(t: &Texts, f: &FollowUpView) -> String {
    let mut text = (t.fu_due)(&f.due_day);
    if let Some(days) = f.days_left {
        text.push_str(" · ");
        text.push_str(&(t.fu_days_left)(days));
    }
    text
}

#[component]
pub fn FollowUps(issue: i32, follow_ups: Vec<FollowUpView>, assign: Option<AssignForm>) -> impl IntoView {
    let t = use_locale().texts();
    let state = FormState::for_action(ActOnFollowUp::PATH);
    // A refused step comes back with its values, into the form it came from.
    let refused = (state.value("id"), state.value("action"));
    let assign_state = FormState::for_action(AssignIssue::PATH);
    if follow_ups.is_empty() && assign.is_none() && assign_state.error().is_none() {
        return ().into_any();
    }
    view! {
        <section class="follow-ups" id="tindak-lanjut" aria-labelledby="tindak-lanjut-judul">
            <h2 id="tindak-lanjut-judul">{t.fu_title}</h2>
            <ErrorSummary state=state.clone()/>
            <ErrorSummary state=assign_state.clone()/>
            {follow_ups.into_iter().map(|f| {
                let overdue = f.days_left.is_some_and(|d| d < 0);
                let pick = |action: FollowUpAction| {
                    if refused.0 == f.id.to_string() && refused.1 == action.as_str() {
                        state.clone()
                    } else {
                        FormState::default()
                    }
                };
                let (decline, progress, resolve, confirm, reopen) = (
                    pick(FollowUpAction::Decline),
                    pick(FollowUpAction::Progress),
                    pick(FollowUpAction::Resolve),
                    pick(FollowUpAction::Confirm),
                    pick(FollowUpAction::Reopen),
                );
                let id = f.id;
                let confirm_days = f.confirm_days_left.unwrap_or_default();
                view! {
                    <article class="follow-up">
                        <h3>
                            {f.opd_name.clone()} " "
                            <span class="badge">{if f.lead { t.fu_lead } else { t.fu_support }}</span>
                            {f.needs_programme.then(|| view! { " " <span class="badge">{t.fu_programme_badge}</span> })}
                        </h3>
                        {(f.opd_head.is_some() || f.opd_email.is_some()).then(|| view! {
                            <p class="meta">
                                {f.opd_head.clone().map(|h| format!("{}: {h}", t.fu_head))}
                                {f.opd_email.clone().map(|e| view! { " " <a href=format!("mailto:{e}")>{e.clone()}</a> })}
                            </p>
                        })}
                        <p>
                            <strong>{(t.fu_status_name)(f.status)}</strong>
                            {f.percent.map(|p| format!(" · {}", (t.fu_percent)(p)))}
                        </p>
                        <p class:overdue=overdue>{days_text(t, &f)}</p>
                        {(!f.action_html.is_empty()).then(|| view! {
                            <div class="follow-up-action">
                                <p class="label">{t.fu_action}</p>
                                <div class="prose" inner_html=f.action_html.clone()></div>
                            </div>
                        })}
                        {(f.can_work && f.status == FollowUpStatus::Assigned).then(move || view! {
                            <StepForm id action=FollowUpAction::Accept>
                                <button type="submit" class="button">{t.fu_accept}</button>
                            </StepForm>
                            <StepForm id action=FollowUpAction::Decline>
                                <NoteField state=decline form=format!("decline-{id}") label=t.fu_reason/>
                                <button type="submit" class="button button-quiet">{t.fu_decline}</button>
                            </StepForm>
                        })}
                        {(f.can_work && f.status == FollowUpStatus::InProgress).then(move || {
                            let percent_id = format!("progress-{id}-percent");
                            let cost_id = format!("progress-{id}-cost");
                            let internal_id = format!("progress-{id}-internal");
                            view! {
                                <StepForm id action=FollowUpAction::Progress photos=true>
                                    <NoteField state=progress.clone() form=format!("progress-{id}") label=t.fu_progress_text/>
                                    <div class="field">
                                        <label for=percent_id.clone()>{t.fu_percent_field}</label>
                                        {progress.field_error("percent").map(|e| view! { <p class="error">{e}</p> })}
                                        <input id=percent_id name="percent" inputmode="numeric" value=progress.value("percent")/>
                                    </div>
                                    <div class="field">
                                        <label for=cost_id.clone()>{t.fu_cost_field}</label>
                                        <p class="hint" id=format!("{cost_id}-hint")>{t.fu_cost_hint}</p>
                                        {progress.field_error("cost").map(|e| view! { <p class="error">{e}</p> })}
                                        <input id=cost_id.clone() name="cost" inputmode="numeric" value=progress.value("cost")
                                            aria-describedby=format!("{cost_id}-hint")/>
                                    </div>
                                    <EvidenceFields state=progress.clone() form=format!("progress-{id}")/>
                                    <div class="choice">
                                        <input type="checkbox" id=internal_id.clone() name="internal" value="1"/>
                                        <label for=internal_id>{t.fu_internal_field}</label>
                                    </div>
                                    <button type="submit" class="button">{t.fu_progress}</button>
                                </StepForm>
                                <StepForm id action=FollowUpAction::Resolve photos=true>
                                    <NoteField state=resolve.clone() form=format!("resolve-{id}") label=t.fu_resolve_summary/>
                                    <EvidenceFields state=resolve form=format!("resolve-{id}")/>
                                    <button type="submit" class="button">{t.fu_resolve}</button>
                                </StepForm>
                            }
                        })}
                        {f.can_confirm.then(move || view! {
                            <p class="alert alert-ok" role="status">{(t.fu_confirm_prompt)(confirm_days)}</p>
                            <StepForm id action=FollowUpAction::Confirm>
                                <NoteField state=confirm form=format!("confirm-{id}") label=t.fu_confirm_word required=false/>
                                <button type="submit" class="button">{t.fu_confirm}</button>
                            </StepForm>
                            <StepForm id action=FollowUpAction::Reopen>
                                <NoteField state=reopen form=format!("reopen-{id}") label=t.fu_reason/>
                                <button type="submit" class="button button-quiet">{t.fu_reopen}</button>
                            </StepForm>
                        })}
                    </article>
                }
            }).collect_view()}
            {assign.map(|form| {
                let lead = assign_state.value_or("lead", &form.suggested.map(|id| id.to_string()).unwrap_or_default());
                let days = assign_state.value_or("days", &form.default_days.to_string());
                let action = assign_state.value("action");
                view! {
                    <h3>{t.assign_title}</h3>
                    <PostForm action=AssignIssue::PATH class="stack">
                        <input type="hidden" name="issue" value=issue.to_string()/>
                        <div class="field">
                            <label for="assign-lead">{t.assign_lead}</label>
                            {assign_state.field_error("lead").map(|e| view! { <p class="error">{e}</p> })}
                            <select id="assign-lead" name="lead" required>
                                <option value="">"—"</option>
                                {form.opds.iter().map(|o| view! {
                                    <option value=o.id.to_string() selected=lead == o.id.to_string()>{o.short_name.clone()}</option>
                                }).collect_view()}
                            </select>
                        </div>
                        <fieldset class="field choices">
                            <legend>{t.assign_support}</legend>
                            {form.opds.iter().map(|o| {
                                let id = format!("assign-support-{}", o.id);
                                view! {
                                    <div class="choice">
                                        <input type="checkbox" id=id.clone() name="supporting" value=o.id.to_string()/>
                                        <label for=id>{o.short_name.clone()}</label>
                                    </div>
                                }
                            }).collect_view()}
                        </fieldset>
                        <div class="field">
                            <label for="assign-action">{t.fu_action}</label>
                            {assign_state.field_error("action").map(|e| view! { <p class="error">{e}</p> })}
                            <textarea id="assign-action" name="action" rows="3" required maxlength=NOTE_MAX.to_string() inner_html=textarea_text(&action)></textarea>
                        </div>
                        <div class="field">
                            <label for="assign-days">{t.assign_days}</label>
                            {assign_state.field_error("days").map(|e| view! { <p class="error">{e}</p> })}
                            <input id="assign-days" name="days" type="number" min="1" max=SLA_MAX_DAYS.to_string() value=days/>
                        </div>
                        <button type="submit" class="button">{t.assign_submit}</button>
                    </PostForm>
                }
            })}
        </section>
    }
    .into_any()
}

/// The issue's one history, oldest first.
#[component]
pub fn Timeline(entries: Vec<TimelineEntry>) -> impl IntoView {
    let t = use_locale().texts();
    (!entries.is_empty()).then(|| view! {
        <section class="history" aria-labelledby="riwayat-judul">
            <h2 id="riwayat-judul">{t.timeline_title}</h2>
            <ol class="timeline">
                {entries.into_iter().map(|e| {
                    let what = match e.event {
                        TimelineEvent::Posted => t.timeline_posted.to_owned(),
                        TimelineEvent::Status(status) => (t.timeline_status)((t.status_name)(status)),
                        TimelineEvent::Moderation(action) => (t.action_name)(action).to_owned(),
                        TimelineEvent::FollowUp(kind) => match &e.opd {
                            Some(opd) => format!("{opd}: {}", (t.fu_update_name)(kind)),
                            None => (t.fu_update_name)(kind).to_owned(),
                        },
                    };
                    view! {
                        <li class:internal=e.internal>
                            <p class="meta">
                                <strong>{what}</strong>
                                {e.who.map(|w| format!(" · {w}"))}
                                " · " <time datetime=e.when>{e.when_wib}</time>
                                {e.internal.then(|| view! { " " <span class="badge">{t.fu_internal_badge}</span> })}
                            </p>
                            {(!e.body_html.is_empty()).then(|| view! { <div class="prose" inner_html=e.body_html></div> })}
                            {e.percent.map(|p| view! { <p>{(t.fu_percent)(p)}</p> })}
                            {e.cost_rupiah.map(|c| view! { <p>{t.fu_cost} ": " {format_rupiah(c)}</p> })}
                            {(!e.photos.is_empty()).then(|| {
                                let count = e.photos.len();
                                view! {
                                    <ul class="photos">
                                        {e.photos.into_iter().enumerate().map(|(n, p)| view! {
                                            <li>
                                                <a href=p.src()>
                                                    <img src=p.small_src() alt=(t.fu_photo_alt)(n + 1, count) loading="lazy"
                                                        width=p.width.min(480).to_string()/>
                                                </a>
                                            </li>
                                        }).collect_view()}
                                    </ul>
                                }
                            })}
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    })
}

#[component]
fn OpdList(title: &'static str, items: Vec<OpdItem>) -> impl IntoView {
    let t = use_locale().texts();
    view! {
        <h2>{title} " (" {items.len()} ")"</h2>
        {if items.is_empty() {
            view! { <p>{t.opd_empty}</p> }.into_any()
        } else {
            view! {
                <ul class="opd-list">
                    {items.into_iter().map(|i| view! {
                        <li>
                            <A href=format!("/issues/{}#tindak-lanjut", i.issue_id)>{format!("#{} {}", i.issue_id, i.issue_title)}</A>
                            <span class="meta">
                                " · " {if i.lead { t.fu_lead } else { t.fu_support }}
                                " · " {(t.fu_status_name)(i.status)}
                                " · " {(t.fu_due)(&i.due_day)} " · " {(t.fu_days_left)(i.days_left)}
                            </span>
                        </li>
                    }).collect_view()}
                </ul>
            }
            .into_any()
        }}
    }
}

#[component]
pub fn OpdPage() -> impl IntoView {
    let t = use_locale().texts();
    let data = Resource::new(|| (), |()| get_opd_queue());
    view! {
        <Title text=t.nav_opd/>
        <section class="page">
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(queue) => view! {
                            <h1>{(t.opd_title)(&queue.opd_name)}</h1>
                            <OpdList title=t.opd_overdue items=queue.overdue/>
                            <OpdList title=t.opd_due_soon items=queue.due_soon/>
                            <OpdList title=t.opd_new items=queue.new/>
                            <OpdList title=t.opd_in_progress items=queue.in_progress/>
                        }
                        .into_any(),
                        Err(error) => view! { <h1>{t.nav_opd}</h1><ErrorBox error/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
