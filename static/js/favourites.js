/* Favourites without login: offer ids kept in this browser's localStorage; hearts on cards and offer pages. */
(function () {
    "use strict";
    var KEY = "skoletjenesten.favoritter";

    function read() {
        try {
            var value = JSON.parse(window.localStorage.getItem(KEY) || "[]");
            return Array.isArray(value) ? value.map(String).filter(function (id) { return /^\d+$/.test(id); }) : [];
        } catch (error) {
            return [];
        }
    }

    function write(ids) {
        try {
            window.localStorage.setItem(KEY, JSON.stringify(ids));
        } catch (error) { /* private mode: nothing kept */ }
    }

    function render(button, on) {
        button.setAttribute("aria-pressed", on ? "true" : "false");
        button.querySelector(".favourite__heart").textContent = on ? "♥" : "♡";
        button.querySelector(".favourite__label").textContent = button.getAttribute(on ? "data-label-remove" : "data-label-add");
    }

    function updateLinks() {
        var count = read().length;
        document.querySelectorAll("[data-favourites-count]").forEach(function (element) {
            element.textContent = count ? " (" + count + ")" : "";
        });
    }

    var ids = read();
    document.querySelectorAll("[data-favourite]").forEach(function (button) {
        var id = button.getAttribute("data-favourite");
        button.hidden = false;
        render(button, ids.indexOf(id) >= 0);
        button.addEventListener("click", function () {
            var current = read();
            var index = current.indexOf(id);
            if (index >= 0) {
                current.splice(index, 1);
            } else {
                current.push(id);
            }
            write(current);
            document.querySelectorAll('[data-favourite="' + id + '"]').forEach(function (other) {
                render(other, index < 0);
            });
            updateLinks();
        });
    });
    updateLinks();

    // The favourites page is rendered by the server from the ids in its address.
    if (document.querySelector("[data-favourites-page]")) {
        var shown = new URLSearchParams(window.location.search).getAll("tilbud");
        if (!shown.length && ids.length) {
            window.location.replace(window.location.pathname + "?" + ids.map(function (id) {
                return "tilbud=" + encodeURIComponent(id);
            }).join("&"));
        }
    }

    document.querySelectorAll("[data-list-print]").forEach(function (button) {
        button.hidden = false;
        button.addEventListener("click", function () { window.print(); });
    });
}());
