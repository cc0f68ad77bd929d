//! Mail preferences as the browser sees them: which topics of mail there are, and how each
//! may arrive. Account security mail (verification, password reset) is not a topic: it
//! always arrives.

use serde::{Deserialize, Serialize};

/// What a message is about. Each account chooses per topic how it arrives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
pub enum Topic {
    /// Your own issues: received, published, rejected, merged, on the agenda, the outcome.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "my_issues"))]
    MyIssues,
    /// The same changes on issues you follow.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "followed"))]
    Followed,
    /// New comments on issues you wrote or follow.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "comments"))]
    Comments,
    /// Sessions you registered for: changes, cancellations, reminders, a free place.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "sessions"))]
    Sessions,
    /// Work for your OPD (officers only): assignments and deadlines.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "opd"))]
    Opd,
    /// A summary of the week in the regency.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "weekly_summary"))]
    WeeklySummary,
}

/// How a topic arrives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
pub enum Delivery {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "instant"))]
    Instant,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "daily"))]
    Daily,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "weekly"))]
    Weekly,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "off"))]
    Off,
}

impl Topic {
    pub const ALL: [Topic; 6] = [
        Self::MyIssues,
        Self::Followed,
        Self::Comments,
        Self::Sessions,
        Self::Opd,
        Self::WeeklySummary,
    ];

    /// The stable name stored in the database, used in form fields and unsubscribe links.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::MyIssues => "my_issues",
            Self::Followed => "followed",
            Self::Comments => "comments",
            Self::Sessions => "sessions",
            Self::Opd => "opd",
            Self::WeeklySummary => "weekly_summary",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }

    /// What an account gets before it chooses: what happens to your own issue and your
    /// sessions at once, comments once a day, the week's summary once a week.
    pub fn default_delivery(self) -> Delivery {
        match self {
            Self::MyIssues | Self::Followed | Self::Sessions | Self::Opd => Delivery::Instant,
            Self::Comments => Delivery::Daily,
            Self::WeeklySummary => Delivery::Weekly,
        }
    }

    /// The choices that make sense: the summary is weekly or nothing.
    pub fn choices(self) -> &'static [Delivery] {
        match self {
            Self::WeeklySummary => &[Delivery::Weekly, Delivery::Off],
            _ => &[Delivery::Instant, Delivery::Daily, Delivery::Weekly, Delivery::Off],
        }
    }
}

impl Delivery {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Instant => "instant",
            Self::Daily => "daily",
            Self::Weekly => "weekly",
            Self::Off => "off",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Instant, Self::Daily, Self::Weekly, Self::Off]
            .into_iter()
            .find(|d| d.as_str() == s)
    }
}

/// Where a topic's notices go, for a person who can be reached both ways (a mailbox and a
/// WhatsApp number); a person reachable one way only hears that way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
pub enum NoticeChannel {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "email"))]
    Email,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "whatsapp"))]
    WhatsApp,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "both"))]
    Both,
}

impl NoticeChannel {
    pub const ALL: [NoticeChannel; 3] = [Self::Email, Self::WhatsApp, Self::Both];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Email => "email",
            Self::WhatsApp => "whatsapp",
            Self::Both => "both",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }

    pub fn email(self) -> bool {
        self != Self::WhatsApp
    }

    pub fn whatsapp(self) -> bool {
        self != Self::Email
    }

    /// The way a person hears without having chosen: every way they can be reached.
    pub fn default_for(mailbox: bool, whatsapp: bool) -> Self {
        match (mailbox, whatsapp) {
            (true, true) => Self::Both,
            (false, true) => Self::WhatsApp,
            _ => Self::Email,
        }
    }

    /// A choice made while both ways existed, for a person who can now be reached as given.
    pub fn within(self, mailbox: bool, whatsapp: bool) -> Self {
        match (mailbox, whatsapp) {
            (true, true) => self,
            _ => Self::default_for(mailbox, whatsapp),
        }
    }
}

/// What one unsubscribe link turns off: one topic, or a digest (every topic that arrives
/// in it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MailStream {
    Topic(Topic),
    Digest(Delivery),
}

impl MailStream {
    pub fn as_str(self) -> String {
        match self {
            Self::Topic(topic) => topic.as_str().into(),
            Self::Digest(cadence) => format!("digest_{}", cadence.as_str()),
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s.strip_prefix("digest_").map(Delivery::parse) {
            Some(Some(cadence @ (Delivery::Daily | Delivery::Weekly))) => Some(Self::Digest(cadence)),
            Some(_) => None,
            None => Topic::parse(s).map(Self::Topic),
        }
    }
}

/// One line of the preferences page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopicSetting {
    pub topic: Topic,
    pub delivery: Delivery,
    /// Email, WhatsApp or both: offered only to a person with a mailbox and a number.
    pub channel: Option<NoticeChannel>,
    /// Whether notices of the topic are also pushed: offered once push is on for a device.
    pub push: Option<bool>,
}

/// What an unsubscribe link turns off, shown before the person confirms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnsubscribeInfo {
    pub stream: MailStream,
    /// The address it was sent to, partly hidden (`si***@warga.test`).
    pub email_hint: String,
    pub already_off: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topics_and_deliveries_round_trip_through_their_names() {
        for topic in Topic::ALL {
            assert_eq!(Topic::parse(topic.as_str()), Some(topic));
            assert!(topic.choices().contains(&topic.default_delivery()));
        }
        for delivery in [Delivery::Instant, Delivery::Daily, Delivery::Weekly, Delivery::Off] {
            assert_eq!(Delivery::parse(delivery.as_str()), Some(delivery));
        }
        assert_eq!(Topic::parse("security"), None, "security mail is not a topic");
        for stream in [
            MailStream::Topic(Topic::Comments),
            MailStream::Digest(Delivery::Daily),
            MailStream::Digest(Delivery::Weekly),
        ] {
            assert_eq!(MailStream::parse(&stream.as_str()), Some(stream));
        }
        assert_eq!(MailStream::parse("digest_instant"), None);
    }
}

/// The signed-in person's devices with push notices on, and the site's key a browser
/// subscribes with (VAPID, base64url).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushDevices {
    pub key: String,
    pub devices: Vec<PushDevice>,
}

/// One device with push on, as its owner sees it (times already in WIB).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushDevice {
    pub id: i32,
    pub label: String,
    pub added: String,
    pub last_sent: Option<String>,
}
