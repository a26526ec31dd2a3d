//! The live-reload client and its injection into served HTML.
//!
//! The theme's templates are left alone: the server adds one `<script>`
//! element before `</body>` of every HTML response (never to the site in
//! memory, so what `serve` holds is byte for byte what `build` writes).
//! The script listens to `/__dokaz/events` (Server-Sent Events: one-way,
//! reconnects on its own, no WebSocket handshake to maintain) and
//!
//! - on `changed` reloads the page only if its own file is among the
//!   changed paths (or a stylesheet or script is), keeping the scroll
//!   position through sessionStorage;
//! - on `diagnostics` shows the same text as `dokaz check` in an overlay
//!   (`role="alertdialog"`, text set with `textContent`, closable with
//!   the button or Escape), hidden again on the next good build.

/// Where the client is served.
pub const SCRIPT_PATH: &str = "/__dokaz/live.js";
/// The event stream.
pub const EVENTS_PATH: &str = "/__dokaz/events";

/// The script element, carrying the number of the build the page was
/// served from: a page served just before a build changed it, whose event
/// stream opened just after, learns from the stream's first event (the
/// build that last changed that page) that it missed one and reloads (otherwise it would show the old version
/// until the next edit).
fn tag(build: u64) -> String {
    format!("<script src=\"/__dokaz/live.js\" data-build=\"{build}\" defer></script>")
}

/// Adds the live-reload script to an HTML page: before the last
/// `</body>`, or at the end when there is none.
pub fn inject(html: &[u8], build: u64) -> Vec<u8> {
    let needle = b"</body>";
    let at = html
        .windows(needle.len())
        .rposition(|w| w.eq_ignore_ascii_case(needle))
        .unwrap_or(html.len());
    let tag = tag(build);
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// The page served while there is no good build yet (the registry had
/// errors from the start): the overlay shows them, and the first good
/// build reloads it.
pub const NO_SITE_YET: &str = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>dokaz serve</title></head>\n<body><main><h1>No site yet</h1><p>The registry has errors, so nothing could be built yet. Fix them and this page reloads.</p></main></body></html>\n";

pub const SCRIPT: &str = r#"// dokaz serve: live reload and error overlay (served only by `dokaz serve`).
(function () {
  "use strict";
  var me = document.currentScript;
  var servedBuild = Number((me && me.getAttribute("data-build")) || 0);
  var here = decodeURIComponent(location.pathname).replace(/^\/+/, "");
  if (here === "" || here.slice(-1) === "/") here += "index.html";
  var scrollKey = "dokaz-scroll:" + location.pathname;
  try {
    var saved = sessionStorage.getItem(scrollKey);
    if (saved !== null) {
      sessionStorage.removeItem(scrollKey);
      var y = parseInt(saved, 10);
      if (!isNaN(y)) {
        window.scrollTo(0, y);
        window.addEventListener("load", function () { window.scrollTo(0, y); });
      }
    }
  } catch (e) { /* storage disabled: reload without keeping the position */ }

  function reload() {
    try { sessionStorage.setItem(scrollKey, String(window.scrollY)); } catch (e) {}
    location.reload();
  }

  var overlay = null;
  var lastFocus = null;
  function hide() {
    if (!overlay) return;
    overlay.remove();
    overlay = null;
    if (lastFocus && lastFocus.focus) lastFocus.focus();
  }
  function show(text, ui) {
    ui = ui || {};
    hide();
    lastFocus = document.activeElement;
    overlay = document.createElement("div");
    overlay.id = "dokaz-overlay";
    overlay.setAttribute("role", "alertdialog");
    overlay.setAttribute("aria-modal", "false");
    overlay.setAttribute("aria-labelledby", "dokaz-overlay-title");
    overlay.setAttribute("aria-describedby", "dokaz-overlay-text");
    overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;" +
      "background:rgba(20,20,20,.92);color:#fff;padding:1.5rem;font:15px/1.5 system-ui,sans-serif";
    var head = document.createElement("div");
    head.style.cssText = "display:flex;gap:1rem;align-items:baseline;justify-content:space-between;max-width:70rem";
    var title = document.createElement("h2");
    title.id = "dokaz-overlay-title";
    title.style.cssText = "margin:0;font-size:1.25rem;color:#ffb4a8";
    title.textContent = ui.title || "The registry has errors: this is the last good version of the page";
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = ui.close || "Close";
    close.style.cssText = "font:inherit;padding:.25rem .75rem;cursor:pointer";
    close.addEventListener("click", hide);
    head.appendChild(title);
    head.appendChild(close);
    var note = document.createElement("p");
    note.textContent = ui.note || "Fix the file and save: the page updates and this message goes away.";
    var pre = document.createElement("pre");
    pre.id = "dokaz-overlay-text";
    pre.style.cssText = "white-space:pre-wrap;font:14px/1.45 ui-monospace,monospace;max-width:70rem";
    pre.textContent = text;
    overlay.appendChild(head);
    overlay.appendChild(note);
    overlay.appendChild(pre);
    overlay.addEventListener("keydown", function (e) { if (e.key === "Escape") hide(); });
    document.body.appendChild(overlay);
    close.focus();
  }

  // The stream's first event says when this page last changed.
  var source = new EventSource("/__dokaz/events?path=" + encodeURIComponent(here));
  source.addEventListener("changed", function (e) {
    var d = JSON.parse(e.data);
    hide();
    var mine = d.paths.some(function (p) {
      return p === here || /\.(css|js)$/.test(p);
    });
    if (mine) reload();
  });
  source.addEventListener("reload", reload);
  // The server's first event says the stream is open (tests wait for it).
  function ready() { window.__dokazLiveReady = true; }
  source.addEventListener("ok", function (e) {
    // This page changed between being served and the stream opening
    // (the data is the build that last changed it): its event was
    // missed, so reload now.
    if (Number(e.data) > servedBuild) { reload(); return; }
    ready();
    hide();
  });
  source.addEventListener("diagnostics", function (e) { ready(); var d = JSON.parse(e.data); show(d.text, d.ui); });
})();
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn injects_before_the_last_body_end() {
        let out = inject(b"<html><body><p>&lt;/body&gt;</p></BODY></html>", 7);
        let tag = "<script src=\"/__dokaz/live.js\" data-build=\"7\" defer></script>";
        assert_eq!(
            String::from_utf8_lossy(&out),
            format!("<html><body><p>&lt;/body&gt;</p>{tag}</BODY></html>")
        );
        assert_eq!(
            String::from_utf8_lossy(&inject(b"<p>no body</p>", 7)),
            format!("<p>no body</p>{tag}")
        );
    }
}
