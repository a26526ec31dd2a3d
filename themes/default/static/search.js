/* dokaz — the search page: pagefind's index for the page's language
 * (its pagefind.js is imported here, from the site's own pagefind/
 * folder), the facets as filters counted as the catalogue counts them,
 * and the state in the URL. Needs site.js and filters.js (loaded before
 * it). */
(function () {
  "use strict";
  var dk = window.dokaz;
  if (!dk || !dk.filters) {
    return;
  }
  var doc = document;
  var root = dk.root;
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
          // Who runs it and what experts verified: the two facts a reader
          // weighs a hit by (page meta, see practice.html).
          var meta = d.meta || {};
          if (meta.organization || meta.evidence) {
            var facts = el("p", { "class": "hit-facts" });
            if (meta.organization) facts.appendChild(el("span", { "class": "hit-org" }, meta.organization));
            if (meta.evidence) {
              facts.appendChild(el("span", { "class": "badge" + (meta.verified === "yes" ? " is-verified" : " badge-dim") }, meta.evidence));
            }
            li.appendChild(facts);
          }
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
})();
