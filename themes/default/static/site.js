/* dokaz — the part of the site's script that every page loads: the UI
 * strings, the header search box and the compare selection (toggle
 * buttons, the tray, remembered across pages). The pages that do more load
 * their own script after this one, in document order (all are `defer`):
 *   filters.js     URL state and filter form (catalogue and search pages)
 *   catalogue.js   catalogue filters, counts, sort
 *   search.js      search page (pagefind's own pagefind.js is imported
 *                  there only)
 *   compare.js     comparison table
 *   toc-diagram.js theory-of-change diagram tracing (practice pages)
 * They reach the shared helpers through `window.dokaz`. No dependencies.
 * Every page works without any of these files: they only enhance what the
 * server rendered. Content is put into the page with textContent, never
 * as HTML (search excerpts are rebuilt from text and <mark> only). */
(function () {
  "use strict";
  var doc = document;
  var body = doc.body;
  var root = body.getAttribute("data-root") || "";
  var lroot = body.getAttribute("data-lroot") || "";
  var ui = {};
  try {
    ui = JSON.parse(doc.getElementById("dokaz-ui").textContent);
  } catch (e) {
    ui = {};
  }
  // The page's language picks a plural message's form (CLDR categories,
  // as the server picks them) and formats its number.
  var lang = doc.documentElement.getAttribute("lang") || "en";
  var plurals = null;
  var numbers = null;
  try {
    plurals = new Intl.PluralRules(lang);
  } catch (e) { plurals = null; }
  try {
    numbers = new Intl.NumberFormat(lang, { useGrouping: "min2" });
  } catch (e) {
    try { numbers = new Intl.NumberFormat(lang); } catch (e2) { numbers = null; }
  }
  function num(n) {
    return numbers ? numbers.format(n) : String(n);
  }
  // A text, or the form of a plural message ({one: …, few: …, other: …})
  // for `n`; `{n}` is the number formatted for the page's language.
  function t(key, n) {
    var s = ui[key] || key;
    if (s && typeof s === "object") {
      var cat = plurals && n !== undefined ? plurals.select(n) : "other";
      s = s[cat] || s.other || key;
    }
    return n === undefined ? s : s.replace("{n}", num(n));
  }
  function el(tag, attrs, text) {
    var e = doc.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        if (attrs[k] !== null && attrs[k] !== undefined && attrs[k] !== false) {
          e.setAttribute(k, attrs[k] === true ? "" : attrs[k]);
        }
      });
    }
    if (text !== undefined && text !== null) {
      e.textContent = String(text);
    }
    return e;
  }
  function foundText(n) {
    return n === 0 ? t("found_none") : t("found", n);
  }
  var ID = /^[a-z0-9][a-z0-9-]*$/;

  /* ---------- the header search box ---------- */
  // Without JS the box leads to the catalogue (which filters by words);
  // over HTTP the search page does better.
  var headerForm = doc.querySelector("form.search[data-search]");
  if (headerForm && location.protocol !== "file:") {
    headerForm.setAttribute("action", headerForm.getAttribute("data-search"));
  }
  // The box keeps the query on the page it led to (search or catalogue).
  var headerBox = headerForm && headerForm.querySelector("input[name=q]");
  if (headerBox) {
    try {
      var asked = new URLSearchParams(location.search).get("q");
      if (asked) headerBox.value = asked;
    } catch (e) { /* no URLSearchParams: the box stays empty */ }
  }

  /* ---------- print: every folded part opened ---------- */
  // A printed page cannot be clicked: findings, numbers and ratings are
  // opened before printing (the stylesheet does the same where the
  // browser supports ::details-content) and folded back after.
  var opened = [];
  window.addEventListener("beforeprint", function () {
    var all = doc.querySelectorAll("details:not([open])");
    for (var i = 0; i < all.length; i++) {
      all[i].open = true;
      opened.push(all[i]);
    }
  });
  window.addEventListener("afterprint", function () {
    while (opened.length) opened.pop().open = false;
  });

  /* ---------- compare selection (remembered across pages) ---------- */
  var MAX = 4;
  var KEY = "dokaz-compare";
  function loadSel() {
    try {
      var v = JSON.parse(localStorage.getItem(KEY) || "[]");
      return Array.isArray(v) ? v.filter(function (x) { return ID.test(x); }).slice(0, MAX) : [];
    } catch (e) {
      return [];
    }
  }
  function saveSel(sel) {
    try {
      localStorage.setItem(KEY, JSON.stringify(sel));
    } catch (e) { /* private mode: the selection lives in the URL only */ }
  }
  var selection = loadSel();
  // What a page redraws when a toggle changes the selection (the
  // comparison table; set by compare.js).
  var view = null;
  var tray = doc.getElementById("compare-tray");
  function compareHref(sel) {
    return lroot + "compare/index.html?p=" + sel.join(",");
  }
  function syncCompare(message) {
    var toggles = doc.querySelectorAll("button.compare-toggle[data-compare]");
    for (var i = 0; i < toggles.length; i++) {
      var b = toggles[i];
      var on = selection.indexOf(b.getAttribute("data-compare")) >= 0;
      b.hidden = false;
      b.setAttribute("aria-pressed", on ? "true" : "false");
      b.textContent = on ? t("compare_remove") : t("compare_add");
    }
    if (!tray) {
      return;
    }
    var go = doc.getElementById("compare-go");
    go.textContent = t("compare_tray", selection.length);
    go.setAttribute("href", compareHref(selection));
    tray.hidden = selection.length === 0 && !message;
    doc.getElementById("compare-msg").textContent = message || "";
  }
  function toggleCompare(id) {
    var at = selection.indexOf(id);
    var message = "";
    if (at >= 0) {
      selection.splice(at, 1);
    } else if (selection.length >= MAX) {
      message = t("compare_full");
    } else {
      selection.push(id);
    }
    saveSel(selection);
    syncCompare(message);
    if (view) {
      view();
    }
  }
  doc.addEventListener("click", function (ev) {
    var b = ev.target.closest ? ev.target.closest("button.compare-toggle[data-compare]") : null;
    if (b) {
      toggleCompare(b.getAttribute("data-compare"));
    }
  });
  var clearBtn = doc.getElementById("compare-clear");
  if (clearBtn) {
    clearBtn.textContent = t("compare_clear");
    clearBtn.addEventListener("click", function () {
      selection = [];
      saveSel(selection);
      syncCompare("");
    });
  }
  window.addEventListener("storage", function (ev) {
    if (ev.key === KEY) {
      selection = loadSel();
      syncCompare("");
    }
  });

  /* ---------- the gap map: rows expand to their children ---------- */
  // Without this every row shows; with it a term's children show when its
  // row is opened (a button with aria-expanded on the row heading).
  doc.querySelectorAll("table.gap-map").forEach(function (table) {
    var rows = table.querySelectorAll("tbody tr[data-row]");
    var kids = {};
    rows.forEach(function (r) {
      var p = r.getAttribute("data-parent");
      if (p) (kids[p] = kids[p] || []).push(r);
    });
    function hide(id) {
      (kids[id] || []).forEach(function (r) {
        r.hidden = true;
        var b = r.querySelector("button.map-expand");
        if (b) b.setAttribute("aria-expanded", "false");
        hide(r.getAttribute("data-row"));
      });
    }
    rows.forEach(function (r) {
      if (!r.hasAttribute("data-expands")) return;
      var id = r.getAttribute("data-row");
      var th = r.querySelector("th");
      var link = th.querySelector("a");
      var b = el("button", { type: "button", "class": "map-expand", "aria-expanded": "false", "aria-label": t("map_expand") + ": " + (link ? link.textContent : "") });
      b.textContent = "▸";
      b.addEventListener("click", function () {
        var open = b.getAttribute("aria-expanded") !== "true";
        b.setAttribute("aria-expanded", open ? "true" : "false");
        b.textContent = open ? "▾" : "▸";
        if (open) (kids[id] || []).forEach(function (k) { k.hidden = false; });
        else hide(id);
      });
      th.insertBefore(b, th.firstChild);
    });
    rows.forEach(function (r) {
      if (r.hasAttribute("data-parent")) r.hidden = true;
    });
  });

  window.dokaz = {
    root: root,
    lroot: lroot,
    t: t,
    el: el,
    foundText: foundText,
    ID: ID,
    compare: {
      MAX: MAX,
      /** The current selection (do not modify it: use `select`). */
      selection: function () { return selection; },
      /** Replaces the selection and remembers it. */
      select: function (ids) {
        selection = ids.slice(0, MAX);
        saveSel(selection);
      },
      sync: syncCompare,
      /** `fn` runs after every toggle (after the buttons and tray are synced). */
      setView: function (fn) { view = fn; }
    }
  };

  syncCompare("");
})();
