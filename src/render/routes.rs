//! The URL scheme of the built site, in one place.
//!
//! A [`Route`] is one output file, under its language root
//! (`practices/x/index.html`; the default language lives at the root, the
//! others under `<lang>/`). [`Route::path`] formats it and [`Route::parse`]
//! reads it back, so the pages, the sitemap and `dokaz serve`'s dependency
//! map agree by construction: a test formats every route and parses it
//! back. A [`PageKey`] is what `serve` invalidates: a route without its
//! page number (a listing's pager pages share one key, because their
//! number may change) and without its language.
//!
//! Nothing else formats an output URL: templates receive hrefs made here,
//! relative to the language root.

/// The taxonomies practices are tagged with (FORMAT.md §5), in the order
/// the facets show them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Taxonomy {
    TargetGroups,
    ThematicAreas,
    PracticeTypes,
    ActivityTypes,
    Regions,
}

impl Taxonomy {
    pub const ALL: [Taxonomy; 5] = [
        Taxonomy::TargetGroups,
        Taxonomy::ThematicAreas,
        Taxonomy::PracticeTypes,
        Taxonomy::ActivityTypes,
        Taxonomy::Regions,
    ];

    /// The taxonomy's name in the registry (`content/taxonomies/<id>.yaml`)
    /// and its facet id.
    pub fn id(self) -> &'static str {
        match self {
            Taxonomy::TargetGroups => "target-groups",
            Taxonomy::ThematicAreas => "thematic-areas",
            Taxonomy::PracticeTypes => "practice-types",
            Taxonomy::ActivityTypes => "activity-types",
            Taxonomy::Regions => "regions",
        }
    }

    /// The URL segment of its term pages (`themes/` reads better than
    /// `thematic-areas/`).
    pub fn segment(self) -> &'static str {
        match self {
            Taxonomy::ThematicAreas => "themes",
            other => other.id(),
        }
    }

    /// The UI string that names the taxonomy as a facet.
    pub fn facet_key(self) -> &'static str {
        match self {
            Taxonomy::TargetGroups => "facet_target_groups",
            Taxonomy::ThematicAreas => "facet_themes",
            Taxonomy::PracticeTypes => "facet_practice_types",
            Taxonomy::ActivityTypes => "facet_activity_types",
            Taxonomy::Regions => "facet_regions",
        }
    }

    pub fn from_id(id: &str) -> Option<Taxonomy> {
        Taxonomy::ALL.into_iter().find(|t| t.id() == id)
    }

    pub fn from_segment(segment: &str) -> Option<Taxonomy> {
        Taxonomy::ALL.into_iter().find(|t| t.segment() == segment)
    }
}

