// Progressive enhancement for the theory-of-change diagram: hovering or
// focusing a node highlights everything it leads to and everything that
// leads to it. The static SVG and the logic-model table work without this.
(function () {
  "use strict";
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
