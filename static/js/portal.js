// Portal-wide behaviour (no inline scripts: the Content-Security-Policy forbids them).
(function () {
  "use strict";
  // A second click on a submit button marked data-once does nothing: the first request is on its way.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.dataset.submitted === "1") {
      event.preventDefault();
      return;
    }
    if (form.querySelector("[data-once]")) {
      form.dataset.submitted = "1";
      form.querySelectorAll("[data-once]").forEach(function (button) {
        button.setAttribute("aria-disabled", "true");
        button.classList.add("disabled");
      });
    }
  });
})();
