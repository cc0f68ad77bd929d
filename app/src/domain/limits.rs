//! Rate limits on what people write: posting, commenting, flagging and supporting, per
//! account and per network address, each a number per hour (0 turns one off). A refused
//! action answers 429 with a message that says when to try again.
//!
//! Sign-in attempts are limited apart (`SignInGuard`): failures per account and per address
//! in a minute, counted whether the account exists or not, so the answer tells nothing.
//!
//! On SQLite (one instance) the counters live in this process: the `governor` crate's keyed
//! token buckets, and fixed one-minute windows for sign-ins. On PostgreSQL every instance
//! behind the load balancer counts in the same table (`rate_count`): fixed windows (an hour
//! for actions, a minute for sign-ins), each raised by one atomic upsert, so that ten wrong
//! passwords across three instances are ten. Addresses get a larger allowance than accounts
//! (`ip_factor`), because many phones share one carrier address.

use std::{collections::HashMap, net::IpAddr, num::NonZeroU32, sync::Mutex, time::Duration};

use chrono::{DateTime, TimeDelta, Utc};
use governor::{
    DefaultKeyedRateLimiter, Quota, RateLimiter,
    clock::{Clock as _, DefaultClock},
};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};

use crate::domain::{clock::Clock, error::OrInternal};
use crate::model::AppError;

/// What is limited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Post,
    Comment,
    Flag,
    Support,
    /// A message to the regency's WhatsApp number, counted per number (`check_number`).
    Message,
}

/// How many of each action one account may do per hour; 0 means unlimited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimits {
    pub posts: u32,
    pub comments: u32,
    pub flags: u32,
    pub supports: u32,
    /// Messages one WhatsApp number may send per hour; the rest are read by nobody.
    pub messages: u32,
    /// One network address may do this many times an account's allowance.
    pub ip_factor: u32,
}

impl Default for RateLimits {
    fn default() -> Self {
        Self {
            posts: 10,
            comments: 60,
            flags: 20,
            supports: 200,
            messages: 120,
            ip_factor: 20,
        }
    }
}

impl RateLimits {
    /// No limit on anything.
    pub fn unlimited() -> Self {
        Self {
            posts: 0,
            comments: 0,
            flags: 0,
            supports: 0,
            messages: 0,
            ip_factor: 1,
        }
    }

    fn per_hour(&self, action: Action) -> u32 {
        match action {
            Action::Post => self.posts,
            Action::Comment => self.comments,
            Action::Flag => self.flags,
            Action::Support => self.supports,
            Action::Message => self.messages,
        }
    }
}

type Bucket = Option<DefaultKeyedRateLimiter<String>>;

/// The buckets of every action, per account and per address.
pub struct Limiter {
    limits: RateLimits,
    accounts: [Bucket; 5],
    addresses: [Bucket; 5],
    /// The counters every instance shares, on PostgreSQL.
    shared: Option<Shared>,
    /// Wrong passwords, per email address typed and per network address.
    pub sign_in: SignInGuard,
}

/// Counters in the database, in fixed windows (`rate_count`).
#[derive(Clone)]
struct Shared {
    db: DatabaseConnection,
    clock: Clock,
}

/// The window of `length` that `now` falls in: its start and its end.
fn window(now: DateTime<Utc>, length: Duration) -> (DateTime<Utc>, DateTime<Utc>) {
    let secs = i64::try_from(length.as_secs().max(1)).unwrap_or(i64::MAX);
    let start = now.timestamp().div_euclid(secs) * secs;
    let start = DateTime::from_timestamp(start, 0).unwrap_or(now);
    (start, start + TimeDelta::seconds(secs))
}

/// Minutes to wait until `end`, at least one.
fn minutes_until(end: DateTime<Utc>, now: DateTime<Utc>) -> u32 {
    let secs = u64::try_from((end - now).num_seconds()).unwrap_or_default();
    u32::try_from(secs.div_ceil(60).max(1)).unwrap_or(u32::MAX)
}

/// Counters are kept this long after their window (the longest window is an hour).
const KEPT_FOR: TimeDelta = TimeDelta::hours(2);

