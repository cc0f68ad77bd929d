//! The header (site name, menu, account, language switch) and the footer of every page.

use leptos::{prelude::*, server_fn::ServerFn};
use leptos_router::components::A;

use super::{form::PostForm, use_locale, use_viewer};
use crate::{
    api::account::{Logout, SetLanguage},
    model::account::Role,
};

#[component]
pub fn Header() -> impl IntoView {
    let locale = use_locale();
    let t = locale.texts();
    let other = locale.other();
    let viewer = use_viewer();
    let account = move || {
        viewer.map(|v| {
            Suspend::new(async move {
                match v.0.await.ok().flatten() {
                    Some(viewer) => view! {
                        {viewer.role.is_staff().then(|| view! { <li><A href="/staff">{t.nav_staff}</A></li> })}
                        {viewer.inbox_waiting.map(|n| view! {
                            <li><A href="/staff/inbox">{t.nav_inbox} " " <span class="count-badge">{n}</span></A></li>
                        })}
                        {(viewer.role == Role::OpdOfficer).then(|| view! { <li><A href="/opd">{t.nav_opd}</A></li> })}
                        {(viewer.role == Role::Admin).then(|| view! { <li><A href="/admin">{t.nav_admin}</A></li> })}
                        <li class="account">
                            // Spaces between the three, or text readers and copies get
                            // "Pemberitahuan" and "Keluar" run together.
                            <span class="who">{t.signed_in_as} " " <strong>{viewer.name}</strong></span>
                            " "
                            <A href="/account">{t.me_title}</A>
                            " "
                            <A href="/account/notifications">{t.nav_notifications}</A>
                            " "
                            <PostForm action=Logout::PATH class="inline">
                                <button type="submit" class="link">{t.nav_logout}</button>
                            </PostForm>
                        </li>
                    }
                    .into_any(),
                    None => view! {
                        <li><A href="/account/login">{t.nav_login}</A></li>
                        <li><A href="/account/register">{t.nav_register}</A></li>
                    }
                    .into_any(),
                }
            })
        })
    };
    let banner = move || {
        viewer.map(|v| {
            Suspend::new(async move {
                v.0.await
                    .ok()
                    .flatten()
                    .filter(|viewer| !viewer.email_verified)
                    .map(|_| view! { <p class="banner" role="status">{t.verify_banner}</p> })
            })
        })
    };
    view! {
        <header class="site-header">
            <div class="bar">
                <A href="/" attr:class="brand">
                    <span class="brand-name">{t.site_name}</span>
                    <span class="brand-tag">{t.tagline}</span>
                </A>
                <PostForm action=SetLanguage::PATH class="lang">
                    <input type="hidden" name="lang" value=other.tag()/>
                    <button type="submit" lang=other.tag() aria-label=format!("{}: {}", t.switch_language, other.texts().language_name)>
                        {other.texts().language_name}
                    </button>
                </PostForm>
            </div>
            <nav aria-label=t.nav_label>
                <ul>
                    <li><A href="/issues">{t.nav_issues}</A></li>
                    <li><A href="/issues/new">{t.nav_new_issue}</A></li>
                    <li><A href="/sessions">{t.nav_sessions}</A></li>
                    <li><A href="/scorecard">{t.nav_scorecard}</A></li>
                    <Suspense fallback=|| ()>{account}</Suspense>
                </ul>
            </nav>
            <Suspense fallback=|| ()>{banner}</Suspense>
        </header>
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    let t = use_locale().texts();
    view! {
        <footer class="site-footer">
            <p>{t.footer}</p>
        </footer>
    }
}
