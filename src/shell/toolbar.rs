//! The top bar: time controls, firing orders, mode, language and theme.

use kurir_engine::base::time::format_micros;
use kurir_engine::Mode;
use leptos::prelude::*;

use crate::state::SPEEDS;
use crate::state::{Playground, MAX_RATE};
use crate::text::i18n::{Lang, T};

/// Parses the rate field; `Err` carries the message shown beside it.
pub fn parse_rate(text: &str) -> Result<f64, T> {
    match text.trim().parse::<f64>() {
        Ok(v) if v.is_finite() && (0.0..=MAX_RATE).contains(&v) => Ok(v),
        _ => Err(T::MustBeRate),
    }
}

/// Parses the seed field: a whole number from 0 to 2^53 (exact in JSON).
pub fn parse_seed(text: &str) -> Result<u64, T> {
    match text.trim().parse::<u64>() {
        Ok(v) if v <= 1 << 53 => Ok(v),
        _ => Err(T::MustBeSeed),
    }
}

/// The toolbar.
#[component]
pub fn Toolbar() -> impl IntoView {
    let pg = expect_context::<Playground>();
    let t = move |k: T| pg.t(k);
    let rate_error = RwSignal::new(None::<T>);
    let seed_error = RwSignal::new(None::<T>);
    let mode = move || pg.scenario.with(|s| s.mode);
    // Live, time is the broker's: pausing, stepping, speed, seed, rate and
    // the mode are the simulation's and wait until live mode ends.
    let live = move || pg.live.with(Option::is_some);
    // Side by side shows both modes: then neither mode button is lit (only
    // Side by side is), and choosing a mode leaves side by side for it.
    // Live, both sides run the scenario's mode.
    let shown = move |m: Mode| (!pg.split.get() || live()) && mode() == m;
    let choose = move |m: Mode| {
        if pg.split.get_untracked() {
            pg.set_split(false);
        }
        pg.set_mode(m)
    };
    // On a narrow screen (a phone, a course-page column) only what a learner
    // needs every moment stays in the bar; the rest opens under "More".
    let more = RwSignal::new(false);
    let play_label = move || {
        if pg.playing.get() {
            t(T::Pause)
        } else {
            t(T::Play)
        }
    };
    view! {
        <div class="toolbar" class:more-open=move || more.get() role="toolbar" aria-label=move || t(T::Simulation)>
            <div class="group">
                <button class="primary" id="play" disabled=live on:click=move |_| pg.playing.update(|p| *p = !*p)
                    title=play_label aria-label=play_label>
                    {move || if pg.playing.get() { "❚❚" } else { "▶" }}
                    <span class="label">" " {play_label}</span>
                </button>
                <button id="step" class="more-item" disabled=live on:click=move |_| pg.step() title=move || t(T::Step) aria-label=move || t(T::Step)>
                    "⇥"<span class="label">" " {move || t(T::Step)}</span>
                </button>
                <button id="reset" class="more-item" disabled=live on:click=move |_| pg.reset() title=move || t(T::Reset) aria-label=move || t(T::Reset)>
                    "↺"<span class="label">" " {move || t(T::Reset)}</span>
                </button>
                <label class="field more-item speed">
                    <span>{move || t(T::Speed)}</span>
                    <select id="speed" disabled=live on:change=move |ev| {
                        if let Ok(v) = event_target_value(&ev).parse::<f64>() { pg.speed.set(v) }
                    }>
                        {SPEEDS.iter().map(|&s| view! {
                            <option value=s.to_string() selected=move || pg.speed.get() == s>{format!("{s}×")}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label class="field more-item">
                    <span>{move || t(T::Seed)}</span>
                    <input id="seed" disabled=live type="number" min="0" step="1"
                        prop:value=move || pg.scenario.with(|s| s.seed.to_string())
                        aria-invalid=move || seed_error.get().is_some().to_string()
                        on:change=move |ev| match parse_seed(&event_target_value(&ev)) {
                            Ok(v) => {
                                seed_error.set(None);
                                // A new seed is a new run: start it from time 0.
                                if pg.edit(|s| s.seed = v).is_some() { pg.reset() }
                            }
                            Err(e) => seed_error.set(Some(e)),
                        } />
                </label>
                <Show when=move || seed_error.get().is_some()>
                    <span class="field-error" role="alert">{move || seed_error.get().map(t)}</span>
                </Show>
                <span class="clock" aria-label=move || t(T::Time)>{move || format_micros(pg.snap.with(|s| s.now))}</span>
            </div>
            <div class="group">
                <button class="accent" id="place-order" on:click=move |_| pg.place_order()>{move || t(T::PlaceOrder)}</button>
                <button id="burst" class="more-item" on:click=move |_| pg.burst(10)>{move || t(T::Burst)}</button>
                <label class="field more-item">
                    <span>{move || t(T::Rate)}</span>
                    <input id="rate" disabled=live type="number" min="0" max=MAX_RATE step="1" inputmode="decimal"
                        prop:value=move || pg.rate.get().to_string()
                        aria-invalid=move || rate_error.get().is_some().to_string()
                        on:change=move |ev| match parse_rate(&event_target_value(&ev)) {
                            Ok(v) => { rate_error.set(None); pg.set_rate(v) }
                            Err(e) => rate_error.set(Some(e)),
                        } />
                </label>
                <Show when=move || rate_error.get().is_some()>
                    <span class="field-error" role="alert">{move || rate_error.get().map(t)}</span>
                </Show>
            </div>
            <div class="group"><div class="group" role="radiogroup" aria-label=move || t(T::Mode)>
                <button id="mode-rpc" role="radio" disabled=live aria-checked=move || shown(Mode::Rpc).to_string()
                    class:on=move || shown(Mode::Rpc) on:click=move |_| choose(Mode::Rpc)>{move || t(T::Rpc)}</button>
                <button id="mode-messaging" role="radio" disabled=live aria-checked=move || shown(Mode::Messaging).to_string()
                    class:on=move || shown(Mode::Messaging) on:click=move |_| choose(Mode::Messaging)>{move || t(T::Messaging)}</button>
            </div>
            <Show when=move || pg.live_offered.get()>
                <button id="live-mode" aria-pressed=move || pg.live.with(Option::is_some).to_string()
                    class:on=move || pg.live.with(Option::is_some) title=move || t(T::LiveHint)
                    on:click=move |_| crate::io::live::toggle(pg)>"● " {move || t(T::Live)}</button>
            </Show>
            <button id="split" class="more-item" aria-pressed=move || pg.split.get().to_string() class:on=move || pg.split.get()
                title=move || t(if live() { T::SideBySideLiveHint } else { T::SideBySideHint })
                on:click=move |_| pg.set_split(!pg.split.get_untracked())>"⇆ " {move || t(T::SideBySide)}</button>
            </div>
            <div class="group end">
                {use_context::<crate::lesson::Lesson>().map(|lesson| view! {
                    <button id="lesson-toggle" class:on=move || lesson.open.get()
                        aria-expanded=move || lesson.open.get().to_string() aria-controls="lesson" title="L"
                        on:click=move |_| lesson.toggle(pg)>{move || t(T::Lesson)}</button>
                })}
                // Both languages shown, the current one marked: a lone "ID"
                // read as the language in use, not the one to switch to.
                // (its accessible name starts with what it shows, as WCAG's
                // "label in name" asks)
                <button id="lang" class="lang" title=move || t(T::Language)
                    aria-label=move || format!("EN / ID: {}", t(T::Language))
                    on:click=move |_| pg.lang.update(|l| *l = if *l == Lang::En { Lang::Id } else { Lang::En })>
                    <span lang="en" class:current=move || pg.lang.get() == Lang::En>"EN"</span>
                    " / "
                    <span lang="id" class:current=move || pg.lang.get() == Lang::Id>"ID"</span>
                </button>
                <button id="more" aria-expanded=move || more.get().to_string() title=move || t(T::MoreControls)
                    aria-label=move || t(T::MoreControls) on:click=move |_| more.update(|m| *m = !*m)>"⋯"</button>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rate_field_refuses_impossible_rates() {
        assert_eq!(parse_rate("20"), Ok(20.0));
        assert_eq!(parse_rate("0"), Ok(0.0));
        assert_eq!(parse_rate("1000"), Ok(1000.0));
        assert_eq!(parse_rate("1001"), Err(T::MustBeRate));
        assert_eq!(parse_rate("-1"), Err(T::MustBeRate));
        assert_eq!(parse_rate("lots"), Err(T::MustBeRate));
        assert_eq!(parse_rate("NaN"), Err(T::MustBeRate));
        assert_eq!(parse_seed("7"), Ok(7));
        assert_eq!(parse_seed("-7"), Err(T::MustBeSeed));
        assert_eq!(parse_seed("1.5"), Err(T::MustBeSeed));
    }
}
