/* Converge page behaviour: upload progress, background job polling. No inline scripts (CSP). */
(function () {
  "use strict";

  function uploadWithProgress(form) {
    var box = document.getElementById(form.dataset.progress);
    var bar = box && box.querySelector("progress");
    form.addEventListener("submit", function (event) {
      if (!window.XMLHttpRequest || !window.FormData) { return; }
      event.preventDefault();
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.action || window.location.href);
      xhr.setRequestHeader("Accept", "application/json");
      if (box) { box.hidden = false; }
      xhr.upload.addEventListener("progress", function (e) {
        if (e.lengthComputable && bar) {
          var pct = Math.round((e.loaded / e.total) * 100);
          bar.value = pct; bar.textContent = pct + "%";
        }
      });
      xhr.addEventListener("load", function () {
        if (xhr.status === 202) {
          window.location.assign(JSON.parse(xhr.responseText).url);
        } else {
          document.open(); document.write(xhr.responseText); document.close();
        }
      });
      xhr.send(new FormData(form));
    });
  }

  function text(tag, value) {
    var el = document.createElement(tag);
    el.textContent = value == null ? "" : String(value);
    return el;
  }

  function pollJob(box) {
    var phase = document.getElementById("job-phase");
    var bar = document.getElementById("job-bar");
    var body = document.getElementById("job-results");
    function render(job) {
      phase.textContent = job.phase.charAt(0).toUpperCase() + job.phase.slice(1) + ": " + job.done + " of " +
        (job.total || "?") + " files" + (job.message ? " – " + job.message : "");
      bar.max = job.total || 1; bar.value = job.done;
      body.replaceChildren();
      job.results.forEach(function (r) {
        var tr = document.createElement("tr"); tr.className = "nhsuk-table__row";
        [r.path, r.outcome || r.status].forEach(function (v) { var td = text("td", v); td.className = "nhsuk-table__cell"; tr.appendChild(td); });
        var td = document.createElement("td"); td.className = "nhsuk-table__cell";
        if (r.document_id) {
          var a = text("a", r.title || r.document_id);
          a.href = box.dataset.docUrl.replace("__ID__", encodeURIComponent(r.document_id));
          td.appendChild(a);
        }
        if (r.reason) { td.appendChild(text("span", " " + r.reason)); }
        tr.appendChild(td); body.appendChild(tr);
      });
      if (!job.finished) { window.setTimeout(tick, 700); }
    }
    function tick() {
      fetch(box.dataset.statusUrl, { headers: { Accept: "application/json" } })
        .then(function (r) { return r.json(); }).then(render)
        .catch(function () { window.setTimeout(tick, 2000); });
    }
    tick();
  }

  function pollDraft(box) {
    // A draft being built by a queue consumer: say how it goes, and offer the new draft when it is ready
    // (a link, not a reload: the reader may be in the middle of the draft built before).
    var status = document.getElementById("draft-state-text");
    var ready = document.getElementById("draft-ready");
    function tick() {
      fetch(box.dataset.stateUrl, { headers: { Accept: "application/json" } })
        .then(function (r) { return r.json(); })
        .then(function (s) {
          if (s.building) {
            status.textContent = "Building the draft from the decisions (" + s.phase + (s.message ? ": " + s.message : "") + ").";
            window.setTimeout(tick, 1000);
          } else if (s.phase === "failed") {
            status.textContent = "The build of the draft failed: " + s.message;
          } else {
            status.textContent = "The draft is built.";
            ready.hidden = false;
          }
        })
        .catch(function () { window.setTimeout(tick, 3000); });
    }
    tick();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var draft = document.getElementById("draft-state");
    if (draft && draft.hasAttribute("data-building")) { pollDraft(draft); }
    var form = document.getElementById("upload-form");
    if (form) { uploadWithProgress(form); }
    var job = document.getElementById("job");
    if (job) { pollJob(job); }
  });
})();
