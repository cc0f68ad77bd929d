//! The staff room: counts that tell the secretariat whether the pipeline and the mail flow.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

use super::{form::ErrorBox, use_locale};
use crate::api::staff::get_staff_overview;

#[component]
pub fn StaffPage() -> impl IntoView {
    let t = use_locale().texts();
    let overview = Resource::new(|| (), |()| get_staff_overview());
    view! {
        <Title text=t.staff_title/>
        <section class="page">
            <h1>{t.staff_title}</h1>
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match overview.await {
                        Ok(o) => view! {
                            <p>{t.staff_intro}</p>
                            <p><A href="/staff/moderation" attr:class="button">{t.staff_moderation_link}</A></p>
                            <h2>{t.staff_by_status}</h2>
                            <table class="table">
                                <tbody>
                                    {o.issues_by_status.into_iter().map(|(status, n)| view! {
                                        <tr><th scope="row">{(t.status_name)(status)}</th><td>{n}</td></tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                            <h2>{t.staff_outbox}</h2>
                            <table class="table">
                                <tbody>
                                    <tr><th scope="row">{t.staff_outbox_pending}</th><td>{o.mail_pending}</td></tr>
                                    <tr><th scope="row">{t.staff_outbox_sent}</th><td>{o.mail_sent}</td></tr>
                                    <tr><th scope="row">{t.staff_outbox_failed}</th><td>{o.mail_failed}</td></tr>
                                </tbody>
                            </table>
                            <h2>{t.staff_accounts}</h2>
                            <p>{o.accounts} " (" {o.unverified} " " {t.staff_unverified} ")"</p>
                        }
                        .into_any(),
                        Err(error) => view! { <ErrorBox error/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
