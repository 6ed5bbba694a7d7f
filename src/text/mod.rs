//! Every word on screen, in the interface language.

pub mod errors;
pub mod examples;
pub mod formats;
pub mod i18n;
pub mod json_errors;
pub mod narrate;
pub mod vocab;
