//! `dokaz serve`: live preview for authors.
//!
//! One thread watches the files and rebuilds ([`watch`], then the build
//! pipeline's [`crate::build::check_cached`], then [`site::update`]
//! renders only what the change affects, per [`deps`]); a small tokio
//! runtime serves the site from memory with axum ([`http`]) and pushes
//! each build's changed paths, or its diagnostics, to the open pages over
//! Server-Sent Events ([`reload`]). A build with errors never replaces the site: the last
//! good one stays served, with the errors shown over it.
//!
//! Requests are answered only from the in-memory map, by key: no request
//! path is ever joined to a file-system path, and paths with `..`,
//! backslashes or NUL are refused before the lookup anyway.

pub mod deps;
mod http;
pub mod reload;
pub mod site;
pub mod watch;

use crate::build::Caches;
use crate::l10n::{Lang, Msg};
use crate::model::Registry;
use crate::model::common::Date;
use crate::msg;
use http::{Event, Shared};
use site::Files;
use std::collections::BTreeSet;
use std::io::{IsTerminal, Write};
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, RwLock};
use std::time::Instant;
use tokio::sync::broadcast;

/// Why `dokaz serve` could not start, or stopped on a failure (the CLI
/// turns any of these into its usage/I-O exit code).
#[derive(Debug)]
pub enum Error {
    /// No port to listen on.
    Listen(String),
    /// The file watcher could not start.
    Watch(String),
    /// The async runtime could not start.
    Runtime(std::io::Error),
    /// The server failed while running.
    Server(std::io::Error),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Listen(e) | Error::Watch(e) => f.write_str(e),
            Error::Runtime(e) => write!(f, "cannot start the server: {e}"),
            Error::Server(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for Error {}

pub struct Args {
    pub root: PathBuf,
    pub port: u16,
    pub bind: IpAddr,
    pub drafts: bool,
    /// The language of the terminal lines and the browser's overlay.
    pub lang: Lang,
}

/// The overlay's texts in `lang` (the script falls back to English).
fn overlay_ui(lang: Lang) -> serde_json::Value {
    serde_json::json!({
        "title": lang.text("serve_overlay_title"),
        "close": lang.text("serve_overlay_close"),
        "note": lang.text("serve_overlay_note"),
    })
}

/// Runs `dokaz serve` until Ctrl-C.
pub fn run(args: Args) -> Result<(), Error> {
    let root = std::path::absolute(&args.root).unwrap_or_else(|_| args.root.clone());
    let listener = bind(args.bind, args.port, args.lang).map_err(Error::Listen)?;
    let addr = listener
        .local_addr()
        .unwrap_or_else(|_| SocketAddr::new(args.bind, args.port));
    let opts = crate::render::Options {
        drafts: args.drafts,
        base_url: format!("http://{addr}"),
        today: Date::today(),
        progress: false,
    };
    let (events, _) = broadcast::channel(64);
    let shared = Arc::new(Shared {
        files: RwLock::new(Arc::new(Files::new())),
        error: RwLock::new(None),
        build: AtomicU64::new(0),
        events,
        changed_at: RwLock::default(),
    });
    // Watch before the first build, so no edit made during it is missed.
    let watch = watch::Watch::start(&root).map_err(Error::Watch)?;
    let started = Instant::now();
    let mut caches = Caches::default();
    let lang = args.lang;
    let (last, _) = rebuild(
        lang,
        &root,
        &opts,
        &shared,
        &mut caches,
        None,
        &BTreeSet::new(),
        started,
    );
    {
        let (root, shared) = (root.clone(), shared.clone());
        std::thread::spawn(move || rebuild_loop(lang, root, opts, shared, watch, caches, last));
    }
    let url = format!("http://{addr}/");
    let line = msg!(
        "serve_serving",
        root = root.display().to_string(),
        url = &url
    );
    println!("{}", line.render(lang));
    if !args.bind.is_loopback() {
        let line = msg!("serve_bound", addr = args.bind.to_string());
        println!("{}", line.render(lang));
    }
    let _ = std::io::stdout().flush();

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(Error::Runtime)?;
    let result = runtime.block_on(async move {
        listener.set_nonblocking(true)?;
        let listener = tokio::net::TcpListener::from_std(listener)?;
        let limits = http::Limits::from_env();
        let app = http::router(shared.clone(), addr.port(), limits);
        http::serve(listener, app, limits, async move {
            shutdown_signal().await;
            // Ends the event streams, which would otherwise keep
            // the graceful shutdown waiting.
            let _ = shared.events.send(Event::Shutdown);
        })
        .await
    });
    result.map_err(Error::Server)?;
    eprintln!("{}", lang.text("serve_stopped"));
    Ok(())
}

async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// Binds the port asked for; when it is taken, the next free one of the
/// ten after it (and says so). Port 0 lets the system choose.
fn bind(ip: IpAddr, port: u16, lang: Lang) -> Result<TcpListener, String> {
    match TcpListener::bind((ip, port)) {
        Ok(l) => return Ok(l),
        Err(e) if e.kind() != std::io::ErrorKind::AddrInUse || port == 0 => {
            return Err(format!("cannot listen on {ip}:{port}: {e}"));
        }
        Err(_) => {}
    }
    for next in port.saturating_add(1)..=port.saturating_add(10) {
        if let Ok(l) = TcpListener::bind((ip, next)) {
            eprintln!(
                "{}",
                msg!(
                    "serve_port_taken",
                    port = port.to_string(),
                    next = next.to_string()
                )
                .render(lang)
            );
            return Ok(l);
        }
    }
    Err(format!(
        "port {port} and the ten after it are taken on {ip}; choose another with --port"
    ))
}

/// The last good build: its registry and its site.
type Last = Option<(Registry, Arc<Files>)>;

fn rebuild_loop(
    lang: Lang,
    root: PathBuf,
    opts: crate::render::Options,
    shared: Arc<Shared>,
    mut watch: watch::Watch,
    mut caches: Caches,
    mut last: Last,
) {
    // Inputs changed since the last good build: after a broken save, the
    // fix is compared with the last good state, not the broken one.
    let mut pending: BTreeSet<deps::Input> = BTreeSet::new();
    while let Some(batch) = watch.next_batch() {
        let started = Instant::now();
        let inputs: BTreeSet<deps::Input> = batch
            .iter()
            .map(|p| deps::input_of(p))
            .filter(|i| *i != deps::Input::Ignored)
            .collect();
        // The list of files under content/ is kept unless a file may have
        // come, gone or been renamed: every changed path under content/ is
        // then an existing, known file (or a name the loader skips).
        let same_files = batch.iter().all(|rel| {
            if rel != "content" && !rel.starts_with("content/") {
                return true;
            }
            let name = rel.rsplit('/').next().unwrap_or("");
            let abs = root.join(rel);
            crate::load::paths::is_ignored_name(name) || (abs.is_file() && caches.load.knows(&abs))
        });
        if !same_files {
            caches.load.forget_file_list();
        }
        for rel in &batch {
            caches.load.forget(&root.join(rel));
        }
        if inputs.is_empty() {
            continue;
        }
        pending.extend(inputs);
        let (next, ok) = rebuild(
            lang,
            &root,
            &opts,
            &shared,
            &mut caches,
            last.take(),
            &pending,
            started,
        );
        if ok {
            pending.clear();
        }
        last = next;
    }
}

/// Loads, validates and renders; publishes the site or the diagnostics.
/// Returns the last good build (the new one, or `prev` handed back) and
/// whether this build was good.
#[allow(clippy::too_many_arguments)]
fn rebuild(
    lang: Lang,
    root: &Path,
    opts: &crate::render::Options,
    shared: &Shared,
    caches: &mut Caches,
    prev: Last,
    inputs: &BTreeSet<deps::Input>,
    started: Instant,
) -> (Last, bool) {
    // Per-practice findings are reused when only practices changed.
    let mut changed: BTreeSet<crate::model::common::Id> = BTreeSet::new();
    let only_practices = !inputs.is_empty()
        && inputs.iter().all(|i| match i {
            deps::Input::Practice(id) | deps::Input::Review(id) | deps::Input::Attachment(id) => {
                changed.insert(crate::model::common::Id(id.clone()));
                true
            }
            _ => false,
        });
    let checked =
        crate::build::check_cached(root, opts.today, caches, only_practices.then_some(&changed));
    if !only_practices {
        // The editor's schema follows the taxonomies (issue 15).
        crate::schema::refresh(root, &checked.reg);
    }
    let checked_at = started.elapsed();
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    if checked.errors > 0 {
        let mut text = checked.human(root, false, lang);
        let line = msg!("serve_still_serving", counts = checked.counts(lang));
        text.push_str(&line.render(lang));
        text.push('\n');
        let shown = if color {
            checked.human(root, true, lang)
        } else {
            text.clone()
        };
        let _ = std::io::stderr().write_all(shown.as_bytes());
        if color {
            let line = msg!(
                "serve_still_serving",
                counts = msg!("n_errors", n = checked.errors)
            );
            eprintln!("{}", line.render(lang));
        }
        shared.fail(text, overlay_ui(lang));
        return (prev, false);
    }
    let crate::build::Checked {
        reg,
        warnings,
        load_time,
        validate_time,
        ..
    } = checked;
    let mut shown = None;
    // Files the first phase changed (the edited practice's own pages):
    // already published, and counted in the report with the rest.
    let mut changed_first = 0;
    let result = match &prev {
        Some((old, files)) => {
            // The edited practices' own pages first (what the author is
            // looking at), then the listings and libraries that show them.
            let affected = deps::affected(inputs, old, &reg, opts.drafts);
            let (own, rest) = affected.split_own(inputs);
            if own.keys.is_empty() {
                site::apply(files, &affected, &reg, opts)
            } else {
                site::apply(files, &own, &reg, opts).and_then(|first| {
                    let first_files = Arc::new(first.files);
                    shared.publish(first_files.clone(), &first.changed);
                    shown = Some(started.elapsed());
                    changed_first = first.changed.len();
                    let mut up = site::apply(&first_files, &rest, &reg, opts)?;
                    up.rendered += first.rendered;
                    Ok(up)
                })
            }
        }
        None => site::full(&reg, opts).map(|files| {
            let mut changed: Vec<String> = files.keys().cloned().collect();
            changed.sort();
            site::Update {
                rendered: files.len(),
                files,
                changed,
                full: true,
            }
        }),
    };
    match result {
        Ok(up) => {
            let files = Arc::new(up.files);
            shared.publish(files.clone(), &up.changed);
            let ms = |d: std::time::Duration| d.as_millis() as u64;
            let line = msg!(
                if up.full {
                    "serve_built"
                } else {
                    "serve_updated"
                },
                ms = ms(started.elapsed()),
                load = ms(load_time),
                validate = ms(validate_time),
                render = ms(started.elapsed() - checked_at),
                shown = match shown {
                    Some(t) => msg!("serve_shown_at", ms = ms(t)),
                    None => Msg::new("empty"),
                },
                rendered = up.rendered,
                changed = changed_first + up.changed.len(),
                warnings = if warnings > 0 {
                    msg!("serve_warnings", n = warnings)
                } else {
                    Msg::new("empty")
                },
            );
            eprintln!("{}", line.render(lang));
            // Freeing the previous registry and site takes a while at
            // scale (hundreds of ms for 10,000 practices): not on the
            // path of the next save.
            std::thread::spawn(move || drop(prev));
            (Some((reg, files)), true)
        }
        Err(e) => {
            let text = msg!("serve_error", error = e.to_string()).render(lang) + "\n";
            eprint!("{text}");
            shared.fail(text, overlay_ui(lang));
            (prev, false)
        }
    }
}
