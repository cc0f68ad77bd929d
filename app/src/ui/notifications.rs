//! Mail preferences (`/account/notifications`) and the unsubscribe page a link in every
//! message opens (`/unsubscribe?t=…`), which asks once before turning anything off: mail
//! scanners open links, and opening must not unsubscribe anyone.

use leptos::{prelude::*, server_fn::ServerFn};
use leptos_meta::Title;
use leptos_router::{components::A, hooks::use_query_map};

use super::form::Field;
use super::{
    form::{ErrorBox, ErrorSummary, FormState, PostForm},
    use_locale, use_viewer,
};
use crate::api::account::{
    AddEmail, LinkWhatsapp, LogoutEverywhere, RemovePush, SaveMailPreferences, SendWhatsappLinkCode, SubscribePush,
    Unsubscribe, get_mail_preferences, get_push_devices, get_unsubscribe, get_whatsapp_link,
};
use crate::model::{account::EMAIL_MAX, mail::NoticeChannel};

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let t = use_locale().texts();
    let state = FormState::for_action(SaveMailPreferences::PATH);
    let saved = use_query_map().with_untracked(|q| q.get("saved").is_some());
    let data = Resource::new(|| (), |()| get_mail_preferences());
    view! {
        <Title text=t.prefs_title/>
        <section class="page narrow">
            <h1>{t.prefs_title}</h1>
            {saved.then(|| view! { <p class="alert alert-ok" role="status">{t.prefs_saved}</p> })}
            <ErrorSummary state=state.clone()/>
            <p>{t.prefs_intro}</p>
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || {
                    let state = state.clone();
                    Suspend::new(async move {
                        match data.await {
                            Ok(settings) => {
                            let push_shown = settings.iter().any(|s| s.push.is_some());
                            view! {
                                <PostForm action=SaveMailPreferences::PATH class="stack">
                                    {push_shown.then(|| view! { <input type="hidden" name="push_shown" value="1"/> })}
                                    {settings.into_iter().map(|s| {
                                        let name = s.topic.as_str();
                                        let current = state.value_or(name, s.delivery.as_str());
                                        let error = state.field_error(name);
                                        view! {
                                            <fieldset class="field choices">
                                                <legend>{(t.topic_label)(s.topic)}</legend>
                                                <p class="hint">{(t.topic_hint)(s.topic)}</p>
                                                {error.map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
                                                {s.topic.choices().iter().map(|d| {
                                                    let id = format!("f-{name}-{}", d.as_str());
                                                    view! {
                                                        <div class="choice">
                                                            <input type="radio" id=id.clone() name=name value=d.as_str()
                                                                checked=current == d.as_str()/>
                                                            <label for=id>{(t.delivery_label)(*d)}</label>
                                                        </div>
                                                    }
                                                }).collect_view()}
                                                {s.channel.map(|chosen| {
                                                    let field = format!("{name}_channel");
                                                    let current = state.value_or(&field, chosen.as_str());
                                                    let error = state.field_error(&field);
                                                    view! {
                                                        <fieldset class="field choices">
                                                            <legend>{t.prefs_channel}</legend>
                                                            {error.map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
                                                            {NoticeChannel::ALL.iter().map(|c| {
                                                                let id = format!("f-{field}-{}", c.as_str());
                                                                view! {
                                                                    <div class="choice">
                                                                        <input type="radio" id=id.clone() name=field.clone() value=c.as_str()
                                                                            checked=current == c.as_str()/>
                                                                        <label for=id>{(t.channel_label)(*c)}</label>
                                                                    </div>
                                                                }
                                                            }).collect_view()}
                                                        </fieldset>
                                                    }
                                                })}
                                                {s.push.map(|on| {
                                                    let field = format!("{name}_push");
                                                    let id = format!("f-{field}");
                                                    let checked = state.value_or(&field, if on { "on" } else { "" }) == "on";
                                                    view! {
                                                        <div class="choice">
                                                            <input type="checkbox" id=id.clone() name=field value="on" checked=checked/>
                                                            <label for=id>{t.prefs_push}</label>
                                                        </div>
                                                    }
                                                })}
                                            </fieldset>
                                        }
                                    }).collect_view()}
                                    <p class="hint">{t.prefs_security_note}</p>
                                    <button type="submit" class="button">{t.prefs_save}</button>
                                </PostForm>
                                <PushSection/>
                                <WhatsAppSection/>
                                <section class="stack" aria-labelledby="security-title">
                                    <h2 id="security-title">{t.security_title}</h2>
                                    {move || use_viewer().map(|v| Suspend::new(async move {
                                        v.0.await.ok().flatten().filter(|viewer| viewer.role.is_staff()).map(|_| view! {
                                            <p><A href="/account/two-factor">{t.two_factor_manage}</A></p>
                                        })
                                    }))}
                                    <p>{t.security_everywhere_hint}</p>
                                    <PostForm action=LogoutEverywhere::PATH>
                                        <button type="submit" class="button button-quiet">{t.security_everywhere_button}</button>
                                    </PostForm>
                                </section>
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

/// Push notices on this device: `/app.js` shows the button where the browser can push,
/// asks for permission, subscribes with the site's key and posts the subscription in the
/// form below (hidden until then: without JavaScript there is nothing to subscribe with).
/// The devices with push on are listed, each with a form that turns it off.
#[component]
fn PushSection() -> impl IntoView {
    let t = use_locale().texts();
    let devices = Resource::new(|| (), |()| get_push_devices());
    let subscribe = FormState::for_action(SubscribePush::PATH);
    let done = use_query_map().with_untracked(|q| q.get("push"));
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let (subscribe, done) = (subscribe.clone(), done.clone());
                Suspend::new(async move {
                    let devices = devices.await.ok()?;
                    Some(view! {
                        <section class="stack" id="push" aria-labelledby="push-title">
                            <h2 id="push-title">{t.push_title}</h2>
                            {match done.as_deref() {
                                Some("on") => Some(view! { <p class="alert alert-ok" role="status">{t.push_on_done}</p> }),
                                Some("off") => Some(view! { <p class="alert alert-ok" role="status">{t.push_off_done}</p> }),
                                _ => None,
                            }}
                            <ErrorSummary state=subscribe/>
                            <p>{t.push_intro}</p>
                            <p class="hint" data-push-needs="">{t.push_needs_js}</p>
                            <div class="push-on" hidden data-push-key=devices.key data-push-denied=t.push_denied
                                data-push-failed=t.push_failed>
                                <PostForm action=SubscribePush::PATH>
                                    <input type="hidden" name="endpoint" value=""/>
                                    <input type="hidden" name="p256dh" value=""/>
                                    <input type="hidden" name="auth" value=""/>
                                    <input type="hidden" name="label" value=""/>
                                    <button type="submit" class="button button-quiet">{t.push_turn_on}</button>
                                </PostForm>
                                <p class="hint" role="status" data-push-status=""></p>
                            </div>
                            <h3>{t.push_devices}</h3>
                            {if devices.devices.is_empty() {
                                view! { <p>{t.push_none}</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="stack">
                                        {devices.devices.into_iter().map(|d| view! {
                                            <li>
                                                <strong>{d.label}</strong>" · "{(t.push_added)(&d.added)}
                                                {d.last_sent.map(|at| view! { " · "{(t.push_last_sent)(&at)} })}
                                                <PostForm action=RemovePush::PATH class="inline">
                                                    <input type="hidden" name="id" value=d.id/>
                                                    <button type="submit" class="button button-quiet">{t.push_remove}</button>
                                                </PostForm>
                                            </li>
                                        }).collect_view()}
                                    </ul>
                                }.into_any()
                            }}
                        </section>
                    })
                })
            }}
        </Suspense>
    }
}

/// The number notices may also go to: linked with a code sent to it over WhatsApp.
#[component]
fn WhatsAppSection() -> impl IntoView {
    let t = use_locale().texts();
    let link = Resource::new(|| (), |()| get_whatsapp_link());
    let ask = FormState::for_action(SendWhatsappLinkCode::PATH);
    let enter = FormState::for_action(LinkWhatsapp::PATH);
    let add = FormState::for_action(AddEmail::PATH);
    let (sent, linked, email_sent) = use_query_map().with_untracked(|q| {
        (
            q.get("phone").unwrap_or_default(),
            q.get("linked").is_some(),
            q.get("email_sent").is_some(),
        )
    });
    let sent = enter.value_or("phone", &sent);
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let (ask, enter, add, sent) = (ask.clone(), enter.clone(), add.clone(), sent.clone());
                Suspend::new(async move {
                    let link = link.await.ok().filter(|l| l.on)?;
                    Some(view! {
                        <section class="stack" id="whatsapp" aria-labelledby="whatsapp-title">
                            <h2 id="whatsapp-title">{t.wa_section_title}</h2>
                            {linked.then(|| view! { <p class="alert alert-ok" role="status">{t.wa_linked}</p> })}
                            {match (link.number, sent.is_empty()) {
                                (Some(number), _) => view! { <p>{(t.wa_linked_number)(&number)}</p> }.into_any(),
                                (None, true) => view! {
                                    <p>{t.wa_link_intro}</p>
                                    <ErrorSummary state=ask.clone()/>
                                    <PostForm action=SendWhatsappLinkCode::PATH class="stack">
                                        <Field state=ask.clone() name="phone" label=t.wa_phone kind="tel" autocomplete="tel"
                                            hint=t.wa_phone_hint maxlength=20/>
                                        <button type="submit" class="button button-quiet">{t.wa_send_code}</button>
                                    </PostForm>
                                }.into_any(),
                                (None, false) => view! {
                                    <p class="alert alert-ok" role="status">{(t.wa_link_code_sent)(&sent)}</p>
                                    <ErrorSummary state=enter.clone()/>
                                    <PostForm action=LinkWhatsapp::PATH class="stack">
                                        <input type="hidden" name="phone" value=sent/>
                                        <Field state=enter.clone() name="code" label=t.wa_code_label autocomplete="one-time-code"
                                            maxlength=6/>
                                        <button type="submit" class="button button-quiet">{t.wa_link_button}</button>
                                    </PostForm>
                                }.into_any(),
                            }}
                        </section>
                        {(!link.mailbox).then(|| view! {
                            <section class="stack" id="email" aria-labelledby="email-title">
                                <h2 id="email-title">{t.add_email_title}</h2>
                                {email_sent.then(|| view! { <p class="alert alert-ok" role="status">{t.add_email_sent}</p> })}
                                <p>{t.add_email_intro}</p>
                                <ErrorSummary state=add.clone()/>
                                <PostForm action=AddEmail::PATH class="stack">
                                    <Field state=add.clone() name="email" label=t.field_email kind="email" autocomplete="email"
                                        maxlength=EMAIL_MAX/>
                                    <button type="submit" class="button button-quiet">{t.add_email_button}</button>
                                </PostForm>
                            </section>
                        })}
                    })
                })
            }}
        </Suspense>
    }
}

#[component]
pub fn UnsubscribePage() -> impl IntoView {
    let t = use_locale().texts();
    let (token, done) = use_query_map().with_untracked(|q| (q.get("t").unwrap_or_default(), q.get("done").is_some()));
    let info = Resource::new(move || token.clone(), get_unsubscribe);
    let state = FormState::for_action(Unsubscribe::PATH);
    view! {
        <Title text=t.unsub_title/>
        <section class="page narrow">
            <h1>{t.unsub_title}</h1>
            <ErrorSummary state=state/>
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match info.await {
                        Ok(info) => {
                            let what = t.stream_label(info.stream);
                            let token = use_query_map().with_untracked(|q| q.get("t").unwrap_or_default());
                            view! {
                                {match (done, info.already_off) {
                                    (true, _) => view! { <p class="alert alert-ok" role="status">{(t.unsub_done)(what)}</p> }.into_any(),
                                    (false, true) => view! { <p class="alert alert-ok" role="status">{(t.unsub_already)(what)}</p> }.into_any(),
                                    (false, false) => view! {
                                        <p>{(t.unsub_confirm)(what, &info.email_hint)}</p>
                                        <PostForm action=Unsubscribe::PATH>
                                            <input type="hidden" name="t" value=token/>
                                            <button type="submit" class="button">{t.unsub_button}</button>
                                        </PostForm>
                                    }.into_any(),
                                }}
                                <p><A href="/account/notifications">{t.unsub_manage}</A></p>
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
