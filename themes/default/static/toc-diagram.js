// Progressive enhancement for the theory-of-change diagram: hovering or
// focusing a node highlights everything it leads to and everything that
// leads to it; the diagram is shown as an overview that fits the page,
// with zoom (buttons, Ctrl+wheel, pinch, keys + − 0 and arrows to pan) and
// a full-screen view. Without this script the full-size SVG scrolls in its
// box, and the logic-model table is the diagram's text alternative.
(function () {
  "use strict";
  var ui = {};
  try {
    ui = JSON.parse(document.getElementById("dokaz-ui").textContent);
  } catch (e) {
    ui = {};
  }
  function t(key, fallback) {
    return typeof ui[key] === "string" ? ui[key] : fallback;
  }
  document.querySelectorAll("figure.diagram").forEach(viewer);
  chains();

  // The chain view: the effect's at first (the server names it in
  // `data-chain` and leaves the list to this script); a list of every result
  // (grouped by the diagram's columns) shows another's, as does the "How
  // is this reached?" link on each result's row of the logic model.
  function chains() {
    var section = document.getElementById("chain");
    var svg = document.querySelector("svg.toc-diagram");
    if (!section || !svg) return;
    var prev = {}, nodes = {}, order = [];
    svg.querySelectorAll(".edge").forEach(function (e) {
      var b = e.getAttribute("data-to");
      (prev[b] = prev[b] || []).push(e.getAttribute("data-from"));
    });
    var columns = [];
    svg.querySelectorAll(".col-label").forEach(function (l) {
      columns.push({ x: Number(l.getAttribute("x")), label: l.textContent });
    });
    svg.querySelectorAll("a.node").forEach(function (a) {
      var rect = a.querySelector("rect");
      var x = Number(rect.getAttribute("x")), y = Number(rect.getAttribute("y"));
      var col = 0;
      columns.forEach(function (c, i) { if (Math.abs(c.x - x) < 1) col = i; });
      var key = a.getAttribute("data-node");
      // One line per tspan: the lines of a wrapped label, joined again
      // by the spaces they were wrapped at.
      var lines = [];
      a.querySelectorAll("tspan").forEach(function (l) { lines.push(l.textContent); });
      var text = (lines.length ? lines.join(" ") : a.textContent).replace(/\s+/g, " ").trim();
      nodes[key] = { key: key, text: text, href: a.getAttribute("href"), col: col, y: y };
      order.push(key);
    });
    var list = section.querySelector(".chain-steps");
    var title = section.querySelector(".chain-result");
    function show(key) {
      var on = {}, stack = [key];
      while (stack.length) {
        var k = stack.pop();
        if (on[k]) continue;
        on[k] = true;
        (prev[k] || []).forEach(function (m) { stack.push(m); });
      }
      var picked = order.filter(function (k) { return on[k]; }).map(function (k) { return nodes[k]; });
      picked.sort(function (a, b) { return a.col - b.col || a.y - b.y; });
      list.textContent = "";
      var step = null, ul = null;
      picked.forEach(function (n) {
        if (!step || step.col !== n.col) {
          step = document.createElement("li");
          step.className = "chain-step";
          step.col = n.col;
          var h = document.createElement("h4");
          h.textContent = columns[n.col] ? columns[n.col].label : "";
          step.appendChild(h);
          ul = document.createElement("ul");
          step.appendChild(ul);
          list.appendChild(step);
        }
        var li = document.createElement("li"), a = document.createElement("a");
        a.href = n.href;
        a.textContent = n.text;
        li.appendChild(a);
        ul.appendChild(li);
      });
      title.textContent = nodes[key].text;
      select.value = key;
    }
    var label = document.createElement("label");
    label.setAttribute("for", "chain-pick");
    label.textContent = t("chain_pick", "Show the chain of the result");
    var select = document.createElement("select");
    select.id = "chain-pick";
    var groups = {};
    order.filter(function (k) { return k.indexOf("r:") === 0; }).forEach(function (k) {
      var n = nodes[k];
      var g = groups[n.col];
      if (!g) {
        g = groups[n.col] = document.createElement("optgroup");
        g.label = columns[n.col] ? columns[n.col].label : "";
      }
      var o = document.createElement("option");
      o.value = k;
      o.textContent = n.text;
      g.appendChild(o);
    });
    Object.keys(groups).sort(function (a, b) { return a - b; }).forEach(function (c) { select.appendChild(groups[c]); });
    var first = section.getAttribute("data-chain");
    if (!nodes[first]) return;
    select.addEventListener("change", function () { show(select.value); });
    var pick = document.createElement("p");
    pick.className = "chain-pick";
    pick.appendChild(label);
    pick.appendChild(select);
    section.insertBefore(pick, list);
    show(first);
    section.hidden = false;
    // "How is this reached?" on each result's row.
    document.querySelectorAll("#logic-model tr[id^='r-']").forEach(function (row) {
      var key = "r:" + row.id.slice(2);
      if (!nodes[key]) return;
      var b = document.createElement("button");
      b.type = "button";
      b.className = "chain-how";
      b.textContent = t("chain_how", "How is this reached?");
      b.addEventListener("click", function () {
        show(key);
        section.scrollIntoView({ block: "start" });
        select.focus();
      });
      var th = row.querySelector("th");
      if (th) { th.appendChild(document.createElement("br")); th.appendChild(b); }
    });
  }

  // One diagram's viewer: `scale` 0 is the overview (fit to width);
  // otherwise the SVG is drawn at that multiple of its own size inside
  // the scroll box, which pans it.
  function viewer(figure) {
    var box = figure.querySelector(".diagram-scroll");
    var svg = box && box.querySelector("svg.toc-diagram");
    if (!svg) return;
    var w = Number(svg.getAttribute("width")), h = Number(svg.getAttribute("height"));
    if (!w || !h) return;
    var scale = 0;
    var tools = document.createElement("div");
    tools.className = "diagram-tools";
    tools.setAttribute("role", "toolbar");
    tools.setAttribute("aria-label", t("diagram_tools", "Diagram"));
    function button(cls, label, text, onclick) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = cls;
      b.setAttribute("aria-label", label);
      b.textContent = text;
      b.addEventListener("click", onclick);
      tools.appendChild(b);
      return b;
    }
    var full = button("diagram-full", t("diagram_full", "Full size"), t("diagram_full", "Full size"), function () {
      set(scale === 0 ? 1 : 0);
    });
    button("diagram-zoom-out", t("diagram_zoom_out", "Zoom out"), "−", function () { zoom(1 / 1.25); });
    button("diagram-zoom-in", t("diagram_zoom_in", "Zoom in"), "+", function () { zoom(1.25); });
    var screen = null;
    if (figure.requestFullscreen) {
      screen = button("diagram-screen", t("diagram_fullscreen", "Full screen"), t("diagram_fullscreen", "Full screen"), function () {
        if (document.fullscreenElement === figure) document.exitFullscreen();
        else figure.requestFullscreen().then(function () { box.focus(); }, function () {});
      });
      document.addEventListener("fullscreenchange", function () {
        var on = document.fullscreenElement === figure;
        screen.setAttribute("aria-pressed", on ? "true" : "false");
        figure.classList.toggle("is-fullscreen", on);
      });
    }
    var status = document.createElement("span");
    status.className = "diagram-scale";
    status.setAttribute("aria-live", "polite");
    tools.appendChild(status);
    figure.insertBefore(tools, box);
    // The overview's own scale, for zooming from it.
    function fit() {
      return Math.min(1, (box.clientWidth || w) / w);
    }
    function set(s) {
      var before = scale || fit();
      var cx = (box.scrollLeft + box.clientWidth / 2) / before;
      var cy = (box.scrollTop + box.clientHeight / 2) / before;
      scale = s > 0 ? Math.max(fit(), Math.min(3, s)) : 0;
      if (scale > 0 && Math.abs(scale - fit()) < 0.01 && s < 1) scale = 0;
      figure.classList.toggle("is-overview", scale === 0);
      var now = scale || fit();
      if (scale === 0) {
        svg.removeAttribute("style");
        svg.setAttribute("width", "100%");
        svg.removeAttribute("height");
      } else {
        svg.setAttribute("width", String(Math.round(w * now)));
        svg.setAttribute("height", String(Math.round(h * now)));
        box.scrollLeft = cx * now - box.clientWidth / 2;
        box.scrollTop = cy * now - box.clientHeight / 2;
      }
      full.textContent = scale === 0 ? t("diagram_full", "Full size") : t("diagram_overview", "Overview");
      full.setAttribute("aria-label", full.textContent);
      full.setAttribute("aria-pressed", scale === 0 ? "false" : "true");
      status.textContent = Math.round(now * 100) + "%";
      figure.setAttribute("data-scale", String(Math.round(now * 100)));
    }
    function zoom(f) {
      set((scale || fit()) * f);
    }
    box.addEventListener("keydown", function (e) {
      if (e.target !== box && !box.contains(e.target)) return;
      var step = 60;
      if (e.key === "+" || e.key === "=") zoom(1.25);
      else if (e.key === "-" || e.key === "_") zoom(1 / 1.25);
      else if (e.key === "0") set(0);
      else if (e.key === "ArrowLeft" && scale) box.scrollLeft -= step;
      else if (e.key === "ArrowRight" && scale) box.scrollLeft += step;
      else if (e.key === "ArrowUp" && scale) box.scrollTop -= step;
      else if (e.key === "ArrowDown" && scale) box.scrollTop += step;
      else return;
      e.preventDefault();
    });
    box.addEventListener("wheel", function (e) {
      if (!e.ctrlKey) return;
      e.preventDefault();
      zoom(e.deltaY < 0 ? 1.1 : 1 / 1.1);
    }, { passive: false });
    // Drag to pan; two pointers pinch.
    var pointers = {}, pinch = 0, drag = null;
    box.addEventListener("pointerdown", function (e) {
      pointers[e.pointerId] = e;
      var ids = Object.keys(pointers);
      if (ids.length === 2) {
        var a = pointers[ids[0]], b = pointers[ids[1]];
        pinch = Math.hypot(a.clientX - b.clientX, a.clientY - b.clientY);
      } else if (scale && e.pointerType === "mouse" && !e.target.closest("a")) {
        drag = { x: e.clientX, y: e.clientY, l: box.scrollLeft, t: box.scrollTop };
      }
    });
    box.addEventListener("pointermove", function (e) {
      if (pointers[e.pointerId]) pointers[e.pointerId] = e;
      var ids = Object.keys(pointers);
      if (ids.length === 2 && pinch) {
        var a = pointers[ids[0]], b = pointers[ids[1]];
        var d = Math.hypot(a.clientX - b.clientX, a.clientY - b.clientY);
        if (Math.abs(d - pinch) > 8) {
          zoom(d / pinch);
          pinch = d;
        }
      } else if (drag) {
        box.scrollLeft = drag.l - (e.clientX - drag.x);
        box.scrollTop = drag.t - (e.clientY - drag.y);
      }
    });
    function up(e) {
      delete pointers[e.pointerId];
      if (Object.keys(pointers).length < 2) pinch = 0;
      drag = null;
    }
    box.addEventListener("pointerup", up);
    box.addEventListener("pointercancel", up);
    // A node reached by keyboard is scrolled into view.
    svg.querySelectorAll(".node").forEach(function (n) {
      n.addEventListener("focus", function () {
        if (scale && n.scrollIntoView) n.scrollIntoView({ block: "nearest", inline: "nearest" });
      });
    });
    set(0);
  }

  document.querySelectorAll("svg.toc-diagram").forEach(function (svg) {
    var next = {}, prev = {};
    var edges = svg.querySelectorAll(".edge");
    edges.forEach(function (e) {
      var a = e.getAttribute("data-from"), b = e.getAttribute("data-to");
      (next[a] = next[a] || []).push(b);
      (prev[b] = prev[b] || []).push(a);
    });
    function closure(start, graph, seen) {
      var stack = [start];
      while (stack.length) {
        var k = stack.pop();
        (graph[k] || []).forEach(function (m) {
          if (!seen[m]) { seen[m] = true; stack.push(m); }
        });
      }
    }
    function trace(key) {
      var on = {};
      on[key] = true;
      closure(key, next, on);
      closure(key, prev, on);
      svg.classList.add("is-tracing");
      svg.querySelectorAll(".node").forEach(function (n) {
        n.classList.toggle("hl", !!on[n.getAttribute("data-node")]);
      });
      edges.forEach(function (e) {
        e.classList.toggle("hl", !!(on[e.getAttribute("data-from")] && on[e.getAttribute("data-to")]));
      });
    }
    function clear() {
      svg.classList.remove("is-tracing");
    }
    svg.querySelectorAll(".node").forEach(function (n) {
      var key = n.getAttribute("data-node");
      n.addEventListener("mouseenter", function () { trace(key); });
      n.addEventListener("focus", function () { trace(key); });
      n.addEventListener("mouseleave", clear);
      n.addEventListener("blur", clear);
    });
  });
})();
