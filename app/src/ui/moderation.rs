//! Moderation on the pages: the "Laporkan" form under an issue or a comment, the
//! secretariat's decision form, and the moderation queue.

use leptos::{prelude::*, server_fn::ServerFn};
use leptos_meta::Title;
use leptos_router::components::A;

use super::{
    form::{ErrorBox, ErrorSummary, FormState, PostForm, textarea_text},
    use_locale,
};
use crate::{
    api::moderation::{FlagItem, ModerateItem, get_moderation_queue},
    model::moderation::{ModerationAction, REASON_MAX, TargetKind},
};

/// Whether a refused form of `action` was about this item.
fn echo_for(state: &FormState, kind: TargetKind, id: i32) -> bool {
    state.error().is_some() && state.value("kind") == kind.as_str() && state.value("id") == id.to_string()
}

/// A folded form to report an item with a reason.
#[component]
pub fn FlagForm(kind: TargetKind, id: i32) -> impl IntoView {
    let t = use_locale().texts();
    let state = FormState::for_action(FlagItem::PATH);
    let mine = echo_for(&state, kind, id);
    let error = if mine { state.field_error("reason") } else { None };
    let text = if mine { state.value("reason") } else { String::new() };
    let field = format!("flag-{}-{id}", kind.as_str());
    view! {
        <details class="flag" open=mine>
            <summary>{t.flag_button}</summary>
            <PostForm action=FlagItem::PATH class="stack">
                <input type="hidden" name="kind" value=kind.as_str()/>
                <input type="hidden" name="id" value=id.to_string()/>
                <label for=field.clone()>{t.flag_reason}</label>
                {error.clone().map(|e| view! { <p class="error" id=format!("{field}-error")>{e}</p> })}
                <textarea id=field.clone() name="reason" rows="2" required maxlength=REASON_MAX.to_string()
                    aria-invalid=if error.is_some() { "true" } else { "false" } inner_html=textarea_text(&text)></textarea>
                <button type="submit" class="button button-quiet">{t.flag_submit}</button>
            </PostForm>
        </details>
    }
}

