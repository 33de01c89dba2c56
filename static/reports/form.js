/* Progress form: keep a copy of what is typed in this browser so nothing is lost on a session timeout,
   restore it after re-login, and make a second click on a button harmless. No inline script (CSP). */
(function () {
  "use strict";
  // The one summary of what stops the form comes first: move focus there so it is read and its links reached.
  var problems = document.getElementById("form-problems");
  if (problems) { problems.focus(); }

  var form = document.getElementById("report-form");
  if (!form || !window.localStorage) { return; }
  var key = "camgiang-report-" + form.dataset.report + "-u" + form.dataset.user;
  var version = parseInt(form.dataset.version, 10);

  function fields() {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && el.name !== "csrfmiddlewaretoken" && el.name !== "version" && el.type !== "submit";
    });
  }
  function snapshot() {
    var values = {};
    fields().forEach(function (el) { values[el.name] = el.value; });
    return values;
  }
  function save() {
    try { localStorage.setItem(key, JSON.stringify({version: version, values: snapshot(), savedAt: Date.now()})); } catch (e) { /* storage full: nothing to do */ }
  }

  // Restore a copy typed on this very version of the form (the session ran out before it reached the server).
  // A copy of an older version was saved already, or someone else's save superseded it: drop it.
  var stored = null;
  try { stored = JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { stored = null; }
  if (stored && stored.version === version && !form.dataset.conflict) {
    var changed = false;
    fields().forEach(function (el) {
      if (Object.prototype.hasOwnProperty.call(stored.values, el.name) && stored.values[el.name] !== el.value) {
        el.value = stored.values[el.name];
        changed = true;
      }
    });
    if (changed) { document.getElementById("restored-notice").classList.remove("d-none"); }
  } else if (stored && stored.version < version) {
    localStorage.removeItem(key);
  }

  form.addEventListener("input", save);
  form.addEventListener("change", save);

  var sent = false;
  form.addEventListener("submit", function (event) {
    if (sent) { event.preventDefault(); return; }
    sent = true;
    save();
    // Keep the clicked button's value: a disabled button is not sent with the form.
    var button = event.submitter;
    if (button && button.name) {
      var hidden = document.createElement("input");
      hidden.type = "hidden";
      hidden.name = button.name;
      hidden.value = button.value;
      form.appendChild(hidden);
    }
    Array.prototype.forEach.call(form.querySelectorAll("button[type=submit]"), function (b) { b.disabled = true; });
  });
})();
