/* dokaz — the URL state and filter form shared by the catalogue
 * (catalogue.js) and the search page (search.js): the state is
 * { q, sort, f: { facet: [values] } } and lives in the URL, so a filtered
 * view can be bookmarked and sent. Needs site.js (loaded before it). */
(function () {
  "use strict";
  var dk = window.dokaz;
  if (!dk) {
    return;
  }
  var doc = document;
  var ID = dk.ID;

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

  dk.filters = {
    readState: readState,
    stateQuery: stateQuery,
    formState: formState,
    setForm: setForm,
    facetIdsOf: facetIdsOf,
    setCounts: setCounts,
    showFilters: showFilters
  };
})();
