//! The admin's pages: categories, regions, holidays, OPDs, accounts, keys, mail and the
//! thresholds. Admin only.

use leptos::{prelude::*, server_fn::codec::GetUrl};

use crate::model::{
    AppError,
    admin::{
        AdminAccounts, AdminApiKeys, AdminCategories, AdminHolidays, AdminKecamatan, AdminOpd, AdminOutbox, AuditPage,
    },
    settings::SettingRow,
};

#[server(prefix = "/api", endpoint = "admin/categories")]
pub async fn get_admin_categories() -> Result<AdminCategories, AppError> {
    use crate::{api::context, domain::views};
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            views::admin::categories(&state.db, &user).await
        }
        .await,
    )
}

/// Adds a category (empty `id`) or changes one.
#[server(prefix = "/api", endpoint = "admin/category/save")]
pub async fn save_category(
    id: Option<String>,
    slug: String,
    name_id: String,
    name_en: String,
    opd: Option<String>,
    direct: Option<String>,
) -> Result<(), AppError> {
    use crate::{
        api::context,
        domain::commands::{self, admin::CategoryInput},
    };
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            let input = CategoryInput {
                id: id.as_deref().unwrap_or_default(),
                slug: &slug,
                name_id: &name_id,
                name_en: &name_en,
                opd: opd.as_deref().unwrap_or_default(),
                direct: direct.is_some(),
            };
            commands::admin::save_category(&state, &user, input).await?;
            context::redirect("/admin/categories?saved=1");
            Ok(())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "admin/regions")]
pub async fn get_admin_regions() -> Result<Vec<AdminKecamatan>, AppError> {
    use crate::{api::context, domain::views};
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            views::admin::regions(&state.db, &user).await
        }
        .await,
    )
}

/// Adds a kecamatan, desa or kelurahan, or renames one, by its Kemendagri code.
#[server(prefix = "/api", endpoint = "admin/region/save")]
pub async fn save_region(code: String, kind: String, name: String) -> Result<(), AppError> {
    use crate::{api::context, domain::commands};
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            commands::admin::save_region(&state, &user, &code, &kind, &name).await?;
            context::redirect("/admin/regions?saved=1");
            Ok(())
        }
        .await,
    )
}

/// Imports regions from a CSV file (`kode,jenis,nama,induk`): every row or none.
#[server(prefix = "/api", endpoint = "admin/region/import")]
pub async fn import_regions(csv: String) -> Result<(), AppError> {
    use crate::{api::context, domain::commands};
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            let count = commands::admin::import_regions(&state, &user, &csv).await?;
            context::redirect(&format!("/admin/regions?imported={count}"));
            Ok(())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "admin/accounts", input = GetUrl)]
pub async fn get_admin_accounts(q: String, after: Option<i32>) -> Result<AdminAccounts, AppError> {
    use crate::{api::context, domain::views};
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            views::admin::accounts(&state.db, &user, &q, after).await
        }
        .await,
    )
}

/// Changes another account's role, OPD and whether it is disabled.
#[server(prefix = "/api", endpoint = "admin/account/update")]
pub async fn update_account(
    id: i32,
    role: String,
    opd: Option<String>,
    disabled: Option<String>,
) -> Result<(), AppError> {
    use crate::{api::context, domain::commands};
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            let disabled = disabled.is_some_and(|v| !v.is_empty());
            commands::admin::update_account(&state, &user, id, &role, opd.as_deref().unwrap_or_default(), disabled)
                .await?;
            Ok(())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "admin/holidays")]
pub async fn get_admin_holidays() -> Result<AdminHolidays, AppError> {
    use crate::{api::context, domain::views};
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            views::admin::holidays(&state.db, &user, context::locale(), state.clock.now()).await
        }
        .await,
    )
}

/// Adds a holiday or changes the one on that day.
#[server(prefix = "/api", endpoint = "admin/holiday/save")]
pub async fn save_holiday(day: String, kind: String, description: String) -> Result<(), AppError> {
    use crate::{api::context, domain::commands};
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            commands::admin::save_holiday(&state, &user, &day, &kind, &description).await?;
            context::redirect("/admin/holidays?saved=1");
            Ok(())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "admin/holiday/delete")]
pub async fn delete_holiday(id: i32) -> Result<(), AppError> {
    use crate::{api::context, domain::commands};
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            commands::admin::delete_holiday(&state, &user, id).await?;
            context::redirect("/admin/holidays?saved=1");
            Ok(())
        }
        .await,
    )
}

/// Imports holidays from a CSV file (`tanggal,jenis,keterangan`): every row or none.
#[server(prefix = "/api", endpoint = "admin/holiday/import")]
pub async fn import_holidays(csv: String) -> Result<(), AppError> {
    use crate::{api::context, domain::commands};
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            let count = commands::admin::import_holidays(&state, &user, &csv).await?;
            context::redirect(&format!("/admin/holidays?imported={count}"));
            Ok(())
        }
        .await,
    )
}

