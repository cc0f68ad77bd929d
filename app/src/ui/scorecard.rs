//! The public scorecard (`/scorecard`): per OPD and per kecamatan, and the last twelve
//! months as a bar chart drawn as SVG on the server, so it needs no JavaScript.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{components::A, hooks::use_params_map};

use super::{form::ErrorBox, use_locale};
use crate::{
    api::follow_up::{get_opd_score, get_scorecard},
    i18n::{Locale, Texts},
    model::{
        AppError,
        follow_up::{FollowUpStatus, MonthCount, OpdPageItem, OpdScore, ScoreRow, format_tenths},
    },
};

#[component]
fn ScoreTable(caption: &'static str, rows: Vec<ScoreRow>) -> impl IntoView {
    let locale = use_locale();
    let t = locale.texts();
    let tenths = move |v: Option<u32>| {
        v.map(|v| format_tenths(v, locale == Locale::Id))
            .unwrap_or_else(|| "–".into())
    };
    view! {
        <h2>{caption}</h2>
        {if rows.is_empty() {
            view! { <p>{t.score_empty}</p> }.into_any()
        } else {
            view! {
                <div class="table-scroll" tabindex="0" role="region" aria-label=caption>
                    <table class="table">
                        <thead><tr>
                            <th scope="col">"#"</th>
                            <th scope="col">{t.score_name}</th>
                            <th scope="col">{t.score_assigned}</th>
                            <th scope="col">{t.score_resolved}</th>
                            <th scope="col">{t.score_on_time}</th>
                            <th scope="col">{t.score_response}</th>
                            <th scope="col">{t.score_resolution}</th>
                            <th scope="col">{t.score_overdue}</th>
                        </tr></thead>
                        <tbody>
                            {rows.into_iter().enumerate().map(|(n, r)| view! {
                                <tr>
                                    <td>{if r.ranked { (n + 1).to_string() } else { "–".into() }}</td>
                                    <th scope="row">
                                        {match r.link {
                                            Some(href) => view! { <a href=href>{r.name}</a> }.into_any(),
                                            None => view! { <span>{r.name}</span> }.into_any(),
                                        }}
                                        {(!r.ranked).then(|| view! { <br/><small class="meta">{t.score_unranked}</small> })}
                                    </th>
                                    <td>{r.assigned}</td>
                                    <td>{r.resolved}</td>
                                    <td>{r.on_time_percent.map(|p| format!("{p}%")).unwrap_or_else(|| "–".into())}</td>
                                    <td>{tenths(r.median_response_tenths)}</td>
                                    <td>{tenths(r.median_resolution_tenths)}</td>
                                    <td>{r.overdue}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }
            .into_any()
        }}
    }
}

/// Two bars a month (assigned, resolved), each with its number as a tooltip and for screen
/// readers a sentence with the totals. The month names are HTML text under the chart, not
/// SVG text: the chart scales to the screen, and on a 390 px phone its own text would
/// shrink to about 5 px.
#[component]
fn Trend(months: Vec<MonthCount>) -> impl IntoView {
    let t: &'static Texts = use_locale().texts();
    const WIDTH: f64 = 640.0;
    const HEIGHT: f64 = 156.0;
    const BASE: f64 = 150.0;
    let max = months
        .iter()
        .map(|m| m.assigned.max(m.resolved))
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let step = WIDTH / months.len().max(1) as f64;
    let bar = (step - 12.0) / 2.0;
    let (assigned, resolved) = months.iter().fold((0, 0), |(a, r), m| (a + m.assigned, r + m.resolved));
    let short = |m: &MonthCount| -> String {
        t.months[(m.month as usize).saturating_sub(1) % 12]
            .chars()
            .take(3)
            .collect()
    };
    let labels: Vec<String> = months.iter().map(short).collect();
    view! {
        <h2 id="tren-judul">{t.score_trend}</h2>
        <p id="tren-ringkas">{(t.score_trend_summary)(assigned, resolved)}</p>
        <p class="legend">
            <span class="swatch swatch-assigned"></span> {t.score_assigned} " "
            <span class="swatch swatch-resolved"></span> {t.score_resolved}
        </p>
        <svg class="trend" viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img"
            aria-labelledby="tren-judul" aria-describedby="tren-ringkas">
            <line x1="0" y1=BASE x2=WIDTH y2=BASE class="axis"/>
            {months.into_iter().enumerate().map(|(n, m)| {
                let x = n as f64 * step + 6.0;
                let h_a = m.assigned as f64 / max * (BASE - 20.0);
                let h_r = m.resolved as f64 / max * (BASE - 20.0);
                let label = short(&m);
                view! {
                    <g>
                        <rect class="bar-assigned" x=x y=BASE - h_a width=bar height=h_a>
                            <title>{format!("{label} {}: {} {}", m.year, t.score_assigned, m.assigned)}</title>
                        </rect>
                        <rect class="bar-resolved" x=x + bar y=BASE - h_r width=bar height=h_r>
                            <title>{format!("{label} {}: {} {}", m.year, t.score_resolved, m.resolved)}</title>
                        </rect>
                    </g>
                }
            }).collect_view()}
        </svg>
        <ol class="trend-months" aria-hidden="true">
            {labels.into_iter().map(|label| view! { <li>{label}</li> }).collect_view()}
        </ol>
    }
}

#[component]
pub fn ScorecardPage() -> impl IntoView {
    let t = use_locale().texts();
    let data = Resource::new(|| (), |()| get_scorecard());
    view! {
        <Title text=t.score_title/>
        <section class="page">
            <h1>{t.score_title}</h1>
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(card) => view! {
                            <p>{(t.score_intro)(card.min_resolved)}</p>
                            <p><a href="/scorecard.csv" download="rapor-opd.csv">{t.score_csv}</a></p>
                            <ScoreTable caption=t.score_by_opd rows=card.opds/>
                            <Trend months=card.trend/>
                            <ScoreTable caption=t.score_by_kecamatan rows=card.kecamatan/>
                        }
                        .into_any(),
                        Err(error) => view! { <ErrorBox error/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// One OPD in public (`/scorecard/{code}`).
#[component]
pub fn OpdScorePage() -> impl IntoView {
    let t = use_locale().texts();
    let params = use_params_map();
    let code = move || params.read().get("code").unwrap_or_default();
    let data = Resource::new(code, get_opd_score);
    view! {
        <section class="page">
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(score) => view! { <OpdScoreView score/> }.into_any(),
                        Err(AppError::NotFound) => view! {
                            <Title text=t.not_found_title/>
                            <h1>{t.not_found_title}</h1><p>{t.not_found_body}</p>
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
fn OpdScoreView(score: OpdScore) -> impl IntoView {
    let locale = use_locale();
    let t = locale.texts();
    let OpdScore {
        code: _,
        name,
        head_name,
        numbers,
        trend,
        open,
        open_confidential,
        resolved,
    } = score;
    let tenths = move |v: Option<u32>| {
        v.map(|v| format_tenths(v, locale == Locale::Id))
            .unwrap_or_else(|| "–".into())
    };
    view! {
        <Title text=name.clone()/>
        <h1>{name.clone()}</h1>
        {head_name.map(|head| view! { <p class="meta">{t.opd_head} ": " {head}</p> })}
        <dl class="facts">
            <dt>{t.score_assigned}</dt><dd>{numbers.assigned}</dd>
            <dt>{t.score_resolved}</dt><dd>{numbers.resolved}</dd>
            <dt>{t.score_on_time}</dt><dd>{numbers.on_time_percent.map(|p| format!("{p}%")).unwrap_or_else(|| "–".into())}</dd>
            <dt>{t.score_response}</dt><dd>{tenths(numbers.median_response_tenths)}</dd>
            <dt>{t.score_resolution}</dt><dd>{tenths(numbers.median_resolution_tenths)}</dd>
            <dt>{t.score_overdue}</dt><dd>{numbers.overdue}</dd>
        </dl>
        <h2 id="opd-open">{t.opd_holds_now}</h2>
        {open.is_empty().then(|| view! { <p class="empty">{t.opd_holds_nothing}</p> })}
        <ul class="queue" aria-labelledby="opd-open">
            {open.into_iter().map(|item| view! { <OpdItemRow item resolved=false/> }).collect_view()}
        </ul>
        {(open_confidential > 0).then(|| view! { <p class="meta">{(t.opd_confidential_open)(open_confidential)}</p> })}
        <Trend months=trend/>
        <h2 id="opd-resolved">{t.opd_resolved_title}</h2>
        {resolved.is_empty().then(|| view! { <p class="empty">{t.opd_resolved_none}</p> })}
        <ul class="queue" aria-labelledby="opd-resolved">
            {resolved.into_iter().map(|item| view! { <OpdItemRow item resolved=true/> }).collect_view()}
        </ul>
        <p><A href="/scorecard">{t.score_title}</A></p>
    }
}

#[component]
fn OpdItemRow(item: OpdPageItem, resolved: bool) -> impl IntoView {
    let t = use_locale().texts();
    let when = if resolved {
        (t.opd_resolved_on)(&item.day, item.late)
    } else {
        (t.opd_due_on)(&item.day, item.late)
    };
    let answer = if !resolved {
        None
    } else if item.confirmed {
        Some(t.opd_resident_confirmed)
    } else if item.status == FollowUpStatus::Closed {
        Some(t.opd_closed_in_silence)
    } else {
        Some(t.opd_awaiting_resident)
    };
    view! {
        <li class="queue-item">
            <p><A href=format!("/issues/{}", item.issue_id)>{item.title}</A></p>
            <p class="meta">
                {(t.fu_status_name)(item.status)} " · "
                <span class:overdue={item.late && !resolved}>{when}</span>
            </p>
            {answer.map(|a| view! { <p class="meta"><strong>{a}</strong></p> })}
            {item.word_html.map(|html| view! { <blockquote class="prose" inner_html=html></blockquote> })}
        </li>
    }
}
