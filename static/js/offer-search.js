/*
 * The offer search, enhanced: results update without a full reload. The page works without this
 * script (a plain GET form and links); with it, changes fetch the search fragment from the same URL
 * (header X-Search-Partial: 1), swap the filter and result regions, keep the focused control,
 * push the URL to the history, announce the result count and draw the map view.
 */
(function () {
    "use strict";

    var app = document.querySelector("[data-search-app]");
    if (!app || !window.fetch || !window.history.pushState) {
        return;
    }
    var status = document.getElementById("search-status");
    var controller = null;
    var leafletLoading = null;

    function form() {
        return app.querySelector("[data-search-form]");
    }

    function queryFromForm() {
        var params = new URLSearchParams();
        new FormData(form()).forEach(function (value, name) {
            if (String(value).trim() !== "") {
                params.append(name, value);
            }
        });
        // A typed postcode replaces a browser position.
        if (params.get("postnummer")) {
            params.delete("lat");
            params.delete("lon");
        }
        var query = params.toString();
        return form().getAttribute("action").split("?")[0] + (query ? "?" + query : "");
    }

    function openDetails() {
        return Array.prototype.map.call(app.querySelectorAll("details[open][id]"), function (el) {
            return el.id;
        });
    }

    function swap(html, options) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var incoming = doc.querySelector("[data-search-app]");
        if (!incoming) {
            window.location.href = options.url;
            return;
        }
        var focusedId = document.activeElement && document.activeElement.id;
        var keepOpen = openDetails();
        // The whole form follows the server (the URL is the state); focus and open panels are kept by id.
        form().innerHTML = incoming.querySelector("[data-search-form]").innerHTML;
        keepOpen.forEach(function (id) {
            var details = document.getElementById(id);
            if (details) {
                details.open = true;
            }
        });
        enhance();
        var heading = app.querySelector("[data-result-count]");
        if (status && heading) {
            status.textContent = "";
            window.setTimeout(function () {
                status.textContent = heading.textContent.replace(/\s+/g, " ").trim();
            }, 50);
        }
        if (options.focusResults && heading) {
            heading.focus();
        } else if (focusedId && document.getElementById(focusedId)) {
            document.getElementById(focusedId).focus();
        }
    }

    function load(url, options) {
        options = options || {};
        if (controller) {
            controller.abort();
        }
        controller = new AbortController();
        app.setAttribute("aria-busy", "true");
        return fetch(url, {
            headers: { "X-Search-Partial": "1" },
            signal: controller.signal,
            credentials: "same-origin"
        })
            .then(function (response) {
                if (!response.ok) {
                    throw new Error("HTTP " + response.status);
                }
                return response.text();
            })
            .then(function (html) {
                if (options.push) {
                    window.history.pushState({ search: true }, "", url);
                }
                swap(html, { url: url, focusResults: options.focusResults });
            })
            .catch(function (error) {
                if (error.name !== "AbortError") {
                    window.location.href = url;
                }
            })
            .finally(function () {
                app.removeAttribute("aria-busy");
            });
    }

    function loadLeaflet() {
        if (window.L) {
            return Promise.resolve(window.L);
        }
        if (!leafletLoading) {
            leafletLoading = new Promise(function (resolve, reject) {
                var script = document.createElement("script");
                script.src = app.getAttribute("data-leaflet-js");
                script.onload = function () { resolve(window.L); };
                script.onerror = reject;
                document.head.appendChild(script);
            });
        }
        return leafletLoading;
    }

    function drawMap() {
        var container = app.querySelector("[data-results-map]");
        var data = document.getElementById("results-map-data");
        if (!container || !data) {
            return;
        }
        var points = JSON.parse(data.textContent);
        loadLeaflet().then(function (L) {
            container.innerHTML = "";
            var map = L.map(container, { scrollWheelZoom: false });
            L.tileLayer(app.getAttribute("data-tile-url"), {
                maxZoom: 18,
                attribution: app.getAttribute("data-tile-attribution")
            }).addTo(map);
            var bounds = [];
            points.forEach(function (point) {
                var marker = L.marker([point.lat, point.lon], { title: point.title, alt: point.title }).addTo(map);
                var link = document.createElement("a");
                link.href = point.url;
                link.textContent = point.title;
                var popup = document.createElement("div");
                popup.appendChild(link);
                if (point.environment) {
                    popup.appendChild(document.createElement("br"));
                    popup.appendChild(document.createTextNode(point.environment));
                }
                marker.bindPopup(popup);
                bounds.push([point.lat, point.lon]);
            });
            if (bounds.length) {
                map.fitBounds(bounds, { padding: [24, 24], maxZoom: 12 });
            } else {
                map.setView([56.0, 10.5], 6);
            }
        });
    }

    function enhance() {
        app.querySelectorAll("[data-no-js-only]").forEach(function (el) { el.hidden = true; });
        // On wide screens the filters sit beside the results: show them open.
        var panel = app.querySelector("[data-filters-panel]");
        if (panel && window.matchMedia && window.matchMedia("(min-width: 60rem)").matches) {
            panel.open = true;
        }
        var locate = app.querySelector("[data-locate]");
        if (locate && navigator.geolocation) {
            locate.hidden = false;
        }
        drawMap();
    }

    app.addEventListener("change", function (event) {
        var target = event.target;
        if (!target.form || target.type === "search" || target.name === "postnummer" || target.name === "maks_pris") {
            return;  // text fields wait for the submit button or Enter
        }
        load(queryFromForm(), { push: true });
    });

    app.addEventListener("submit", function (event) {
        event.preventDefault();
        load(queryFromForm(), { push: true, focusResults: true });
    });

    app.addEventListener("click", function (event) {
        var link = event.target.closest("a[data-search-link]");
        if (link && !event.ctrlKey && !event.metaKey && !event.shiftKey && event.button === 0) {
            event.preventDefault();
            var url = new URL(link.getAttribute("href"), window.location.href).toString();
            load(url, { push: true, focusResults: true });
            return;
        }
        var locate = event.target.closest("[data-locate]");
        if (locate) {
            locate.disabled = true;
            navigator.geolocation.getCurrentPosition(
                function (position) {
                    var f = form();
                    ["lat", "lon"].forEach(function (name) {
                        var input = f.querySelector("input[name=" + name + "]");
                        if (!input) {
                            input = document.createElement("input");
                            input.type = "hidden";
                            input.name = name;
                            f.insertBefore(input, f.firstChild);
                        }
                        input.value = (name === "lat" ? position.coords.latitude : position.coords.longitude).toFixed(5);
                    });
                    f.querySelector("[name=postnummer]").value = "";
                    var distance = f.querySelector("[name=afstand]");
                    if (!distance.value) {
                        distance.value = "25";
                    }
                    locate.disabled = false;
                    load(queryFromForm(), { push: true, focusResults: true });
                },
                function () {
                    locate.disabled = false;
                    if (status) {
                        status.textContent = locate.getAttribute("data-error") || "";
                    }
                },
                { timeout: 10000, maximumAge: 600000 }
            );
        }
    });

    window.addEventListener("popstate", function () {
        load(window.location.href, { push: false, focusResults: true });
    });

    window.history.replaceState({ search: true }, "", window.location.href);
    enhance();
})();