/// A page of the audit log (50 rows), newest first; `before` pages back.
#[server(prefix = "/api", endpoint = "admin/audit", input = GetUrl)]
pub async fn get_admin_audit(q: String, before: Option<i32>) -> Result<AuditPage, AppError> {
    use crate::{api::context, domain::views};
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            views::audit::page(&state.db, &user, &q, before, context::locale()).await
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "admin/outbox")]
pub async fn get_admin_outbox() -> Result<AdminOutbox, AppError> {
    use crate::{api::context, domain::views};
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            views::admin::outbox(&state.db, &user, context::locale()).await
        }
        .await,
    )
}

/// Sends a failed message again.
#[server(prefix = "/api", endpoint = "admin/outbox/retry")]
pub async fn retry_mail(id: i32) -> Result<(), AppError> {
    use crate::{api::context, domain::commands};
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            commands::admin::retry_mail(&state, &user, id).await?;
            context::redirect("/admin/outbox?saved=1");
            Ok(())
        }
        .await,
    )
}

/// Mails a suppressed address again.
#[server(prefix = "/api", endpoint = "admin/outbox/allow")]
pub async fn allow_address(email: String) -> Result<(), AppError> {
    use crate::{api::context, domain::commands};
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            commands::admin::allow_address(&state, &user, &email).await?;
            context::redirect("/admin/outbox?saved=1");
            Ok(())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "admin/opds")]
pub async fn get_admin_opds() -> Result<Vec<AdminOpd>, AppError> {
    use crate::{api::context, domain::views};
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            views::admin::opds(&state.db, &user).await
        }
        .await,
    )
}

/// Adds an OPD or changes the one with that code.
#[server(prefix = "/api", endpoint = "admin/opd/save")]
pub async fn save_opd(
    code: String,
    name: String,
    short_name: String,
    email: Option<String>,
    head_name: Option<String>,
) -> Result<(), AppError> {
    use crate::{
        api::context,
        domain::commands::{self, admin::OpdInput},
    };
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            let input = OpdInput {
                code: &code,
                name: &name,
                short_name: &short_name,
                email: email.as_deref().unwrap_or_default(),
                head_name: head_name.as_deref().unwrap_or_default(),
            };
            commands::admin::save_opd(&state, &user, input).await?;
            context::redirect("/admin/opds?saved=1");
            Ok(())
        }
        .await,
    )
}

/// The cookie that carries a key just issued to the page that shows it once.
#[cfg(feature = "ssr")]
const ISSUED_KEY_COOKIE: &str = "issued_key";

#[server(prefix = "/api", endpoint = "admin/api-keys")]
pub async fn get_admin_api_keys() -> Result<AdminApiKeys, AppError> {
    use crate::{
        api::context,
        domain::{commands, views},
    };
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            // A key just issued is read once: the cookie that carried it is cleared.
            let issued = context::cookie(ISSUED_KEY_COOKIE).filter(|k| k.starts_with(commands::admin::API_KEY_PREFIX));
            if issued.is_some() {
                context::set_cookie(&state, ISSUED_KEY_COOKIE, "", 0);
            }
            views::admin::api_keys(&state.db, &user, context::locale(), issued).await
        }
        .await,
    )
}

/// Issues an Open311 key to a client; the page it leads to shows the key once.
#[server(prefix = "/api", endpoint = "admin/api-key/issue")]
pub async fn issue_api_key(name: String) -> Result<(), AppError> {
    use crate::{api::context, domain::commands};
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            let key = commands::admin::issue_api_key(&state, &user, &name).await?;
            context::set_cookie(&state, ISSUED_KEY_COOKIE, &key, 300);
            context::redirect("/admin/api-keys?saved=1");
            Ok(())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "admin/api-key/revoke")]
pub async fn revoke_api_key(id: i32) -> Result<(), AppError> {
    use crate::{api::context, domain::commands};
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            commands::admin::revoke_api_key(&state, &user, id).await?;
            context::redirect("/admin/api-keys?saved=1");
            Ok(())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "admin/settings")]
pub async fn get_admin_settings() -> Result<Vec<SettingRow>, AppError> {
    use crate::{api::context, domain::views};
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            views::admin::settings(&state.db, &state.config, &user, context::locale()).await
        }
        .await,
    )
}

/// Saves every threshold of the settings form at once (all or none).
#[server(prefix = "/api", endpoint = "admin/settings/save")]
pub async fn save_settings(
    follow_up_days: String,
    disposition_days: String,
    confirm_days: String,
    escalate_after_days: String,
    flags_to_hide: String,
    score_min_resolved: String,
) -> Result<(), AppError> {
    use crate::{api::context, domain::commands, model::settings::Setting};
    context::respond(
        async {
            let state = context::state()?;
            let user = context::signed_in(&state).await?;
            let values = [
                (Setting::FollowUpDays, follow_up_days.as_str()),
                (Setting::DispositionDays, disposition_days.as_str()),
                (Setting::ConfirmDays, confirm_days.as_str()),
                (Setting::EscalateAfterDays, escalate_after_days.as_str()),
                (Setting::FlagsToHide, flags_to_hide.as_str()),
                (Setting::ScoreMinResolved, score_min_resolved.as_str()),
            ];
            commands::admin::save_settings(&state, &user, &values).await?;
            context::redirect("/admin/settings?saved=1");
            Ok(())
        }
        .await,
    )
}
