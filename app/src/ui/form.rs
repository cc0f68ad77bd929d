//! Form plumbing shared by every page with a form: the echo of a refused plain post (typed
//! values and errors), labelled fields with their hints and errors, and the error summary.

use leptos::prelude::*;

use serde::{Deserialize, Serialize};

use super::use_locale;
use crate::i18n::Texts;
use crate::model::{
    AppError,
    form::{ACTION_FIELD, CLIENT_KEY_FIELD, FormEcho},
    issue::{Choice, KecamatanChoice},
};

/// The refused submission being shown again, if any (see `model::form`).
#[derive(Clone, Debug, Default)]
pub struct Echo(pub Option<FormEcho>);

/// The echo of one form, found by the URL it posts to.
#[derive(Clone, Debug, Default)]
pub struct FormState(Option<FormEcho>);

/// The refused submission of the form posting to `action`, if this page shows one.
pub fn echo_for(action: &str) -> Option<FormEcho> {
    use_context::<Echo>()
        .and_then(|Echo(e)| e)
        .filter(|e| e.action == action)
}

impl FormState {
    pub fn for_action(action: &str) -> Self {
        Self(echo_for(action))
    }

    /// What was typed into `name`, or `fallback` for a fresh form.
    pub fn value_or(&self, name: &str, fallback: &str) -> String {
        self.0
            .as_ref()
            .and_then(|e| e.value(name))
            .unwrap_or(fallback)
            .to_owned()
    }

    pub fn value(&self, name: &str) -> String {
        self.value_or(name, "")
    }

    /// The message for field `name`, in the reader's language.
    pub fn field_error(&self, name: &str) -> Option<String> {
        let t = use_locale().texts();
        let echo = self.0.as_ref()?;
        echo.error
            .fields()
            .iter()
            .find(|f| f.field == name)
            .map(|f| (t.code_message)(f.code))
    }

    /// Every field's message, in the reader's language, by field name.
    pub fn messages(&self) -> Vec<(String, String)> {
        let t = use_locale().texts();
        self.0
            .as_ref()
            .map(|echo| {
                echo.error
                    .fields()
                    .iter()
                    .map(|f| (f.field.clone(), (t.code_message)(f.code)))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The error about the whole form, if any.
    pub fn error(&self) -> Option<AppError> {
        self.0.as_ref().map(|e| e.error.clone())
    }
}

/// The box at the top of a refused form: what went wrong, and form-level messages.
#[component]
pub fn ErrorSummary(state: FormState) -> impl IntoView {
    let t = use_locale().texts();
    state.error().map(|error| {
        let form_level: Vec<String> = error
            .fields()
            .iter()
            .filter(|f| f.field.is_empty())
            .map(|f| (t.code_message)(f.code))
            .collect();
        let headline = if form_level.is_empty() {
            t.error_message(&error)
        } else {
            form_level.join(" ")
        };
        view! {
            <div class="alert alert-error" role="alert" id="form-error">
                <p>{headline}</p>
            </div>
        }
    })
}

/// A labelled input with its hint and error, linked by `aria-describedby`.
#[component]
pub fn Field(
    state: FormState,
    name: &'static str,
    label: &'static str,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] maxlength: Option<usize>,
    #[prop(default = true)] required: bool,
    /// The starting value when the form is not coming back refused.
    #[prop(optional)]
    value: Option<String>,
) -> impl IntoView {
    let error = state.field_error(name);
    let value = if kind == "password" {
        String::new()
    } else {
        state.value_or(name, &value.unwrap_or_default())
    };
    view! {
        <FieldInput name label=label.to_owned() kind hint=hint.map(str::to_owned) autocomplete maxlength required value
            error/>
    }
}

/// `Field` with its value and message already chosen: the island's form renders it with
/// the strings the server chose for it (it carries no `Texts`).
#[component]
pub fn FieldInput(
    name: &'static str,
    label: String,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = None)] hint: Option<String>,
    #[prop(default = None)] autocomplete: Option<&'static str>,
    #[prop(default = None)] maxlength: Option<usize>,
    #[prop(default = true)] required: bool,
    value: String,
    error: Option<String>,
    /// Lets an island read the input once it is hydrated.
    #[prop(optional)]
    node_ref: NodeRef<leptos::html::Input>,
) -> impl IntoView {
    let id = format!("f-{name}");
    let described = [
        hint.as_ref().map(|_| format!("{id}-hint")),
        error.as_ref().map(|_| format!("{id}-error")),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    view! {
        <div class="field" class:field-invalid=error.is_some()>
            <label for=id.clone()>{label}</label>
            {hint.map(|h| view! { <p class="hint" id=format!("{id}-hint")>{h}</p> })}
            {error.clone().map(|e| view! { <p class="error" id=format!("{id}-error")>{e}</p> })}
            <input
                node_ref=node_ref
                id=id
                name=name
                type=kind
                value=value
                required=required
                maxlength=maxlength.map(|m| m.to_string())
                autocomplete=autocomplete
                aria-invalid=if error.is_some() { "true" } else { "false" }
                aria-describedby=(!described.is_empty()).then_some(described)
            />
        </div>
    }
}

/// A message shown in place of content that failed to load.
#[component]
pub fn ErrorBox(error: AppError) -> impl IntoView {
    let t = use_locale().texts();
    view! {
        <div class="alert alert-error" role="alert">
            <p>{t.error_message(&error)}</p>
        </div>
    }
}

/// A form that posts to the page it is on and names the server function to run (see
/// `model::form::ACTION_FIELD`): without JavaScript a refused form comes back at the same
/// address, with its values and messages.
#[component]
pub fn PostForm(
    action: &'static str,
    #[prop(optional)] class: &'static str,
    /// `multipart/form-data` for forms with files.
    #[prop(default = None)]
    enctype: Option<&'static str>,
    /// With JavaScript, `/app.js` keeps what is typed on the phone under the draft's name
    /// and sends it once, under a client key, when there is a signal.
    #[prop(default = None)]
    draft: Option<Draft>,
    children: Children,
) -> impl IntoView {
    let (name, notes) = match draft {
        Some(Draft { name, texts }) => (Some(name), Some(texts)),
        None => (None, None),
    };
    view! {
        <form method="post" class=class enctype=enctype data-draft=name>
            <input type="hidden" name=ACTION_FIELD value=action/>
            {notes.is_some().then(|| view! { <input type="hidden" name=CLIENT_KEY_FIELD value=""/> })}
            {children()}
            {notes.map(|texts| view! { <DraftNotes texts/> })}
        </form>
    }
    // Its type would otherwise nest every form's fields (too deep for debug builds).
    .into_any()
}

/// A form's draft on the phone: its name (one draft per name) and what `/app.js` says
/// about it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub name: String,
    pub texts: DraftTexts,
}

/// The notes about a draft, in the reader's language (chosen on the server, so that the
/// island's form can carry them).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DraftTexts {
    restored: String,
    discard: String,
    waiting: String,
    sent: String,
    open: String,
    refused: String,
}

