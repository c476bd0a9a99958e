/* Side-by-side review: equal row heights across trusts, synchronised scrolling, the section navigator,
   the noise toggle, keyboard jumps between significant differences, next/previous undecided, significant-only
   sections, a choice of columns, find in the group, print, and the one decision form that is moved into
   whichever difference a reviewer opens. No inline scripts (CSP). */
(function () {
  "use strict";

  // The rows shown (a significant-only view hides some; a hidden column has none).
  function rowsOf(col) {
    return Array.prototype.slice.call(col.querySelectorAll(".cv-row")).filter(function (r) {
      return r.offsetParent !== null;
    });
  }

  function rowIndex(r) { return parseInt(r.dataset.row, 10); }

  // Give the same section (and the column titles) the same height in every column, so rows line up.
  function equaliseRows(cols) {
    var heads = cols.map(function (c) { return c.querySelector(".cv-col__head"); }).filter(Boolean);
    var lists = cols.map(function (c) { return heads.length ? [c.querySelector(".cv-col__head")].concat(rowsOf(c)) : rowsOf(c); });
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
        return { index: rowIndex(r), fraction: Math.max(0, (top - r.offsetTop) / Math.max(1, r.offsetHeight)) };
      }
    }
    return { index: rows.length ? rowIndex(rows[rows.length - 1]) : 0, fraction: 1 };
  }

  function scrollToRow(col, index, fraction) {
    var r = col.querySelector('.cv-row[data-row="' + index + '"]');
    if (!r || r.offsetParent === null) { return; }
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
      rowsOf(col).forEach(function (r) { r.classList.toggle("cv-target", rowIndex(r) === index); });
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


  // --- working through a group -------------------------------------------------------------------------

  var SETTLING = ["adopt", "new_text", "local_variation", "not_applicable"];

  function significantItems() {
    return Array.prototype.slice.call(document.querySelectorAll("li.cv-diff--significant"));
  }

  function isUndecided(li) {
    var details = li.querySelector("details.cv-decide");
    var value = details ? (details.dataset.decision || "").trim().split(":")[0] : "";
    return SETTLING.indexOf(value) < 0;
  }

  // Focus a difference: its "Decide" control when this reader may act, else the item itself.
  function focusDifference(li, cols) {
    var summary = li.querySelector("details.cv-decide summary");
    var target = summary && summary.offsetParent !== null ? summary : li;
    if (target === li) { li.setAttribute("tabindex", "-1"); }
    li.scrollIntoView({ block: "center" });
    target.focus({ preventScroll: true });
    var link = li.querySelector("a[data-row-link]");
    if (link && cols) {
      var index = parseInt(link.dataset.rowLink, 10);
      cols.forEach(function (col) { scrollToRow(col, index, 0); });
    }
  }

  function undecidedSteps(cols) {
    var items = significantItems();
    var status = document.getElementById("work-progress");
    var prev = document.getElementById("prev-undecided"), next = document.getElementById("next-undecided");
    if (!items.length || !next) { return; }
    next.parentNode.hidden = false;
    var current = null;
    function step(forward) {
      var open = items.filter(isUndecided);
      if (!open.length) {
        if (status) { status.textContent = "Every significant difference is decided."; }
        return;
      }
      var at = current ? items.indexOf(current) : (forward ? -1 : items.length);
      var pick = null;
      if (forward) {
        pick = open.filter(function (li) { return items.indexOf(li) > at; })[0] || open[0];
      } else {
        var before = open.filter(function (li) { return items.indexOf(li) < at; });
        pick = before.length ? before[before.length - 1] : open[open.length - 1];
      }
      current = pick;
      if (status) {
        status.textContent = "Undecided difference " + (open.indexOf(pick) + 1) + " of " + open.length + " (" +
          (items.length - open.length) + " of " + items.length + " significant decided)";
      }
      focusDifference(pick, cols);
    }
    next.addEventListener("click", function () { step(true); });
    if (prev) { prev.addEventListener("click", function () { step(false); }); }
    var first = document.getElementById("first-undecided");
    if (first) {
      first.addEventListener("click", function (event) { event.preventDefault(); current = null; step(true); });
    }
    document.addEventListener("keydown", function (event) {
      var tag = (event.target.tagName || "").toLowerCase();
      if (tag === "input" || tag === "textarea" || tag === "select" || event.altKey || event.ctrlKey || event.metaKey) { return; }
      if (event.key === "n") { step(true); } else if (event.key === "p") { step(false); }
    });
  }

  // Only the sections (rows) that hold a significant difference, in the columns and the navigator.
  function significantOnly(box, cols) {
    var review = document.getElementById("review");
    if (!box || !review) { return; }
    box.addEventListener("change", function () {
      review.classList.toggle("cv-sig-only", box.checked);
      equaliseRows(visible(cols));
    });
  }

  function visible(cols) { return cols.filter(function (c) { return !c.hidden; }); }

  // Which columns to show (two of three, say); at least one always stays.
  function columnChoice(compare, cols) {
    var boxes = Array.prototype.slice.call(document.querySelectorAll("input[data-col-choice]"));
    if (!boxes.length) { return; }
    function apply(changed) {
      var on = boxes.filter(function (b) { return b.checked; });
      if (!on.length && changed) { changed.checked = true; on = [changed]; }
      var shown = on.map(function (b) { return b.value; });
      cols.forEach(function (col) { col.hidden = shown.indexOf(col.dataset.col) < 0; });
      compare.className = compare.className.replace(/\bcv-cols-\d+\b/, "cv-cols-" + shown.length);
      equaliseRows(visible(cols));
    }
    boxes.forEach(function (b) { b.addEventListener("change", function () { apply(b); }); });
  }

  // Find words in the columns: every match marked, "Next match" (or Enter) scrolls to the next one.
  function finder(compare, cols) {
    var input = document.getElementById("find"), button = document.getElementById("find-next");
    var count = document.getElementById("find-count");
    if (!input) { return; }
    var hits = [], at = -1, timer = null;
    function clear() {
      hits.forEach(function (m) {
        var parent = m.parentNode;
        if (!parent) { return; }
        parent.replaceChild(document.createTextNode(m.textContent), m);
        parent.normalize();
      });
      hits = []; at = -1;
    }
    function search() {
      clear();
      var q = input.value.trim().toLowerCase();
      if (q.length < 2) { count.textContent = ""; return; }
      var walker = document.createTreeWalker(compare, NodeFilter.SHOW_TEXT, {
        acceptNode: function (n) {
          var el = n.parentNode;
          if (el.closest(".cv-col__head") || el.closest("[hidden]")) { return NodeFilter.FILTER_REJECT; }
          return n.nodeValue.toLowerCase().indexOf(q) >= 0 ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT;
        }
      });
      var nodes = [];
      while (walker.nextNode()) { nodes.push(walker.currentNode); }
      nodes.forEach(function (node) {
        var text = node.nodeValue, lower = text.toLowerCase(), from = 0, i, frag = document.createDocumentFragment();
        while ((i = lower.indexOf(q, from)) >= 0) {
          frag.appendChild(document.createTextNode(text.slice(from, i)));
          var m = document.createElement("mark");
          m.className = "cv-hit";
          m.textContent = text.slice(i, i + q.length);
          frag.appendChild(m);
          hits.push(m);
          from = i + q.length;
        }
        frag.appendChild(document.createTextNode(text.slice(from)));
        node.parentNode.replaceChild(frag, node);
      });
      count.textContent = hits.length ? hits.length + " match" + (hits.length === 1 ? "" : "es") : "No matches";
    }
    function next() {
      if (!hits.length) { return; }
      if (at >= 0) { hits[at].classList.remove("cv-hit--current"); }
      at = (at + 1) % hits.length;
      var m = hits[at], col = m.closest(".cv-col");
      m.classList.add("cv-hit--current");
      if (col) {
        col.scrollTop += m.getBoundingClientRect().top - col.getBoundingClientRect().top - col.clientHeight / 3;
        col.scrollIntoView({ block: "nearest" });
      }
      count.textContent = "Match " + (at + 1) + " of " + hits.length;
    }
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(search, 200);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
        window.clearTimeout(timer);
        if (!hits.length) { search(); }
        next();
      }
    });
    button.addEventListener("click", function () { if (!hits.length) { search(); } next(); });
  }

  // The section list is one tab stop: arrow keys move within it (a roving tabindex).
  function rovingNav(nav) {
    var links = Array.prototype.slice.call(nav.querySelectorAll("a[data-row]"));
    if (!links.length) { return function () {}; }
    function setCurrent(a) { links.forEach(function (l) { l.setAttribute("tabindex", l === a ? "0" : "-1"); }); }
    setCurrent(links[0]);
    nav.addEventListener("keydown", function (event) {
      var i = links.indexOf(document.activeElement);
      if (i < 0) { return; }
      var shown = links.filter(function (l) { return l.offsetParent !== null; });
      var j = shown.indexOf(links[i]), to = null;
      if (event.key === "ArrowDown" || event.key === "ArrowRight") { to = shown[Math.min(shown.length - 1, j + 1)]; }
      else if (event.key === "ArrowUp" || event.key === "ArrowLeft") { to = shown[Math.max(0, j - 1)]; }
      else if (event.key === "Home") { to = shown[0]; }
      else if (event.key === "End") { to = shown[shown.length - 1]; }
      if (to) { event.preventDefault(); setCurrent(to); to.focus(); }
    });
    return function (index) {
      var a = links.filter(function (l) { return parseInt(l.dataset.row, 10) === index; })[0];
      if (a && nav.contains(document.activeElement) === false) { setCurrent(a); }
    };
  }

  document.addEventListener("DOMContentLoaded", function () {
    var compare = document.getElementById("compare");
    if (compare) {
      var cols = Array.prototype.slice.call(compare.querySelectorAll(".cv-col"));
      var nav = document.getElementById("section-nav");
      var highlight = nav ? navigator(nav, cols) : function () {};
      var rove = nav ? rovingNav(nav) : function () {};
      var onRow = function (index) { highlight(index); rove(index); };
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
      var tools = document.getElementById("view-tools");
      if (tools) { tools.hidden = false; }
      significantOnly(document.getElementById("sig-only"), cols);
      columnChoice(compare, cols);
      finder(compare, cols);
      undecidedSteps(cols);
    }
    var print = document.getElementById("print-compare");
    if (print) { print.addEventListener("click", function () { window.print(); }); }
    var toggle = document.getElementById("noise-toggle");
    if (toggle) { noiseToggle(toggle); }
    significantKeys();
    decideForms();
  });
})();