impl Shared {
    /// Adds one to `key`'s counter in the window of `length` now falls in; returns the new
    /// count and when the window ends. One statement: two instances at once both count.
    async fn bump(&self, key: &str, length: Duration) -> Result<(i64, DateTime<Utc>), AppError> {
        let sql = "INSERT INTO rate_count (key, window_start, count) VALUES ($1, $2, 1) \
                   ON CONFLICT (key, window_start) DO UPDATE SET count = rate_count.count + 1 \
                   RETURNING count";
        self.count(sql, key, length).await
    }

    /// `key`'s count in the window of `length` now falls in, and when the window ends.
    async fn read(&self, key: &str, length: Duration) -> Result<(i64, DateTime<Utc>), AppError> {
        let sql = "SELECT count FROM rate_count WHERE key = $1 AND window_start = $2";
        self.count(sql, key, length).await
    }

    /// Runs `sql` (which returns `count`, if any) for `key` and the window now falls in.
    async fn count(&self, sql: &str, key: &str, length: Duration) -> Result<(i64, DateTime<Utc>), AppError> {
        let (start, end) = window(self.clock.now(), length);
        let row = self
            .db
            .query_one_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                sql,
                [key.into(), start.into()],
            ))
            .await
            .or_internal("counting for a rate limit")?;
        let count: i32 = row
            .map(|r| r.try_get("", "count"))
            .transpose()
            .or_internal("reading a rate count")?
            .unwrap_or_default();
        Ok((i64::from(count), end))
    }

    /// Deletes the counters of windows long over.
    async fn sweep(&self) -> Result<(), AppError> {
        self.db
            .execute_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "DELETE FROM rate_count WHERE window_start < $1",
                [(self.clock.now() - KEPT_FOR).into()],
            ))
            .await
            .or_internal("forgetting old rate counts")?;
        Ok(())
    }
}

const HOUR: Duration = Duration::from_secs(3600);

const ACTIONS: [Action; 5] = [
    Action::Post,
    Action::Comment,
    Action::Flag,
    Action::Support,
    Action::Message,
];

fn bucket(per_hour: u32) -> Bucket {
    NonZeroU32::new(per_hour).map(|n| RateLimiter::keyed(Quota::per_hour(n)))
}

impl Limiter {
    /// Counters in this process (one instance).
    pub fn new(limits: RateLimits) -> Self {
        Self {
            limits,
            accounts: ACTIONS.map(|a| bucket(limits.per_hour(a))),
            addresses: ACTIONS.map(|a| bucket(limits.per_hour(a).saturating_mul(limits.ip_factor.max(1)))),
            shared: None,
            sign_in: SignInGuard::default(),
        }
    }

    /// Counters in `db` when it is PostgreSQL (every instance on it shares them), else in
    /// this process; sign-in windows by `clock`.
    pub fn for_database(db: &DatabaseConnection, clock: Clock, limits: RateLimits) -> Self {
        let mut limiter = Self::new(limits);
        limiter.sign_in.clock = clock.clone();
        if db.get_database_backend() == DbBackend::Postgres {
            let shared = Shared { db: db.clone(), clock };
            limiter.shared = Some(shared.clone());
            limiter.sign_in.shared = Some(shared);
        }
        limiter
    }

    /// Counts one `action` by account `user_id` from `address`, or refuses it.
    pub async fn check(&self, action: Action, user_id: i32, address: Option<IpAddr>) -> Result<(), AppError> {
        let index = ACTIONS.iter().position(|a| *a == action).unwrap_or_default();
        if let Some(shared) = &self.shared {
            let per_hour = self.limits.per_hour(action);
            let mut keys = vec![(format!("user:{user_id}:{index}"), per_hour)];
            if let Some(address) = address {
                keys.push((
                    format!("ip:{address}:{index}"),
                    per_hour.saturating_mul(self.limits.ip_factor.max(1)),
                ));
            }
            for (key, allowed) in keys.into_iter().filter(|(_, allowed)| *allowed > 0) {
                let (count, end) = shared.bump(&key, HOUR).await?;
                if count > i64::from(allowed) {
                    return Err(AppError::RateLimited {
                        minutes: minutes_until(end, shared.clock.now()),
                    });
                }
            }
            return Ok(());
        }
        let mut keys = vec![(&self.accounts[index], format!("user:{user_id}"))];
        if let Some(address) = address {
            keys.push((&self.addresses[index], format!("ip:{address}")));
        }
        for (bucket, key) in keys {
            if let Some(limiter) = bucket
                && let Err(not_until) = limiter.check_key(&key)
            {
                let wait = not_until.wait_time_from(DefaultClock::default().now());
                return Err(AppError::RateLimited {
                    minutes: wait.as_secs().div_ceil(60).max(1) as u32,
                });
            }
        }
        Ok(())
    }

