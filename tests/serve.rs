//! `dokaz serve` end to end: the real binary on a copy of the example
//! registry, a free port, edits made on disk, and assertions made over
//! HTTP (pages and the `/__dokaz/events` stream). No assertion depends on
//! wall-clock time: every wait polls until a generous deadline.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const DEADLINE: Duration = Duration::from_secs(60);

/// A running `dokaz serve`, killed when dropped (also when a test panics).
struct Server {
    child: Child,
    addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn copy_example(to: &Path) {
    let from = common::example_root();
    std::fs::copy(from.join("registry.yaml"), to.join("registry.yaml")).expect("copy");
    for e in walkdir::WalkDir::new(from.join("content")) {
        let e = e.expect("walk");
        let rel = e.path().strip_prefix(&from).expect("inside");
        if e.file_type().is_dir() {
            std::fs::create_dir_all(to.join(rel)).expect("mkdir");
        } else {
            std::fs::copy(e.path(), to.join(rel)).expect("copy");
        }
    }
}

fn example_copy() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = tmp.path().join("reg");
    std::fs::create_dir_all(&root).expect("mkdir");
    copy_example(&root);
    (tmp, root)
}

/// Starts serve and waits for the line announcing its address.
fn start(root: &Path, port: u16) -> Server {
    start_with(root, port, &[])
}

/// [`start`] with environment variables set for serve.
fn start_with(root: &Path, port: u16, env: &[(&str, &str)]) -> Server {
    let mut child = common::dokaz()
        .args(["serve", "--port", &port.to_string(), "--root"])
        .arg(root)
        .envs(env.iter().copied())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start dokaz serve");
    let stdout = child.stdout.take().expect("stdout");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if let Some(at) = line.find("http://") {
                let addr = line[at + 7..]
                    .split('/')
                    .next()
                    .unwrap_or_default()
                    .to_owned();
                let _ = tx.send(addr);
            }
        }
    });
    let mut server = Server {
        child,
        addr: String::new(),
    };
    server.addr = rx
        .recv_timeout(DEADLINE)
        .expect("serve announced its address");
    server
}

struct Reply {
    status: u16,
    head: String,
    body: String,
}

impl Server {
    /// A GET with a raw request target (sent exactly as given, so
    /// traversal attempts reach the server unnormalized).
    fn get(&self, target: &str) -> Reply {
        self.get_as(target, &self.addr.clone())
    }

