//! The admin's pages: categories, kecamatan and desa (with CSV import), accounts, the
//! thresholds. Every form is a plain form; a refused one comes back with its values and
//! messages.

use leptos::{prelude::*, server_fn::ServerFn};
use leptos_meta::Title;
use leptos_router::{components::A, hooks::use_query_map};

use super::sessions::HolidayClashes;

use super::{
    form::{ErrorBox, ErrorSummary, Field, FormState, PostForm},
    use_locale,
};
use crate::{
    api::admin::{
        AllowAddress, DeleteHoliday, ImportHolidays, ImportRegions, IssueApiKey, RetryMail, RevokeApiKey, SaveCategory,
        SaveHoliday, SaveOpd, SaveRegion, SaveSettings, UpdateAccount, get_admin_accounts, get_admin_api_keys,
        get_admin_audit, get_admin_categories, get_admin_holidays, get_admin_opds, get_admin_outbox, get_admin_regions,
        get_admin_settings,
    },
    model::{
        account::Role,
        account::{EMAIL_MAX, NAME_MAX},
        admin::{HOLIDAY_KINDS, LABEL_MAX, OPD_CODE_MAX, OpdChoice, REGION_KINDS, SLUG_MAX},
        settings::Setting,
    },
};

#[component]
pub fn AdminPage() -> impl IntoView {
    let t = use_locale().texts();
    view! {
        <Title text=t.admin_title/>
        <section class="page narrow">
            <h1>{t.admin_title}</h1>
            <p>{t.admin_intro}</p>
            <ul class="menu">
                <li><A href="/admin/opds">{t.admin_opds}</A></li>
                <li><A href="/admin/categories">{t.admin_categories}</A></li>
                <li><A href="/admin/regions">{t.admin_regions}</A></li>
                <li><A href="/admin/holidays">{t.admin_holidays}</A></li>
                <li><A href="/admin/settings">{t.admin_settings}</A></li>
                <li><A href="/admin/accounts">{t.admin_accounts}</A></li>
                <li><A href="/admin/outbox">{t.admin_outbox}</A></li>
                <li><A href="/admin/api-keys">{t.admin_api_keys}</A></li>
                <li><A href="/admin/audit">{t.admin_audit}</A></li>
            </ul>
        </section>
    }
}

/// "Saved" or "N imported" after a successful form, from the address.
#[component]
fn Notice() -> impl IntoView {
    let t = use_locale().texts();
    let query = use_query_map();
    let (saved, imported) = query.with_untracked(|q| (q.get("saved").is_some(), q.get("imported")));
    let text = match (saved, imported.and_then(|n| n.parse::<usize>().ok())) {
        (_, Some(n)) => Some((t.imported_notice)(n)),
        (true, None) => Some(t.saved_notice.to_owned()),
        _ => None,
    };
    text.map(|text| view! { <p class="alert alert-ok" role="status">{text}</p> })
}

/// A select box of OPDs, with "none" first.
#[component]
fn OpdSelect(
    id: String,
    opds: Vec<OpdChoice>,
    selected: Option<i32>,
    label: &'static str,
    #[prop(default = None)] error: Option<String>,
) -> impl IntoView {
    let t = use_locale().texts();
    view! {
        <label for=id.clone()>{label}</label>
        {error.clone().map(|e| view! { <p class="error">{e}</p> })}
        <select id=id name="opd" aria-invalid=if error.is_some() { "true" } else { "false" }>
            <option value="">{t.no_opd}</option>
            {opds.into_iter().map(|o| view! {
                <option value=o.id.to_string() selected=Some(o.id) == selected>{format!("{} ({})", o.short_name, o.code)}</option>
            }).collect_view()}
        </select>
    }
}

