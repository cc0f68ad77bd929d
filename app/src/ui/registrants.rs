//! A session's registrants (`/sessions/{id}/registrants`, secretariat): the list to print
//! for the door (name, village, kecamatan, a column to sign; never an email address) and,
//! from the session's day, the ticks of who came.

use leptos::{prelude::*, server_fn::ServerFn};
use leptos_meta::Title;
use leptos_router::{
    components::A,
    hooks::{use_params_map, use_query_map},
};

use super::{
    form::{ErrorBox, ErrorSummary, FormState, PostForm},
    use_locale,
};
use crate::{
    api::session::{MarkAttendance, get_registrants},
    model::session::{Registrants, RegistrationStatus},
};

#[component]
pub fn RegistrantsPage() -> impl IntoView {
    let t = use_locale().texts();
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let saved = use_query_map().with_untracked(|q| q.get("saved").is_some());
    let data = Resource::new(id, get_registrants);
    view! {
        <Title text=t.registrants_title/>
        <section class="page registrants">
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(list) => view! { <RegistrantList list saved/> }.into_any(),
                        Err(error) => view! { <h1>{t.registrants_title}</h1><ErrorBox error/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn RegistrantList(list: Registrants, saved: bool) -> impl IntoView {
    let t = use_locale().texts();
    let Registrants {
        summary,
        rows,
        may_mark,
        present,
    } = list;
    let id = summary.id;
    let confirmed = rows
        .iter()
        .filter(|r| r.status == RegistrationStatus::Confirmed)
        .count();
    let waiting = rows.len() - confirmed;
    let table = view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label=t.registrants_title>
            <table class="table">
                <thead><tr>
                    <th scope="col">"#"</th>
                    <th scope="col">{t.registrant_name}</th>
                    <th scope="col">{t.field_desa}</th>
                    <th scope="col">{t.field_kecamatan}</th>
                    <th scope="col">{t.registrant_status}</th>
                    <th scope="col">{t.registrant_present}</th>
                    <th scope="col" class="print-only">{t.registrant_signature}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().enumerate().map(|(n, r)| {
                        let check = format!("present-{}", r.id);
                        let label = (t.registrant_mark)(&r.name);
                        view! {
                            <tr>
                                <td>{n + 1}</td>
                                <th scope="row">{r.name.clone()}</th>
                                <td>{r.desa}</td>
                                <td>{r.kecamatan}</td>
                                <td>{if r.status == RegistrationStatus::Confirmed { t.registrant_confirmed } else { t.registrant_waiting }}</td>
                                <td>
                                    {if may_mark {
                                        view! {
                                            <input type="checkbox" id=check name="attended" value=r.id.to_string()
                                                checked=r.attended aria-label=label/>
                                        }.into_any()
                                    } else {
                                        view! { <span>{if r.attended { "✓" } else { "" }}</span> }.into_any()
                                    }}
                                </td>
                                <td class="print-only"></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    };
    let empty = confirmed + waiting == 0;
    view! {
        <h1>{(t.registrants_of)(&summary.when_wib)}</h1>
        <p>{summary.venue.clone()} {(!summary.place.is_empty()).then(|| format!(", {}", summary.place))}</p>
        <p>{(t.registrants_counts)(confirmed, waiting, summary.capacity)}</p>
        {saved.then(|| view! { <p class="alert alert-ok" role="status">{(t.attendance_saved)(present)}</p> })}
        <ErrorSummary state=FormState::for_action(MarkAttendance::PATH)/>
        <p class="hint no-print">{t.registrants_print_hint}</p>
        {if empty {
            view! { <p class="empty">{t.registrants_empty}</p> }.into_any()
        } else if may_mark {
            view! {
                <PostForm action=MarkAttendance::PATH class="stack">
                    <input type="hidden" name="session" value=id.to_string()/>
                    {table}
                    <button type="submit" class="button no-print">{t.attendance_save}</button>
                </PostForm>
            }.into_any()
        } else {
            view! { {table} <p class="hint no-print">{t.attendance_on_the_day}</p> }.into_any()
        }}
        <p class="no-print"><A href=format!("/sessions/{id}")>{t.back_to_session}</A></p>
    }
}