    /// A GET with the given `Host` header.
    fn get_as(&self, target: &str, host: &str) -> Reply {
        let mut s = TcpStream::connect(&self.addr).expect("connect");
        s.set_read_timeout(Some(DEADLINE)).expect("timeout");
        write!(
            s,
            "GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        )
        .expect("send");
        let mut raw = Vec::new();
        let _ = s.read_to_end(&mut raw);
        let text = String::from_utf8_lossy(&raw).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let status = head
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        Reply {
            status,
            head: head.to_owned(),
            body: body.to_owned(),
        }
    }

    fn events(&self) -> Events {
        self.events_at("/__dokaz/events")
    }

    /// The event stream opened at `target` (with a query, say).
    fn events_at(&self, target: &str) -> Events {
        let mut s = TcpStream::connect(&self.addr).expect("connect");
        s.set_read_timeout(Some(Duration::from_millis(200)))
            .expect("timeout");
        write!(
            s,
            "GET {target} HTTP/1.1\r\nHost: {}\r\nAccept: text/event-stream\r\n\r\n",
            self.addr
        )
        .expect("send");
        Events {
            stream: s,
            seen: String::new(),
        }
    }
}

/// The event stream as read so far.
struct Events {
    stream: TcpStream,
    seen: String,
}

impl Events {
    /// Reads until an event of `kind` whose data contains `needle` has
    /// arrived (since the last call); returns its data line.
    fn wait(&mut self, kind: &str, needle: &str) -> String {
        let started = Instant::now();
        let mut buf = [0u8; 65536];
        loop {
            let mut found = None;
            let mut consumed = 0;
            // Complete events end with a blank line.
            while let Some(end) = self.seen[consumed..].find("\n\n") {
                let event = &self.seen[consumed..consumed + end];
                consumed += end + 2;
                let is_kind = event.lines().any(|l| l == format!("event: {kind}"));
                let data: String = event
                    .lines()
                    .filter_map(|l| l.strip_prefix("data: "))
                    .collect();
                if is_kind && data.contains(needle) {
                    found = Some(data);
                    break;
                }
            }
            self.seen.drain(..consumed);
            if let Some(data) = found {
                return data;
            }
            assert!(
                started.elapsed() < DEADLINE,
                "no `{kind}` event with `{needle}`; seen: {}",
                self.seen
            );
            match self.stream.read(&mut buf) {
                Ok(0) => panic!("the event stream closed"),
                // Chunked framing lines are harmless here: they never
                // hold `event:` or `data:`.
                Ok(n) => self
                    .seen
                    .push_str(&String::from_utf8_lossy(&buf[..n]).replace("\r\n", "\n")),
                Err(_) => {} // read timeout: poll again
            }
        }
    }
}

/// The `build` number of a `changed` event's data.
fn build_of(data: &str) -> u64 {
    let v: serde_json::Value = serde_json::from_str(data).expect("changed is JSON");
    v["build"].as_u64().expect("a build number")
}

/// Polls until `f` holds or the deadline passes.
fn eventually(what: &str, mut f: impl FnMut() -> bool) {
    let started = Instant::now();
    while !f() {
        assert!(started.elapsed() < DEADLINE, "timed out waiting: {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn edit(root: &Path, rel: &str, from: &str, to: &str) {
    let path = root.join(rel);
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.contains(from), "{rel} has no `{from}`");
    std::fs::write(&path, text.replacen(from, to, 1)).expect("write");
}

/// Saves the way many editors do: write a temporary file, rename it over.
fn save_by_rename(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    let tmp = path.with_file_name(".dokaz-test-save.tmp");
    std::fs::write(&tmp, text).expect("write temp");
    std::fs::rename(&tmp, &path).expect("rename");
}

const WARM: &str = "content/practices/warm-home/index.md";
const TEPLYI: &str = "content/practices/teplyi-dom/index.md";

#[test]
fn serves_the_site_and_reloads_what_changed() {
    let (_tmp, root) = example_copy();
    let server = start(&root, 0);
    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert!(
        home.head
            .to_ascii_lowercase()
            .contains("content-type: text/html")
    );
    assert!(
        home.body
            .contains("<script src=\"/__dokaz/live.js\" data-build=\"1\" defer></script></body>"),
        "live reload is injected"
    );
    let js = server.get("/__dokaz/live.js");
    assert_eq!(js.status, 200);
    assert!(js.body.contains("EventSource"));
    let page = server.get("/en/practices/warm-home/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Warm Home"));
    assert!(!page.body.contains("Cosy Home"));
    let other_before = server.get("/practices/mother-house/").body;
    // A folder without its slash is redirected; a miss is the 404 page.
    let redirect = server.get("/en/practices/warm-home");
    assert_eq!(redirect.status, 307);
    assert!(redirect.head.contains("/en/practices/warm-home/"));
    assert_eq!(server.get("/no/such/page/").status, 404);

    let mut events = server.events();
    events.wait("ok", "");
    edit(&root, WARM, "title: \"Warm Home", "title: \"Cosy Home");
    let data = events.wait("changed", "practices/warm-home/index.html");
    assert!(
        !data.contains("practices/mother-house/index.html"),
        "an unrelated practice page is not reported changed: {data}"
    );
    let own_build = build_of(&data);
    assert!(
        server
            .get("/en/practices/warm-home/")
            .body
            .contains("Cosy Home")
    );
    // The Russian page is the original's; the translation's address in
    // Russian redirects to it.
    assert!(
        server
            .get("/practices/warm-home/")
            .body
            .contains("url=../../practices/teplyi-dom/")
    );
    // The listings follow the practice's own pages (a second event).
    eventually("the catalogue shows the new title", || {
        server.get("/en/practices/").body.contains("Cosy Home")
    });
    // Unchanged but for the build its live script names.
    assert_eq!(
        without_build(&server.get("/practices/mother-house/").body),
        without_build(&other_before)
    );
    let listings = events.wait("changed", "\"en/practices/index.html\"");
    let listings_build = build_of(&listings);
    assert!(listings_build > own_build, "{listings}");
    assert!(
        !listings.contains("\"en/practices/warm-home/index.html\""),
        "the second phase leaves the first one's pages alone: {listings}"
    );
    // A stream opened late says when its own page last changed: the page
    // reloaded by the first phase is not reloaded again for the second.
    let ok_for = |path: &str| -> String {
        server
            .events_at(&format!("/__dokaz/events?path={path}"))
            .wait("ok", "")
    };
    assert_eq!(
        ok_for("en%2Fpractices%2Fwarm-home%2Findex.html"),
        own_build.to_string()
    );
    assert_eq!(
        ok_for("en/practices/index.html"),
        listings_build.to_string()
    );
    assert_eq!(ok_for("practices/mother-house/index.html"), "1");
    // A page the stream does not know compares with the latest build.
    let latest = ok_for("no/such/page/index.html");
    assert!(latest.parse::<u64>().expect("a number") >= listings_build);
    assert_eq!(server.events().wait("ok", ""), latest);

    // Saved through a temporary file renamed over the original.
    let text = std::fs::read_to_string(root.join(WARM)).expect("read");
    save_by_rename(&root, WARM, &text.replacen("Cosy Home", "Snug Home", 1));
    events.wait("changed", "practices/warm-home/index.html");
    assert!(
        server
            .get("/en/practices/warm-home/")
            .body
            .contains("Snug Home")
    );
}

#[test]
fn a_broken_save_shows_the_errors_and_keeps_the_last_good_page() {
    let (_tmp, root) = example_copy();
    let server = start(&root, 0);
    let good = server.get("/practices/teplyi-dom/").body;
    let mut events = server.events();
    events.wait("ok", "");

    edit(&root, TEPLYI, "\nstatus: active", "\nstatus: activ");
    let data = events.wait("diagnostics", "D009");
    let v: serde_json::Value = serde_json::from_str(&data).expect("JSON");
    let text = v["text"].as_str().expect("text");
    // The same text as `dokaz check`: file, line, column, source line, hint.
    assert!(
        text.contains("content/practices/teplyi-dom/index.md:"),
        "{text}"
    );
    assert!(text.contains("status: activ"), "{text}");
    assert!(text.contains("hint: did you mean `active`?"), "{text}");
    let check = common::dokaz()
        .args(["check", "--root"])
        .arg(&root)
        .env("NO_COLOR", "1")
        .output()
        .expect("check");
    let check_text = String::from_utf8_lossy(&check.stderr);
    let first_diag = text.split("\n\n").next().unwrap_or_default();
    assert!(check_text.contains(first_diag), "{check_text}\n---\n{text}");

    // The last good page is still served, and a page opened now gets the
    // errors at once.
    assert_eq!(server.get("/practices/teplyi-dom/").body, good);
    server.events().wait("diagnostics", "D009");

    // A second broken save (half-written front matter) changes nothing.
    let text = std::fs::read_to_string(root.join(TEPLYI)).expect("read");
    std::fs::write(root.join(TEPLYI), &text.as_bytes()[..text.len() / 3]).expect("write");
    events.wait("diagnostics", "teplyi-dom");
    assert_eq!(server.get("/practices/teplyi-dom/").body, good);

    // The fix: the overlay goes (a `changed` event), the page is served.
    std::fs::write(
        root.join(TEPLYI),
        text.replacen("status: activ", "status: active", 1),
    )
    .expect("write");
    events.wait("changed", "");
    server.events().wait("ok", "");
    // The same page, from the next build (the live script carries its
    // number).
    assert_eq!(
        without_build(&server.get("/practices/teplyi-dom/").body),
        without_build(&good)
    );
}

/// A served page without the build number of its live-reload script.
fn without_build(page: &str) -> String {
    match page.split_once(" data-build=\"") {
        Some((a, b)) => format!("{a}{}", b.split_once('"').map_or("", |(_, rest)| rest)),
        None => page.to_owned(),
    }
}

#[test]
fn practices_added_renamed_deleted_and_colliding() {
    let (_tmp, root) = example_copy();
    let server = start(&root, 0);
    let mut events = server.events();
    events.wait("ok", "");
    let source =
        std::fs::read_to_string(root.join("content/practices/mother-house.md")).expect("read");
    let copy = source.replacen("title: \"", "title: \"Second ", 1);

    std::fs::write(root.join("content/practices/mother-house-two.md"), &copy).expect("write");
    events.wait("changed", "practices/mother-house-two/index.html");
    assert_eq!(server.get("/practices/mother-house-two/").status, 200);

    std::fs::rename(
        root.join("content/practices/mother-house-two.md"),
        root.join("content/practices/mother-house-three.md"),
    )
    .expect("rename");
    events.wait("changed", "practices/mother-house-three/index.html");
    assert_eq!(server.get("/practices/mother-house-two/").status, 404);
    assert_eq!(server.get("/practices/mother-house-three/").status, 200);

    // Moved into a bundle folder: same id, same page.
    std::fs::create_dir_all(root.join("content/practices/mother-house-three")).expect("mkdir");
    std::fs::rename(
        root.join("content/practices/mother-house-three.md"),
        root.join("content/practices/mother-house-three/index.md"),
    )
    .expect("move");
    eventually("the moved practice is still served", || {
        server.get("/practices/mother-house-three/").status == 200
    });

    // A second file with the same id: an error, the site stays.
    std::fs::write(root.join("content/practices/mother-house-three.md"), &copy).expect("write");
    events.wait("diagnostics", "D017");
    assert_eq!(server.get("/practices/mother-house-three/").status, 200);
    std::fs::remove_file(root.join("content/practices/mother-house-three.md")).expect("rm");
    events.wait("changed", "");

    // An empty folder is no practice and no crash; deleting the practice
    // removes its pages.
    std::fs::create_dir_all(root.join("content/practices/empty-folder")).expect("mkdir");
    std::fs::remove_dir_all(root.join("content/practices/mother-house-three")).expect("rm");
    events.wait("changed", "practices/mother-house-three/index.html");
    assert_eq!(server.get("/practices/mother-house-three/").status, 404);
    assert_eq!(server.get("/practices/warm-home/").status, 200);
}

#[test]
fn paths_outside_the_site_are_refused() {
    let (_tmp, root) = example_copy();
    let server = start(&root, 0);
    let secret = std::fs::read_to_string(root.join("registry.yaml")).expect("read");
    let secret_line = secret
        .lines()
        .find(|l| l.len() > 12)
        .expect("a line")
        .to_owned();
    for target in [
        "/../registry.yaml",
        "/../../../../etc/passwd",
        "/%2e%2e/registry.yaml",
        "/%2E%2E%2Fregistry.yaml",
        "/..%2fregistry.yaml",
        "/static/%2e%2e/%2e%2e/registry.yaml",
        "/%5c..%5cregistry.yaml",
        "/..\\registry.yaml",
        "/%00/index.html",
        "//etc/passwd",
        "/C:/Windows/win.ini",
    ] {
        let r = server.get(target);
        assert!(
            r.status == 400 || r.status == 404,
            "{target}: status {}",
            r.status
        );
        assert!(!r.body.contains(&secret_line), "{target} leaked a file");
        assert!(!r.body.contains("root:"), "{target} leaked /etc/passwd");
    }
    // The server is still fine.
    assert_eq!(server.get("/").status, 200);
}

/// DNS rebinding: a page on another site whose name now resolves to
/// 127.0.0.1 sends its own name as `Host`; it must not read the preview.
#[test]
fn foreign_hosts_are_answered_421() {
    let (_tmp, root) = example_copy();
    let server = start(&root, 0);
    let port = server.addr.rsplit(':').next().expect("port").to_owned();
    for host in [
        format!("evil.example:{port}"),
        format!("127.0.0.1.nip.io:{port}"),
        "127.0.0.1:1".to_owned(),
    ] {
        for target in ["/", "/practices/", "/__dokaz/events"] {
            let r = server.get_as(target, &host);
            assert_eq!(r.status, 421, "{host} {target}");
            assert!(!r.body.contains("<html"), "{host} {target} got a page");
        }
    }
    for host in [format!("localhost:{port}"), format!("127.0.0.1:{port}")] {
        let r = server.get_as("/", &host);
        assert_eq!(r.status, 200, "{host}");
        assert!(r.body.contains("<html"), "{host}");
    }
}

#[test]
fn a_taken_port_moves_to_the_next_free_one() {
    let (_tmp, root) = example_copy();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = taken.local_addr().expect("addr").port();
    let server = start(&root, port);
    assert_ne!(server.addr, format!("127.0.0.1:{port}"));
    assert!(server.addr.starts_with("127.0.0.1:"), "loopback by default");
    assert_eq!(server.get("/").status, 200);
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_cleanly() {
    let (_tmp, root) = example_copy();
    let mut server = start(&root, 0);
    // An open event stream must not keep the server from stopping.
    let mut events = server.events();
    events.wait("ok", "");
    let pid = server.child.id().to_string();
    let status = std::process::Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .expect("kill");
    assert!(status.success());
    let started = Instant::now();
    loop {
        if let Some(status) = server.child.try_wait().expect("wait") {
            assert!(status.success(), "{status}");
            break;
        }
        assert!(started.elapsed() < DEADLINE, "serve did not stop");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Opens a connection and sends half a request head, then nothing more.
fn stall(addr: &str) -> TcpStream {
    let mut s = TcpStream::connect(addr).expect("connect");
    write!(s, "GET / HTTP/1.1\r\nHost: {addr}\r\nUser-Ag").expect("send");
    s
}

/// How long until the server closes `s` (reading to the end).
fn closed_after(mut s: TcpStream, started: Instant) -> (Duration, Vec<u8>) {
    s.set_read_timeout(Some(DEADLINE)).expect("timeout");
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    (started.elapsed(), raw)
}

/// Slowloris: a client that sends half a request and stalls, or sends it
/// a byte at a time, is closed within the request time limit (1 s here),
/// and a kept-alive connection that sends nothing more is closed too.
#[test]
fn a_stalled_request_is_closed_within_the_time_limit() {
    let (_tmp, root) = common::fresh_registry();
    let server = start_with(&root, 0, &[("DOKAZ_SERVE_REQUEST_TIMEOUT_MS", "1000")]);
    let started = Instant::now();
    let half = stall(&server.addr);
    // A byte every 100 ms, never the end of the head.
    let trickle = {
        let mut s = TcpStream::connect(&server.addr).expect("connect");
        let addr = server.addr.clone();
        std::thread::spawn(move || {
            let head = format!(
                "GET / HTTP/1.1\r\nHost: {addr}\r\nX-Slow: {}",
                "a".repeat(200)
            );
            let begun = Instant::now();
            for b in head.bytes() {
                if s.write_all(&[b]).is_err() {
                    return (begun.elapsed(), true);
                }
                std::thread::sleep(Duration::from_millis(100));
            }
            (begun.elapsed(), false)
        })
    };
    // A complete request on a kept-alive connection, then silence.
    let mut idle = TcpStream::connect(&server.addr).expect("connect");
    write!(idle, "GET / HTTP/1.1\r\nHost: {}\r\n\r\n", server.addr).expect("send");
    let idle_started = Instant::now();

    let (took, raw) = closed_after(half, started);
    assert!(
        took >= Duration::from_millis(900) && took < Duration::from_secs(10),
        "half a request closed after {took:?}"
    );
    assert!(
        !String::from_utf8_lossy(&raw).contains("<html"),
        "no page for half a request"
    );
    let (took, raw) = closed_after(idle, idle_started);
    let text = String::from_utf8_lossy(&raw);
    assert!(
        text.starts_with("HTTP/1.1 200"),
        "the complete request was answered: {text:.200}"
    );
    assert!(
        took < Duration::from_secs(10),
        "an idle kept-alive connection closed after {took:?}"
    );
    let (took, refused) = trickle.join().expect("trickle");
    assert!(refused, "the trickling client was cut off");
    assert!(took < Duration::from_secs(10), "trickle cut after {took:?}");
    // The server still answers.
    assert_eq!(server.get("/").status, 200);
}

/// Many stalled connections do not stop other clients; past the bound on
/// connections a new client waits until a stalled one is closed.
#[test]
fn stalled_connections_do_not_stop_other_clients() {
    let (_tmp, root) = common::fresh_registry();
    let server = start(&root, 0);
    let stalled: Vec<TcpStream> = (0..40).map(|_| stall(&server.addr)).collect();
    for _ in 0..10 {
        let started = Instant::now();
        let r = server.get("/");
        assert_eq!(r.status, 200);
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "{:?}",
            started.elapsed()
        );
    }
    drop(stalled);

    // A bound of 4: the fifth client waits for the first stalled one to
    // be closed (after 1.5 s), then is answered.
    let server = start_with(
        &root,
        0,
        &[
            ("DOKAZ_SERVE_REQUEST_TIMEOUT_MS", "1500"),
            ("DOKAZ_SERVE_MAX_CONNECTIONS", "4"),
        ],
    );
    // Each stalled connection is accepted before the next is opened.
    let mut stalled = Vec::new();
    for _ in 0..4 {
        stalled.push(stall(&server.addr));
        std::thread::sleep(Duration::from_millis(50));
    }
    let started = Instant::now();
    let r = server.get("/");
    let took = started.elapsed();
    assert_eq!(r.status, 200);
    assert!(
        took >= Duration::from_millis(1000) && took < Duration::from_secs(20),
        "the fifth client answered after {took:?}"
    );
    drop(stalled);
}

#[test]
fn the_editor_schema_follows_the_taxonomies() {
    let (_tmp, root) = example_copy();
    // A registry that has the file (as `dokaz init` writes it) keeps it
    // current; serve writes it from its first build on.
    let schema = root.join("practice.schema.json");
    std::fs::write(&schema, "{}\n").expect("write");
    let server = start(&root, 0);
    let read = || std::fs::read_to_string(&schema).unwrap_or_default();
    eventually("the schema is written", || read().contains("\"moscow\""));
    let mut events = server.events();
    events.wait("ok", "");
    let tax = root.join("content/taxonomies/regions.yaml");
    let text = std::fs::read_to_string(&tax).expect("read");
    std::fs::write(
        &tax,
        text + "- {id: tula, label: {ru: \"Тула\", en: \"Tula\"}}\n",
    )
    .expect("write");
    eventually("the new region is in the schema", || {
        read().contains("\"tula\"")
    });
}
