/* Kommune search: the scope links ("Skoler i …", "Med nabokommuner", "Hele landet") keep the search's
 * current filters. The search script updates the URL without reloading, so each link takes the
 * query string as it is at the moment of the click and only changes the scope. */
(function () {
    "use strict";
    document.addEventListener("click", function (event) {
        var link = event.target.closest && event.target.closest("a[data-scope]");
        if (!link) {
            return;
        }
        var params = new URLSearchParams(window.location.search);
        params.set("omraade", link.getAttribute("data-scope"));
        params.delete("side");
        link.href = "?" + params.toString();
    });
})();
