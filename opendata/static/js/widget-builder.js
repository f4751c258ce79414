// The widget builder: live preview of the unsaved settings and a copy button for the snippet.
(function () {
  "use strict";
  var form = document.querySelector("[data-widget-form]");
  var preview = document.querySelector("[data-widget-preview]");
  if (form && preview) {
    var timer = null;
    var update = function () {
      var data = new FormData(form);
      data.delete("csrfmiddlewaretoken");
      var query = new URLSearchParams(data).toString();
      preview.src = form.dataset.previewUrl + "?" + query;
    };
    var schedule = function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(update, 300);
    };
    form.addEventListener("input", schedule);
    form.addEventListener("change", schedule);
  }
  document.querySelectorAll("[data-copy-snippet]").forEach(function (button) {
    button.addEventListener("click", function () {
      var field = document.getElementById(button.dataset.copySnippet);
      var status = document.querySelector("[data-copy-status]");
      var done = function () { if (status) { status.textContent = "Koden er kopieret."; } };
      field.select();
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(field.value).then(done, function () { document.execCommand("copy"); done(); });
      } else {
        document.execCommand("copy");
        done();
      }
    });
  });
})();
