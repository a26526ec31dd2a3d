/* dokaz — the site's own script: compare selection, catalogue filters,
 * search page, comparison table. No dependencies; pagefind's own
 * pagefind.js is loaded only by the search page. Every page works without
 * this file: it only enhances what the server rendered. Content is put
 * into the page with textContent, never as HTML (search excerpts are
 * rebuilt from text and <mark> only). */
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
  function t(key, n) {
    var s = ui[key] || key;
    return n === undefined ? s : s.replace("{n}", String(n));
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
    return n === 0 ? t("found_none") : n === 1 ? t("found_one") : t("found", n);
  }
  var ID = /^[a-z0-9][a-z0-9-]*$/;

  /* ---------- the header search box ---------- */
  // Without JS the box leads to the catalogue (which filters by words);
  // over HTTP the search page does better.
  var headerForm = doc.querySelector("form.search[data-search]");
  if (headerForm && location.protocol !== "file:") {
    headerForm.setAttribute("action", headerForm.getAttribute("data-search"));
  }

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
    if (compareView) {
      compareView();
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

  /* ---------- URL state shared by the catalogue and search ---------- */
  function readState(facetIds) {
    var params = new URLSearchParams(location.search);
    var st = { q: params.get("q") || "", sort: params.get("sort") || "", f: {} };
    facetIds.forEach(function (id) {
      var v = params.get(id);
      if (v) {
        st.f[id] = v.split(",").filter(function (x) { return ID.test(x); });
      }
    });
    return st;
  }
  function stateQuery(st) {
    var params = new URLSearchParams();
    if (st.q) {
      params.set("q", st.q);
    }
    Object.keys(st.f).sort().forEach(function (k) {
      if (st.f[k].length) {
        params.set(k, st.f[k].join(","));
      }
    });
    if (st.sort) {
      params.set("sort", st.sort);
    }
    var s = params.toString();
    return s ? "?" + s : location.pathname.split("/").pop() === "" ? "./" : location.pathname.split("/").pop();
  }
  function formState(form) {
    var f = {};
    var boxes = form.querySelectorAll("input[type=checkbox]:checked");
    for (var i = 0; i < boxes.length; i++) {
      (f[boxes[i].name] = f[boxes[i].name] || []).push(boxes[i].value);
    }
    return f;
  }
  function setForm(form, st) {
    var boxes = form.querySelectorAll("input[type=checkbox]");
    for (var i = 0; i < boxes.length; i++) {
      var sel = st.f[boxes[i].name] || [];
      boxes[i].checked = sel.indexOf(boxes[i].value) >= 0;
    }
  }
  function facetIdsOf(form) {
    var ids = [];
    var sets = form.querySelectorAll("fieldset[data-facet]");
    for (var i = 0; i < sets.length; i++) {
      ids.push(sets[i].getAttribute("data-facet"));
    }
    return ids;
  }
  function setCounts(form, counts) {
    var spans = form.querySelectorAll("input[type=checkbox]");
    for (var i = 0; i < spans.length; i++) {
      var box = spans[i];
      var n = (counts[box.name] && counts[box.name][box.value]) || 0;
      var label = form.querySelector("label[for='" + box.id + "'] .n");
      if (label) {
        label.textContent = String(n);
      }
      box.parentNode.classList.toggle("is-empty", n === 0 && !box.checked);
    }
  }

  /** Shows the filter form: open beside the list on wide screens,
   * folded above it on phones so the results stay in view. */
  function showFilters(form) {
    var box = doc.getElementById("filter-box");
    form.hidden = false;
    if (box) {
      box.hidden = false;
      box.open = !window.matchMedia || window.matchMedia("(min-width: 60rem)").matches;
    }
  }

  /* ---------- a card drawn from data (catalogue results) ---------- */
  function cardOf(p) {
    var a = el("article", { "class": "card", lang: p.lang || null });
    var h = el("h3", { "class": "card-title" });
    h.appendChild(el("a", { href: lroot + p.href }, p.title));
    a.appendChild(h);
    a.appendChild(el("p", { "class": "card-org" }, (p.org || "") + " · " + p.status));
    a.appendChild(el("p", { "class": "card-summary" }, p.summary));
    if (p.evidence && p.evidence.length) {
      var ul = el("ul", { "class": "badges" });
      p.evidence.forEach(function (b) {
        var li = el("li", { "class": "badge" + (b.verified ? " is-verified" : "") });
        li.appendChild(el("span", { "class": "badge-dim" }, b.label));
        li.appendChild(doc.createTextNode(" "));
        li.appendChild(el("span", { "class": "badge-level" }, b.verified ? "✓ " + b.verified : b.claimed));
        ul.appendChild(li);
      });
      a.appendChild(ul);
    }
    var btn = el("button", { type: "button", "class": "compare-toggle", "data-compare": p.id });
    a.appendChild(btn);
    return a;
  }

  /* ---------- catalogue: filters, counts, sort ---------- */
  var compareView = null;
  var cat = doc.getElementById("catalogue");
  if (cat && cat.getAttribute("data-json")) {
    catalogue(cat);
  }
  function catalogue(cat) {
    var form = doc.getElementById("filters");
    var tools = doc.getElementById("list-tools");
    var sortSel = doc.getElementById("sort");
    var count = doc.getElementById("count");
    var cards = doc.getElementById("cards");
    var pager = cat.querySelector(".pager");
    var links = doc.getElementById("facet-links");
    var serverCards = Array.prototype.slice.call(cards.childNodes);
    var serverCount = count.textContent;
    var facetIds = facetIdsOf(form);
    var data = null;
    var shown = 0;
    var PAGE = 48;
    var current = [];

    // The data (about 2 KB per practice) is fetched only when the reader
    // filters or sorts, or arrives with a filtered URL: browsing the
    // server's list costs nothing more.
    var loading = null;
    function ensureData() {
      if (!loading) {
        loading = fetch(cat.getAttribute("data-json"))
          .then(function (r) {
            if (!r.ok) {
              throw new Error(r.status);
            }
            return r.json();
          })
          .then(function (d) {
            data = d;
            // Counts for the list as it stands.
            apply(readState(facetIds), false);
            return d;
          });
        loading.catch(function () {
          count.textContent = serverCount + " " + t("load_error");
        });
      }
      return loading;
    }
    function whenReady(fn) {
      ensureData().then(fn, function () {});
    }
    showFilters(form);
    tools.hidden = false;
    if (links) {
      links.hidden = true;
    }
    if (location.search) {
      whenReady(function () { apply(readState(facetIds), false); });
    }
    // Start loading as soon as the reader reaches for a control.
    form.addEventListener("focusin", ensureData);
    form.addEventListener("pointerover", ensureData);
    tools.addEventListener("focusin", ensureData);

    function words(q) {
      return q.toLocaleLowerCase().split(/\s+/).filter(Boolean);
    }
    function hasWords(p, ws) {
      if (!ws.length) {
        return true;
      }
      var hay = (p.title + " " + p.summary + " " + (p.org || "")).toLocaleLowerCase();
      return ws.every(function (w) { return hay.indexOf(w) >= 0; });
    }
    function isDefault(st) {
      return !st.q && !st.sort && Object.keys(st.f).every(function (k) { return !st.f[k].length; });
    }
    function sorter(key) {
      var lang = doc.documentElement.lang;
      // As the server sorts titles: without opening quotes, any case.
      var tk = function (p) {
        return p.title.replace(/^[^\p{L}\p{N}]+/u, "").toLocaleLowerCase();
      };
      var byTitle = function (a, b) { return tk(a).localeCompare(tk(b), lang); };
      if (key === "updated") {
        return function (a, b) { return a.updated < b.updated ? 1 : a.updated > b.updated ? -1 : byTitle(a, b); };
      }
      if (key === "evidence") {
        return function (a, b) { return b.rank - a.rank || byTitle(a, b); };
      }
      return byTitle;
    }
    function apply(st, push) {
      setForm(form, st);
      sortSel.value = st.sort || "title";
      var ws = words(st.q);
      // Counts: a value counts the practices that match every other
      // facet (values of one facet are alternatives).
      var counts = {};
      facetIds.forEach(function (k) { counts[k] = {}; });
      var hits = [];
      data.practices.forEach(function (p) {
        if (!hasWords(p, ws)) {
          return;
        }
        var failing = [];
        Object.keys(st.f).forEach(function (k) {
          var have = p.f[k] || [];
          if (st.f[k].length && !st.f[k].some(function (v) { return have.indexOf(v) >= 0; })) {
            failing.push(k);
          }
        });
        if (failing.length === 0) {
          hits.push(p);
        }
        if (failing.length <= 1) {
          facetIds.forEach(function (k) {
            if (failing.length === 1 && failing[0] !== k) {
              return;
            }
            (p.f[k] || []).forEach(function (v) {
              counts[k][v] = (counts[k][v] || 0) + 1;
            });
          });
        }
      });
      setCounts(form, counts);
      if (push) {
        history.pushState(null, "", stateQuery(st));
      }
      if (isDefault(st)) {
        // The server's own list and pager.
        cards.textContent = "";
        serverCards.forEach(function (n) { cards.appendChild(n); });
        if (pager) {
          pager.hidden = false;
        }
        count.textContent = serverCount;
        moreBtn.hidden = true;
        syncCompare("");
        return;
      }
      if (pager) {
        pager.hidden = true;
      }
      current = hits.sort(sorter(st.sort));
      cards.textContent = "";
      shown = 0;
      more(false);
      count.textContent = foundText(current.length);
    }
    var moreBtn = doc.getElementById("more");
    moreBtn.textContent = t("more");
    function more(focus) {
      var first = null;
      current.slice(shown, shown + PAGE).forEach(function (p) {
        var c = cardOf(p);
        cards.appendChild(c);
        first = first || c;
      });
      shown = Math.min(current.length, shown + PAGE);
      moreBtn.hidden = shown >= current.length;
      syncCompare("");
      if (focus && first) {
        first.querySelector("a").focus();
      }
    }
    moreBtn.addEventListener("click", function () { more(true); });
    function fromForm() {
      var st = readState(facetIds);
      st.f = formState(form);
      st.sort = sortSel.value === "title" ? "" : sortSel.value;
      return st;
    }
    function fromControls() {
      // Read the controls now, apply once the data is there.
      var st = fromForm();
      whenReady(function () { apply(st, true); });
    }
    form.addEventListener("change", fromControls);
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      fromControls();
    });
    sortSel.addEventListener("change", fromControls);
    doc.getElementById("clear-filters").addEventListener("click", function () {
      whenReady(function () { apply({ q: "", sort: "", f: {} }, true); });
      count.focus();
    });
    window.addEventListener("popstate", function () {
      whenReady(function () { apply(readState(facetIds), false); });
    });
  }

  /* ---------- search page (pagefind) ---------- */
  var sp = doc.getElementById("search-page");
  if (sp) {
    searchPage(sp);
  }
  function searchPage(sp) {
    var form = doc.getElementById("filters");
    var box = doc.getElementById("search-q");
    var qform = doc.getElementById("search-form");
    var count = doc.getElementById("count");
    var list = doc.getElementById("results");
    var moreBtn = doc.getElementById("more");
    var facetIds = facetIdsOf(form);
    var pf = null;
    var results = [];
    var shown = 0;
    var PAGE = 10;
    var seq = 0;
    doc.getElementById("search-nojs").hidden = true;
    showFilters(form);
    moreBtn.textContent = t("more");
    var bundles = new URL(root + "pagefind/", doc.baseURI).href;
    var lang = (doc.documentElement.lang || "und").toLowerCase();
    // Searches wait until pagefind is fully ready (a search started while
    // it still loads its filter index can stall): until then a submitted
    // query only goes into the URL, which the first run reads. A large
    // registry's index comes in shards: the first is loaded, the others
    // merged into it.
    fetch(bundles + "shards.json")
      .then(function (r) {
        if (!r.ok) {
          throw new Error(r.status);
        }
        return r.json();
      })
      .then(function (shards) {
        var mine = shards[lang] || [];
        if (!mine.length) {
          throw new Error("no index for " + lang);
        }
        return import(bundles + mine[0] + "/pagefind.js").then(function (m) {
          return m.options({ excerptLength: 24 }).then(function () {
            m.init();
            return Promise.all(mine.slice(1).map(function (d) { return m.mergeIndex(bundles + d + "/"); }));
          }).then(function () {
            return m.filters();
          }).then(function () {
            pf = m;
            // Words typed while pagefind loaded are kept.
            var st = readState(facetIds);
            st.q = st.q || box.value;
            run(st, false);
          });
        });
      })
      .catch(function () {
        count.textContent = t("search_error");
      });

    function filtersOf(st) {
      var f = {};
      Object.keys(st.f).forEach(function (k) {
        if (st.f[k].length) {
          f[k] = { any: st.f[k] };
        }
      });
      return f;
    }
    function run(st, push) {
      box.value = st.q;
      setForm(form, st);
      if (push) {
        history.pushState(null, "", stateQuery(st));
      }
      if (!pf) {
        // Still loading: the search runs from the URL once it is ready.
        return;
      }
      var mine = ++seq;
      var hasFilter = Object.keys(st.f).some(function (k) { return st.f[k].length; });
      if (!st.q.trim() && !hasFilter) {
        list.textContent = "";
        moreBtn.hidden = true;
        count.textContent = "";
        pf.filters().then(function (all) { if (mine === seq) setCounts(form, all); });
        return;
      }
      count.textContent = t("searching");
      pf.search(st.q.trim() || null, { filters: filtersOf(st) }).then(function (s) {
        if (mine !== seq || !s) {
          return;
        }
        results = s.results;
        orCounts(st, s.filters || {}, mine);
        list.textContent = "";
        shown = 0;
        count.textContent = foundText(results.length);
        more(false);
      });
    }
    /** Counts as the catalogue gives them: values of one facet are
     * alternatives, so a facet in use is counted by a search without its
     * own filter (pagefind counts every value as if added to the others). */
    function orCounts(st, counts, mine) {
      var active = Object.keys(st.f).filter(function (k) { return st.f[k].length; });
      Promise.all(active.map(function (k) {
        var others = { q: st.q, f: {} };
        Object.keys(st.f).forEach(function (j) {
          if (j !== k) {
            others.f[j] = st.f[j];
          }
        });
        return pf.search(st.q.trim() || null, { filters: filtersOf(others) }).then(function (o) {
          counts[k] = (o && o.filters && o.filters[k]) || {};
        });
      })).then(function () {
        if (mine === seq) {
          setCounts(form, counts);
        }
      });
    }
    function excerpt(html) {
      // Pagefind's excerpt is escaped text with <mark>; rebuild it from
      // text and marks only.
      var tpl = doc.createElement("template");
      tpl.innerHTML = html;
      var p = el("p", { "class": "excerpt" });
      tpl.content.childNodes.forEach(function (n) {
        if (n.nodeType === 1 && n.nodeName === "MARK") {
          p.appendChild(el("mark", null, n.textContent));
        } else {
          p.appendChild(doc.createTextNode(n.textContent));
        }
      });
      return p;
    }
    function href(u) {
      return root + u.replace(/^\//, "");
    }
    function more(focus) {
      var mine = seq;
      var batch = results.slice(shown, shown + PAGE);
      shown = Math.min(results.length, shown + PAGE);
      moreBtn.hidden = shown >= results.length;
      Promise.all(batch.map(function (r) { return r.data(); })).then(function (items) {
        if (mine !== seq) {
          return;
        }
        var first = null;
        items.forEach(function (d) {
          var li = el("li", { "class": "search-result" });
          var h = el("h3", null);
          h.appendChild(el("a", { href: href(d.url) }, (d.meta && d.meta.title) || d.url));
          li.appendChild(h);
          li.appendChild(excerpt(d.excerpt || ""));
          list.appendChild(li);
          first = first || li;
        });
        if (focus && first) {
          first.querySelector("a").focus();
        }
      });
    }
    moreBtn.addEventListener("click", function () { more(true); });
    function current() {
      var st = readState([]);
      st.q = box.value;
      st.f = formState(form);
      return st;
    }
    var timer = null;
    box.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var st = current();
        history.replaceState(null, "", stateQuery(st));
        run(st, false);
      }, 250);
    });
    qform.addEventListener("submit", function (ev) {
      ev.preventDefault();
      clearTimeout(timer);
      run(current(), true);
    });
    form.addEventListener("change", function () { run(current(), true); });
    form.addEventListener("submit", function (ev) { ev.preventDefault(); });
    window.addEventListener("popstate", function () {
      run(readState(facetIds), false);
    });
  }

  /* ---------- comparison table ---------- */
  var cmp = doc.getElementById("compare-page");
  if (cmp) {
    comparePage(cmp);
  }
  function comparePage(cmp) {
    var status = doc.getElementById("compare-status");
    var table = doc.getElementById("compare-table");
    var link = doc.getElementById("compare-link");
    doc.getElementById("compare-nojs").hidden = true;
    var cache = {};
    var ids = (new URLSearchParams(location.search).get("p") || "")
      .split(",")
      .filter(function (x) { return ID.test(x); })
      .slice(0, MAX);
    if (ids.length) {
      // A shared link becomes this reader's selection.
      selection = ids.slice();
      saveSel(selection);
    }
    compareView = function () {
      history.replaceState(null, "", selection.length ? "?p=" + selection.join(",") : "index.html");
      draw();
    };
    compareView();
    function load(id) {
      if (!cache[id]) {
        cache[id] = fetch(lroot + "compare/" + id + ".json").then(function (r) {
          if (!r.ok) {
            throw new Error(id);
          }
          return r.json();
        });
      }
      return cache[id];
    }
    function list(items, fn) {
      if (!items || !items.length) {
        return doc.createTextNode(t("none"));
      }
      var ul = el("ul");
      items.forEach(function (x) {
        var li = el("li");
        fn(li, x);
        ul.appendChild(li);
      });
      return ul;
    }
    function draw() {
      syncCompare("");
      var sel = selection.slice();
      link.hidden = sel.length === 0;
      link.setAttribute("href", "?p=" + sel.join(","));
      link.textContent = t("compare_link");
      if (sel.length < 2) {
        status.textContent = doc.getElementById("compare-pick").textContent;
      } else {
        status.textContent = "";
      }
      Promise.all(sel.map(function (id) { return load(id).catch(function () { return null; }); })).then(function (ps) {
        if (sel.join() !== selection.join()) {
          return;
        }
        ps = ps.filter(Boolean);
        table.textContent = "";
        if (!ps.length) {
          return;
        }
        var tbl = el("table", { "class": "compare" });
        tbl.appendChild(el("caption", { "class": "visually-hidden" }, doc.querySelector("h1").textContent));
        var head = el("tr");
        head.appendChild(el("td"));
        ps.forEach(function (p) {
          var th = el("th", { scope: "col", lang: p.lang || null });
          th.appendChild(el("a", { href: lroot + p.href }, p.title));
          var rm = el("button", { type: "button", "class": "compare-toggle", "data-compare": p.id });
          th.appendChild(rm);
          head.appendChild(th);
        });
        var thead = el("thead");
        thead.appendChild(head);
        tbl.appendChild(thead);
        var tb = el("tbody");
        function row(label, fill) {
          var tr = el("tr");
          tr.appendChild(el("th", { scope: "row" }, label));
          ps.forEach(function (p) {
            var td = el("td", { lang: p.lang || null });
            var v = fill(p);
            if (typeof v === "string") {
              td.textContent = v;
            } else {
              td.appendChild(v);
            }
            tr.appendChild(td);
          });
          tb.appendChild(tr);
        }
        row(t("row_organization"), function (p) { return p.organization || t("none"); });
        row(t("row_status"), function (p) { return p.status; });
        row(t("row_updated"), function (p) { return p.updated; });
        (ps[0].evidence || []).forEach(function (d, i) {
          row(d.dimension, function (p) {
            var e = (p.evidence || [])[i] || {};
            return list([
              [t("claimed"), e.claimed], [t("verified"), e.verified], [t("supported"), e.supported]
            ], function (li, x) { li.textContent = x[0] + ": " + (x[1] || t("none")); });
          });
        });
        row(t("row_target_groups"), function (p) { return list(p.target_groups, function (li, x) { li.textContent = x; }); });
        row(t("row_regions"), function (p) { return p.regions.length ? p.regions.join(", ") : t("none"); });
        row(t("row_results"), function (p) {
          var d = el("div");
          if (!p.results.length) {
            return t("none");
          }
          p.results.forEach(function (l) {
            d.appendChild(el("p", { "class": "cmp-level" }, l.level));
            d.appendChild(list(l.items, function (li, x) { li.textContent = x; }));
          });
          return d;
        });
        row(t("row_indicators"), function (p) {
          return list(p.indicators, function (li, x) {
            li.appendChild(el("span", { "class": "cmp-name" }, x.name));
            var v = x.latest ? x.latest.value + " (" + x.latest.year + ")" : x.not_measured ? t("not_measured") : t("none");
            li.appendChild(doc.createTextNode(": " + v));
            if (x.target) {
              li.appendChild(doc.createTextNode("; " + t("target") + " " + x.target.value + " (" + x.target.year + ")"));
            }
          });
        });
        row(t("row_costs"), function (p) {
          return list(p.costs, function (li, x) {
            var parts = [];
            if (x.per_family) {
              parts.push(x.per_family + " " + x.currency + " " + t("per_family"));
            }
            if (x.per_child) {
              parts.push(x.per_child + " " + x.currency + " " + t("per_child"));
            }
            li.textContent = x.result + ": " + (parts.join(", ") || t("none")) + " (" + x.year + ")";
          });
        });
        tbl.appendChild(tb);
        table.appendChild(tbl);
        syncCompare("");
      });
    }
  }

  syncCompare("");
})();
