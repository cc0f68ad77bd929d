//! Account pages: register, sign in (with a password, or with a code sent over WhatsApp),
//! verify the email, forgot and reset the password.

use leptos::{prelude::*, server_fn::ServerFn};
use leptos_meta::Title;
use leptos_router::{components::A, hooks::use_query_map};

use super::{
    form::{ErrorBox, ErrorSummary, Field, FormState, PostForm},
    use_locale,
};
use crate::{
    api::account::{
        DisableTwoFactor, EnableTwoFactor, Login, Register, RequestPasswordReset, ResetPassword, SendWhatsappCode,
        WhatsappSignIn, get_two_factor_setup, verify_email, whatsapp_on,
    },
    model::{
        ErrorCode,
        account::{EMAIL_MAX, NAME_MAX, OTP_MAX, PASSWORD_MAX},
    },
};

fn query(name: &'static str) -> Option<String> {
    use_query_map().read_untracked().get(name)
}

#[component]
pub fn RegisterPage() -> impl IntoView {
    let t = use_locale().texts();
    let state = FormState::for_action(Register::PATH);
    view! {
        <Title text=t.register_title/>
        <section class="page narrow">
            <h1>{t.register_title}</h1>
            <ErrorSummary state=state.clone()/>
            <PostForm action=Register::PATH class="stack">
                <Field state=state.clone() name="name" label=t.field_name autocomplete="name" maxlength=NAME_MAX/>
                <Field state=state.clone() name="email" label=t.field_email kind="email" autocomplete="email" maxlength=EMAIL_MAX/>
                <Field state=state.clone() name="password" label=t.field_password kind="password" hint=t.field_password_hint
                    autocomplete="new-password" maxlength=PASSWORD_MAX/>
                <button type="submit" class="button">{t.submit_register}</button>
            </PostForm>
            <p><A href="/account/login">{t.have_account}</A></p>
        </section>
    }
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let t = use_locale().texts();
    let state = FormState::for_action(Login::PATH);
    let notice = match query("notice").as_deref() {
        Some("registered") => Some(t.registered_body),
        Some("verified") => Some(t.notice_verified),
        Some("reset") => Some(t.notice_reset),
        Some("signed_out_all") => Some(t.notice_signed_out_all),
        Some("deleted") => Some(t.notice_deleted),
        _ => None,
    };
    let next = state.value_or("next", &query("next").unwrap_or_default());
    let whatsapp = Resource::new(|| (), |()| whatsapp_on());
    view! {
        <Title text=t.login_title/>
        <section class="page narrow">
            <h1>{t.login_title}</h1>
            {notice.map(|n| view! { <p class="alert alert-ok" role="status">{n}</p> })}
            <ErrorSummary state=state.clone()/>
            <PostForm action=Login::PATH class="stack">
                <input type="hidden" name="next" value=next/>
                <Field state=state.clone() name="email" label=t.field_email kind="email" autocomplete="email" maxlength=EMAIL_MAX/>
                <Field state=state.clone() name="password" label=t.field_password kind="password" autocomplete="current-password"
                    maxlength=PASSWORD_MAX/>
                <details class="field" open=state.field_error("otp").is_some()>
                    <summary>{t.login_code_summary}</summary>
                    <Field state=state.clone() name="otp" label=t.field_code autocomplete="one-time-code" maxlength=OTP_MAX required=false/>
                </details>
                <button type="submit" class="button">{t.submit_login}</button>
            </PostForm>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    whatsapp.await.unwrap_or(false).then(|| view! {
                        <p><A href="/account/login/whatsapp">{t.wa_login_link}</A></p>
                    })
                })}
            </Suspense>
            <p><A href="/account/forgot">{t.forgot_link}</A></p>
            <p><A href="/account/register">{t.no_account}</A></p>
        </section>
    }
}

/// Sign in with a code sent over WhatsApp: the number first, then (once sent) the code.
#[component]
pub fn WhatsAppLoginPage() -> impl IntoView {
    let t = use_locale().texts();
    let ask = FormState::for_action(SendWhatsappCode::PATH);
    let enter = FormState::for_action(WhatsappSignIn::PATH);
    let sent = enter.value_or("phone", &query("phone").unwrap_or_default());
    let next = enter.value_or("next", &ask.value_or("next", &query("next").unwrap_or_default()));
    let on = Resource::new(|| (), |()| whatsapp_on());
    view! {
        <Title text=t.wa_login_title/>
        <section class="page narrow">
            <h1>{t.wa_login_title}</h1>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    (!on.await.unwrap_or(false)).then(|| view! {
                        <p class="alert alert-error" role="alert">{(t.code_message)(ErrorCode::WhatsAppOff)}</p>
                    })
                })}
            </Suspense>
            {if sent.is_empty() {
                view! {
                    <p>{t.wa_login_intro}</p>
                    <ErrorSummary state=ask.clone()/>
                    <PostForm action=SendWhatsappCode::PATH class="stack">
                        <input type="hidden" name="next" value=next/>
                        <Field state=ask.clone() name="phone" label=t.wa_phone kind="tel" autocomplete="tel"
                            hint=t.wa_phone_hint maxlength=20/>
                        <button type="submit" class="button">{t.wa_send_code}</button>
                    </PostForm>
                }
                .into_any()
            } else {
                view! {
                    <p class="alert alert-ok" role="status">{(t.wa_code_sent)(&sent)}</p>
                    <ErrorSummary state=enter.clone()/>
                    <PostForm action=WhatsappSignIn::PATH class="stack">
                        <input type="hidden" name="phone" value=sent/>
                        <input type="hidden" name="next" value=next/>
                        <Field state=enter.clone() name="code" label=t.wa_code_label kind="text" autocomplete="one-time-code"
                            maxlength=6/>
                        <button type="submit" class="button">{t.submit_login}</button>
                    </PostForm>
                    <p><A href="/account/login/whatsapp">{t.wa_code_again}</A></p>
                }
                .into_any()
            }}
            <p><A href="/account/login">{t.wa_login_password}</A></p>
        </section>
    }
}

