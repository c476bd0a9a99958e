/* A group page shown before its documents were compared (converge.web.comparing): ask the server whether
   the comparison is ready, every second, and reload the page when it is. Without this script the page says
   to reload it. No inline scripts (CSP). */
(function () {
  "use strict";
  var box = document.getElementById("comparing");
  if (!box || !window.fetch) { return; }
  var url = box.getAttribute("data-comparison-url");
  var status = document.getElementById("comparing-status");
  var reload = document.getElementById("comparing-reload");
  var INTERVAL = 1000, LIMIT = 600;  // ten minutes, then the reload link is left to the reader
  var asked = 0;
  if (reload) { reload.hidden = true; }
  if (status) { status.textContent += " This page will update by itself when it is."; }

  function stop(message) {
    if (status) { status.textContent = message; }
    if (reload) { reload.hidden = false; }
  }

  function ask() {
    asked += 1;
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" }, cache: "no-store" })
      .then(function (r) {
        if (!r.ok) { throw new Error(String(r.status)); }
        return r.json();
      })
      .then(function (answer) {
        if (answer.ready) { window.location.reload(); return; }
        if (asked < LIMIT) { window.setTimeout(ask, INTERVAL); } else { stop("The comparison is taking longer than usual."); }
      })
      .catch(function () { stop("The comparison could not be checked."); });
  }
  window.setTimeout(ask, INTERVAL);
})();
