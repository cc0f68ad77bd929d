//! Rate limits on what people write: posting, commenting, flagging and supporting, per
//! account and per network address, each a number per hour (0 turns one off). A refused
//! action answers 429 with a message that says when to try again.
//!
//! Sign-in attempts are limited apart (`SignInGuard`): failures per account and per address
//! in a minute, counted whether the account exists or not, so the answer tells nothing.
//!
//! The counters live in this process (the `governor` crate's keyed token buckets): several
//! instances behind a load balancer each allow the configured rate. Addresses get a larger
//! allowance than accounts (`ip_factor`), because many phones share one carrier address.

use std::{
    collections::HashMap,
    net::IpAddr,
    num::NonZeroU32,
    sync::Mutex,
    time::{Duration, Instant},
};

use governor::{
    DefaultKeyedRateLimiter, Quota, RateLimiter,
    clock::{Clock, DefaultClock},
};

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
    accounts: [Bucket; 5],
    addresses: [Bucket; 5],
    /// Wrong passwords, per email address typed and per network address.
    pub sign_in: SignInGuard,
}

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
    pub fn new(limits: RateLimits) -> Self {
        Self {
            accounts: ACTIONS.map(|a| bucket(limits.per_hour(a))),
            addresses: ACTIONS.map(|a| bucket(limits.per_hour(a).saturating_mul(limits.ip_factor.max(1)))),
            sign_in: SignInGuard::default(),
        }
    }

    /// Counts one `action` by account `user_id` from `address`, or refuses it.
    pub fn check(&self, action: Action, user_id: i32, address: Option<IpAddr>) -> Result<(), AppError> {
        let index = ACTIONS.iter().position(|a| *a == action).unwrap_or_default();
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
    pub fn check_number(&self, phone: &str) -> Result<(), AppError> {
        let index = ACTIONS.iter().position(|a| *a == Action::Message).unwrap_or_default();
        match &self.accounts[index] {
            Some(limiter) if limiter.check_key(&format!("wa:{phone}")).is_err() => {
                Err(AppError::RateLimited { minutes: 60 })
            }
            _ => Ok(()),
        }
    }

    /// Forgets buckets that are full again, so memory stays bounded.
    pub fn forget_idle(&self) {
        for limiter in self.accounts.iter().chain(self.addresses.iter()).flatten() {
            limiter.retain_recent();
            limiter.shrink_to_fit();
        }
        self.sign_in.forget_idle();
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
    failures: Mutex<HashMap<String, (Instant, u32)>>,
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

    /// Refuses a sign-in while the email or the address has used up its failures.
    pub fn check(&self, email: &str, address: Option<IpAddr>) -> Result<(), AppError> {
        let now = Instant::now();
        let failures = self.failures.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        for (key, allowed) in Self::keys(email, address) {
            if let Some((since, count)) = failures.get(&key)
                && now.duration_since(*since) < SIGN_IN_WINDOW
                && *count >= allowed
            {
                let wait = SIGN_IN_WINDOW.saturating_sub(now.duration_since(*since));
                return Err(AppError::RateLimited {
                    minutes: wait.as_secs().div_ceil(60).max(1) as u32,
                });
            }
        }
        Ok(())
    }

    /// Counts one wrong password for the email and the address.
    pub fn failed(&self, email: &str, address: Option<IpAddr>) {
        let now = Instant::now();
        let mut failures = self.failures.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        for (key, _) in Self::keys(email, address) {
            let entry = failures.entry(key).or_insert((now, 0));
            if now.duration_since(entry.0) >= SIGN_IN_WINDOW {
                *entry = (now, 0);
            }
            entry.1 = entry.1.saturating_add(1);
        }
    }

    /// Forgets windows that have ended, so memory stays bounded.
    pub fn forget_idle(&self) {
        let now = Instant::now();
        let mut failures = self.failures.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        failures.retain(|_, (since, _)| now.duration_since(*since) < SIGN_IN_WINDOW);
        failures.shrink_to_fit();
    }
}

/// How often idle buckets are forgotten.
pub const SWEEP_EVERY: Duration = Duration::from_secs(600);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_account_is_refused_after_its_allowance() {
        let limiter = Limiter::new(RateLimits {
            posts: 2,
            ..Default::default()
        });
        assert!(limiter.check(Action::Post, 1, None).is_ok());
        assert!(limiter.check(Action::Post, 1, None).is_ok());
        assert!(matches!(
            limiter.check(Action::Post, 1, None),
            Err(AppError::RateLimited { minutes }) if minutes >= 1
        ));
        // Another account and another action are counted apart.
        assert!(limiter.check(Action::Post, 2, None).is_ok());
        assert!(limiter.check(Action::Comment, 1, None).is_ok());
    }

    #[test]
    fn an_address_allows_more_than_one_account() {
        let limiter = Limiter::new(RateLimits {
            flags: 1,
            ip_factor: 2,
            ..Default::default()
        });
        let address = Some(IpAddr::from([10, 0, 0, 1]));
        assert!(limiter.check(Action::Flag, 1, address).is_ok());
        assert!(limiter.check(Action::Flag, 2, address).is_ok());
        assert!(limiter.check(Action::Flag, 3, address).is_err());
    }

    #[test]
    fn the_eleventh_wrong_password_in_a_minute_is_refused() {
        let guard = SignInGuard::default();
        let address = Some(IpAddr::from([10, 0, 0, 2]));
        for _ in 0..SIGN_IN_FAILURES_PER_ACCOUNT {
            assert!(guard.check("Siti@Example.id", address).is_ok());
            guard.failed("Siti@Example.id", address);
        }
        assert!(matches!(
            guard.check(" siti@example.id", address),
            Err(AppError::RateLimited { minutes: 1 })
        ));
        // Another email from the same address still may try.
        assert!(guard.check("budi@example.id", address).is_ok());
    }

    #[test]
    fn one_address_is_refused_after_its_failures_across_emails() {
        let guard = SignInGuard::default();
        let address = Some(IpAddr::from([10, 0, 0, 3]));
        for n in 0..SIGN_IN_FAILURES_PER_ADDRESS {
            guard.failed(&format!("user{n}@example.id"), address);
        }
        assert!(guard.check("fresh@example.id", address).is_err());
        assert!(
            guard
                .check("fresh@example.id", Some(IpAddr::from([10, 0, 0, 4])))
                .is_ok()
        );
    }

    #[test]
    fn zero_means_unlimited() {
        let limiter = Limiter::new(RateLimits {
            supports: 0,
            ..Default::default()
        });
        for _ in 0..1000 {
            assert!(limiter.check(Action::Support, 1, None).is_ok());
        }
    }
}