impl Draft {
    pub fn new(name: impl Into<String>, t: &Texts) -> Self {
        let texts = DraftTexts {
            restored: t.draft_restored.to_owned(),
            discard: t.draft_discard.to_owned(),
            waiting: t.draft_waiting.to_owned(),
            sent: t.draft_sent.to_owned(),
            open: t.draft_open.to_owned(),
            refused: t.draft_refused.to_owned(),
        };
        Self {
            name: name.into(),
            texts,
        }
    }
}

/// What `/app.js` tells about a form's draft, hidden until it does (and always without
/// JavaScript): restored, waiting for a signal, sent, or refused and back in the form.
#[component]
fn DraftNotes(texts: DraftTexts) -> impl IntoView {
    let t = texts;
    view! {
        <div class="draft-notes" role="status">
            <p class="alert" hidden data-note="restored">
                {t.restored} " "
                <button type="button" class="button button-quiet button-small" data-draft-discard>{t.discard}</button>
            </p>
            <p class="alert" hidden data-note="waiting">{t.waiting} " " <strong data-draft-count>"0"</strong></p>
            <p class="alert alert-ok" hidden data-note="sent">{t.sent} " " <a href="/account/issues">{t.open}</a></p>
            <p class="alert alert-error" hidden data-note="refused">{t.refused}</p>
        </div>
    }
}

/// The text of a `<textarea>`, escaped. Leptos 0.8 writes a textarea's children into the
/// server's HTML unescaped (it treats the element as raw text), so `</textarea><script>`
/// typed by someone would end the element and run. Passing the escaped text as inner HTML
/// is safe on the server and in the browser, where a textarea's inner HTML is read as text
/// with character references decoded.
pub fn textarea_text(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    #[test]
    fn textarea_text_cannot_close_the_element() {
        assert_eq!(
            super::textarea_text("a & </textarea><script>"),
            "a &amp; &lt;/textarea&gt;&lt;script&gt;"
        );
    }
}

/// A labelled select with its error, that keeps the chosen value: `options` are
/// (value, label) pairs, `groups` the same under a heading (villages by kecamatan).
#[component]
pub fn ChoiceSelect(
    id: String,
    name: &'static str,
    label: &'static str,
    /// The first, empty option ("choose", "not given").
    empty: &'static str,
    #[prop(optional)] options: Vec<Choice>,
    #[prop(optional)] groups: Vec<KecamatanChoice>,
    chosen: String,
    #[prop(default = None)] error: Option<String>,
    #[prop(default = false)] required: bool,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let option = move |c: Choice, chosen: &str| {
        let value = c.id.to_string();
        let selected = value == chosen;
        view! { <option value=value selected=selected>{c.name}</option> }
    };
    let flat = {
        let chosen = chosen.clone();
        options.into_iter().map(move |c| option(c, &chosen)).collect_view()
    };
    let grouped = groups
        .into_iter()
        .map(move |k| {
            let chosen = chosen.clone();
            view! {
                <optgroup label=k.name>
                    {k.villages.into_iter().map(|v| option(v, &chosen)).collect_view()}
                </optgroup>
            }
        })
        .collect_view();
    view! {
        <div class="field" class:field-invalid=error.is_some()>
            <label for=id.clone()>{label}</label>
            {error.clone().map(|e| view! { <p class="error" id=error_id.clone()>{e}</p> })}
            <select id=id name=name required=required aria-invalid=if error.is_some() { "true" } else { "false" }
                aria-describedby=error.is_some().then_some(error_id.clone())>
                <option value="">{empty}</option>
                {flat}
                {grouped}
            </select>
        </div>
    }
}
