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
    var shownUrl;
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
        var focus = rememberFocus();
        var keepOpen = openDetails();
        var dialogWasOpen = isDialogOpen();
        var oldPrefix = app.getAttribute("data-title-prefix") || "";
        // The whole form follows the server (the URL is the state); focus and open panels are kept by id.
        form().innerHTML = incoming.querySelector("[data-search-form]").innerHTML;
        // The page title follows the results ("“natur” – 11 tilbud – …").
        var newPrefix = incoming.getAttribute("data-title-prefix") || "";
        app.setAttribute("data-title-prefix", newPrefix);
        if (oldPrefix && document.title.indexOf(oldPrefix) === 0) {
            document.title = newPrefix + document.title.slice(oldPrefix.length);
        }
        keepOpen.forEach(function (id) {
            var details = document.getElementById(id);
            if (details) {
                details.open = true;
            }
        });
        enhance();
        // Other scripts on the form (the search box's suggestions) enhance the new controls.
        document.dispatchEvent(new CustomEvent("search:updated"));
        if (dialogWasOpen && !options.focusResults) {
            openDialog(false);
        }
        var heading = app.querySelector("[data-result-count]");
        if (status && heading) {
            status.textContent = "";
            window.setTimeout(function () {
                status.textContent = heading.textContent.replace(/\s+/g, " ").trim();
            }, 50);
        }
        if (options.focusResults && heading) {
            heading.focus();
        } else {
            restoreFocus(focus, heading);
        }
    }

    // Focus survives the swap: the same element by id, else the control with the same name and value,
    // else the summary of the panel it was in, else the result count (never the page body).
    function rememberFocus() {
        var el = document.activeElement;
        if (!el || el === document.body || !app.contains(el)) {
            return null;
        }
        var details = el.closest("details[id]");
        return { id: el.id, name: el.getAttribute("name"), value: el.getAttribute("value"), details: details && details.id };
    }

    function restoreFocus(focus, fallback) {
        if (!focus) {
            return;
        }
        var target = focus.id && document.getElementById(focus.id);
        if (!target && focus.name) {
            target = Array.prototype.find.call(form().querySelectorAll("[name]"), function (el) {
                return el.getAttribute("name") === focus.name && (focus.value === null || el.getAttribute("value") === focus.value);
            });
        }
        if (!target && focus.details) {
            var details = document.getElementById(focus.details);
            target = details && details.querySelector("summary");
        }
        target = target || fallback;
        if (target) {
            target.focus();
        }
    }

    // Phones: the filters are a modal dialog over the results, opened by "Filtre" and closed by
    // "Vis N tilbud", "Luk" or Escape; everything else is inert while it is open.
    function isNarrow() {
        return window.matchMedia && !window.matchMedia("(min-width: 60em)").matches;
    }

    function isDialogOpen() {
        return document.body.classList.contains("filters-dialog-open");
    }

    function setInert(on) {
        var keep = app.querySelector("[data-search-filters]") || app.querySelector("#search-filters");
        var outside = Array.prototype.slice.call(document.body.children).filter(function (el) {
            return !el.contains(app) && el.tagName !== "SCRIPT";
        });
        var inside = [app.querySelector(".search-form__query"), app.querySelector("#search-results"), document.querySelector(".search-intro")];
        outside.concat(inside).forEach(function (el) {
            if (el && el !== keep) {
                if (on) {
                    el.setAttribute("inert", "");
                } else {
                    el.removeAttribute("inert");
                }
            }
        });
    }

    function openDialog(moveFocus) {
        var panel = app.querySelector("[data-filters-panel]");
        var body = app.querySelector("[data-filters-body]");
        if (!panel || !body) {
            return;
        }
        panel.open = true;
        document.body.classList.add("filters-dialog-open");
        body.setAttribute("role", "dialog");
        body.setAttribute("aria-modal", "true");
        body.setAttribute("aria-labelledby", "filters-dialog-title");
        app.querySelectorAll("[data-dialog-only]").forEach(function (el) { el.hidden = false; });
        setInert(true);
        if (moveFocus) {
            var close = app.querySelector("[data-filters-close]");
            if (close) {
                close.focus();
            }
        }
    }

    function closeDialog(focusTarget) {
        var body = app.querySelector("[data-filters-body]");
        document.body.classList.remove("filters-dialog-open");
        if (body) {
            body.removeAttribute("role");
            body.removeAttribute("aria-modal");
            body.removeAttribute("aria-labelledby");
        }
        app.querySelectorAll("[data-dialog-only]").forEach(function (el) { el.hidden = true; });
        setInert(false);
        if (focusTarget) {
            focusTarget.focus();
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
                shownUrl = new URL(url, window.location.href).href.split("#")[0];
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
            var map = L.map(container, { scrollWheelZoom: false, zoomControl: false });
            L.control.zoom({ zoomInTitle: "Zoom ind", zoomOutTitle: "Zoom ud" }).addTo(map);
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
        layoutFilters();
        var locate = app.querySelector("[data-locate]");
        if (locate && navigator.geolocation) {
            locate.hidden = false;
        }
        drawMap();
    }

    function layoutFilters() {
        var panel = app.querySelector("[data-filters-panel]");
        var opener = app.querySelector("[data-filters-open]");
        if (panel && !isNarrow()) {
            panel.open = true;
            document.body.classList.remove("filters-as-dialog");
            if (opener) {
                opener.hidden = true;
            }
        } else if (panel && opener) {
            // On a phone the results come first: the panel is closed until "Filtre" opens it as a dialog.
            document.body.classList.add("filters-as-dialog");
            opener.hidden = false;
            if (!isDialogOpen()) {
                panel.open = false;
            }
        }
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
        if (isDialogOpen()) {
            closeDialog(null);
        }
        load(queryFromForm(), { push: true, focusResults: true });
    });

    app.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && isDialogOpen()) {
            event.preventDefault();
            closeDialog(app.querySelector("[data-filters-open]"));
        }
    });

    app.addEventListener("click", function (event) {
        if (event.target.closest("[data-filters-open]")) {
            openDialog(true);
            return;
        }
        if (event.target.closest("[data-filters-close]")) {
            closeDialog(app.querySelector("[data-filters-open]"));
            return;
        }
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

    shownUrl = window.location.href.split("#")[0];
    window.addEventListener("popstate", function () {
        var url = window.location.href.split("#")[0];
        if (url === shownUrl) {
            return;  // only the fragment changed (the skip link or another in-page link): nothing to load
        }
        load(url, { push: false, focusResults: true });
    });

    window.addEventListener("resize", function () {
        if (isDialogOpen() && !isNarrow()) {
            closeDialog(null);
        }
        layoutFilters();
    });

    window.history.replaceState({ search: true }, "", window.location.href);
    enhance();
})();