#[component]
pub fn AdminCategoriesPage() -> impl IntoView {
    let t = use_locale().texts();
    let data = Resource::new(|| (), |()| get_admin_categories());
    let state = FormState::for_action(SaveCategory::PATH);
    view! {
        <Title text=t.admin_categories/>
        <section class="page">
            <h1>{t.admin_categories}</h1>
            <Notice/>
            <ErrorSummary state=state.clone()/>
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || {
                    let state = state.clone();
                    Suspend::new(async move {
                        match data.await {
                            Ok(data) => {
                                let opds = data.opds.clone();
                                let new_opds = data.opds.clone();
                                let editing = state.value("id");
                                let fresh = if editing.is_empty() { state.clone() } else { FormState::default() };
                                view! {
                                    <ul class="queue">
                                        {data.categories.into_iter().map(|c| {
                                            let mine = state.error().is_some() && editing == c.id.to_string();
                                            let (slug, name_id, name_en, direct, opd) = if mine {
                                                let opd = state.value("opd").parse::<i32>().ok();
                                                (state.value("slug"), state.value("name_id"), state.value("name_en"), !state.value("direct").is_empty(), opd)
                                            } else {
                                                (c.slug.clone(), c.name_id.clone(), c.name_en.clone(), c.direct_to_opd, c.opd_id)
                                            };
                                            let prefix = format!("cat-{}", c.id);
                                            let choices = opds.clone();
                                            let opd_error = if mine { state.field_error("opd") } else { None };
                                            view! {
                                                <li class="queue-item">
                                                    <details open=mine>
                                                        <summary>{format!("{} · {} · {} {}", c.name_id, c.slug, c.issues, t.col_issues)}</summary>
                                                        <PostForm action=SaveCategory::PATH class="stack">
                                                            <input type="hidden" name="id" value=c.id.to_string()/>
                                                            <label for=format!("{prefix}-slug")>{t.field_slug}</label>
                                                            <input id=format!("{prefix}-slug") name="slug" required maxlength=SLUG_MAX.to_string() value=slug/>
                                                            <label for=format!("{prefix}-id")>{t.field_name_id}</label>
                                                            <input id=format!("{prefix}-id") name="name_id" required maxlength=LABEL_MAX.to_string() value=name_id/>
                                                            <label for=format!("{prefix}-en")>{t.field_name_en}</label>
                                                            <input id=format!("{prefix}-en") name="name_en" required maxlength=LABEL_MAX.to_string() value=name_en/>
                                                            <OpdSelect id=format!("{prefix}-opd") opds=choices selected=opd label=t.field_default_opd
                                                                error=opd_error/>
                                                            <DirectBox id=format!("{prefix}-direct") checked=direct/>
                                                            <button type="submit" class="button">{t.save_button}</button>
                                                        </PostForm>
                                                    </details>
                                                </li>
                                            }
                                        }).collect_view()}
                                    </ul>
                                    <h2>{t.add_category}</h2>
                                    {
                                        view! {
                                            <PostForm action=SaveCategory::PATH class="stack">
                                                <Field state=fresh.clone() name="slug" label=t.field_slug maxlength=SLUG_MAX/>
                                                <Field state=fresh.clone() name="name_id" label=t.field_name_id maxlength=LABEL_MAX/>
                                                <Field state=fresh.clone() name="name_en" label=t.field_name_en maxlength=LABEL_MAX/>
                                                <OpdSelect id="new-opd".into() opds=new_opds selected={fresh.value("opd").parse::<i32>().ok()}
                                                    label=t.field_default_opd error=fresh.field_error("opd")/>
                                                <DirectBox id="new-direct".into() checked=!fresh.value("direct").is_empty()/>
                                                <button type="submit" class="button">{t.add_category}</button>
                                            </PostForm>
                                        }
                                    }
                                }
                                .into_any()
                            }
                            Err(error) => view! { <ErrorBox error/> }.into_any(),
                        }
                    })
                }}
            </Suspense>
        </section>
    }
}