/// The secretariat's form: hide, restore, and for issues reject or merge, with a reason.
#[component]
pub fn ModerateForm(kind: TargetKind, id: i32, #[prop(optional)] open: bool) -> impl IntoView {
    let t = use_locale().texts();
    let state = FormState::for_action(ModerateItem::PATH);
    let mine = echo_for(&state, kind, id);
    let reason_error = if mine { state.field_error("reason") } else { None };
    let into_error = if mine { state.field_error("into") } else { None };
    let chosen = if mine { state.value("action") } else { String::new() };
    let prefix = format!("mod-{}-{id}", kind.as_str());
    let actions: Vec<ModerationAction> = ModerationAction::CHOSEN
        .into_iter()
        .filter(|a| kind == TargetKind::Issue || matches!(a, ModerationAction::Hide | ModerationAction::Restore))
        .collect();
    let first = actions.first().copied();
    view! {
        <details class="moderate" open=open || mine>
            <summary>{t.moderate_title}</summary>
            {mine.then(|| view! { <ErrorSummary state=state.clone()/> })}
            <PostForm action=ModerateItem::PATH class="stack">
                <input type="hidden" name="kind" value=kind.as_str()/>
                <input type="hidden" name="id" value=id.to_string()/>
                <fieldset class="choices">
                    <legend>{t.moderate_action}</legend>
                    {actions.into_iter().map(|a| {
                        let radio = format!("{prefix}-{}", a.as_str());
                        let checked = chosen == a.as_str() || (chosen.is_empty() && Some(a) == first);
                        view! {
                            <div class="choice">
                                <input type="radio" id=radio.clone() name="action" value=a.as_str() checked=checked/>
                                <label for=radio>{(t.action_name)(a)}</label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
                <label for=format!("{prefix}-reason")>{t.moderate_reason}</label>
                {reason_error.clone().map(|e| view! { <p class="error">{e}</p> })}
                <textarea id=format!("{prefix}-reason") name="reason" rows="2" required maxlength=REASON_MAX.to_string()
                    aria-invalid=if reason_error.is_some() { "true" } else { "false" }
                    inner_html=textarea_text(&if mine { state.value("reason") } else { String::new() })></textarea>
                {(kind == TargetKind::Issue).then(|| view! {
                    <label for=format!("{prefix}-into")>{t.moderate_into}</label>
                    {into_error.clone().map(|e| view! { <p class="error">{e}</p> })}
                    <input id=format!("{prefix}-into") name="into" inputmode="numeric" size="8"
                        value=if mine { state.value("into") } else { String::new() }
                        aria-invalid=if into_error.is_some() { "true" } else { "false" }/>
                })}
                <button type="submit" class="button">{t.moderate_submit}</button>
            </PostForm>
        </details>
    }
}

/// The secretariat's queue: flagged or hidden items, then the record of recent actions.
#[component]
pub fn ModerationPage() -> impl IntoView {
    let t = use_locale().texts();
    let queue = Resource::new(|| (), |()| get_moderation_queue());
    view! {
        <Title text=t.moderation_title/>
        <section class="page">
            <h1>{t.moderation_title}</h1>
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match queue.await {
                        Ok(queue) => view! {
                            <p>{(t.moderation_intro)(queue.flags_to_hide)}</p>
                            {queue.items.is_empty().then(|| view! { <p class="empty">{t.moderation_empty}</p> })}
                            <ul class="queue">
                                {queue.items.into_iter().map(|item| {
                                    let anchor = match item.kind {
                                        TargetKind::Issue => format!("/issues/{}", item.issue_id),
                                        TargetKind::Comment => format!("/issues/{}#comment-{}", item.issue_id, item.id),
                                    };
                                    view! {
                                        <li class="queue-item">
                                            <p class="meta">
                                                <strong>{(t.kind_name)(item.kind)} " #" {item.id}</strong>
                                                {item.hidden.then(|| view! { " " <span class="badge badge-private">{t.hidden_badge}</span> })}
                                            </p>
                                            <p><A href=anchor>{item.title}</A></p>
                                            <div class="prose excerpt" inner_html=item.excerpt_html></div>
                                            {(!item.flags.is_empty()).then(|| view! {
                                                <p class="meta">{t.moderation_flags} ":"</p>
                                                <ul>
                                                    {item.flags.into_iter().map(|(who, why)| view! {
                                                        <li><strong>{who}</strong> ": " {why}</li>
                                                    }).collect_view()}
                                                </ul>
                                            })}
                                            <ModerateForm kind=item.kind id=item.id open=true/>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                            <h2>{t.moderation_recent}</h2>
                            <div class="table-scroll" tabindex="0" role="region" aria-label=t.moderation_recent>
                                <table class="table">
                                    <thead>
                                        <tr>
                                            <th scope="col">{t.col_when}</th>
                                            <th scope="col">{t.col_who}</th>
                                            <th scope="col">{t.col_action}</th>
                                            <th scope="col">{t.col_what}</th>
                                            <th scope="col">{t.col_reason}</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {queue.recent.into_iter().map(|r| {
                                            let what = format!("{} #{}", (t.kind_name)(r.kind), r.target_id);
                                            view! {
                                                <tr>
                                                    <td>{r.at_wib}</td>
                                                    <td>{r.actor.unwrap_or_else(|| t.moderation_system.to_owned())}</td>
                                                    <td>{(t.action_name)(r.action)}</td>
                                                    <td>{match r.issue_id {
                                                        Some(issue) => view! { <A href=format!("/issues/{issue}")>{what}</A> }.into_any(),
                                                        None => what.into_any(),
                                                    }}</td>
                                                    <td>{r.reason}</td>
                                                </tr>
                                            }
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                        }
                        .into_any(),
                        Err(error) => view! { <ErrorBox error/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
