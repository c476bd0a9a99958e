/* Side-by-side review: equal row heights across trusts, synchronised scrolling, the section navigator,
   the noise toggle, keyboard jumps between significant differences, and the one decision form that is
   moved into whichever difference a reviewer opens. No inline scripts (CSP). */
(function () {
  "use strict";

  function rowsOf(col) { return Array.prototype.slice.call(col.querySelectorAll(".cv-row")); }

  // Give the same section the same height in every column, so rows line up side by side.
  function equaliseRows(cols) {
    var lists = cols.map(rowsOf);
    lists.forEach(function (rows) { rows.forEach(function (r) { r.style.minHeight = ""; }); });
    if (window.matchMedia && window.matchMedia("(max-width: 700px)").matches) { return; }
    var n = Math.max.apply(null, lists.map(function (l) { return l.length; }));
    for (var i = 0; i < n; i++) {
      var h = 0;
      lists.forEach(function (rows) { if (rows[i]) { h = Math.max(h, rows[i].offsetHeight); } });
      lists.forEach(function (rows) { if (rows[i]) { rows[i].style.minHeight = h + "px"; } });
    }
  }

  // The row at the top of a scrolled column, and how far into it (0..1) the top edge is.
  function topRow(col) {
    var rows = rowsOf(col), top = col.scrollTop + col.querySelector(".cv-col__head").offsetHeight;
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i];
      if (r.offsetTop + r.offsetHeight > top) {
        return { index: i, fraction: Math.max(0, (top - r.offsetTop) / Math.max(1, r.offsetHeight)) };
      }
    }
    return { index: rows.length - 1, fraction: 1 };
  }

  function scrollToRow(col, index, fraction) {
    var rows = rowsOf(col), r = rows[Math.min(index, rows.length - 1)];
    if (!r) { return; }
    var head = col.querySelector(".cv-col__head").offsetHeight;
    col.scrollTop = r.offsetTop - head + fraction * r.offsetHeight;
  }

  function syncScrolling(cols, onRow) {
    var leader = null, release = null;
    cols.forEach(function (col) {
      col.addEventListener("scroll", function () {
        if (leader && leader !== col) { return; }
        leader = col;
        var at = topRow(col);
        cols.forEach(function (other) { if (other !== col) { scrollToRow(other, at.index, at.fraction); } });
        onRow(at.index);
        window.clearTimeout(release);
        release = window.setTimeout(function () { leader = null; }, 80);
      }, { passive: true });
    });
  }

  function navigator(nav, cols) {
    var links = Array.prototype.slice.call(nav.querySelectorAll("a[data-row]"));
    links.forEach(function (a) {
      a.addEventListener("click", function (event) {
        event.preventDefault();
        showRow(cols, parseInt(a.dataset.row, 10), a.getAttribute("href"));
      });
    });
    return function (index) {
      links.forEach(function (a) {
        var here = parseInt(a.dataset.row, 10) === index;
        a.classList.toggle("cv-current", here);
        if (here) { a.setAttribute("aria-current", "location"); } else { a.removeAttribute("aria-current"); }
      });
    };
  }

  function showRow(cols, index, hash) {
    cols.forEach(function (col) {
      scrollToRow(col, index, 0);
      rowsOf(col).forEach(function (r, i) { r.classList.toggle("cv-target", i === index); });
    });
    var target = hash && document.getElementById(hash.slice(1));
    if (target) {
      target.setAttribute("tabindex", "-1");
      target.focus({ preventScroll: true });
      cols[0].parentNode.scrollIntoView({ block: "start" });
    }
    if (hash && window.history.replaceState) { window.history.replaceState(null, "", hash); }
  }

  // Links from the differences list (and the significant tags) into the columns.
  function rowLinks(cols) {
    document.querySelectorAll("a[data-row-link]").forEach(function (a) {
      a.addEventListener("click", function (event) {
        event.preventDefault();
        showRow(cols, parseInt(a.dataset.rowLink, 10), a.getAttribute("href"));
      });
    });
  }

  function noiseToggle(button) {
    var review = document.getElementById("review");
    var lists = button.getAttribute("aria-controls").split(" ").map(function (id) {
      return document.getElementById(id);
    });
    var fallback = document.getElementById("noise-form");
    if (fallback) { fallback.hidden = true; }
    button.hidden = false;
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", open ? "true" : "false");
      button.textContent = open ? button.dataset.hide : button.dataset.show;
      lists.forEach(function (list) { if (list) { list.hidden = !open; } });
      if (review) { review.classList.toggle("cv-show-noise", open); }
    });
  }

  // "j"/"k" jump to the next/previous significant difference in the list (not while typing).
  function significantKeys() {
    var items = Array.prototype.slice.call(document.querySelectorAll(".cv-diff--significant"));
    if (!items.length) { return; }
    var at = -1;
    document.addEventListener("keydown", function (event) {
      var tag = (event.target.tagName || "").toLowerCase();
      if (tag === "input" || tag === "textarea" || tag === "select" || event.altKey || event.ctrlKey || event.metaKey) { return; }
      if (event.key !== "j" && event.key !== "k") { return; }
      at = event.key === "j" ? Math.min(items.length - 1, at + 1) : Math.max(0, at - 1);
      items[at].setAttribute("tabindex", "-1");
      items[at].focus();
    });
  }

  // The page carries one decision form (in a <template>, with this reader's CSRF token); opening a
  // difference's "Decide or comment" moves it there and fills in that difference. Without JavaScript the
  // disclosure holds a link to the difference's own page with the same form.
  function decideForms() {
    var tpl = document.getElementById("decide-template");
    if (!tpl || !tpl.content) { return; }
    var box = tpl.content.querySelector(".cv-decide-forms").cloneNode(true);
    var current = null;
    function fill(details) {
      var key = details.dataset.key;
      if (current !== key) {
        box.querySelectorAll("textarea").forEach(function (t) { t.value = ""; });
      }
      current = key;
      box.querySelectorAll("[data-key-input]").forEach(function (i) { i.value = key; });
      var present = (details.dataset.trusts || "").split(" ");
      box.querySelectorAll(".cv-leave-out").forEach(function (s) {
        s.hidden = present.indexOf(s.dataset.trust) >= 0;
      });
      box.querySelectorAll("input[type=radio]").forEach(function (r) {
        r.checked = r.value === details.dataset.decision;
      });
      var text = details.querySelector(".nhsuk-details__text");
      var fallback = text.querySelector(".cv-decide-fallback");
      if (fallback) { fallback.hidden = true; }
      text.appendChild(box);
    }
    document.querySelectorAll(".cv-can-act details.cv-decide").forEach(function (details) {
      details.addEventListener("toggle", function () {
        if (!details.open) { return; }
        document.querySelectorAll("details.cv-decide[open]").forEach(function (other) {
          if (other !== details) { other.open = false; }
        });
        fill(details);
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var compare = document.getElementById("compare");
    if (compare) {
      var cols = Array.prototype.slice.call(compare.querySelectorAll(".cv-col"));
      var nav = document.getElementById("section-nav");
      var onRow = nav ? navigator(nav, cols) : function () {};
      equaliseRows(cols);
      var timer = null;
      window.addEventListener("resize", function () {
        window.clearTimeout(timer);
        timer = window.setTimeout(function () { equaliseRows(cols); }, 150);
      });
      syncScrolling(cols, onRow);
      rowLinks(cols);
      var m = /^#row-(\d+)-/.exec(window.location.hash);
      if (m) { showRow(cols, parseInt(m[1], 10), null); }
    }
    var toggle = document.getElementById("noise-toggle");
    if (toggle) { noiseToggle(toggle); }
    significantKeys();
    decideForms();
  });
})();
