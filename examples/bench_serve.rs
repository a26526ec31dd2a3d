//! Save-to-reload latency of `dokaz serve`:
//!
//! ```sh
//! cargo build --release
//! cargo run --release --example bench_serve -- ROOT [EDITS]
//! ```
//!
//! Starts `target/release/dokaz serve` on ROOT (a registry this benchmark
//! may edit: use a copy), then EDITS times (20 by default) changes the
//! title of one practice, and measures from the write to the `changed`
//! event naming the practice's page on `/__dokaz/events` (what makes a
//! browser reload), from the write to the new page being served, and
//! from the write to the second event (listings, libraries, open data
//! updated); each edit starts from an idle server.
//! Prints the median and the worst, with serve's own account of where
//! the time went, and then times a full `dokaz build` of the same registry
//! for contrast. The practice file is restored at the end.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(root) = args.get(1).map(PathBuf::from) else {
        eprintln!("usage: bench_serve ROOT [EDITS]");
        std::process::exit(2);
    };
    let edits: usize = args.get(2).and_then(|n| n.parse().ok()).unwrap_or(20);
    let bin = std::env::var_os("DOKAZ_BIN").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/dokaz"),
        PathBuf::from,
    );
    let practice = first_practice(&root);
    let id = practice_id(&root, &practice);
    let original = std::fs::read_to_string(&practice).expect("read the practice");
    let practices = std::fs::read_dir(root.join("content/practices"))
        .map(|d| d.count())
        .unwrap_or(0);
    println!(
        "registry {} ({practices} practices); editing {}",
        root.display(),
        practice.display()
    );

    let started = Instant::now();
    let log = std::env::temp_dir().join(format!("bench-serve-{}.log", std::process::id()));
    let mut child = Command::new(&bin)
        .args(["serve", "--port", "0", "--root"])
        .arg(&root)
        .stdout(Stdio::piped())
        .stderr(std::fs::File::create(&log).expect("log file"))
        .spawn()
        .expect("start dokaz serve (build it with `cargo build --release` first)");
    let stdout = child.stdout.take().expect("stdout");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(at) = line.find("http://") {
                let addr = line[at + 7..].split('/').next().unwrap_or("").to_owned();
                let _ = tx.send(addr);
            }
        }
    });
    let addr = rx
        .recv_timeout(Duration::from_secs(1800))
        .expect("serve started");
    println!(
        "serve: first build and ready in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let page = format!("practices/{id}/index.html");
    let mut events = connect_events(&addr);
    let mut to_event = Vec::new();
    let mut to_page = Vec::new();
    let mut to_all = Vec::new();
    for i in 0..edits {
        let title = format!("Bench edit {i} ");
        let text = original.replacen("title: \"", &format!("title: \"{title}"), 1);
        let t0 = Instant::now();
        std::fs::write(&practice, &text).expect("write");
        wait_changed(&mut events, &page);
        to_event.push(t0.elapsed());
        loop {
            let body = get(&addr, &format!("/practices/{id}/"));
            if body.contains(&title) {
                break;
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        to_page.push(t0.elapsed());
        // A practice edit is published twice: its own pages, then the
        // listings, libraries and open data. Wait for the second, so each
        // edit is measured from an idle server (an author reading the
        // page between saves), and report it too.
        wait_next_changed(&mut events);
        to_all.push(t0.elapsed());
    }
    std::fs::write(&practice, &original).expect("restore");
    std::thread::sleep(Duration::from_millis(500));
    let _ = child.kill();
    let _ = child.wait();

    let report = |name: &str, v: &mut Vec<Duration>| {
        v.sort();
        println!(
            "{name}: median {} ms, worst {} ms ({} edits)",
            v[v.len() / 2].as_millis(),
            v[v.len() - 1].as_millis(),
            v.len()
        );
    };
    report("save -> changed event", &mut to_event);
    report("save -> new page served", &mut to_page);
    report("save -> every affected page updated", &mut to_all);
    // serve's own lines: "updated in N ms (load L ms, validate V ms,
    // render R ms): …"; the medians of each phase.
    let log_text = std::fs::read_to_string(&log).unwrap_or_default();
    let phase = |name: &str| -> Option<u64> {
        let mut v: Vec<u64> = log_text
            .lines()
            .filter(|l| l.starts_with("updated in"))
            .filter_map(|l| {
                l.split(&format!("{name} "))
                    .nth(1)?
                    .split(' ')
                    .next()?
                    .parse()
                    .ok()
            })
            .collect();
        v.sort_unstable();
        v.get(v.len() / 2).copied()
    };
    if let (Some(l), Some(v), Some(r)) = (phase("load"), phase("validate"), phase("render")) {
        println!("  serve's phases (medians): load {l} ms, validate {v} ms, render {r} ms");
    }
    if let (Some(total), Some(shown)) = (phase("updated in"), phase("shown at")) {
        println!(
            "  serve's own account (medians): the practice's pages shown at {shown} ms, \
             every affected page (listings, libraries, open data) updated at {total} ms"
        );
    }
    if let Some(l) = log_text.lines().find(|l| l.starts_with("updated in")) {
        println!("  serve's first update line: {l}");
    }
    let _ = std::fs::remove_file(&log);

    let out = std::env::temp_dir().join(format!("bench-serve-out-{}", std::process::id()));
    let t = Instant::now();
    let status = Command::new(&bin)
        .args(["build", "--root"])
        .arg(&root)
        .arg("--out")
        .arg(&out)
        .stderr(Stdio::null())
        .status()
        .expect("dokaz build");
    println!(
        "full `dokaz build` for contrast: {:.1} s ({status})",
        t.elapsed().as_secs_f64()
    );
    let _ = std::fs::remove_dir_all(&out);
}

/// The first practice file, by name.
fn first_practice(root: &Path) -> PathBuf {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(root.join("content/practices"))
        .expect("content/practices")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            !p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect();
    entries.sort();
    let first = entries.into_iter().next().expect("a practice");
    if first.is_dir() {
        first.join("index.md")
    } else {
        first
    }
}

fn practice_id(root: &Path, file: &Path) -> String {
    let rel = file
        .strip_prefix(root.join("content/practices"))
        .expect("inside");
    let first = rel.components().next().expect("a name");
    let name = first.as_os_str().to_string_lossy();
    name.strip_suffix(".md").unwrap_or(&name).to_owned()
}

fn get(addr: &str, path: &str) -> String {
    let mut s = TcpStream::connect(addr).expect("connect");
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    String::from_utf8_lossy(&raw).into_owned()
}

fn connect_events(addr: &str) -> (TcpStream, String) {
    let mut s = TcpStream::connect(addr).expect("connect");
    write!(
        s,
        "GET /__dokaz/events HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n\r\n"
    )
    .expect("send");
    (s, String::new())
}

/// Reads the event stream until the next `changed` event has arrived whole.
fn wait_next_changed(events: &mut (TcpStream, String)) {
    let mut buf = [0u8; 1 << 16];
    loop {
        if let Some(at) = events.1.find("event: changed")
            && let Some(end) = events.1[at..].find("\n\n")
        {
            events.1.drain(..at + end);
            return;
        }
        let n = events.0.read(&mut buf).expect("read events");
        assert!(n > 0, "the event stream closed");
        events.1.push_str(&String::from_utf8_lossy(&buf[..n]));
    }
}

/// Reads the event stream until a `changed` event names `page`.
fn wait_changed(events: &mut (TcpStream, String), page: &str) {
    let needle = format!("\"{page}\"");
    let mut buf = [0u8; 1 << 16];
    loop {
        if let Some(at) = events.1.find(&needle) {
            events.1.drain(..at + needle.len());
            return;
        }
        let n = events.0.read(&mut buf).expect("read events");
        assert!(n > 0, "the event stream closed");
        events.1.push_str(&String::from_utf8_lossy(&buf[..n]));
    }
}