    /// Counts one WhatsApp message from `phone`, or refuses it.
    pub async fn check_number(&self, phone: &str) -> Result<(), AppError> {
        let index = ACTIONS.iter().position(|a| *a == Action::Message).unwrap_or_default();
        if let Some(shared) = &self.shared {
            let allowed = self.limits.messages;
            if allowed > 0 && shared.bump(&format!("wa:{phone}"), HOUR).await?.0 > i64::from(allowed) {
                return Err(AppError::RateLimited { minutes: 60 });
            }
            return Ok(());
        }
        match &self.accounts[index] {
            Some(limiter) if limiter.check_key(&format!("wa:{phone}")).is_err() => {
                Err(AppError::RateLimited { minutes: 60 })
            }
            _ => Ok(()),
        }
    }

    /// Forgets buckets that are full again (and on PostgreSQL the counters of windows long
    /// over), so memory and the table stay bounded.
    pub async fn forget_idle(&self) -> Result<(), AppError> {
        for limiter in self.accounts.iter().chain(self.addresses.iter()).flatten() {
            limiter.retain_recent();
            limiter.shrink_to_fit();
        }
        self.sign_in.forget_idle();
        match &self.shared {
            Some(shared) => shared.sweep().await,
            None => Ok(()),
        }
    }
}

/// Wrong passwords one email address may collect in `SIGN_IN_WINDOW` before it is refused.
pub const SIGN_IN_FAILURES_PER_ACCOUNT: u32 = 10;
/// Wrong passwords one network address may collect (many phones share a carrier address).
pub const SIGN_IN_FAILURES_PER_ADDRESS: u32 = 50;
pub const SIGN_IN_WINDOW: Duration = Duration::from_secs(60);

/// Counts failed sign-ins in fixed one-minute windows. Only failures count, so a person who
/// types the right password is never slowed down by their own earlier successes; the key is
/// the email as typed (normalized), whether or not an account has it.
#[derive(Default)]
pub struct SignInGuard {
    failures: Mutex<HashMap<String, (DateTime<Utc>, u32)>>,
    /// The app's clock (a test's is fixed, and moves only when the test moves it).
    clock: Clock,
    /// The counters every instance shares, on PostgreSQL.
    shared: Option<Shared>,
}

impl SignInGuard {
    fn keys(email: &str, address: Option<IpAddr>) -> Vec<(String, u32)> {
        let mut keys = vec![(
            format!("email:{}", email.trim().to_lowercase()),
            SIGN_IN_FAILURES_PER_ACCOUNT,
        )];
        if let Some(address) = address {
            keys.push((format!("ip:{address}"), SIGN_IN_FAILURES_PER_ADDRESS));
        }
        keys
    }

    fn window() -> TimeDelta {
        TimeDelta::from_std(SIGN_IN_WINDOW).unwrap_or(TimeDelta::MAX)
    }

    /// Refuses a sign-in while the email or the address has used up its failures.
    pub async fn check(&self, email: &str, address: Option<IpAddr>) -> Result<(), AppError> {
        if let Some(shared) = &self.shared {
            for (key, allowed) in Self::keys(email, address) {
                let (count, end) = shared.read(&format!("signin:{key}"), SIGN_IN_WINDOW).await?;
                if count >= i64::from(allowed) {
                    return Err(AppError::RateLimited {
                        minutes: minutes_until(end, shared.clock.now()),
                    });
                }
            }
            return Ok(());
        }
        let now = self.clock.now();
        let failures = self.failures.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        for (key, allowed) in Self::keys(email, address) {
            if let Some((since, count)) = failures.get(&key)
                && now - *since < Self::window()
                && *count >= allowed
            {
                return Err(AppError::RateLimited {
                    minutes: minutes_until(*since + Self::window(), now),
                });
            }
        }
        Ok(())
    }

