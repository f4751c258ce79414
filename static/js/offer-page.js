/* Offer and environment pages: a Leaflet map of the place, a copy-link button and a print button. */
(function () {
    "use strict";

    document.querySelectorAll("[data-place-map]").forEach(function (container) {
        if (!window.L) {
            return;  // the fallback link stays
        }
        var lat = parseFloat(container.getAttribute("data-lat"));
        var lon = parseFloat(container.getAttribute("data-lon"));
        if (isNaN(lat) || isNaN(lon)) {
            return;
        }
        container.innerHTML = "";
        var map = window.L.map(container, { scrollWheelZoom: false, zoomControl: false }).setView([lat, lon], 13);
        window.L.control.zoom({ zoomInTitle: "Zoom ind", zoomOutTitle: "Zoom ud" }).addTo(map);
        window.L.tileLayer(container.getAttribute("data-tile-url"), {
            maxZoom: 18,
            attribution: container.getAttribute("data-tile-attribution")
        }).addTo(map);
        var title = container.getAttribute("data-title") || "";
        window.L.marker([lat, lon], { title: title, alt: title }).addTo(map);
    });

    var status = document.querySelector(".offer__share-status");
    document.querySelectorAll("[data-share]").forEach(function (button) {
        if (!navigator.clipboard && !navigator.share) {
            return;
        }
        button.hidden = false;
        button.addEventListener("click", function () {
            var url = button.getAttribute("data-url");
            if (navigator.share) {
                navigator.share({ title: button.getAttribute("data-title"), url: url }).catch(function () {});
                return;
            }
            navigator.clipboard.writeText(url).then(function () {
                if (status) {
                    status.textContent = button.getAttribute("data-done");
                }
            });
        });
    });
    document.querySelectorAll("[data-print]").forEach(function (button) {
        button.hidden = false;
        button.addEventListener("click", function () { window.print(); });
    });
})();
