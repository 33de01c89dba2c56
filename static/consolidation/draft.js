/* The Báo cáo's draft: "Trích" and "Chèn số liệu" put the words at the end of the section's text without a round
   trip; the draft saves itself a few seconds after typing stops (the same form, asking for JSON). A conflict
   (someone else saved meanwhile) stops the autosave and says so: nothing is overwritten. */
(function () {
  "use strict";
  var form = document.getElementById("draft-form");
  if (!form || !form.dataset.autosave) { return; }
  var version = document.getElementById("draft-version");
  var status = document.getElementById("draft-status");
  var conflict = document.getElementById("draft-conflict");
  var timer = null, dirty = false, saving = false, stopped = false, submitAfter = false;
  var DELAY = 3000;

  function say(text) { if (status) { status.textContent = text; } }

  function save() {
    timer = null;
    if (stopped || !dirty) { return; }
    if (saving) { schedule(); return; }
    saving = true; dirty = false;
    say(form.dataset.saving);
    fetch(form.dataset.autosave, {
      method: "POST", body: new FormData(form), credentials: "same-origin",
      headers: {"Accept": "application/json", "X-Requested-With": "fetch"}
    }).then(function (response) {
      return response.json().then(function (data) { return {status: response.status, data: data}; });
    }).then(function (result) {
      saving = false;
      if (result.status === 200) {
        version.value = result.data.version;
        say(result.data.message);
        // "Lưu dự thảo" pressed while this autosave was on its way: send it now, from the version just made.
        if (submitAfter) { submitAfter = false; stopped = true; form.submit(); }
        return;
      }
      submitAfter = false;
      dirty = true;
      if (result.status === 409) {
        stopped = true;
        conflict.textContent = result.data.error;
        conflict.classList.remove("d-none");
        say(result.data.error);
      } else {
        say(result.data.error || form.dataset.failed);
      }
    }).catch(function () {
      saving = false; dirty = true; submitAfter = false;
      say(form.dataset.offline);
      schedule(10000);
    });
  }

  function schedule(delay) {
    if (timer) { window.clearTimeout(timer); }
    timer = window.setTimeout(save, delay || DELAY);
  }

  form.addEventListener("input", function (event) {
    if (event.target.classList.contains("draft-text")) { dirty = true; schedule(); }
  });

  form.addEventListener("click", function (event) {
    var button = event.target.closest("[data-insert]");
    if (!button) { return; }
    var area = document.getElementById(button.dataset.insert === "basis" ? "draft-basis" : "s-" + button.dataset.insert);
    if (!area) { return; }
    event.preventDefault();
    var current = area.value.replace(/\s+$/, "");
    area.value = current ? current + "\n" + button.dataset.text : button.dataset.text;
    area.focus();
    area.scrollTop = area.scrollHeight;
    dirty = true;
    schedule(500);
  });

  form.addEventListener("submit", function (event) {
    if (saving) { event.preventDefault(); submitAfter = true; return; }
    stopped = true; dirty = false;
  });
  window.addEventListener("beforeunload", function (event) {
    if (dirty && !stopped) { event.preventDefault(); event.returnValue = ""; }
  });
})();
