//! `cargo run --release --example bench_figures -- ROOT`: the time to lay
//! out and draw every practice's theory-of-change diagram and charts, in
//! one UI language, single-threaded (a benchmark, not a test).

use dokaz::render::pages::practice::charts::indicator_chart;
use dokaz::render::{Options, Site, diagram, lang, theme};
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
    let labels = std::collections::BTreeMap::new();
    let start = Instant::now();
    let (mut diagrams, mut charts, mut bytes) = (0usize, 0usize, 0usize);
    for p in &site.practices {
        let d = diagram::layout(&p.model);
        bytes += diagram::svg(&d, "d", "t", "d", &labels, "k").len();
        diagrams += 1;
        for (n, i) in p.model.indicators.iter().enumerate() {
            if let Some(svg) = indicator_chart(&lx, i, n) {
                bytes += svg.len();
                charts += 1;
            }
        }
    }
    let t = start.elapsed();
    println!(
        "{} practices: {diagrams} diagrams and {charts} indicator charts in {:.0} ms ({:.2} ms per practice, {:.1} MB of SVG)",
        site.practices.len(),
        t.as_secs_f64() * 1000.0,
        t.as_secs_f64() * 1000.0 / site.practices.len().max(1) as f64,
        bytes as f64 / 1e6
    );
}
