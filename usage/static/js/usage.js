// Counts clicks on an offer's booking and contact links (no cookies, nothing about the visitor).
(function () {
  "use strict";
  var box = document.querySelector("[data-usage-offer]");
  if (!box || !navigator.sendBeacon) { return; }
  box.addEventListener("click", function (event) {
    var link = event.target.closest("a[href]");
    if (!link) { return; }
    var href = link.getAttribute("href");
    var kind = /^(mailto|tel):/.test(href) ? "contact" : (/^https?:/.test(href) ? "booking" : null);
    if (!kind) { return; }
    var data = new FormData();
    data.append("kind", kind);
    data.append("offer", box.dataset.usageOffer);
    navigator.sendBeacon(box.dataset.usageUrl, data);
  });
})();
