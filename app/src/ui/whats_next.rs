//! What is next: the next Friday session (date, place, host kecamatan, livestream) and
//! until when a new issue can still reach an agenda, in WIB. On the home page as a box, on
//! the issue form as one line.

use leptos::prelude::*;
use leptos_router::components::A;

use super::use_locale;
use crate::{
    api::session::get_whats_next,
    model::session::{ComingSession, WhatsNext},
};

/// The home page's box. Says nothing if the schedule cannot be read: the page stands
/// without it.
#[component]
pub fn NextSessionBox() -> impl IntoView {
    let t = use_locale().texts();
    let next = Resource::new(|| (), |()| get_whats_next());
    view! {
        <section class="next-session" aria-labelledby="next-session-title">
            <h2 id="next-session-title">{t.next_title}</h2>
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match next.await {
                        Ok(WhatsNext { next: Some(next), reachable }) => view! { <Coming next reachable/> }.into_any(),
                        Ok(WhatsNext { next: None, .. }) => view! { <p>{t.next_none}</p> }.into_any(),
                        Err(_) => ().into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Coming(next: ComingSession, reachable: Option<ComingSession>) -> impl IntoView {
    let t = use_locale().texts();
    let s = &next.summary;
    let place = if s.place.is_empty() {
        s.venue.clone()
    } else {
        format!("{} · {}", s.venue, s.place)
    };
    let cutoff = match &reachable {
        Some(r) if r.summary.id == s.id => (t.next_cutoff)(&next.cutoff_wib),
        Some(r) => (t.next_cutoff_passed)(&r.summary.when_wib, &r.cutoff_wib),
        None => t.next_unreachable.to_owned(),
    };
    view! {
        <p class="next-when"><strong><time datetime=s.starts_at.clone()>{s.when_wib.clone()}</time></strong></p>
        <p>{place}</p>
        {(!next.host.is_empty()).then(|| view! { <p>{(t.next_host)(&next.host)}</p> })}
        <p>{cutoff}</p>
        <p>
            <A href=format!("/sessions/{}", s.id)>{t.next_see_session}</A>
            {next.livestream_url.clone().map(|url| view! {
                " · " <a href=url rel="noopener">{t.next_livestream}</a>
            })}
        </p>
    }
}

/// The issue form's line: which session a new issue can still reach.
#[component]
pub fn ReachesNote() -> impl IntoView {
    let t = use_locale().texts();
    let next = Resource::new(|| (), |()| get_whats_next());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let text = match next.await {
                    Ok(WhatsNext { reachable: Some(r), .. }) => (t.form_reaches)(&r.summary.when_wib, &r.cutoff_wib),
                    Ok(WhatsNext { next: Some(_), reachable: None }) => t.next_unreachable.to_owned(),
                    Ok(WhatsNext { next: None, .. }) => t.next_none.to_owned(),
                    Err(_) => return ().into_any(),
                };
                view! { <p class="hint reaches">{text}</p> }.into_any()
            })}
        </Suspense>
    }
}