/// One output file of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route<'a> {
    Home,
    /// The catalogue's page `n` (1-based).
    Catalogue(usize),
    /// `practices/catalogue.json`: the catalogue's filter data.
    CatalogueData,
    Practice(&'a str),
    /// `compare/<id>.json`: one practice's rows of the comparison.
    CompareData(&'a str),
    Organization(&'a str),
    /// A term's listing, page `n`.
    Term(Taxonomy, &'a str, usize),
    Search,
    Compare,
    Results,
    Evidence,
    Reviews,
    Rubric(&'a str),
    NotFound,
    /// `data/practices/<id>.json`.
    PracticeData(&'a str),
    /// `data/cite/<id>.json`: the practice's reference as CSL-JSON.
    CiteData(&'a str),
    /// `data/cite/<id>.ris`: the same reference as a RIS record.
    CiteRis(&'a str),
    /// `data/cite/<id>.bib`: and as a BibTeX entry.
    CiteBib(&'a str),
    /// `badges/<id>.svg`: the badge an organization embeds.
    Badge(&'a str),
    /// `data/practices.json`.
    AllPracticesData,
    /// `data/indicators.csv`.
    IndicatorsCsv,
    Feed,
    Sitemap,
    Robots,
    /// `static/<name>`.
    Static(&'a str),
    /// `files/<practice>/<file>`: a document attached to a practice.
    Attachment(&'a str, &'a str),
    /// `pagefind/…`: the search index.
    SearchIndex(&'a str),
    /// `<name>/index.html`: a page of its own with a fixed URL that no
    /// other route claims (a page kind added without a route here).
    Fixed(&'a str),
}

/// A listing's page: `dir/index.html`, `dir/page/N/index.html`.
fn paged(dir: &str, n: usize) -> String {
    if n <= 1 {
        format!("{dir}index.html")
    } else {
        format!("{dir}page/{n}/index.html")
    }
}

impl<'a> Route<'a> {
    /// The path under the language root (for routes that exist once, at
    /// the site root, the path under the site root).
    pub fn path(&self) -> String {
        match self {
            Route::Home => "index.html".into(),
            Route::Catalogue(n) => paged("practices/", *n),
            Route::CatalogueData => "practices/catalogue.json".into(),
            Route::Practice(id) => format!("practices/{id}/index.html"),
            Route::CompareData(id) => format!("compare/{id}.json"),
            Route::Organization(id) => format!("organizations/{id}/index.html"),
            Route::Term(tax, id, n) => paged(&format!("{}/{id}/", tax.segment()), *n),
            Route::Search => "search/index.html".into(),
            Route::Compare => "compare/index.html".into(),
            Route::Results => "results/index.html".into(),
            Route::Evidence => "evidence/index.html".into(),
            Route::Reviews => "reviews/index.html".into(),
            Route::Rubric(id) => format!("rubrics/{id}/index.html"),
            Route::NotFound => "404.html".into(),
            Route::PracticeData(id) => format!("data/practices/{id}.json"),
            Route::CiteData(id) => format!("data/cite/{id}.json"),
            Route::CiteRis(id) => format!("data/cite/{id}.ris"),
            Route::CiteBib(id) => format!("data/cite/{id}.bib"),
            Route::Badge(id) => format!("badges/{id}.svg"),
            Route::AllPracticesData => "data/practices.json".into(),
            Route::IndicatorsCsv => "data/indicators.csv".into(),
            Route::Feed => "feed.xml".into(),
            Route::Sitemap => "sitemap.xml".into(),
            Route::Robots => "robots.txt".into(),
            Route::Static(name) => format!("static/{name}"),
            Route::Attachment(id, file) => format!("files/{id}/{file}"),
            Route::SearchIndex(rest) => format!("pagefind/{rest}"),
            Route::Fixed(name) => format!("{name}/index.html"),
        }
    }

    /// The directory URL of an HTML page (`practices/x/`), as canonical
    /// links and the sitemap name it; other files keep their name.
    pub fn dir_url(&self) -> String {
        let path = self.path();
        match path.strip_suffix("index.html") {
            Some(dir) => dir.to_owned(),
            None => path,
        }
    }

    /// Whether the route exists in every UI language (under `<lang>/` for
    /// the others) or once, at the site root.
    pub fn localized(&self) -> bool {
        !matches!(
            self,
            Route::NotFound
                | Route::PracticeData(_)
                | Route::CiteData(_)
                | Route::CiteRis(_)
                | Route::CiteBib(_)
                | Route::Badge(_)
                | Route::AllPracticesData
                | Route::IndicatorsCsv
                | Route::Feed
                | Route::Sitemap
                | Route::Robots
                | Route::Static(_)
                | Route::Attachment(..)
                | Route::SearchIndex(_)
        )
    }

    /// Reads a path under the language root back; `None` for a path no
    /// route produces.
    pub fn parse(path: &'a str) -> Option<Route<'a>> {
        let parts: Vec<&str> = path.split('/').collect();
        let page_no = |n: &str| n.parse::<usize>().ok().filter(|n| *n >= 2);
        let json_id = |f: &'a str| f.strip_suffix(".json").filter(|s| !s.is_empty());
        Some(match parts.as_slice() {
            ["index.html"] => Route::Home,
            ["practices", "index.html"] => Route::Catalogue(1),
            ["practices", "page", n, "index.html"] => Route::Catalogue(page_no(n)?),
            ["practices", "catalogue.json"] => Route::CatalogueData,
            ["practices", id, "index.html"] => Route::Practice(id),
            ["compare", "index.html"] => Route::Compare,
            ["compare", f] => Route::CompareData(json_id(f)?),
            ["organizations", id, "index.html"] => Route::Organization(id),
            ["search", "index.html"] => Route::Search,
            ["results", "index.html"] => Route::Results,
            ["evidence", "index.html"] => Route::Evidence,
            ["reviews", "index.html"] => Route::Reviews,
            ["rubrics", id, "index.html"] => Route::Rubric(id),
            ["404.html"] => Route::NotFound,
            ["data", "practices", f] => Route::PracticeData(json_id(f)?),
            ["data", "cite", f] => {
                let id = |ext: &str| f.strip_suffix(ext).filter(|s| !s.is_empty());
                match (id(".json"), id(".ris"), id(".bib")) {
                    (Some(i), _, _) => Route::CiteData(i),
                    (_, Some(i), _) => Route::CiteRis(i),
                    (_, _, Some(i)) => Route::CiteBib(i),
                    _ => return None,
                }
            }
            ["badges", f] => Route::Badge(f.strip_suffix(".svg").filter(|s| !s.is_empty())?),
            ["data", "practices.json"] => Route::AllPracticesData,
            ["data", "indicators.csv"] => Route::IndicatorsCsv,
            ["feed.xml"] => Route::Feed,
            ["sitemap.xml"] => Route::Sitemap,
            ["robots.txt"] => Route::Robots,
            ["static", ..] => Route::Static(path.strip_prefix("static/")?),
            ["files", id, _, ..] => {
                Route::Attachment(id, path.split_once('/')?.1.split_once('/')?.1)
            }
            ["pagefind", ..] => Route::SearchIndex(path.strip_prefix("pagefind/")?),
            [seg, id, "index.html"] => Route::Term(Taxonomy::from_segment(seg)?, id, 1),
            [seg, id, "page", n, "index.html"] => {
                Route::Term(Taxonomy::from_segment(seg)?, id, page_no(n)?)
            }
            [name, "index.html"] if !name.is_empty() => Route::Fixed(name),
            _ => return None,
        })
    }

    /// What `serve` invalidates for this file.
    pub fn key(&self) -> PageKey {
        let own = |s: &str| s.to_owned();
        match self {
            Route::Home => PageKey::Home,
            // The catalogue's filter data lists every practice: it goes
            // with the catalogue.
            Route::Catalogue(_) | Route::CatalogueData => PageKey::Catalogue,
            // A practice's comparison data is built from its page's view.
            Route::Practice(id) | Route::CompareData(id) => PageKey::Practice(own(id)),
            Route::Organization(id) => PageKey::Organization(own(id)),
            Route::Term(tax, id, _) => PageKey::Term(*tax, own(id)),
            Route::Search => PageKey::Search,
            Route::Compare => PageKey::Compare,
            Route::Results => PageKey::Results,
            Route::Evidence => PageKey::Evidence,
            Route::Reviews => PageKey::Reviews,
            Route::Rubric(id) => PageKey::Rubric(own(id)),
            Route::NotFound => PageKey::NotFound,
            // A practice's reference is rendered with its open data.
            Route::PracticeData(id)
            | Route::CiteData(id)
            | Route::CiteRis(id)
            | Route::CiteBib(id) => PageKey::PracticeData(own(id)),
            Route::Badge(id) => PageKey::Badge(own(id)),
            Route::AllPracticesData | Route::IndicatorsCsv => PageKey::OpenData,
            Route::Feed => PageKey::Feed,
            Route::Sitemap => PageKey::Sitemap,
            Route::Robots => PageKey::Robots,
            Route::Static(name) => PageKey::Static(format!("static/{name}")),
            Route::Attachment(id, _) => PageKey::Attachment(own(id)),
            Route::SearchIndex(rest) => PageKey::Other(format!("pagefind/{rest}")),
            Route::Fixed(name) => PageKey::Fixed(own(name)),
        }
    }
}

/// What one output file belongs to, for `dokaz serve`'s invalidation.
/// Pager pages share their listing's key (the number of pages may
/// change), languages share one key.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PageKey {
    Home,
    /// `practices/`, `practices/page/N/`, `practices/catalogue.json`.
    Catalogue,
    /// A practice page and its comparison data.
    Practice(String),
    Organization(String),
    /// A term's listing with all its pager pages.
    Term(Taxonomy, String),
    /// `search/`: its filters list the vocabularies and the languages of
    /// the practices.
    Search,
    Compare,
    Results,
    Evidence,
    Reviews,
    Rubric(String),
    /// `data/practices/<id>.json`, `data/cite/<id>.json`.
    PracticeData(String),
    /// `badges/<id>.svg`.
    Badge(String),
    /// `data/practices.json`, `data/indicators.csv`.
    OpenData,
    Feed,
    Sitemap,
    Robots,
    NotFound,
    Static(String),
    /// `files/<practice>/…`.
    Attachment(String),
    /// A [`Route::Fixed`] page.
    Fixed(String),
    /// A path no route produces (or the search index, rebuilt apart).
    Other(String),
}

/// The key of an output path (`en/practices/x/index.html` →
/// `Practice("x")`). `languages` are the UI languages; their prefixes are
/// stripped.
pub fn page_key(path: &str, languages: &[String]) -> PageKey {
    let rest = match path.split_once('/') {
        Some((first, rest)) if languages.iter().any(|l| l == first) => rest,
        _ => path,
    };
    Route::parse(rest).map_or_else(|| PageKey::Other(rest.to_owned()), |r| r.key())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_routes() -> Vec<Route<'static>> {
        let mut v = vec![
            Route::Home,
            Route::Catalogue(1),
            Route::Catalogue(7),
            Route::CatalogueData,
            Route::Practice("warm-home"),
            Route::CompareData("warm-home"),
            Route::Organization("o"),
            Route::Search,
            Route::Compare,
            Route::Results,
            Route::Evidence,
            Route::Reviews,
            Route::Rubric("r"),
            Route::NotFound,
            Route::PracticeData("x"),
            Route::CiteData("x"),
            Route::CiteRis("x"),
            Route::CiteBib("x"),
            Route::Badge("x"),
            Route::AllPracticesData,
            Route::IndicatorsCsv,
            Route::Feed,
            Route::Sitemap,
            Route::Robots,
            Route::Static("fonts/a.woff2"),
            Route::Attachment("x", "docs/report.pdf"),
            Route::SearchIndex("ru-0/pagefind.js"),
            Route::Fixed("about"),
        ];
        for t in Taxonomy::ALL {
            v.push(Route::Term(t, "moscow", 1));
            v.push(Route::Term(t, "moscow", 3));
        }
        v
    }

    #[test]
    fn every_route_parses_back() {
        for r in all_routes() {
            let path = r.path();
            assert_eq!(Route::parse(&path), Some(r.clone()), "{path}");
        }
    }

    #[test]
    fn paths_are_the_published_scheme() {
        assert_eq!(Route::Catalogue(1).path(), "practices/index.html");
        assert_eq!(Route::Catalogue(2).path(), "practices/page/2/index.html");
        assert_eq!(
            Route::Term(Taxonomy::ThematicAreas, "family", 2).path(),
            "themes/family/page/2/index.html"
        );
        assert_eq!(Route::Practice("x").dir_url(), "practices/x/");
        assert_eq!(Route::Home.dir_url(), "");
        assert_eq!(Route::Feed.dir_url(), "feed.xml");
        assert!(Route::Practice("x").localized());
        assert!(!Route::NotFound.localized());
    }

    #[test]
    fn unknown_paths_are_not_routes() {
        for p in [
            "",
            "practices/page/1/index.html",
            "practices/page/x/index.html",
            "compare/.json",
            "compare/x.txt",
            "nowhere/x/index.html",
            "files/x",
            "practices/x/other.html",
            "badges/.svg",
            "badges/x.png",
            "data/cite/x.txt",
        ] {
            assert_eq!(Route::parse(p), None, "{p}");
        }
    }

    #[test]
    fn output_paths_to_keys() {
        let langs = vec!["ru".to_owned(), "en".to_owned()];
        let k = |p: &str| page_key(p, &langs);
        assert_eq!(k("index.html"), PageKey::Home);
        assert_eq!(k("en/index.html"), PageKey::Home);
        assert_eq!(k("practices/index.html"), PageKey::Catalogue);
        assert_eq!(k("en/practices/page/3/index.html"), PageKey::Catalogue);
        assert_eq!(k("practices/catalogue.json"), PageKey::Catalogue);
        assert_eq!(
            k("en/practices/warm-home/index.html"),
            PageKey::Practice("warm-home".into())
        );
        assert_eq!(
            k("en/compare/warm-home.json"),
            PageKey::Practice("warm-home".into())
        );
        assert_eq!(
            k("regions/moscow/page/2/index.html"),
            PageKey::Term(Taxonomy::Regions, "moscow".into())
        );
        assert_eq!(
            k("themes/family/index.html"),
            PageKey::Term(Taxonomy::ThematicAreas, "family".into())
        );
        assert_eq!(k("data/indicators.csv"), PageKey::OpenData);
        assert_eq!(k("data/cite/x.json"), PageKey::PracticeData("x".into()));
        assert_eq!(k("badges/x.svg"), PageKey::Badge("x".into()));
        assert_eq!(k("files/x/a/b.pdf"), PageKey::Attachment("x".into()));
        assert_eq!(
            k("static/site.css"),
            PageKey::Static("static/site.css".into())
        );
        assert_eq!(k("whatever.txt"), PageKey::Other("whatever.txt".into()));
    }

    #[test]
    fn taxonomies_round_trip() {
        for t in Taxonomy::ALL {
            assert_eq!(Taxonomy::from_id(t.id()), Some(t));
            assert_eq!(Taxonomy::from_segment(t.segment()), Some(t));
        }
        assert_eq!(Taxonomy::from_id("themes"), None);
        // The facet labels the theme's strings name.
        let keys: Vec<&str> = Taxonomy::ALL.iter().map(|t| t.facet_key()).collect();
        assert_eq!(
            keys,
            [
                "facet_target_groups",
                "facet_themes",
                "facet_practice_types",
                "facet_activity_types",
                "facet_regions"
            ]
        );
    }
}
