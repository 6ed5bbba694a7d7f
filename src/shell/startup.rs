//! What the page opens with: a share link in the URL wins, then the
//! autosave, then the lesson's example. Anything unreadable is reported and
//! kept aside; the page still opens.

use kurir_engine::input::link;
use kurir_engine::{Mode, Scenario};

use crate::io::browser;
use crate::io::persist::{self, SavedView};
use crate::io::saving;
use crate::text::i18n::{Lang, T};

/// Options of the compact player for course pages (`?embed`).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Embed {
    /// No editing at all (nodes cannot be moved, wired or changed).
    pub readonly: bool,
    /// Start running at once (default) or wait for Play.
    pub autoplay: bool,
    /// Show the figures, the chart and the log under the canvas.
    pub panels: bool,
}

/// What went wrong reading the address or the autosave, told in the page's
/// language once it is known.
pub enum Detail {
    /// The autosave could not be read (and where it was kept aside, if it was).
    Saved(crate::io::persist::SavedError, Option<String>),
    /// The share link could not be opened.
    Link(kurir_engine::input::link::LinkError),
}

impl Detail {
    /// The detail in `lang`.
    pub fn told(&self, lang: Lang) -> String {
        use crate::text::errors::describe_link;
        match self {
            Detail::Saved(e, Some(key)) => format!("{} ({key})", e.told(lang)),
            Detail::Saved(e, None) => e.told(lang),
            Detail::Link(e) => describe_link(e, lang),
        }
    }
}

/// Everything decided before the app mounts.
pub struct Start {
    /// The scenario to open.
    pub scenario: Scenario,
    /// Saved view, if any.
    pub view: Option<SavedView>,
    /// A message for the user (a damaged link, unreadable saved data) and its detail.
    pub notice: Option<(T, Detail)>,
    /// Compact player options, when embedded.
    pub embed: Option<Embed>,
    /// Language forced by the URL (`lang=id`).
    pub lang: Option<Lang>,
    /// Unreadable saved text that could not be kept aside (not to be saved over).
    pub held: Option<String>,
    /// The user's own work, when a share link opened another scenario.
    pub previous: Option<Scenario>,
    /// A first visit to the full app (nothing saved, no link): welcome them.
    pub first_visit: bool,
}

/// Reads the URL and the autosave.
pub fn decide() -> Start {
    // Options may come in the query or after the share link in the fragment.
    let embed = browser::option("embed").map(|_| Embed {
        readonly: browser::option("readonly").is_some_and(|v| v != "0" && v != "false"),
        autoplay: browser::option("autoplay").is_none_or(|v| v != "0" && v != "false"),
        panels: browser::option("panels").is_some_and(|v| v != "0" && v != "false"),
    });
    let lang = browser::option("lang").map(|tag| Lang::from_tag(&tag));
    let mode = browser::option("mode").and_then(|m| match m.as_str() {
        "rpc" => Some(Mode::Rpc),
        "messaging" => Some(Mode::Messaging),
        _ => None,
    });
    let mut notice = None;
    let mut held = None;
    // Embedded players never read or write the autosave: several on one page
    // must not overwrite each other, and a course page must look the same for everyone.
    let saved = embed
        .is_none()
        .then(|| browser::load(persist::KEY))
        .flatten()
        .and_then(|text| match persist::decode(&text) {
            Ok((s, v)) => Some((s, v, text)),
            Err(e) => {
                match saving::keep_aside(persist::BROKEN_KEY, &text) {
                    Some(key) => notice = Some((T::SavedBroken, Detail::Saved(e, Some(key)))),
                    None => {
                        notice = Some((T::SavedBrokenNotKept, Detail::Saved(e, None)));
                        held = Some(text);
                    }
                }
                None
            }
        });
    let anything_saved = browser::load(persist::KEY).is_some();
    let fragment = browser::fragment();
    let payload = crate::io::address::link_payload(&fragment);
    let from_link = payload.map(link::decode);
    let mut view = None;
    let mut previous = None;
    let mut scenario = match from_link {
        Some(Ok(s)) => {
            if embed.is_none() {
                previous = keep_previous(
                    &s,
                    saved.as_ref().map(|(w, _, t)| (w, t.as_str())),
                    &mut held,
                );
                if let Some(p) = payload {
                    browser::store(saving::LAST_LINK_KEY, p);
                }
                // A reload shows the user's edits, not the link again.
                browser::forget_fragment();
            }
            Some(s)
        }
        Some(Err(e)) => {
            notice = Some((T::LinkBroken, Detail::Link(e)));
            None
        }
        None => None,
    };
    if scenario.is_none() {
        if let Some((s, v, _)) = saved {
            scenario = Some(s);
            view = v;
        }
    }
    let mut scenario = scenario.unwrap_or_else(crate::io::gallery::lesson);
    if let Some(m) = mode {
        scenario.mode = m;
    }
    let first_visit =
        embed.is_none() && payload.is_none() && crate::shell::welcome::first_visit(anything_saved);
    Start {
        scenario,
        view,
        notice,
        embed,
        lang,
        held,
        previous,
        first_visit,
    }
}

/// The user's own work when the link `opened` replaces it: `saved` (the
/// autosave) is backed up first, unless it is itself the last link's
/// scenario, unedited, when the backup made then still holds their work.
/// A backup the browser refuses holds the autosave (`held`) so it is not
/// written over.
fn keep_previous(
    opened: &Scenario,
    saved: Option<(&Scenario, &str)>,
    held: &mut Option<String>,
) -> Option<Scenario> {
    let backup = || {
        browser::load(saving::BACKUP_KEY)
            .and_then(|t| persist::decode(&t).ok())
            .map(|(s, _)| s)
    };
    let Some((work, text)) = saved else {
        return backup();
    };
    if work == opened {
        return backup();
    }
    let last_link = browser::load(saving::LAST_LINK_KEY).and_then(|p| link::decode(&p).ok());
    if last_link.as_ref() == Some(work) {
        return backup();
    }
    if !browser::store(saving::BACKUP_KEY, text) {
        *held = Some(text.to_string());
    }
    Some(work.clone())
}