    /// Counts one wrong password for the email and the address.
    pub async fn failed(&self, email: &str, address: Option<IpAddr>) -> Result<(), AppError> {
        if let Some(shared) = &self.shared {
            for (key, _) in Self::keys(email, address) {
                shared.bump(&format!("signin:{key}"), SIGN_IN_WINDOW).await?;
            }
            return Ok(());
        }
        let now = self.clock.now();
        let mut failures = self.failures.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        for (key, _) in Self::keys(email, address) {
            let entry = failures.entry(key).or_insert((now, 0));
            if now - entry.0 >= Self::window() {
                *entry = (now, 0);
            }
            entry.1 = entry.1.saturating_add(1);
        }
        Ok(())
    }

    /// Forgets windows that have ended, so memory stays bounded.
    pub fn forget_idle(&self) {
        let now = self.clock.now();
        let mut failures = self.failures.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        failures.retain(|_, (since, _)| now - *since < Self::window());
        failures.shrink_to_fit();
    }
}

/// How often idle buckets are forgotten.
pub const SWEEP_EVERY: Duration = Duration::from_secs(600);

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn an_account_is_refused_after_its_allowance() {
        let limiter = Limiter::new(RateLimits {
            posts: 2,
            ..Default::default()
        });
        assert!(limiter.check(Action::Post, 1, None).await.is_ok());
        assert!(limiter.check(Action::Post, 1, None).await.is_ok());
        assert!(matches!(
            limiter.check(Action::Post, 1, None).await,
            Err(AppError::RateLimited { minutes }) if minutes >= 1
        ));
        // Another account and another action are counted apart.
        assert!(limiter.check(Action::Post, 2, None).await.is_ok());
        assert!(limiter.check(Action::Comment, 1, None).await.is_ok());
    }

    #[tokio::test]
    async fn an_address_allows_more_than_one_account() {
        let limiter = Limiter::new(RateLimits {
            flags: 1,
            ip_factor: 2,
            ..Default::default()
        });
        let address = Some(IpAddr::from([10, 0, 0, 1]));
        assert!(limiter.check(Action::Flag, 1, address).await.is_ok());
        assert!(limiter.check(Action::Flag, 2, address).await.is_ok());
        assert!(limiter.check(Action::Flag, 3, address).await.is_err());
    }

    #[tokio::test]
    async fn the_eleventh_wrong_password_in_a_minute_is_refused() {
        let guard = SignInGuard::default();
        let address = Some(IpAddr::from([10, 0, 0, 2]));
        for _ in 0..SIGN_IN_FAILURES_PER_ACCOUNT {
            assert!(guard.check("Siti@Example.id", address).await.is_ok());
            assert!(guard.failed("Siti@Example.id", address).await.is_ok());
        }
        assert!(matches!(
            guard.check(" siti@example.id", address).await,
            Err(AppError::RateLimited { minutes: 1 })
        ));
        // Another email from the same address still may try.
        assert!(guard.check("budi@example.id", address).await.is_ok());
    }

    #[tokio::test]
    async fn one_address_is_refused_after_its_failures_across_emails() {
        let guard = SignInGuard::default();
        let address = Some(IpAddr::from([10, 0, 0, 3]));
        for n in 0..SIGN_IN_FAILURES_PER_ADDRESS {
            assert!(guard.failed(&format!("user{n}@example.id"), address).await.is_ok());
        }
        assert!(guard.check("fresh@example.id", address).await.is_err());
        assert!(
            guard
                .check("fresh@example.id", Some(IpAddr::from([10, 0, 0, 4])))
                .await
                .is_ok()
        );
    }

    #[tokio::test]
    async fn zero_means_unlimited() {
        let limiter = Limiter::new(RateLimits {
            supports: 0,
            ..Default::default()
        });
        for _ in 0..1000 {
            assert!(limiter.check(Action::Support, 1, None).await.is_ok());
        }
    }
}
