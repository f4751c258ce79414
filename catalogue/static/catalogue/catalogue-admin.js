// Polls the edition's status endpoint and updates the runs table while a run is queued or running.
(function () {
  "use strict";
  var table = document.querySelector("[data-catalogue-status-url]");
  if (!table) { return; }
  var url = table.getAttribute("data-catalogue-status-url");
  var live = document.querySelector(".catalogue-runs__live");

  function text(tag, className, value) {
    var element = document.createElement(tag);
    element.className = className;
    element.textContent = value;
    return element;
  }

  function update(run) {
    var row = table.querySelector('tr[data-export-id="' + run.id + '"]');
    if (!row) { return false; }  // a run started elsewhere: reload shows it
    var status = row.querySelector(".catalogue-runs__status");
    if (status.getAttribute("data-status") !== run.status && live) {
      live.textContent = "v" + run.version + ": " + run.status_label;
    }
    status.setAttribute("data-status", run.status);
    status.textContent = run.status_label;
    var cell = row.querySelector(".catalogue-runs__progress");
    cell.querySelector("progress").value = run.progress;
    cell.querySelector(".catalogue-runs__percent").textContent = run.progress + " %";
    cell.querySelector(".catalogue-runs__stage").textContent = run.stage;
    cell.querySelector(".catalogue-runs__remaining").textContent = run.remaining_label || "";
    var error = cell.querySelector(".catalogue-runs__error");
    if (run.error && !error) {
      error = text("p", "catalogue-runs__error", "");
      error.setAttribute("role", "alert");
      cell.appendChild(error);
    }
    if (error) { error.textContent = run.error; }
    var files = row.querySelector(".catalogue-runs__files");
    files.textContent = "";
    run.files.forEach(function (file) {
      var link = text("a", "button button-small button-secondary", file.label + " (" + Math.ceil(file.size / 1024) + " KB)");
      link.href = file.url;
      files.appendChild(link);
      files.appendChild(document.createTextNode(" "));
    });
    return run.status === "queued" || run.status === "running";
  }

  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
      .then(function (data) {
        var active = false;
        data.exports.forEach(function (run) { active = update(run) || active; });
        if (active) { window.setTimeout(poll, 1500); }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }

  if (table.querySelector('[data-status="queued"], [data-status="running"]')) { poll(); }
})();