#[component]
pub fn AdminRegionsPage() -> impl IntoView {
    let t = use_locale().texts();
    let data = Resource::new(|| (), |()| get_admin_regions());
    let save = FormState::for_action(SaveRegion::PATH);
    let import = FormState::for_action(ImportRegions::PATH);
    let kind = save.value_or("kind", "desa");
    view! {
        <Title text=t.admin_regions/>
        <section class="page">
            <h1>{t.admin_regions}</h1>
            <Notice/>
            <h2>{t.add_region}</h2>
            <ErrorSummary state=save.clone()/>
            <PostForm action=SaveRegion::PATH class="stack">
                <p class="hint">{t.add_region_hint}</p>
                <Field state=save.clone() name="code" label=t.field_region_code maxlength=20/>
                <label for="f-kind">{t.field_region_kind}</label>
                <select id="f-kind" name="kind">
                    {REGION_KINDS.into_iter().map(|k| view! { <option value=k selected=k == kind>{k}</option> }).collect_view()}
                </select>
                <Field state=save.clone() name="name" label=t.field_region_name maxlength=LABEL_MAX/>
                <button type="submit" class="button">{t.save_button}</button>
            </PostForm>
            <h2>{t.import_title}</h2>
            <ErrorSummary state=import.clone()/>
            <PostForm action=ImportRegions::PATH class="stack" enctype=Some("multipart/form-data")>
                <p class="hint" id="f-csv-hint">{t.import_hint}</p>
                {import.field_error("csv").map(|e| view! { <p class="error" id="f-csv-error">{e}</p> })}
                <label for="f-csv">{t.field_csv}</label>
                <input id="f-csv" name="csv" type="file" accept=".csv,text/csv" required aria-describedby="f-csv-hint"/>
                <button type="submit" class="button">{t.import_button}</button>
            </PostForm>
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(kecamatan) => view! {
                            <ul class="queue">
                                {kecamatan.into_iter().map(|k| view! {
                                    <li class="queue-item">
                                        <details>
                                            <summary>{format!("{} · {} · {}", k.name, k.code, (t.villages_count)(k.villages.len()))}</summary>
                                            <ul class="columns">
                                                {k.villages.into_iter().map(|v| view! {
                                                    <li>{format!("{} ({}, {})", v.name, v.code, v.kind)}</li>
                                                }).collect_view()}
                                            </ul>
                                        </details>
                                    </li>
                                }).collect_view()}
                            </ul>
                        }
                        .into_any(),
                        Err(error) => view! { <ErrorBox error/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
pub fn AdminAccountsPage() -> impl IntoView {
    let t = use_locale().texts();
    let query = use_query_map();
    let q = move || query.read().get("q").unwrap_or_default();
    let after = move || query.read().get("after").and_then(|a| a.parse::<i32>().ok());
    let data = Resource::new(move || (q(), after()), |(q, after)| get_admin_accounts(q, after));
    let state = FormState::for_action(UpdateAccount::PATH);
    view! {
        <Title text=t.admin_accounts/>
        <section class="page">
            <h1>{t.admin_accounts}</h1>
            <ErrorSummary state=state.clone()/>
            <form method="get" class="inline search">
                <label for="q">{t.accounts_search}</label>
                <input id="q" name="q" type="search" value=q/>
                <button type="submit" class="button">{t.search_button}</button>
            </form>
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || {
                    let state = state.clone();
                    Suspend::new(async move {
                        match data.await {
                            Ok(page) => {
                                let opds = page.opds.clone();
                                let next = page.next.map(|id| {
                                    let q = q();
                                    let href = if q.is_empty() { format!("/admin/accounts?after={id}") } else {
                                        format!("/admin/accounts?q={}&after={id}", q.replace(['&', '#', '?'], ""))
                                    };
                                    view! { <p><A href=href>{t.list_more}</A></p> }
                                });
                                view! {
                                    <ul class="queue">
                                        {page.accounts.into_iter().map(|a| {
                                            let mine = state.error().is_some() && state.value("id") == a.id.to_string();
                                            let prefix = format!("acc-{}", a.id);
                                            let choices = opds.clone();
                                            let problems: Vec<String> = if mine {
                                                ["role", "opd"].into_iter().filter_map(|f| state.field_error(f)).collect()
                                            } else {
                                                Vec::new()
                                            };
                                            view! {
                                                <li class="queue-item">
                                                    <p>
                                                        <strong>{a.name.clone()}</strong> " · " {a.email} " · " {(t.role_name)(a.role)}
                                                        {a.disabled.then(|| view! { " " <span class="badge badge-private">{t.disabled_badge}</span> })}
                                                        {(!a.verified).then(|| view! { " " <span class="badge">{t.unverified_badge}</span> })}
                                                    </p>
                                                    <details open=mine>
                                                        <summary>{(t.edit_account_of)(&a.name)}</summary>
                                                        <PostForm action=UpdateAccount::PATH class="stack">
                                                            <input type="hidden" name="id" value=a.id.to_string()/>
                                                            {problems.into_iter().map(|e| view! { <p class="error">{e}</p> }).collect_view()}
                                                            <label for=format!("{prefix}-role")>{t.col_role}</label>
                                                            <select id=format!("{prefix}-role") name="role">
                                                                {Role::ALL.into_iter().map(|r| view! {
                                                                    <option value=r.as_str() selected=r == a.role>{(t.role_name)(r)}</option>
                                                                }).collect_view()}
                                                            </select>
                                                            <OpdSelect id=format!("{prefix}-opd") opds=choices selected=a.opd_id label=t.col_opd/>
                                                            <div class="choice">
                                                                <input type="checkbox" id=format!("{prefix}-disabled") name="disabled" value="1" checked=a.disabled/>
                                                                <label for=format!("{prefix}-disabled")>{t.field_disabled}</label>
                                                            </div>
                                                            <button type="submit" class="button">{t.save_button}</button>
                                                        </PostForm>
                                                    </details>
                                                </li>
                                            }
                                        }).collect_view()}
                                    </ul>
                                    {next}
                                }
                                .into_any()
                            }
                            Err(error) => view! { <ErrorBox error/> }.into_any(),
                        }
                    })
                }}
            </Suspense>
        </section>
    }
}

#[component]
pub fn AdminHolidaysPage() -> impl IntoView {
    let t = use_locale().texts();
    let data = Resource::new(|| (), |()| get_admin_holidays());
    let save = FormState::for_action(SaveHoliday::PATH);
    let import = FormState::for_action(ImportHolidays::PATH);
    let kind = save.value_or("kind", HOLIDAY_KINDS[0]);
    view! {
        <Title text=t.admin_holidays/>
        <section class="page">
            <h1>{t.admin_holidays}</h1>
            <Notice/>
            <p>{t.holidays_hint}</p>
            <h2>{t.add_holiday}</h2>
            <ErrorSummary state=save.clone()/>
            <PostForm action=SaveHoliday::PATH class="stack">
                <Field state=save.clone() name="day" label=t.field_holiday_day kind="date"/>
                <label for="f-holiday-kind">{t.field_holiday_kind}</label>
                <select id="f-holiday-kind" name="kind">
                    {HOLIDAY_KINDS.into_iter().map(|k| view! { <option value=k selected=k == kind>{k}</option> }).collect_view()}
                </select>
                <Field state=save.clone() name="description" label=t.field_holiday_description maxlength=LABEL_MAX/>
                <button type="submit" class="button">{t.save_button}</button>
            </PostForm>
            <h2>{t.import_title}</h2>
            <ErrorSummary state=import.clone()/>
            <PostForm action=ImportHolidays::PATH class="stack" enctype=Some("multipart/form-data")>
                <p class="hint" id="f-hcsv-hint">{t.holidays_import_hint}</p>
                {import.field_error("csv").map(|e| view! { <p class="error">{e}</p> })}
                <label for="f-hcsv">{t.field_csv}</label>
                <input id="f-hcsv" name="csv" type="file" accept=".csv,text/csv" required aria-describedby="f-hcsv-hint"/>
                <button type="submit" class="button">{t.import_button}</button>
            </PostForm>
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(table) => view! {
                            <HolidayCoverage last_year=table.last_year provisional=table.provisional_years.clone()
                                missing=table.missing_year clashes=table.clashes.clone()/>
                            <div class="table-scroll" tabindex="0" role="region" aria-label=t.admin_holidays>
                                <table class="table">
                                    <thead><tr>
                                        <th scope="col">{t.field_holiday_day}</th>
                                        <th scope="col">{t.field_holiday_kind}</th>
                                        <th scope="col">{t.field_holiday_description}</th>
                                        <th scope="col"><span class="visually-hidden">{t.delete_button}</span></th>
                                    </tr></thead>
                                    <tbody>
                                        {table.days.into_iter().map(|h| view! {
                                            <tr>
                                                <td>{h.day}</td>
                                                <td>{h.kind}</td>
                                                <td>
                                                    {h.description}
                                                    {h.provisional.then(|| view! { " " <span class="badge">{t.holiday_provisional}</span> })}
                                                </td>
                                                <td>
                                                    <PostForm action=DeleteHoliday::PATH class="inline">
                                                        <input type="hidden" name="id" value=h.id.to_string()/>
                                                        <button type="submit" class="link">{t.delete_button}</button>
                                                    </PostForm>
                                                </td>
                                            </tr>
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

/// The outbox: what waits, what left, what failed and why; a failed message can be sent again.
#[component]
pub fn AdminOutboxPage() -> impl IntoView {
    let t = use_locale().texts();
    let data = Resource::new(|| (), |()| get_admin_outbox());
    view! {
        <Title text=t.admin_outbox/>
        <section class="page">
            <h1>{t.admin_outbox}</h1>
            <Notice/>
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(outbox) => view! {
                            <p>
                                {t.staff_outbox_pending} ": " {outbox.pending} " · "
                                {t.staff_outbox_sent} ": " {outbox.sent} " · "
                                {t.staff_outbox_failed} ": " {outbox.failed}
                            </p>
                            <div class="table-scroll" tabindex="0" role="region" aria-label=t.admin_outbox>
                                <table class="table">
                                    <thead><tr>
                                        <th scope="col">{t.col_when}</th>
                                        <th scope="col">{t.col_to}</th>
                                        <th scope="col">{t.col_subject}</th>
                                        <th scope="col">{t.col_status}</th>
                                        <th scope="col">{t.col_attempts}</th>
                                        <th scope="col">{t.col_error}</th>
                                    </tr></thead>
                                    <tbody>
                                        {outbox.rows.into_iter().map(|r| {
                                            let failed = r.status == "failed";
                                            view! {
                                                <tr>
                                                    <td>{r.created_wib}</td>
                                                    <td>{r.to}</td>
                                                    <td>{r.subject}</td>
                                                    <td>{r.status}</td>
                                                    <td>{r.attempts}</td>
                                                    <td>
                                                        {r.last_error.unwrap_or_default()}
                                                        {failed.then(|| view! {
                                                            <PostForm action=RetryMail::PATH class="inline">
                                                                <input type="hidden" name="id" value=r.id.to_string()/>
                                                                <button type="submit" class="button button-small">{t.retry_button}</button>
                                                            </PostForm>
                                                        })}
                                                    </td>
                                                </tr>
                                            }
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                            <h2>{t.admin_suppressed}</h2>
                            <p>{t.admin_suppressed_hint}</p>
                            <div class="table-scroll" tabindex="0" role="region" aria-label=t.admin_suppressed>
                                <table class="table">
                                    <thead><tr>
                                        <th scope="col">{t.col_when}</th>
                                        <th scope="col">{t.col_to}</th>
                                        <th scope="col">{t.col_refusals}</th>
                                        <th scope="col">{t.col_error}</th>
                                        <th scope="col">{t.col_action}</th>
                                    </tr></thead>
                                    <tbody>
                                        {outbox.suppressed.into_iter().map(|s| view! {
                                            <tr>
                                                <td>{s.since_wib}</td>
                                                <td>{s.email.clone()}</td>
                                                <td>{s.refusals}</td>
                                                <td>{s.last_error}</td>
                                                <td>
                                                    <PostForm action=AllowAddress::PATH class="inline">
                                                        <input type="hidden" name="email" value=s.email/>
                                                        <button type="submit" class="button button-small">{t.allow_again_button}</button>
                                                    </PostForm>
                                                </td>
                                            </tr>
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

#[component]
pub fn AdminOpdsPage() -> impl IntoView {
    let t = use_locale().texts();
    let data = Resource::new(|| (), |()| get_admin_opds());
    let state = FormState::for_action(SaveOpd::PATH);
    view! {
        <Title text=t.admin_opds/>
        <section class="page">
            <h1>{t.admin_opds}</h1>
            <Notice/>
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(opds) => view! {
                            <div class="table-scroll" tabindex="0" role="region" aria-label=t.admin_opds>
                                <table class="table">
                                    <thead><tr>
                                        <th scope="col">{t.field_opd_code}</th>
                                        <th scope="col">{t.field_opd_name}</th>
                                        <th scope="col">{t.field_opd_short}</th>
                                        <th scope="col">{t.field_email}</th>
                                        <th scope="col">{t.fu_head}</th>
                                        <th scope="col">{t.col_officers}</th>
                                    </tr></thead>
                                    <tbody>
                                        {opds.into_iter().map(|o| {
                                            // Without officers only the official address hears of
                                            // assignments and deadlines; without either, nobody does.
                                            let warning = (o.officers == 0).then(|| {
                                                if o.email.is_some() { t.opd_no_officers } else { t.opd_unreachable }
                                            });
                                            view! {
                                                <tr>
                                                    <td>{o.code}</td>
                                                    <th scope="row">{o.name}</th>
                                                    <td>{o.short_name}</td>
                                                    <td>{o.email.unwrap_or_default()}</td>
                                                    <td>{o.head_name.unwrap_or_default()}</td>
                                                    <td>
                                                        {o.officers}
                                                        {warning.map(|w| view! { " " <strong class="badge badge-overdue">{w}</strong> })}
                                                    </td>
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
            <h2>{t.add_opd}</h2>
            <p>{t.opds_hint}</p>
            <ErrorSummary state=state.clone()/>
            <PostForm action=SaveOpd::PATH class="stack">
                <Field state=state.clone() name="code" label=t.field_opd_code maxlength=OPD_CODE_MAX/>
                <Field state=state.clone() name="name" label=t.field_opd_name maxlength=LABEL_MAX/>
                <Field state=state.clone() name="short_name" label=t.field_opd_short maxlength=LABEL_MAX/>
                <Field state=state.clone() name="email" label=t.field_opd_email kind="email" required=false maxlength=EMAIL_MAX/>
                <Field state=state.clone() name="head_name" label=t.field_opd_head required=false maxlength=NAME_MAX/>
                <button type="submit" class="button">{t.add_opd}</button>
            </PostForm>
        </section>
    }
}

/// Open311 clients' keys: issue one (shown once) and revoke.
#[component]
pub fn AdminApiKeysPage() -> impl IntoView {
    let t = use_locale().texts();
    let data = Resource::new(|| (), |()| get_admin_api_keys());
    let state = FormState::for_action(IssueApiKey::PATH);
    view! {
        <Title text=t.admin_api_keys/>
        <section class="page">
            <h1>{t.admin_api_keys}</h1>
            <p>{t.api_keys_intro} " " <a href="/open311/v2/discovery.json">"Open311 GeoReport v2"</a> " · " <a href="/openapi.json">"OpenAPI"</a></p>
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(page) => view! {
                            {page.issued.map(|key| view! {
                                <div class="alert alert-ok" role="status">
                                    <p>{t.api_key_issued}</p>
                                    <p><code class="api-key" id="issued-key">{key}</code></p>
                                </div>
                            })}
                            <div class="table-scroll" tabindex="0" role="region" aria-label=t.admin_api_keys>
                                <table class="table">
                                    <thead><tr>
                                        <th scope="col">{t.field_client_name}</th>
                                        <th scope="col">{t.col_key_prefix}</th>
                                        <th scope="col">{t.col_when}</th>
                                        <th scope="col">{t.col_last_used}</th>
                                        <th scope="col">{t.col_client_issues}</th>
                                        <th scope="col">{t.col_action}</th>
                                    </tr></thead>
                                    <tbody>
                                        {page.keys.into_iter().map(|k| view! {
                                            <tr>
                                                <th scope="row">{k.name}</th>
                                                <td><code>{k.prefix} "…"</code></td>
                                                <td>{k.created_wib}</td>
                                                <td>{k.last_used_wib.unwrap_or_else(|| "—".into())}</td>
                                                <td>{k.issues}</td>
                                                <td>
                                                    {match k.revoked_wib {
                                                        Some(when) => view! { <span>{t.api_key_revoked} " " {when}</span> }.into_any(),
                                                        None => view! {
                                                            <PostForm action=RevokeApiKey::PATH class="inline">
                                                                <input type="hidden" name="id" value=k.id.to_string()/>
                                                                <button type="submit" class="button button-small">{t.revoke_button}</button>
                                                            </PostForm>
                                                        }.into_any(),
                                                    }}
                                                </td>
                                            </tr>
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
            <h2>{t.issue_api_key}</h2>
            <ErrorSummary state=state.clone()/>
            <PostForm action=IssueApiKey::PATH class="stack">
                <Field state=state.clone() name="name" label=t.field_client_name maxlength=LABEL_MAX/>
                <button type="submit" class="button">{t.issue_api_key}</button>
            </PostForm>
        </section>
    }
}

#[component]
pub fn AdminAuditPage() -> impl IntoView {
    let t = use_locale().texts();
    let query = use_query_map();
    let q = move || query.read().get("q").unwrap_or_default();
    let before = move || query.read().get("before").and_then(|b| b.parse::<i32>().ok());
    let data = Resource::new(move || (q(), before()), |(q, before)| get_admin_audit(q, before));
    view! {
        <Title text=t.admin_audit/>
        <section class="page">
            <h1>{t.admin_audit}</h1>
            <p>{t.audit_intro}</p>
            <form method="get" class="inline search">
                <label for="q">{t.audit_search}</label>
                <input id="q" name="q" type="search" value=q/>
                <button type="submit" class="button">{t.search_button}</button>
            </form>
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(page) if page.rows.is_empty() => view! { <p>{t.audit_empty}</p> }.into_any(),
                        Ok(page) => {
                            let older = page.older.map(|id| {
                                let q = q();
                                let href = if q.is_empty() { format!("/admin/audit?before={id}") } else {
                                    format!("/admin/audit?q={}&before={id}", q.replace(['&', '#', '?'], ""))
                                };
                                view! { <p><A href=href>{t.list_more}</A></p> }
                            });
                            view! {
                                <div class="table-scroll" tabindex="0" role="region" aria-label=t.admin_audit>
                                    <table class="table">
                                        <thead><tr>
                                            <th scope="col">{t.col_when}</th>
                                            <th scope="col">{t.col_who}</th>
                                            <th scope="col">{t.col_action}</th>
                                            <th scope="col">{t.col_target}</th>
                                            <th scope="col">{t.col_detail}</th>
                                            <th scope="col">{t.col_address}</th>
                                        </tr></thead>
                                        <tbody>
                                            {page.rows.into_iter().map(|r| view! {
                                                <tr>
                                                    <td>{r.at_wib}</td>
                                                    <td>{r.actor} <br/><small>{r.actor_email} " · " {r.role}</small></td>
                                                    <td><code>{r.action}</code></td>
                                                    <td>{r.target}</td>
                                                    <td>{r.detail}</td>
                                                    <td>{r.address}</td>
                                                </tr>
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                </div>
                                {older}
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

/// Whether a category's issues go straight to its default OPD, past the inbox.
#[component]
fn DirectBox(id: String, checked: bool) -> impl IntoView {
    let t = use_locale().texts();
    let hint = format!("{id}-hint");
    view! {
        <p class="check">
            <input type="checkbox" id=id.clone() name="direct" value="1" checked=checked aria-describedby=hint.clone()/>
            " " <label for=id>{t.field_direct_to_opd}</label>
        </p>
        <p class="hint" id=hint>{t.field_direct_to_opd_hint}</p>
    }
}

/// How far the holiday table reaches, what is still an estimate, and the sessions planned on
/// a day that has become a holiday (for the secretariat to move; nothing moves by itself).
#[component]
fn HolidayCoverage(
    last_year: Option<i32>,
    provisional: Vec<i32>,
    missing: Option<i32>,
    clashes: Vec<(i32, String, String)>,
) -> impl IntoView {
    let t = use_locale().texts();
    view! {
        {last_year.map(|year| view! { <p>{(t.holidays_cover)(year)}</p> })}
        {(!provisional.is_empty()).then(|| {
            let years = provisional.iter().map(i32::to_string).collect::<Vec<_>>().join(", ");
            view! { <p class="alert" role="status">{(t.holidays_provisional)(&years)}</p> }
        })}
        {missing.map(|year| view! { <p class="alert alert-error" role="status">{(t.holidays_missing)(year)}</p> })}
        <HolidayClashes clashes/>
    }
}

/// The thresholds: one form for all of them; a refused value comes back with every value
/// typed and a message beside it.
#[component]
pub fn AdminSettingsPage() -> impl IntoView {
    let t = use_locale().texts();
    let data = Resource::new(|| (), |()| get_admin_settings());
    let state = FormState::for_action(SaveSettings::PATH);
    view! {
        <Title text=t.admin_settings/>
        <section class="page narrow">
            <h1>{t.admin_settings}</h1>
            <Notice/>
            <p>{t.settings_intro}</p>
            <ErrorSummary state=state.clone()/>
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || {
                    let state = state.clone();
                    Suspend::new(async move {
                        match data.await {
                            Ok(rows) => view! {
                                <PostForm action=SaveSettings::PATH class="stack">
                                    {rows.into_iter().map(|row| {
                                        let at = Setting::ALL.iter().position(|s| *s == row.setting).unwrap_or_default();
                                        let key = row.setting.key();
                                        let id = format!("f-{key}");
                                        let (min, max) = row.setting.bounds();
                                        let error = state.field_error(key);
                                        let described = if error.is_some() { format!("{id}-hint {id}-error") } else { format!("{id}-hint") };
                                        let changed = row.changed.map(|(when, by)| (t.settings_changed)(&when, &by));
                                        let hint = [Some(t.settings_hints[at].to_owned()), Some((t.settings_bounds)(min, max)),
                                            Some((t.settings_default)(row.default)), changed].into_iter().flatten().collect::<Vec<_>>().join(" ");
                                        view! {
                                            <div class="field" class:field-invalid=error.is_some()>
                                                <label for=id.clone()>{t.settings_labels[at]}</label>
                                                <p class="hint" id=format!("{id}-hint")>{hint}</p>
                                                {error.clone().map(|e| view! { <p class="error" id=format!("{id}-error")>{e}</p> })}
                                                <input id=id name=key type="number" inputmode="numeric" required
                                                    min=min.to_string() max=max.to_string() value=state.value_or(key, &row.value.to_string())
                                                    aria-invalid=if error.is_some() { "true" } else { "false" } aria-describedby=described/>
                                            </div>
                                        }
                                    }).collect_view()}
                                    <button type="submit" class="button">{t.save_button}</button>
                                </PostForm>
                            }
                            .into_any(),
                            Err(error) => view! { <ErrorBox error/> }.into_any(),
                        }
                    })
                }}
            </Suspense>
        </section>
    }
}
