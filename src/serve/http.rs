//! Answering requests from the in-memory site: the pages, the reload
//! script and the Server-Sent Events stream, and the [`Shared`] state
//! they are answered from (which the rebuild thread publishes into).
//!
//! Kept apart from the rebuild loop because it is the only part that faces
//! the network, and the one to read when asking "can a request reach a
//! file outside the site?" (no: requests are looked up by [`site_key`] in
//! the in-memory map, never joined to a file-system path).

use super::reload;
use super::site::Files;
use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde_json::json;
use std::convert::Infallible;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::Duration;
use tokio::sync::{Semaphore, broadcast};

/// What the open pages are told.
#[derive(Clone, Debug)]
pub(super) enum Event {
    /// JSON `{build, paths}`: the output paths that changed.
    Changed(Arc<str>),
    /// JSON `{build, text}`: the diagnostics, as `dokaz check` prints them.
    Diagnostics(Arc<str>),
    Shutdown,
}

/// State shared by the server and the rebuild thread.
pub(super) struct Shared {
    pub(super) files: RwLock<Arc<Files>>,
    /// The diagnostics text while the registry has errors.
    pub(super) error: RwLock<Option<Arc<str>>>,
    pub(super) build: AtomicU64,
    pub(super) events: broadcast::Sender<Event>,
    /// The build that last changed each path: what a page whose event
    /// stream opens late compares its own build with.
    pub(super) changed_at: RwLock<ChangedAt>,
}

/// The build in which each output path last changed, and the last one
/// that changed a stylesheet or script (which every page reloads for).
///
/// An update is published in two phases (the edited practice's own pages,
/// then the listings). A page reloaded by the first phase opens its event
/// stream after the second was published; comparing its build with the
/// latest build made it reload a second time, for listings it does not
/// show (and the reload destroyed whatever the reader was doing there).
#[derive(Debug, Default)]
pub(super) struct ChangedAt {
    paths: std::collections::HashMap<String, u64>,
    assets: u64,
}

impl ChangedAt {
    fn record(&mut self, changed: &[String], build: u64) {
        for path in changed {
            if path.ends_with(".css") || path.ends_with(".js") {
                self.assets = build;
            }
            match self.paths.get_mut(path.as_str()) {
                Some(b) => *b = build,
                None => {
                    self.paths.insert(path.clone(), build);
                }
            }
        }
    }

    /// The last build that changed what the page at `path` shows, or
    /// `None` when the path was never built (a 404 page, a page served
    /// before the first build).
    fn of(&self, path: &str) -> Option<u64> {
        self.paths.get(path).map(|&b| b.max(self.assets))
    }
}

impl Shared {
    fn files(&self) -> Arc<Files> {
        match self.files.read() {
            Ok(f) => f.clone(),
            Err(p) => p.into_inner().clone(),
        }
    }

    fn error(&self) -> Option<Arc<str>> {
        match self.error.read() {
            Ok(e) => e.clone(),
            Err(p) => p.into_inner().clone(),
        }
    }

    fn set_error(&self, text: Option<Arc<str>>) {
        match self.error.write() {
            Ok(mut e) => *e = text,
            Err(p) => *p.into_inner() = text,
        }
    }

    /// Publishes a good build.
    pub(super) fn publish(&self, files: Arc<Files>, changed: &[String]) {
        match self.files.write() {
            Ok(mut f) => *f = files,
            Err(p) => *p.into_inner() = files,
        }
        self.set_error(None);
        let build = self.build.fetch_add(1, Ordering::SeqCst) + 1;
        // Before the event is sent: a stream that subscribes after the
        // send reads the new record.
        match self.changed_at.write() {
            Ok(mut c) => c.record(changed, build),
            Err(p) => p.into_inner().record(changed, build),
        }
        let payload = json!({"build": build, "paths": changed}).to_string();
        // No receiver (no open page) is not an error.
        let _ = self.events.send(Event::Changed(payload.into()));
    }

    /// Keeps the site and tells the pages what is wrong.
    pub(super) fn fail(&self, text: String, ui: serde_json::Value) {
        let build = self.build.load(Ordering::SeqCst);
        let payload: Arc<str> = json!({"build": build, "text": text, "ui": ui})
            .to_string()
            .into();
        self.set_error(Some(payload.clone()));
        let _ = self.events.send(Event::Diagnostics(payload));
    }
}

