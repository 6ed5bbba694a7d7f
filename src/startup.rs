//! What the page opens with: a share link in the URL wins, then the
//! autosave, then the lesson's example. Anything unreadable is reported and
//! kept aside; the page still opens.

use kurir_engine::{link, Mode, Scenario};

use crate::browser;
use crate::i18n::{Lang, T};
use crate::persist::{self, SavedView};

/// Options of the compact player for course pages (`?embed`).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Embed {
    /// No editing at all (nodes cannot be moved, wired or changed).
    pub readonly: bool,
    /// Start running at once (default) or wait for Play.
    pub autoplay: bool,
}

/// Everything decided before the app mounts.
pub struct Start {
    /// The scenario to open.
    pub scenario: Scenario,
    /// Saved view, if any.
    pub view: Option<SavedView>,
    /// A message for the user (a damaged link, unreadable saved data) and its detail.
    pub notice: Option<(T, String)>,
    /// Compact player options, when embedded.
    pub embed: Option<Embed>,
    /// Language forced by the URL (`lang=id`).
    pub lang: Option<Lang>,
}

/// Reads the URL and the autosave.
pub fn decide() -> Start {
    let embed = browser::query("embed").map(|_| Embed {
        readonly: browser::query("readonly").is_some_and(|v| v != "0" && v != "false"),
        autoplay: browser::query("autoplay").is_none_or(|v| v != "0" && v != "false"),
    });
    let lang = browser::query("lang").map(|tag| Lang::from_tag(&tag));
    let mode = browser::query("mode").and_then(|m| match m.as_str() {
        "rpc" => Some(Mode::Rpc),
        "messaging" => Some(Mode::Messaging),
        _ => None,
    });
    let mut notice = None;
    let mut view = None;
    let fragment = browser::fragment();
    let from_link = fragment.strip_prefix("s=").map(link::decode);
    let mut scenario = match from_link {
        Some(Ok(s)) => Some(s),
        Some(Err(e)) => {
            notice = Some((T::LinkBroken, e.to_string()));
            None
        }
        None => None,
    };
    // Embedded players never read or write the autosave: several on one page
    // must not overwrite each other, and a course page must look the same for everyone.
    if scenario.is_none() && embed.is_none() {
        if let Some(text) = browser::load(persist::KEY) {
            match persist::decode(&text) {
                Ok((s, v)) => {
                    scenario = Some(s);
                    view = v;
                }
                Err(e) => {
                    browser::store(persist::BROKEN_KEY, &text);
                    notice = Some((T::SavedBroken, format!("{e} ({})", persist::BROKEN_KEY)));
                }
            }
        }
    }
    let mut scenario = scenario.unwrap_or_else(crate::gallery::lesson);
    if let Some(m) = mode {
        scenario.mode = m;
    }
    Start {
        scenario,
        view,
        notice,
        embed,
        lang,
    }
}
