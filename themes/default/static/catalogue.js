/* dokaz — the catalogue: filters, counts per value, sort and "show more",
 * drawn from practices/catalogue.json, fetched only when the reader
 * filters or sorts (or arrives with a filtered URL). Needs site.js and
 * filters.js (loaded before it). */
(function () {
  "use strict";
  var dk = window.dokaz;
  if (!dk || !dk.filters) {
    return;
  }
  var doc = document;
  var lroot = dk.lroot;
  var t = dk.t;
  var el = dk.el;
  var foundText = dk.foundText;
  var readState = dk.filters.readState;
  var stateQuery = dk.filters.stateQuery;
  var formState = dk.filters.formState;
  var setForm = dk.filters.setForm;
  var facetIdsOf = dk.filters.facetIdsOf;
  var setCounts = dk.filters.setCounts;
  var showFilters = dk.filters.showFilters;

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
        dk.compare.sync("");
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
      dk.compare.sync("");
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
})();