/// How long a client has, and how many may be connected at once.
#[derive(Clone, Copy, Debug)]
pub(super) struct Limits {
    /// For a request's head (a client that sends it byte by byte, or a
    /// kept-alive connection that sends nothing more, is closed after it),
    /// and for the answer to be ready (the event stream, once begun, is
    /// not cut).
    pub(super) request: Duration,
    /// Open connections; a client past them waits to be accepted until
    /// one closes (at the latest after `request`, for a stalled one).
    pub(super) connections: usize,
}

impl Limits {
    /// 30 s and 64 connections; `DOKAZ_SERVE_REQUEST_TIMEOUT_MS` and
    /// `DOKAZ_SERVE_MAX_CONNECTIONS` change them (tests use short ones).
    pub(super) fn from_env() -> Limits {
        let var = |name: &str| {
            std::env::var(name)
                .ok()
                .and_then(|v| v.trim().parse::<u64>().ok())
                .filter(|&v| v > 0)
        };
        Limits {
            request: Duration::from_millis(var("DOKAZ_SERVE_REQUEST_TIMEOUT_MS").unwrap_or(30_000)),
            connections: var("DOKAZ_SERVE_MAX_CONNECTIONS").map_or(64, |n| n.min(4096) as usize),
        }
    }
}

/// Accepts connections until `shutdown` ends, each served by hyper's
/// HTTP/1 with a time limit on reading a request head, at most
/// `limits.connections` at once; then waits (5 s at most) for the open
/// ones to finish. axum's own `serve` sets no header time limit and no
/// bound, so a client sending its request slowly held a connection, and a
/// task, forever.
pub(super) async fn serve(
    listener: tokio::net::TcpListener,
    app: Router,
    limits: Limits,
    shutdown: impl std::future::Future<Output = ()>,
) -> std::io::Result<()> {
    use hyper_util::rt::{TokioIo, TokioTimer};
    use hyper_util::service::TowerToHyperService;
    let permits = Arc::new(Semaphore::new(limits.connections));
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.request);
    tokio::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            p = permits.clone().acquire_owned() => match p {
                Ok(p) => p,
                Err(_) => break,
            },
            () = &mut shutdown => break,
        };
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(e) => {
                    // A connection reset before it was accepted, or out of
                    // file descriptors: not the listener's end.
                    if !matches!(
                        e.kind(),
                        std::io::ErrorKind::ConnectionAborted | std::io::ErrorKind::ConnectionReset
                    ) {
                        tokio::time::sleep(Duration::from_millis(100)).await;
                    }
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let conn =
            builder.serve_connection(TokioIo::new(stream), TowerToHyperService::new(app.clone()));
        let conn = graceful.watch(conn);
        tokio::spawn(async move {
            // A connection's error (a timeout, a reset) is the client's.
            let _ = conn.await;
            drop(permit);
        });
    }
    drop(listener);
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(Duration::from_secs(5)) => {}
    }
    Ok(())
}

pub(super) fn router(shared: Arc<Shared>, port: u16, limits: Limits) -> Router {
    Router::new()
        .route(reload::SCRIPT_PATH, get(script))
        .route(reload::EVENTS_PATH, get(event_stream))
        .fallback(page)
        .with_state(shared)
        // The answer is ready within the limit (pages come from memory:
        // a guard, not a budget).
        .layer(axum::middleware::from_fn(
            move |req: axum::extract::Request, next: axum::middleware::Next| async move {
                match tokio::time::timeout(limits.request, next.run(req)).await {
                    Ok(r) => r,
                    Err(_) => (
                        StatusCode::SERVICE_UNAVAILABLE,
                        "dokaz serve: the answer took longer than the time limit\n",
                    )
                        .into_response(),
                }
            },
        ))
        .layer(axum::middleware::from_fn(
            move |req: axum::extract::Request, next: axum::middleware::Next| async move {
                let host = req.headers().get(header::HOST).and_then(|h| h.to_str().ok());
                if host.is_some_and(|h| host_allowed(h, port)) {
                    next.run(req).await
                } else {
                    (
                        StatusCode::MISDIRECTED_REQUEST,
                        "dokaz serve answers only requests for its own address (Host: 127.0.0.1, localhost or an IP address, with its port)\n",
                    )
                        .into_response()
                }
            },
        ))
}

