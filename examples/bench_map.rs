//! `cargo run --example bench_map -- ROOT`: the time to build the evidence
//! gap map's view (every cell of both views, with the facets of every
//! practice) in one UI language (a benchmark, not a test).

use dokaz::render::pages::map::map_view;
use dokaz::render::{Options, Site, lang, theme};
use std::time::Instant;

fn main() {
    let root = std::path::PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| ".".into()));
    let (reg, _) = dokaz::check(&root, dokaz::model::common::Date::today());
    let opts = Options {
        drafts: false,
        base_url: "https://example.org".into(),
        today: dokaz::model::common::Date::today(),
        progress: false,
    };
    let site = Site::new(&reg, &opts);
    let theme = theme::Theme::load(&reg.root, "default").expect("theme");
    let cat = theme.strings(site.default_lang, site.default_lang);
    let lx = lang::Lx {
        site: &site,
        lang: site.default_lang,
        ui: &cat.strings.plain,
        cat: &cat,
    };
    let start = Instant::now();
    let n: usize = site
        .practices
        .iter()
        .map(|p| dokaz::render::components::facets::facets_of(&lx, p).len())
        .sum();
    println!(
        "facets_of alone ({n} facets): {:.1} ms",
        start.elapsed().as_secs_f64() * 1000.0
    );
    let start = Instant::now();
    let view = map_view(&lx);
    let t = start.elapsed();
    let cells: usize = view.views.iter().map(|v| v.cells).sum();
    let filled: usize = view.views.iter().map(|v| v.filled).sum();
    println!(
        "{} practices: map view of {cells} cells ({filled} filled) in {:.1} ms",
        site.practices.len(),
        t.as_secs_f64() * 1000.0
    );
}
