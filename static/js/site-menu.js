// The header's menu on narrow screens (DKFDS's mobile menu pattern, as a disclosure): a "Menu" button
// with aria-expanded shows and hides the navigation; opening moves focus to the first link, Escape closes
// and returns focus to the button, as do a click outside and tabbing out of the menu. Without JavaScript
// the button stays hidden and the navigation is shown in full.
(function () {
  "use strict";
  var header = document.querySelector("[data-site-menu]");
  if (!header) return;
  var button = header.querySelector("[data-site-menu-button]");
  var menu = button && document.getElementById(button.getAttribute("aria-controls"));
  if (!menu) return;
  var narrow = window.matchMedia("(max-width: 47.99em)");

  function isOpen() {
    return button.getAttribute("aria-expanded") === "true";
  }
  function setOpen(open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    header.classList.toggle("site-header--menu-open", open);
  }

  button.hidden = false;
  header.classList.add("site-header--collapsible");
  button.addEventListener("click", function () {
    setOpen(!isOpen());
    if (isOpen()) {
      var first = menu.querySelector("a, button");
      if (first) first.focus();
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && isOpen() && narrow.matches) {
      setOpen(false);
      button.focus();
    }
  });
  document.addEventListener("click", function (event) {
    if (isOpen() && !header.contains(event.target)) setOpen(false);
  });
  menu.addEventListener("focusout", function (event) {
    if (isOpen() && narrow.matches && event.relatedTarget && !header.contains(event.relatedTarget)) setOpen(false);
  });
  narrow.addEventListener("change", function () {
    setOpen(false);
  });
})();