/// Whether a request's `Host` names this server: `localhost` or an IP
/// address, with the port it listens on. A page on another site that
/// points its own DNS name at 127.0.0.1 (DNS rebinding) sends that name
/// as its `Host` and is answered 421, so it cannot read the preview
/// (drafts included). IP literals cannot be rebound, so a server bound to
/// all interfaces stays reachable by address from the network.
pub fn host_allowed(host: &str, port: u16) -> bool {
    let (name, host_port) = match host.rsplit_once(':') {
        // `[::1]:1111`, `127.0.0.1:1111`, `localhost:1111`
        Some((name, p)) if !p.contains(']') => (name, p.parse::<u16>().ok()),
        // `[::1]`, `localhost`: the default port
        _ => (host, Some(80)),
    };
    if host_port != Some(port) {
        return false;
    }
    let bare = name.strip_prefix('[').and_then(|n| n.strip_suffix(']'));
    match bare {
        Some(v6) => v6.parse::<std::net::Ipv6Addr>().is_ok(),
        None => {
            name.eq_ignore_ascii_case("localhost") || name.parse::<std::net::Ipv4Addr>().is_ok()
        }
    }
}

async fn script() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        reload::SCRIPT,
    )
        .into_response()
}

/// The page a stream is opened for: its `path` query parameter, the
/// output path the client computed from its location
/// (`practices/x/index.html`).
fn page_of(uri: &Uri) -> Option<String> {
    let value = uri
        .query()?
        .split('&')
        .find_map(|pair| pair.strip_prefix("path="))?;
    let value = value.replace('+', " ");
    percent_encoding::percent_decode_str(&value)
        .decode_utf8()
        .ok()
        .map(|p| p.into_owned())
}

