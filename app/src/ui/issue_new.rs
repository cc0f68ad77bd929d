//! The form to post an issue. Signed-out readers and unverified accounts are told what to
//! do first; the server refuses them anyway.

use leptos::{prelude::*, server_fn::ServerFn};
use leptos_meta::Title;
use leptos_router::{components::A, hooks::use_params_map};

use serde::{Deserialize, Serialize};

use super::{
    Echo, IslandScripts,
    form::textarea_text,
    form::{Draft, ErrorBox, ErrorSummary, FieldInput, FormState, PostForm, echo_for},
    use_locale, use_viewer,
    whats_next::ReachesNote,
};
use crate::{
    api::issue::{CreateIssue, SupportIssue, UpdateIssue, get_issue_draft, get_issue_form_options, similar_issues},
    i18n::Texts,
    model::{
        account::{NAME_MAX, Role},
        form::{ACTION_FIELD, FormEcho},
        issue::{
            ADDRESS_MAX, BODY_MAX, IssueDraft, IssueFormOptions, PHONE_MAX, Privacy, TITLE_MAX, significant_words,
        },
    },
};

#[component]
pub fn NewIssuePage() -> impl IntoView {
    let locale = use_locale();
    let t = locale.texts();
    let viewer = use_viewer();
    let options = Resource::new(|| (), |()| get_issue_form_options());
    view! {
        <Title text=t.new_title/>
        <IslandScripts/>
        <section class="page narrow">
            <h1>{t.new_title}</h1>
            <ReachesNote/>
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
                            <IssueForm options draft=None
                                texts=IssueFormTexts::new(t, CreateIssue::PATH, true, v.role == Role::Operator)
                                echo=echo_for(CreateIssue::PATH)/>
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
    let locale = use_locale();
    let t = locale.texts();
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let draft = Resource::new(id, get_issue_draft);
    let options = Resource::new(|| (), |()| get_issue_form_options());
    view! {
        <Title text=t.edit_issue_title/>
        <IslandScripts/>
        <section class="page narrow">
            <h1>{t.edit_issue_title}</h1>
            <ErrorSummary state=FormState::for_action(UpdateIssue::PATH)/>
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match (draft.await, options.await) {
                        (Ok(draft), Ok(options)) => view! {
                            <IssueForm options draft=Some(draft)
                                texts=IssueFormTexts::new(t, UpdateIssue::PATH, false, false) echo=echo_for(UpdateIssue::PATH)/>
                        }
                        .into_any(),
                        (Err(error), _) | (_, Err(error)) => view! { <ErrorBox error/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// Everything the issue form says, in the reader's language, chosen on the server and
/// handed to the island as a prop. The island then carries these few strings instead of
/// `Texts` (every string and message of both languages, which kept about 22 KB gzip in the
/// wasm: BENCHMARKS.md).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IssueFormTexts {
    /// The labels, hints and headings, one per `Label` in its order: a list rather than
    /// two dozen named fields, which the wasm decodes with a fraction of the code.
    labels: Vec<String>,
    /// "1 pendukung" and "{n} pendukung".
    supporters: (String, String),
    /// The assisted-intake fields' texts, for an operator posting for a resident (no one
    /// else's page carries them).
    assisted: Option<AssistedTexts>,
    /// Each privacy kind's label and hint.
    privacy_kinds: Vec<(Privacy, String, String)>,
    /// The button: post, or save an edit.
    submit: String,
    /// A new issue's draft on the phone (an edit has none).
    draft: Option<Draft>,
    /// A refused submission's messages, by field.
    errors: Vec<(String, String)>,
}

/// Which of `IssueFormTexts::labels`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Label {
    Title,
    TitleHint,
    SimilarTitle,
    SimilarIntro,
    SupportThis,
    ConfirmNew,
    Body,
    BodyHint,
    Category,
    Choose,
    Kecamatan,
    Desa,
    Address,
    AddressHint,
    Point,
    PointHint,
    Latitude,
    Longitude,
    Photos,
    PhotosHint,
    PhotosKept,
    PhotoSizes,
    Privacy,
    Locate,
    Locating,
    LocateFailed,
    PlaceSuggested,
    PlaceOutside,
    PlaceNone,
}

impl Label {
    const ALL: [Label; 29] = [
        Label::Title,
        Label::TitleHint,
        Label::SimilarTitle,
        Label::SimilarIntro,
        Label::SupportThis,
        Label::ConfirmNew,
        Label::Body,
        Label::BodyHint,
        Label::Category,
        Label::Choose,
        Label::Kecamatan,
        Label::Desa,
        Label::Address,
        Label::AddressHint,
        Label::Point,
        Label::PointHint,
        Label::Latitude,
        Label::Longitude,
        Label::Photos,
        Label::PhotosHint,
        Label::PhotosKept,
        Label::PhotoSizes,
        Label::Privacy,
        Label::Locate,
        Label::Locating,
        Label::LocateFailed,
        Label::PlaceSuggested,
        Label::PlaceOutside,
        Label::PlaceNone,
    ];

    fn text(self, t: &Texts) -> &'static str {
        match self {
            Label::Title => t.field_title,
            Label::TitleHint => t.field_title_hint,
            Label::SimilarTitle => t.similar_title,
            Label::SimilarIntro => t.similar_intro,
            Label::SupportThis => t.support_this,
            Label::ConfirmNew => t.confirm_new,
            Label::Body => t.field_body,
            Label::BodyHint => t.field_body_hint,
            Label::Category => t.field_category,
            Label::Choose => t.choose,
            Label::Kecamatan => t.field_kecamatan,
            Label::Desa => t.field_desa,
            Label::Address => t.field_address,
            Label::AddressHint => t.field_address_hint,
            Label::Point => t.field_point,
            Label::PointHint => t.field_point_hint,
            Label::Latitude => t.field_latitude,
            Label::Longitude => t.field_longitude,
            Label::Photos => t.field_photos,
            Label::PhotosHint => t.field_photos_hint,
            Label::PhotosKept => t.photos_kept,
            Label::PhotoSizes => t.photo_sizes,
            Label::Privacy => t.field_privacy,
            Label::Locate => t.locate,
            Label::Locating => t.locating,
            Label::LocateFailed => t.locate_failed,
            Label::PlaceSuggested => t.place_suggested,
            Label::PlaceOutside => t.place_outside,
            Label::PlaceNone => t.place_none,
        }
    }
}

/// What the assisted-intake fields say.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AssistedTexts {
    heading: String,
    intro: String,
    name: String,
    phone: String,
    phone_hint: String,
}

impl IssueFormTexts {
    /// The texts of the form posting to `action`, with the messages of its refused
    /// submission if this page shows one; `assisted` adds the operator's fields.
    fn new(t: &Texts, action: &str, creating: bool, assisted: bool) -> Self {
        let own = |s: &str| s.to_owned();
        Self {
            labels: Label::ALL.iter().map(|label| own(label.text(t))).collect(),
            supporters: ((t.supporters)(1), (t.supporters)(0).replacen('0', "{n}", 1)),
            assisted: assisted.then(|| AssistedTexts {
                heading: own(t.assisted_heading),
                intro: own(t.assisted_intro),
                name: own(t.field_resident_name),
                phone: own(t.field_resident_phone),
                phone_hint: own(t.field_resident_phone_hint),
            }),
            privacy_kinds: [Privacy::Publik, Privacy::Anonim, Privacy::Rahasia]
                .into_iter()
                .map(|p| (p, own((t.privacy_label)(p)), own((t.privacy_hint)(p))))
                .collect(),
            submit: own(if creating { t.submit_issue } else { t.save_button }),
            draft: creating.then(|| Draft::new("issue", t)),
            errors: FormState::for_action(action).messages(),
        }
    }

    fn get(&self, label: Label) -> String {
        self.labels.get(label as usize).cloned().unwrap_or_default()
    }

    fn error(&self, name: &str) -> Option<String> {
        self.errors
            .iter()
            .find(|(field, _)| field == name)
            .map(|(_, message)| message.clone())
    }

    fn supporters(&self, n: i32) -> String {
        if n == 1 {
            self.supporters.0.clone()
        } else {
            self.supporters.1.replace("{n}", &n.to_string())
        }
    }
}

/// The issue form, empty for a new issue or filled from `draft` for an edit. A refused
/// submission comes back with what was typed.
///
/// The app's one island: hydrated, it narrows the villages to the chosen kecamatan and
/// shows similar issues as the title is typed. An island does not see the page's context in
/// the browser, so its texts and the refused submission come as props. Its pages render
/// `IslandScripts` beside it, which loads the wasm.
#[island]
fn IssueForm(
    options: IssueFormOptions,
    draft: Option<IssueDraft>,
    /// Offers the assisted-intake fields when it carries their texts.
    texts: IssueFormTexts,
    echo: Option<FormEcho>,
) -> impl IntoView {
    provide_context(Echo(echo));
    // What the similar issues' list says (it is rendered again as the title changes).
    let similar_texts = StoredValue::new(texts.clone());
    let t = texts;
    let action = match draft {
        Some(_) => UpdateIssue::PATH,
        None => CreateIssue::PATH,
    };
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
    let (address, latitude, longitude) = (
        start("address", draft_ref.map(|d| d.address.clone())),
        start("latitude", draft_ref.map(|d| d.latitude.clone())),
        start("longitude", draft_ref.map(|d| d.longitude.clone())),
    );
    let editing = draft.as_ref().map(|d| d.id);
    let creating = editing.is_none();
    // Similar issues for the title typed so far (after a refused post: the posted title).
    let typed = RwSignal::new(if creating { title.clone() } else { String::new() });
    let hints = Resource::new(
        move || typed.get(),
        |title| async move {
            if significant_words(&title).is_empty() {
                Ok(Vec::new())
            } else {
                similar_issues(title).await
            }
        },
    );
    // A title typed before the island was hydrated (a slow phone, a quick typist) is looked
    // up as soon as it is: this effect runs once, in the browser only.
    let title_input = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        if let Some(input) = title_input.get()
            && creating
            && input.value() != typed.get_untracked()
        {
            typed.set(input.value());
        }
    });
    let generation = StoredValue::new(0u32);
    let on_title = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        let current = generation.get_value().wrapping_add(1);
        generation.set_value(current);
        // Asks once typing pauses, not on every key.
        set_timeout(
            move || {
                if generation.get_value() == current {
                    typed.set(value);
                }
            },
            std::time::Duration::from_millis(400),
        );
    };
    let confirmed = !state.value("confirm_new").is_empty();
    let kept_photos = state.value("photos");
    let photo_error = t.error("photo");
    let point_error = t.error("latitude");
    let errors = t.errors.clone();
    let field_error = move |name: &str| {
        errors
            .iter()
            .find(|(field, _)| field == name)
            .map(|(_, message)| message.clone())
    };
    let select_error = {
        let field_error = field_error.clone();
        move |name: &str| field_error(name).map(|e| view! { <p class="error" id=format!("f-{name}-error")>{e}</p> })
    };
    let invalid = {
        let field_error = field_error.clone();
        move |name: &str| if field_error(name).is_some() { "true" } else { "false" }
    };
    let privacy = state.value("privacy");
    let body_error = t.error("body");
    view! {
        <PostForm action=action class="stack" enctype=creating.then_some("multipart/form-data") draft=t.draft.clone()>
            {editing.map(|id| view! { <input type="hidden" name="id" value=id.to_string()/> })}
            <div on:input=on_title>
                <FieldInput name="title" label=t.get(Label::Title) hint=Some(t.get(Label::TitleHint)) maxlength=Some(TITLE_MAX)
                    value=title error=field_error("title") node_ref=title_input/>
            </div>
            {creating.then(|| view! {
                <Transition fallback=|| ()>
                    {move || Suspend::new(async move {
                        let found = hints.await.unwrap_or_default();
                        let t = similar_texts.get_value();
                        (!found.is_empty()).then(|| view! {
                            <section class="similar" aria-live="polite" aria-labelledby="similar-title">
                                <h2 id="similar-title">{t.get(Label::SimilarTitle)}</h2>
                                <p class="hint">{t.get(Label::SimilarIntro)}</p>
                                <ul>
                                    {found.into_iter().map(|issue| view! {
                                        <li>
                                            <a href=format!("/issues/{}", issue.id)>{issue.title}</a>
                                            " · " {t.supporters(issue.support_count)} " "
                                            <button type="submit" class="button button-small" form=format!("dukung-{}", issue.id)>
                                                {t.get(Label::SupportThis)}
                                            </button>
                                        </li>
                                    }).collect_view()}
                                </ul>
                                <div class="choice">
                                    <input type="checkbox" id="f-confirm-new" name="confirm_new" value="1" checked=confirmed/>
                                    <label for="f-confirm-new">{t.get(Label::ConfirmNew)}</label>
                                </div>
                            </section>
                        })
                    })}
                </Transition>
            })}
            <div class="field" class:field-invalid=body_error.is_some()>
                <label for="f-body">{t.get(Label::Body)}</label>
                <p class="hint" id="f-body-hint">{t.get(Label::BodyHint)}</p>
                {body_error.clone().map(|e| view! { <p class="error" id="f-body-error">{e}</p> })}
                <textarea id="f-body" name="body" rows="8" required maxlength=BODY_MAX.to_string()
                    aria-describedby="f-body-hint f-body-error" aria-invalid=invalid("body") inner_html=textarea_text(&body)></textarea>
            </div>
            <div class="field">
                <label for="f-category">{t.get(Label::Category)}</label>
                {select_error("category")}
                <select id="f-category" name="category" required aria-invalid=invalid("category") aria-describedby="f-category-error">
                    <option value="">{t.get(Label::Choose)}</option>
                    {options.categories.into_iter().map(|c| {
                        let selected = c.id.to_string() == category;
                        view! { <option value=c.id.to_string() selected=selected>{c.name}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="f-kecamatan">{t.get(Label::Kecamatan)}</label>
                {select_error("kecamatan")}
                <select id="f-kecamatan" name="kecamatan" required aria-invalid=invalid("kecamatan") aria-describedby="f-kecamatan-error"
                    on:change=move |ev| kecamatan.set(event_target_value(&ev))>
                    <option value="">{t.get(Label::Choose)}</option>
                    {options.kecamatan.iter().map(|k| {
                        let id = k.id.to_string();
                        let selected = id == kecamatan.get_untracked();
                        view! { <option value=id selected=selected>{k.name.clone()}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="f-desa">{t.get(Label::Desa)}</label>
                {select_error("desa")}
                <select id="f-desa" name="desa" required aria-invalid=invalid("desa") aria-describedby="f-desa-error">
                    <option value="">{t.get(Label::Choose)}</option>
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
            <FieldInput name="address" label=t.get(Label::Address) hint=Some(t.get(Label::AddressHint)) required=false
                maxlength=Some(ADDRESS_MAX) value=address error=field_error("address")/>
            <fieldset class="field point" class:field-invalid=point_error.is_some()>
                <legend>{t.get(Label::Point)}</legend>
                <p class="hint" id="f-point-hint">{t.get(Label::PointHint)}</p>
                {point_error.clone().map(|e| view! { <p class="error" id="f-latitude-error">{e}</p> })}
                <div class="pair">
                    <label for="f-latitude">{t.get(Label::Latitude)}</label>
                    <input id="f-latitude" name="latitude" inputmode="decimal" value=latitude size="12"
                        aria-describedby="f-point-hint" aria-invalid=invalid("latitude")/>
                    <label for="f-longitude">{t.get(Label::Longitude)}</label>
                    <input id="f-longitude" name="longitude" inputmode="decimal" value=longitude size="12"
                        aria-describedby="f-point-hint" aria-invalid=invalid("latitude")/>
                </div>
                // `/app.js` shows this: it reads the phone's location, and suggests the desa
                // nearest a point located or typed (`/api/places/nearest`).
                <div class="locate" hidden data-near="/api/places/nearest" data-locating=t.get(Label::Locating)
                    data-failed=t.get(Label::LocateFailed) data-suggested=t.get(Label::PlaceSuggested)
                    data-outside=t.get(Label::PlaceOutside) data-none=t.get(Label::PlaceNone)>
                    <button type="button" class="button button-quiet" data-locate="">{t.get(Label::Locate)}</button>
                    <p class="hint" role="status" data-place-note=""></p>
                </div>
            </fieldset>
            {creating.then(|| view! {
                <div class="field" class:field-invalid=photo_error.is_some()>
                    <label for="f-photo">{t.get(Label::Photos)}</label>
                    <p class="hint" id="f-photo-hint">{t.get(Label::PhotosHint)}</p>
                    {photo_error.clone().map(|e| view! { <p class="error" id="f-photo-error">{e}</p> })}
                    {(!kept_photos.is_empty()).then(|| view! {
                        <p class="hint">{t.get(Label::PhotosKept)}</p>
                        <p class="kept-photos">
                            {kept_photos.split_whitespace().map(|hash| view! {
                                <img src=format!("/photos/{hash}-s.jpg") alt="" width="96" height="96"/>
                            }).collect_view()}
                        </p>
                    })}
                    <input type="hidden" name="photos" value=kept_photos.clone()/>
                    <input id="f-photo" name="photo" type="file" multiple accept="image/jpeg,image/png,image/webp"
                        aria-describedby="f-photo-hint f-photo-error" aria-invalid=invalid("photo")/>
                    <div class="photo-sizes" hidden data-photo-sizes>
                        <p class="hint">{t.get(Label::PhotoSizes)}</p>
                        <ul></ul>
                    </div>
                </div>
            })}
            {t.assisted.clone().map(|a| view! {
                <fieldset class="field stack">
                    <legend>{a.heading}</legend>
                    <p class="hint">{a.intro}</p>
                    <FieldInput name="on_behalf_name" label=a.name required=false
                        maxlength=Some(NAME_MAX) value=state.value("on_behalf_name") error=field_error("on_behalf_name")/>
                    <FieldInput name="on_behalf_phone" label=a.phone kind="tel" required=false
                        hint=Some(a.phone_hint) maxlength=Some(PHONE_MAX) value=state.value("on_behalf_phone")
                        error=field_error("on_behalf_phone")/>
                </fieldset>
            })}
            {editing.is_none().then(|| view! {
            <fieldset class="field choices">
                <legend>{t.get(Label::Privacy)}</legend>
                {select_error("privacy")}
                {t.privacy_kinds.clone().into_iter().map(|(p, label, hint)| {
                    let checked = privacy == p.as_str() || (privacy.is_empty() && p == Privacy::Publik);
                    let id = format!("f-privacy-{}", p.as_str());
                    view! {
                        <div class="choice">
                            <input type="radio" id=id.clone() name="privacy" value=p.as_str() checked=checked
                                aria-describedby=format!("{id}-hint")/>
                            <label for=id.clone()><strong>{label}</strong></label>
                            <p class="hint" id=format!("{id}-hint")>{hint}</p>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            })}
            <button type="submit" class="button">{t.submit.clone()}</button>
        </PostForm>
        // "Dukung ini" buttons above submit these forms (a form cannot hold another).
        {creating.then(|| view! {
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    hints.await.unwrap_or_default().into_iter().map(|issue| view! {
                        <form id=format!("dukung-{}", issue.id) method="post" action=format!("/issues/{}", issue.id) hidden>
                            <input type="hidden" name=ACTION_FIELD value=SupportIssue::PATH/>
                            <input type="hidden" name="id" value=issue.id.to_string()/>
                            <input type="hidden" name="support" value="true"/>
                        </form>
                    }).collect_view()
                })}
            </Transition>
        })}
    }
}

#[cfg(test)]
mod tests {
    use super::Label;

    #[test]
    fn labels_are_listed_in_their_order() {
        for (position, label) in Label::ALL.iter().enumerate() {
            assert_eq!(*label as usize, position, "{label:?}");
        }
    }
}
