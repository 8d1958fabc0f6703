(function () {
  "use strict";
  var folds = function () { return document.querySelectorAll("details.code-fold"); };
  var setAll = function (open) {
    folds().forEach(function (d) { d.open = open; });
  };
  var show = document.getElementById("lb-show-code");
  var hide = document.getElementById("lb-hide-code");
  if (show && hide) {
    show.addEventListener("click", function () { setAll(true); });
    hide.addEventListener("click", function () { setAll(false); });
    show.parentNode.hidden = false;
  }

  // Wide tables: a hint under those that scroll sideways.
  var hints = function () {
    document.querySelectorAll(".lensbook-scroll").forEach(function (box) {
      var next = box.nextElementSibling;
      var has = next && next.classList.contains("scroll-hint");
      var wide = box.scrollWidth > box.clientWidth + 1;
      if (wide && !has) {
        var p = document.createElement("p");
        p.className = "scroll-hint";
        p.textContent = "Scroll sideways for more columns \u2192";
        box.parentNode.insertBefore(p, box.nextSibling);
      } else if (!wide && has) {
        next.remove();
      }
    });
  };
  hints();
  window.addEventListener("resize", hints);

  // Tables of more than ten rows sort by a column when its header is
  // clicked: numbers (with separators, %, currency) by value, else by text.
  var number = function (s) {
    var t = s.replace(/[,\s$\u20ac\u00a3\u00a5%]/g, "").replace(/^[A-Z]{3}|[A-Z]{3}$/g, "");
    if (t === "" || !/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) { return null; }
    return parseFloat(t);
  };
  document.querySelectorAll(".output-html table").forEach(function (table) {
    var body = table.tBodies[0];
    var head = table.tHead;
    if (!body || !head || body.rows.length <= 10 || head.rows.length !== 1) { return; }
    var rows = Array.prototype.slice.call(body.rows);
    rows.forEach(function (r, i) { r.dataset.lbIndex = i; });
    Array.prototype.forEach.call(head.rows[0].cells, function (th, col) {
      th.classList.add("sortable");
      var b = document.createElement("button");
      b.type = "button";
      while (th.firstChild) { b.appendChild(th.firstChild); }
      th.appendChild(b);
      b.addEventListener("click", function () {
        var dir = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
        Array.prototype.forEach.call(head.rows[0].cells, function (c) { c.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", dir);
        var text = function (r) { return r.cells[col] ? r.cells[col].textContent.trim() : ""; };
        var numeric = rows.every(function (r) { return text(r) === "" || number(text(r)) !== null; });
        var data = rows.filter(function (r) { return !r.classList.contains("lensbook-total"); });
        var totals = rows.filter(function (r) { return r.classList.contains("lensbook-total"); });
        data.sort(function (a, b) {
          var x = text(a), y = text(b), c;
          if (numeric) {
            var nx = number(x), ny = number(y);
            c = (nx === null ? -Infinity : nx) - (ny === null ? -Infinity : ny);
          } else {
            c = x.localeCompare(y);
          }
          if (dir === "descending") { c = -c; }
          return c || a.dataset.lbIndex - b.dataset.lbIndex;
        });
        data.concat(totals).forEach(function (r) { body.appendChild(r); });
      });
    });
  });
})();