#[component]
pub fn VerifyPage() -> impl IntoView {
    let t = use_locale().texts();
    let token = query("token").unwrap_or_default();
    let result = Resource::new(move || token.clone(), verify_email);
    view! {
        <Title text=t.verify_title/>
        <section class="page narrow">
            <h1>{t.verify_title}</h1>
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match result.await {
                        Ok(()) => view! {
                            <p class="alert alert-ok" role="status">{t.verify_ok}</p>
                            <p><A href="/account/login?notice=verified" attr:class="button">{t.nav_login}</A></p>
                        }
                        .into_any(),
                        Err(error) => {
                            let message = error.fields().first().map(|f| (t.code_message)(f.code));
                            match message {
                                Some(message) => view! { <p class="alert alert-error" role="alert">{message}</p> }.into_any(),
                                None => view! { <ErrorBox error/> }.into_any(),
                            }
                        }
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
pub fn ForgotPage() -> impl IntoView {
    let t = use_locale().texts();
    let state = FormState::for_action(RequestPasswordReset::PATH);
    let sent = query("sent").is_some();
    view! {
        <Title text=t.forgot_title/>
        <section class="page narrow">
            <h1>{t.forgot_title}</h1>
            {sent.then(|| view! { <p class="alert alert-ok" role="status">{t.forgot_sent}</p> })}
            <p>{t.forgot_intro}</p>
            <ErrorSummary state=state.clone()/>
            <PostForm action=RequestPasswordReset::PATH class="stack">
                <Field state=state.clone() name="email" label=t.field_email kind="email" autocomplete="email" maxlength=EMAIL_MAX/>
                <button type="submit" class="button">{t.submit_forgot}</button>
            </PostForm>
        </section>
    }
}

#[component]
pub fn ResetPage() -> impl IntoView {
    let t = use_locale().texts();
    let state = FormState::for_action(ResetPassword::PATH);
    let token = query("token").unwrap_or_default();
    let token_error = state.field_error("token");
    view! {
        <Title text=t.reset_title/>
        <section class="page narrow">
            <h1>{t.reset_title}</h1>
            <ErrorSummary state=state.clone()/>
            {token_error.map(|e| view! { <p class="alert alert-error">{e} " " <A href="/account/forgot">{t.forgot_title}</A></p> })}
            <PostForm action=ResetPassword::PATH class="stack">
                <input type="hidden" name="token" value=token.clone()/>
                <Field state=state.clone() name="password" label=t.field_new_password kind="password" hint=t.field_password_hint
                    autocomplete="new-password" maxlength=PASSWORD_MAX/>
                <button type="submit" class="button">{t.submit_reset}</button>
            </PostForm>
        </section>
    }
}

/// Two-step verification for staff: add the key to an authenticator app and confirm with
/// its first code, or turn it off with a current one.
#[component]
pub fn TwoFactorPage() -> impl IntoView {
    let t = use_locale().texts();
    let enable = FormState::for_action(EnableTwoFactor::PATH);
    let disable = FormState::for_action(DisableTwoFactor::PATH);
    let saved = query("saved").is_some();
    let setup = Resource::new(|| (), |()| get_two_factor_setup());
    view! {
        <Title text=t.two_factor_title/>
        <section class="page narrow">
            <h1>{t.two_factor_title}</h1>
            {saved.then(|| view! { <p class="alert alert-ok" role="status">{t.saved_notice}</p> })}
            <ErrorSummary state=enable.clone()/>
            <ErrorSummary state=disable.clone()/>
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || {
                    let (enable, disable) = (enable.clone(), disable.clone());
                    Suspend::new(async move {
                        match setup.await {
                            Ok(setup) if setup.enabled => view! {
                                <p>{t.two_factor_on}</p>
                                <PostForm action=DisableTwoFactor::PATH class="stack">
                                    <Field state=disable name="otp" label=t.field_code autocomplete="one-time-code" maxlength=OTP_MAX/>
                                    <button type="submit" class="button button-quiet">{t.two_factor_disable}</button>
                                </PostForm>
                            }
                            .into_any(),
                            Ok(setup) => {
                                // A refused code keeps the key the app was given.
                                let secret = enable.value_or("secret", &setup.secret);
                                let url = if secret == setup.secret { setup.url } else { String::new() };
                                view! {
                                    <p>{t.two_factor_off}</p>
                                    <p>{t.two_factor_steps}</p>
                                    <p>{t.two_factor_secret} ": " <code class="secret">{secret.clone()}</code></p>
                                    {(!url.is_empty()).then(|| view! { <p><a href=url>{t.two_factor_open_app}</a></p> })}
                                    <PostForm action=EnableTwoFactor::PATH class="stack">
                                        <input type="hidden" name="secret" value=secret/>
                                        <Field state=enable name="otp" label=t.field_code autocomplete="one-time-code" maxlength=OTP_MAX/>
                                        <button type="submit" class="button">{t.two_factor_enable}</button>
                                    </PostForm>
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