async fn event_stream(
    State(shared): State<Arc<Shared>>,
    uri: Uri,
) -> Sse<impl futures_util::Stream<Item = Result<SseEvent, Infallible>>> {
    let rx = shared.events.subscribe();
    // The `ok` event carries the last build that changed this page, so a
    // page older than that reloads; a page the stream knows nothing of
    // compares with the latest build (at worst one needless reload).
    let latest = shared.build.load(Ordering::SeqCst);
    let last_change = page_of(&uri)
        .and_then(|page| match shared.changed_at.read() {
            Ok(c) => c.of(&page),
            Err(p) => p.into_inner().of(&page),
        })
        .unwrap_or(latest);
    // A page opened while the registry is broken shows the overlay at once.
    let first = match shared.error() {
        Some(payload) => SseEvent::default().event("diagnostics").data(&*payload),
        None => SseEvent::default()
            .event("ok")
            .data(last_change.to_string()),
    };
    let stream = futures_util::stream::unfold((Some(first), rx), |(first, mut rx)| async move {
        if let Some(first) = first {
            return Some((Ok(first), (None, rx)));
        }
        let event = match rx.recv().await {
            Ok(Event::Changed(p)) => SseEvent::default().event("changed").data(&*p),
            Ok(Event::Diagnostics(p)) => SseEvent::default().event("diagnostics").data(&*p),
            // Too far behind to know what changed: reload.
            Err(broadcast::error::RecvError::Lagged(_)) => {
                SseEvent::default().event("reload").data("{}")
            }
            Ok(Event::Shutdown) | Err(broadcast::error::RecvError::Closed) => return None,
        };
        Some((Ok(event), (None, rx)))
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

/// The key of a request path in the site map, or `None` when the path is
/// refused: `..` or `.` segments, empty segments, backslashes, NUL, or
/// anything that is not valid UTF-8 once percent-decoded. Decoding happens
/// once, before the checks, so `%2e%2e`, `%2f` and `%5c` are caught too.
pub fn site_key(raw: &str) -> Option<String> {
    let decoded = percent_encoding::percent_decode_str(raw)
        .decode_utf8()
        .ok()?;
    if decoded.contains(['\\', '\0']) {
        return None;
    }
    let rest = decoded.strip_prefix('/')?;
    let segments: Vec<&str> = rest.split('/').collect();
    let last = segments.len() - 1;
    for (i, s) in segments.iter().enumerate() {
        if *s == ".." || *s == "." || (s.is_empty() && i != last) || s.contains(':') {
            return None;
        }
    }
    let mut key = rest.to_owned();
    if key.is_empty() || key.ends_with('/') {
        key.push_str("index.html");
    }
    Some(key)
}

fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map_or("", |(_, e)| e);
    match ext.to_ascii_lowercase().as_str() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "txt" | "md" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

fn respond(status: StatusCode, path: &str, bytes: &Bytes, build: u64) -> Response {
    let ty = content_type(path);
    let body = if ty.starts_with("text/html") {
        Body::from(reload::inject(bytes, build))
    } else {
        Body::from(bytes.clone())
    };
    let mut res = Response::new(body);
    *res.status_mut() = status;
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(ty));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    res
}

async fn page(State(shared): State<Arc<Shared>>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return (StatusCode::METHOD_NOT_ALLOWED, "only GET and HEAD\n").into_response();
    }
    let Some(key) = site_key(uri.path()) else {
        return (StatusCode::BAD_REQUEST, "bad path\n").into_response();
    };
    // The build number is read before the files: `publish` swaps the files
    // and then counts the build, so the files are at least that build's
    // (at worst one build newer, which costs the page one needless reload,
    // never a missed one).
    let build = shared.build.load(Ordering::SeqCst);
    let files = shared.files();
    if let Some(bytes) = files.get(&key) {
        return respond(StatusCode::OK, &key, bytes, build);
    }
    // A folder without its trailing slash: relative links need it.
    if !key.ends_with("index.html") && files.contains_key(&format!("{key}/index.html")) {
        let to = format!("{}/", uri.path());
        return (StatusCode::TEMPORARY_REDIRECT, [(header::LOCATION, to)], "").into_response();
    }
    match files.get("404.html") {
        Some(bytes) => respond(StatusCode::NOT_FOUND, "404.html", bytes, build),
        None => respond(
            StatusCode::NOT_FOUND,
            "404.html",
            &Bytes::from_static(reload::NO_SITE_YET.as_bytes()),
            build,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_last_changed_with_its_own_file_or_any_stylesheet() {
        let mut c = ChangedAt::default();
        let paths = |l: &[&str]| l.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        c.record(&paths(&["index.html", "a/index.html", "style.css"]), 1);
        c.record(&paths(&["a/index.html"]), 2);
        assert_eq!(c.of("index.html"), Some(1));
        assert_eq!(c.of("a/index.html"), Some(2));
        assert_eq!(c.of("b/index.html"), None);
        c.record(&paths(&["live.js"]), 3);
        assert_eq!(c.of("index.html"), Some(3));
        assert_eq!(c.of("a/index.html"), Some(3));
        c.record(&paths(&["a/index.html"]), 4);
        assert_eq!(c.of("a/index.html"), Some(4));
        assert_eq!(c.of("index.html"), Some(3));
    }

    #[test]
    fn the_page_a_stream_is_for() {
        let of = |u: &str| page_of(&u.parse::<Uri>().expect("uri"));
        assert_eq!(
            of("/__dokaz/events?path=en%2Fpractices%2Fx%2Findex.html").as_deref(),
            Some("en/practices/x/index.html")
        );
        assert_eq!(
            of("/__dokaz/events?a=1&path=%D0%BF+1.html").as_deref(),
            Some("п 1.html")
        );
        assert_eq!(of("/__dokaz/events"), None);
        assert_eq!(of("/__dokaz/events?paths=x"), None);
        assert_eq!(of("/__dokaz/events?path=%FF"), None);
    }

    #[test]
    fn request_paths_to_keys() {
        assert_eq!(site_key("/").as_deref(), Some("index.html"));
        assert_eq!(
            site_key("/practices/x/").as_deref(),
            Some("practices/x/index.html")
        );
        assert_eq!(
            site_key("/static/style.css").as_deref(),
            Some("static/style.css")
        );
        assert_eq!(
            site_key("/%D0%BF/").as_deref(),
            Some("п/index.html"),
            "percent-encoded UTF-8 is decoded"
        );
    }

    #[test]
    fn traversal_is_refused() {
        for bad in [
            "/../etc/passwd",
            "/a/../../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E%2Fetc%2Fpasswd",
            "/a/%2e%2e%2f%2e%2e/x",
            "/..%5c..%5cwindows",
            "/a\\..\\b",
            "/a%00b",
            "//etc/passwd",
            "/./index.html",
            "/c:/windows",
            "/%ff",
            "relative",
        ] {
            assert_eq!(site_key(bad), None, "{bad}");
        }
    }

    #[test]
    fn only_its_own_host_is_answered() {
        for ok in [
            "127.0.0.1:1111",
            "localhost:1111",
            "LOCALHOST:1111",
            "[::1]:1111",
            "192.168.1.5:1111",
        ] {
            assert!(host_allowed(ok, 1111), "{ok}");
        }
        for bad in [
            "evil.example:1111",
            "127.0.0.1.nip.io:1111",
            "127.0.0.1:2222",
            "127.0.0.1",
            "localhost",
            "[::1]",
            "",
            ":1111",
            "[::1:1111",
            "localhost.:1111",
        ] {
            assert!(!host_allowed(bad, 1111), "{bad}");
        }
        assert!(host_allowed("localhost", 80));
        assert!(host_allowed("[::1]", 80));
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("static/style.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("feed.xml"), "application/xml");
        assert_eq!(content_type("files/x/a.PDF"), "application/pdf");
        assert_eq!(content_type("files/x/noext"), "application/octet-stream");
    }
}
