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
                            {o.sees_escalation.then(|| view! {
                                <h2>{t.staff_escalated}</h2>
                                <p>{t.staff_escalated_hint}</p>
                                {if o.escalated.is_empty() {
                                    view! { <p>{t.opd_empty}</p> }.into_any()
                                } else {
                                    view! {
                                        <ul class="opd-list">
                                            {o.escalated.into_iter().map(|e| view! {
                                                <li>
                                                    <A href=format!("/issues/{}#tindak-lanjut", e.item.issue_id)>
                                                        {format!("#{} {}", e.item.issue_id, e.item.issue_title)}
                                                    </A>
                                                    <span class="meta">
                                                        " · " {e.opd_name} " · " {(t.fu_due)(&e.item.due_day)}
                                                        " · " {(t.fu_days_left)(e.item.days_left)}
                                                    </span>
                                                </li>
                                            }).collect_view()}
                                        </ul>
                                    }
                                    .into_any()
                                }}
                            })}
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
