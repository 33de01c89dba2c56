/* Export page: poll the job until the file is ready, moving the progress bar; then reload to show the link. */
(function () {
  "use strict";
  var box = document.getElementById("export-job");
  if (!box || box.dataset.state === "done" || box.dataset.state === "failed") { return; }
  var bar = document.getElementById("export-progress");
  function poll() {
    fetch(box.dataset.url, {headers: {"Accept": "application/json"}, credentials: "same-origin"})
      .then(function (r) { return r.json(); })
      .then(function (data) {
        bar.value = data.progress;
        if (data.state === "done" || data.state === "failed") { window.location.reload(); }
        else { window.setTimeout(poll, 1500); }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1000);
})();
