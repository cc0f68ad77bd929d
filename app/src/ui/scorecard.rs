//! The public scorecard (`/scorecard`): per OPD and per kecamatan, and the last twelve
//! months as a bar chart drawn as SVG on the server, so it needs no JavaScript.

use leptos::prelude::*;
use leptos_meta::Title;

use super::{form::ErrorBox, use_locale};
use crate::{
    api::follow_up::get_scorecard,
    i18n::{Locale, Texts},
    model::follow_up::{MonthCount, SCORE_MIN_RESOLVED, ScoreRow, format_tenths},
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
                                        {r.name}
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
            <p>{(t.score_intro)(SCORE_MIN_RESOLVED)}</p>
            <p><a href="/scorecard.csv" download="rapor-opd.csv">{t.score_csv}</a></p>
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(card) => view! {
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
