/* dokaz — the comparison table: the selected practices side by side,
 * drawn from compare/<id>.json; the URL carries the selection (a shared
 * link becomes the reader's selection). Needs site.js (loaded before
 * it). */
(function () {
  "use strict";
  var dk = window.dokaz;
  if (!dk) {
    return;
  }
  var doc = document;
  var lroot = dk.lroot;
  var t = dk.t;
  var el = dk.el;
  var ID = dk.ID;
  var cmp = dk.compare;

  var page = doc.getElementById("compare-page");
  if (page) {
    comparePage();
  }
  function comparePage() {
    var status = doc.getElementById("compare-status");
    var table = doc.getElementById("compare-table");
    var link = doc.getElementById("compare-link");
    doc.getElementById("compare-nojs").hidden = true;
    var cache = {};
    var ids = (new URLSearchParams(location.search).get("p") || "")
      .split(",")
      .filter(function (x) { return ID.test(x); })
      .slice(0, cmp.MAX);
    if (ids.length) {
      // A shared link becomes this reader's selection.
      cmp.select(ids);
    }
    function view() {
      var selection = cmp.selection();
      history.replaceState(null, "", selection.length ? "?p=" + selection.join(",") : "index.html");
      draw();
    }
    cmp.setView(view);
    view();
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
      cmp.sync("");
      var sel = cmp.selection().slice();
      link.hidden = sel.length === 0;
      link.setAttribute("href", "?p=" + sel.join(","));
      link.textContent = t("compare_link");
      if (sel.length < 2) {
        status.textContent = doc.getElementById("compare-pick").textContent;
      } else {
        status.textContent = "";
      }
      Promise.all(sel.map(function (id) { return load(id).catch(function () { return null; }); })).then(function (ps) {
        if (sel.join() !== cmp.selection().join()) {
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
            var items = [
              [t("claimed"), e.claimed], [t("verified"), e.verified], [t("supported"), e.supported]
            ];
            // A verified level carries when it is due for re-review, and
            // says so once it is.
            if (e.verified && e.due) {
              items.push([e.overdue ? "⚠ " + t("review_overdue") : t("review_due_by"), e.due]);
            }
            return list(items, function (li, x) {
              li.textContent = x[0] + ": " + (x[1] || t("none"));
              if (x[0].charAt(0) === "⚠") {
                li.className = "warn";
              }
            });
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
              parts.push(x.per_family + " " + t("per_family"));
            }
            if (x.per_child) {
              parts.push(x.per_child + " " + t("per_child"));
            }
            li.textContent = x.result + ": " + (parts.join(", ") || t("none")) + " (" + x.year + ")";
          });
        });
        if (ps.some(function (p) { return p.cost_band; })) {
          row(t("row_cost_band"), function (p) { return p.cost_band || t("none"); });
        }
        if (ps.some(function (p) { return (p.crosswalk || []).length; })) {
          row(t("row_crosswalk"), function (p) {
            if (!(p.crosswalk || []).length) return t("none");
            return list(p.crosswalk, function (li, x) { li.textContent = x.text + (x.note ? " — " + x.note : ""); });
          });
        }
        tbl.appendChild(tb);
        table.appendChild(tbl);
        // On a phone the same facts read as one card per practice
        // (label above value); the stylesheet shows one view or the other.
        var cards = el("div", { "class": "compare-cards" });
        ps.forEach(function (p, i) {
          var card = el("article", { "class": "compare-card", lang: p.lang || null });
          var h = el("h2");
          h.appendChild(el("a", { href: lroot + p.href }, p.title));
          card.appendChild(h);
          card.appendChild(el("button", { type: "button", "class": "compare-toggle", "data-compare": p.id }));
          var dl = el("dl");
          Array.prototype.forEach.call(tb.rows, function (tr) {
            var cell = tr.cells[i + 1];
            dl.appendChild(el("dt", null, tr.cells[0].textContent));
            var dd = el("dd");
            Array.prototype.forEach.call(cell.childNodes, function (n) { dd.appendChild(n.cloneNode(true)); });
            dl.appendChild(dd);
          });
          card.appendChild(dl);
          cards.appendChild(card);
        });
        table.appendChild(cards);
        cmp.sync("");
      });
    }
  }
})();
