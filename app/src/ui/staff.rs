//! The staff room: counts that tell the secretariat whether the pipeline and the mail flow.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

use super::{form::ErrorBox, use_locale};
use crate::{
    api::staff::{get_cost_totals, get_staff_overview},
    model::follow_up::FollowUpStatus,
};

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
                                <p>{(t.staff_escalated_hint)(o.escalate_after_days)}</p>
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
                            {o.can_export.then(|| view! {
                                <h2>{t.staff_exports}</h2>
                                <form method="get" action="/staff/follow-ups.csv" class="stack">
                                    <p><strong>{t.export_follow_ups}</strong></p>
                                    {(!o.export_opds.is_empty()).then(|| view! {
                                        <div class="field">
                                            <label for="export-opd">{t.nav_opd}</label>
                                            <select id="export-opd" name="opd">
                                                <option value="">{t.export_any}</option>
                                                {o.export_opds.iter().map(|opd| view! {
                                                    <option value=opd.id.to_string()>{opd.short_name.clone()}</option>
                                                }).collect_view()}
                                            </select>
                                        </div>
                                    })}
                                    <div class="field">
                                        <label for="export-status">{t.issue_status}</label>
                                        <select id="export-status" name="status">
                                            <option value="">{t.export_any}</option>
                                            {FollowUpStatus::ALL.into_iter().map(|s| view! {
                                                <option value=s.as_str()>{(t.fu_status_name)(s)}</option>
                                            }).collect_view()}
                                        </select>
                                    </div>
                                    <div class="field">
                                        <label for="export-from">{t.export_from}</label>
                                        <input id="export-from" name="from" type="date"/>
                                    </div>
                                    <div class="field">
                                        <label for="export-to">{t.export_to}</label>
                                        <input id="export-to" name="to" type="date"/>
                                    </div>
                                    <button type="submit" class="button">{t.export_submit}</button>
                                </form>
                                <ul>
                                    <li><a href="/staff/e-planning.csv" download>{t.export_planning}</a></li>
                                    <li><a href="/staff/e-budgeting.csv" download>{t.export_budgeting}</a></li>
                                    <li><A href="/staff/costs">{t.costs_title}</A></li>
                                </ul>
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

/// Reported costs per fiscal year, OPD and category (`/staff/costs`), with each year's
/// total: the e-budgeting CSV as a page.
#[component]
pub fn CostsPage() -> impl IntoView {
    let t = use_locale().texts();
    let data = Resource::new(|| (), |()| get_cost_totals());
    let rupiah = |n: i64| crate::model::follow_up::format_rupiah(n);
    view! {
        <Title text=t.costs_title/>
        <section class="page">
            <h1>{t.costs_title}</h1>
            <p>{t.costs_intro}</p>
            <p><a href="/staff/e-budgeting.csv" download>{t.export_budgeting}</a></p>
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(rows) if rows.is_empty() => view! { <p class="empty">{t.costs_empty}</p> }.into_any(),
                        Ok(rows) => {
                            let mut years: Vec<i32> = rows.iter().map(|r| r.year).collect();
                            years.dedup();
                            view! {
                                <div class="table-scroll" tabindex="0" role="region" aria-label=t.costs_title>
                                    <table class="table">
                                        <thead><tr>
                                            <th scope="col">{t.costs_year}</th>
                                            <th scope="col">{t.col_opd}</th>
                                            <th scope="col">{t.field_category}</th>
                                            <th scope="col">{t.costs_follow_ups}</th>
                                            <th scope="col">{t.costs_total}</th>
                                        </tr></thead>
                                        {years.into_iter().map(|year| {
                                            let of_year: Vec<_> = rows.iter().filter(|r| r.year == year).cloned().collect();
                                            let sum: i64 = of_year.iter().map(|r| r.rupiah).sum();
                                            view! {
                                                <tbody>
                                                    {of_year.into_iter().map(|r| view! {
                                                        <tr>
                                                            <td>{r.year}</td>
                                                            <th scope="row">{r.opd}</th>
                                                            <td>{r.category}</td>
                                                            <td>{r.follow_ups}</td>
                                                            <td class="number">{rupiah(r.rupiah)}</td>
                                                        </tr>
                                                    }).collect_view()}
                                                    <tr class="subtotal">
                                                        <th scope="row" colspan="4">{format!("{} {year}", t.costs_year_total)}</th>
                                                        <td class="number"><strong>{rupiah(sum)}</strong></td>
                                                    </tr>
                                                </tbody>
                                            }
                                        }).collect_view()}
                                    </table>
                                </div>
                            }
                            .into_any()
                        }
                        Err(error) => view! { <ErrorBox error/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
