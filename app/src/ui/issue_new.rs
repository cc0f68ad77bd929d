//! The form to post an issue. Signed-out readers and unverified accounts are told what to
//! do first; the server refuses them anyway.

use leptos::{prelude::*, server_fn::ServerFn};
use leptos_meta::Title;
use leptos_router::{components::A, hooks::use_params_map};

use super::{
    form::textarea_text,
    form::{ErrorBox, ErrorSummary, Field, FormState, PostForm},
    use_locale, use_viewer,
};
use crate::{
    api::issue::{CreateIssue, UpdateIssue, get_issue_draft, get_issue_form_options},
    model::{
        account::{NAME_MAX, Role},
        issue::{BODY_MAX, IssueDraft, IssueFormOptions, PHONE_MAX, Privacy, TITLE_MAX},
    },
};

#[component]
pub fn NewIssuePage() -> impl IntoView {
    let t = use_locale().texts();
    let viewer = use_viewer();
    let options = Resource::new(|| (), |()| get_issue_form_options());
    view! {
        <Title text=t.new_title/>
        <section class="page narrow">
            <h1>{t.new_title}</h1>
            <ErrorSummary state=FormState::for_action(CreateIssue::PATH)/>
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || Suspend::new(async move {
                    let viewer = match viewer {
                        Some(v) => v.0.await.ok().flatten(),
                        None => None,
                    };
                    match (viewer, options.await) {
                        (None, _) => view! {
                            <p class="alert">{t.must_sign_in}</p>
                            <p>
                                <A href="/account/login?next=/issues/new" attr:class="button">{t.nav_login}</A>
                                " "
                                <A href="/account/register">{t.nav_register}</A>
                            </p>
                        }
                        .into_any(),
                        (Some(v), _) if !v.email_verified => view! { <p class="alert">{t.must_verify}</p> }.into_any(),
                        (Some(v), Ok(options)) => view! {
                            <p>{t.new_intro}</p>
                            <IssueForm options action=CreateIssue::PATH submit=t.submit_issue assisted=v.role == Role::Operator/>
                        }
                        .into_any(),
                        (Some(_), Err(error)) => view! { <ErrorBox error/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// The author edits their issue (until it is on an agenda).
#[component]
pub fn EditIssuePage() -> impl IntoView {
    let t = use_locale().texts();
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let draft = Resource::new(id, get_issue_draft);
    let options = Resource::new(|| (), |()| get_issue_form_options());
    view! {
        <Title text=t.edit_issue_title/>
        <section class="page narrow">
            <h1>{t.edit_issue_title}</h1>
            <ErrorSummary state=FormState::for_action(UpdateIssue::PATH)/>
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match (draft.await, options.await) {
                        (Ok(draft), Ok(options)) => view! {
                            <IssueForm options action=UpdateIssue::PATH submit=t.save_button draft/>
                        }
                        .into_any(),
                        (Err(error), _) | (_, Err(error)) => view! { <ErrorBox error/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// The issue form, empty for a new issue or filled from `draft` for an edit. A refused
/// submission comes back with what was typed.
#[component]
fn IssueForm(
    options: IssueFormOptions,
    action: &'static str,
    submit: &'static str,
    #[prop(optional)] draft: Option<IssueDraft>,
    /// Offer the assisted-intake fields (operators posting for a resident).
    #[prop(optional)]
    assisted: bool,
) -> impl IntoView {
    let t = use_locale().texts();
    let state = FormState::for_action(action);
    let start = |name: &str, value: Option<String>| state.value_or(name, &value.unwrap_or_default());
    let draft_ref = draft.as_ref();
    let kecamatan = RwSignal::new(start("kecamatan", draft_ref.map(|d| d.kecamatan.to_string())));
    let (category, desa, body) = (
        start("category", draft_ref.map(|d| d.category.to_string())),
        start("desa", draft_ref.map(|d| d.desa.to_string())),
        start("body", draft_ref.map(|d| d.body.clone())),
    );
    let title = start("title", draft_ref.map(|d| d.title.clone()));
    let editing = draft.as_ref().map(|d| d.id);
    let errors = state.clone();
    let select_error = move |name: &str| {
        errors
            .field_error(name)
            .map(|e| view! { <p class="error" id=format!("f-{name}-error")>{e}</p> })
    };
    let errors = state.clone();
    let invalid = move |name: &str| {
        if errors.field_error(name).is_some() {
            "true"
        } else {
            "false"
        }
    };
    let privacy = state.value("privacy");
    let body_error = state.field_error("body");
    view! {
        <PostForm action=action class="stack">
            {editing.map(|id| view! { <input type="hidden" name="id" value=id.to_string()/> })}
            <Field state=state.clone() name="title" label=t.field_title hint=t.field_title_hint maxlength=TITLE_MAX
                value=title/>
            <div class="field" class:field-invalid=body_error.is_some()>
                <label for="f-body">{t.field_body}</label>
                <p class="hint" id="f-body-hint">{t.field_body_hint}</p>
                {body_error.clone().map(|e| view! { <p class="error" id="f-body-error">{e}</p> })}
                <textarea id="f-body" name="body" rows="8" required maxlength=BODY_MAX.to_string()
                    aria-describedby="f-body-hint f-body-error" aria-invalid=invalid("body") inner_html=textarea_text(&body)></textarea>
            </div>
            <div class="field">
                <label for="f-category">{t.field_category}</label>
                {select_error("category")}
                <select id="f-category" name="category" required aria-invalid=invalid("category") aria-describedby="f-category-error">
                    <option value="">{t.choose}</option>
                    {options.categories.into_iter().map(|c| {
                        let selected = c.id.to_string() == category;
                        view! { <option value=c.id.to_string() selected=selected>{c.name}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="f-kecamatan">{t.field_kecamatan}</label>
                {select_error("kecamatan")}
                <select id="f-kecamatan" name="kecamatan" required aria-invalid=invalid("kecamatan") aria-describedby="f-kecamatan-error"
                    on:change=move |ev| kecamatan.set(event_target_value(&ev))>
                    <option value="">{t.choose}</option>
                    {options.kecamatan.iter().map(|k| {
                        let id = k.id.to_string();
                        let selected = id == kecamatan.get_untracked();
                        view! { <option value=id selected=selected>{k.name.clone()}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="f-desa">{t.field_desa}</label>
                {select_error("desa")}
                <select id="f-desa" name="desa" required aria-invalid=invalid("desa") aria-describedby="f-desa-error">
                    <option value="">{t.choose}</option>
                    {options.kecamatan.into_iter().map(|k| {
                        let kid = k.id.to_string();
                        // With JavaScript, only the chosen kecamatan's villages can be picked.
                        let hidden = Signal::derive(move || { let chosen = kecamatan.get(); !chosen.is_empty() && chosen != kid });
                        let hidden_again = hidden;
                        let desa = desa.clone();
                        view! {
                            <optgroup label=k.name hidden=hidden disabled=hidden_again>
                                {k.villages.into_iter().map(|v| {
                                    let selected = v.id.to_string() == desa;
                                    view! { <option value=v.id.to_string() selected=selected>{v.name}</option> }
                                }).collect_view()}
                            </optgroup>
                        }
                    }).collect_view()}
                </select>
            </div>
            {assisted.then(|| view! {
                <fieldset class="field stack">
                    <legend>{t.assisted_heading}</legend>
                    <p class="hint">{t.assisted_intro}</p>
                    <Field state=state.clone() name="on_behalf_name" label=t.field_resident_name required=false
                        maxlength=NAME_MAX/>
                    <Field state=state.clone() name="on_behalf_phone" label=t.field_resident_phone kind="tel" required=false
                        hint=t.field_resident_phone_hint maxlength=PHONE_MAX/>
                </fieldset>
            })}
            {editing.is_none().then(|| view! {
            <fieldset class="field choices">
                <legend>{t.field_privacy}</legend>
                {select_error("privacy")}
                {[Privacy::Publik, Privacy::Anonim, Privacy::Rahasia].into_iter().map(|p| {
                    let checked = privacy == p.as_str() || (privacy.is_empty() && p == Privacy::Publik);
                    let id = format!("f-privacy-{}", p.as_str());
                    view! {
                        <div class="choice">
                            <input type="radio" id=id.clone() name="privacy" value=p.as_str() checked=checked
                                aria-describedby=format!("{id}-hint")/>
                            <label for=id.clone()><strong>{(t.privacy_label)(p)}</strong></label>
                            <p class="hint" id=format!("{id}-hint")>{(t.privacy_hint)(p)}</p>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            })}
            <button type="submit" class="button">{submit}</button>
        </PostForm>
    }
}
