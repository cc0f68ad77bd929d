//! Form plumbing shared by every page with a form: the echo of a refused plain post (typed
//! values and errors), labelled fields with their hints and errors, and the error summary.

use leptos::prelude::*;

use super::use_locale;
use crate::model::{
    AppError,
    form::{ACTION_FIELD, FormEcho},
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
    /// Lets an island read the input once it is hydrated.
    #[prop(optional)]
    node_ref: NodeRef<leptos::html::Input>,
) -> impl IntoView {
    let id = format!("f-{name}");
    let error = state.field_error(name);
    let value = if kind == "password" {
        String::new()
    } else {
        state.value_or(name, &value.unwrap_or_default())
    };
    let described = [
        hint.map(|_| format!("{id}-hint")),
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
    children: Children,
) -> impl IntoView {
    view! {
        <form method="post" class=class enctype=enctype>
            <input type="hidden" name=ACTION_FIELD value=action/>
            {children()}
        </form>
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
