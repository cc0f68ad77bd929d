//! Pages and components, one per file. No `cfg(feature)` and no database types here: data
//! comes from server functions in `api`, text from `i18n`.
//!
//! Every page renders completely on the server (`SsrMode::Async`), so it reads and works
//! with JavaScript off; forms are plain HTML forms that post to the server functions'
//! stable URLs, and links load the next page. The app runs in Leptos's islands mode: only
//! components marked `#[island]` are hydrated (and only they, with what they call, are in
//! the wasm). Everything else is HTML, with no hydration data sent along.

mod account;
mod admin;
mod agenda;
mod comments;
mod follow_up;
mod form;
mod home;
mod inbox;
mod issue_card;
mod issue_list;
mod issue_new;
mod issue_page;
mod layout;
pub mod live;
mod me;
mod moderation;
mod not_found;
mod notifications;
mod offline;
mod registrants;
mod scorecard;
mod sessions;
mod staff;
mod whats_next;

use leptos::prelude::*;
use leptos_meta::{Html, Link, Meta, MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::{
    ParamSegment, SsrMode, StaticSegment,
    components::{Route, Router, Routes},
    hooks::use_location,
};

use crate::{
    api::account::get_viewer,
    i18n::Locale,
    model::{account::Viewer, form::FormEcho},
};

pub use form::Echo;

/// The HTML document around the app, rendered on the server only.
///
/// It loads no wasm: the page that holds an island writes `IslandScripts` next to it, so
/// every other page is HTML and CSS and `/app.js` (the service worker's installer and the
/// drafts, a few KB that every page can do without).
pub fn shell(options: LeptosOptions) -> impl IntoView {
    // What `HydrationScripts` in islands mode does first: outside an island nothing is
    // serialized for hydration.
    if let Some(context) = Owner::current_shared_context() {
        context.set_is_hydrating(false);
    }
    provide_context(options);
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <MetaTags/>
                // Installs the offline copy and keeps drafts (`public/app.js`): a few KB,
                // and every page works without it.
                <script src="/app.js" defer></script>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The scripts that fetch the wasm and hydrate the islands of this page. A page that
/// renders an `#[island]` renders this beside it (`make lint` checks that it does); where
/// it is not, the page loads no script at all.
#[component]
pub fn IslandScripts() -> impl IntoView {
    use_context::<LeptosOptions>().map(|options| view! { <HydrationScripts options islands=true/> })
}

/// The reader's language, chosen by the server from the `lang` cookie.
pub fn use_locale() -> Locale {
    use_context::<Locale>().unwrap_or_default()
}

/// The signed-in account, loaded once per page load.
#[derive(Clone, Copy)]
pub struct ViewerResource(pub Resource<Result<Option<Viewer>, crate::model::AppError>>);

pub fn use_viewer() -> Option<ViewerResource> {
    use_context::<ViewerResource>()
}

/// Page titles carry people's text, and leptos_meta 0.8 writes `<title>` into the server's
/// HTML without escaping it, so `</title><script>` in an issue title would run. The
/// characters that could form markup are swapped for their full-width look-alikes, which
/// read the same in a browser tab.
pub fn title_text(text: &str) -> String {
    text.replace('<', "\u{FF1C}")
        .replace('>', "\u{FF1E}")
        .replace('&', "\u{FF06}")
}

/// The site's description, on every page that has none of its own (an issue's page
/// describes the issue): a page has one description.
#[component]
fn SiteDescription() -> impl IntoView {
    let own = use_location().pathname.with_untracked(|path| has_own_description(path));
    (!own).then(|| view! { <Meta name="description" content=use_locale().texts().tagline/> })
}

/// Whether the page at `path` writes its own description: an issue's, `/issues/<id>`.
fn has_own_description(path: &str) -> bool {
    path.strip_prefix("/issues/")
        .is_some_and(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()))
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    // The language and a refused submission are decided by the server for this request;
    // an island that needs them gets them as props (in the browser it sees no outside
    // context).
    let locale = use_locale();
    provide_context(Echo(use_context::<FormEcho>()));
    provide_context(ViewerResource(Resource::new(|| (), |()| get_viewer())));
    let t = locale.texts();

    view! {
        <Html {..} lang=locale.tag()/>
        <Stylesheet id="leptos" href="/pkg/jatinan.css"/>
        <Link rel="icon" href="/favicon.ico"/>
        <Link rel="manifest" href="/manifest.webmanifest"/>
        <Link rel="apple-touch-icon" href="/icons/icon-192.png"/>
        <Meta name="theme-color" content="#0b5d3b"/>
        <Title formatter=move |page: String| {
            if page.is_empty() { t.site_name.to_owned() } else { format!("{} · {}", title_text(&page), t.site_name) }
        }/>
        <Router>
            <SiteDescription/>
            <a class="skip" href="#main">{t.skip_to_content}</a>
            <layout::Header/>
            // Shown by the service worker on a page it answers from the phone's copy.
            <p id="offline-note" class="offline-note" role="status" hidden>{t.offline_note}</p>
            <main id="main" tabindex="-1">
                <Routes fallback=not_found::NotFound>
                    <Route path=StaticSegment("") view=home::HomePage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("issues") view=issue_list::IssueListPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("issues"), StaticSegment("new")) view=issue_new::NewIssuePage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("issues"), ParamSegment("id")) view=issue_page::IssuePage ssr=SsrMode::Async/>
                    <Route
                        path=(StaticSegment("issues"), ParamSegment("id"), StaticSegment("edit"))
                        view=issue_new::EditIssuePage
                        ssr=SsrMode::Async
                    />
                    <Route path=(StaticSegment("account"), StaticSegment("register")) view=account::RegisterPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("account"), StaticSegment("login")) view=account::LoginPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("account"), StaticSegment("login"), StaticSegment("whatsapp"))
                        view=account::WhatsAppLoginPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("account"), StaticSegment("verify")) view=account::VerifyPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("account"), StaticSegment("forgot")) view=account::ForgotPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("account"), StaticSegment("reset")) view=account::ResetPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("account"), StaticSegment("notifications")) view=notifications::NotificationsPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("account") view=me::MyAccountPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("account"), StaticSegment("issues")) view=me::MyIssuesPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("account"), StaticSegment("two-factor")) view=account::TwoFactorPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("offline") view=offline::OfflinePage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("unsubscribe") view=notifications::UnsubscribePage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("staff") view=staff::StaffPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("opd") view=follow_up::OpdPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("scorecard") view=scorecard::ScorecardPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("scorecard"), ParamSegment("code")) view=scorecard::OpdScorePage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("sessions") view=sessions::SessionsPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("sessions"), StaticSegment("new")) view=sessions::NewSessionPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("sessions"), StaticSegment("plan")) view=sessions::PlanPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("sessions"), ParamSegment("id")) view=sessions::SessionPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("sessions"), ParamSegment("id"), StaticSegment("live")) view=live::LivePage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("sessions"), ParamSegment("id"), StaticSegment("overlay")) view=live::OverlayPage ssr=SsrMode::Async/>
                    <Route
                        path=(StaticSegment("sessions"), ParamSegment("id"), StaticSegment("registrants"))
                        view=registrants::RegistrantsPage
                        ssr=SsrMode::Async
                    />
                    <Route path=StaticSegment("admin") view=admin::AdminPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("admin"), StaticSegment("categories")) view=admin::AdminCategoriesPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("admin"), StaticSegment("regions")) view=admin::AdminRegionsPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("admin"), StaticSegment("holidays")) view=admin::AdminHolidaysPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("admin"), StaticSegment("settings")) view=admin::AdminSettingsPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("admin"), StaticSegment("opds")) view=admin::AdminOpdsPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("admin"), StaticSegment("api-keys")) view=admin::AdminApiKeysPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("admin"), StaticSegment("outbox")) view=admin::AdminOutboxPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("admin"), StaticSegment("accounts")) view=admin::AdminAccountsPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("admin"), StaticSegment("audit")) view=admin::AdminAuditPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("staff"), StaticSegment("inbox")) view=inbox::InboxPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("staff"), StaticSegment("costs")) view=staff::CostsPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("staff"), StaticSegment("moderation")) view=moderation::ModerationPage ssr=SsrMode::Async/>
                </Routes>
            </main>
            <layout::Footer/>
        </Router>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn titles_cannot_carry_markup() {
        assert_eq!(super::title_text("</title><script>a & b"), "＜/title＞＜script＞a ＆ b");
    }
}
