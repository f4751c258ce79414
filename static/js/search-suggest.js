/*
 * Suggestions as you type in the search box: a WAI-ARIA 1.2 combobox (list autocomplete).
 *
 * Markup (the page works without this script: the input is a plain search field of a GET form):
 *   <div class="suggest" data-suggest="/soegeforslag/"><input type="search" name="q" …></div>
 * The script makes the input a combobox (aria-expanded, aria-controls, aria-autocomplete=list,
 * aria-activedescendant), adds a listbox of grouped options (offer titles, environments, subjects,
 * kommuner, each saying what it is) and a polite status with the number of suggestions. Focus stays in
 * the input: arrow keys move the active option, Enter opens it (an offer or environment page) or applies
 * it as a search (a subject or kommune as a filter, a shared title as the text), Escape closes the list,
 * Tab leaves. Requests are debounced and earlier ones aborted. The offer search replaces its form after
 * each update and then dispatches "search:updated", on which the new input is enhanced.
 */
(function () {
    "use strict";

    if (!window.fetch) {
        return;
    }
    var DELAY = 150;
    var MIN_LENGTH = 2;
    var counter = 0;

    function text(el, value) {
        el.textContent = value;
        return el;
    }

    function create(tag, className, attributes) {
        var el = document.createElement(tag);
        if (className) {
            el.className = className;
        }
        Object.keys(attributes || {}).forEach(function (name) {
            el.setAttribute(name, attributes[name]);
        });
        return el;
    }

    function Combobox(wrapper) {
        var input = wrapper.querySelector("input");
        if (!input || wrapper.suggest) {
            return;
        }
        wrapper.suggest = this;
        counter += 1;
        var id = (input.id || "suggest") + "-forslag";
        this.wrapper = wrapper;
        this.input = input;
        this.url = wrapper.getAttribute("data-suggest");
        this.options = [];
        this.active = -1;
        this.timer = null;
        this.controller = null;
        this.lastQuery = null;
        this.listbox = create("div", "suggest__list", {
            id: id + "-liste",
            role: "listbox",
            "aria-label": wrapper.getAttribute("data-suggest-label") || "Forslag"
        });
        this.listbox.hidden = true;
        this.status = create("div", "visually-hidden", { role: "status", "aria-live": "polite", "aria-atomic": "true" });
        this.idPrefix = id + "-" + counter;
        input.setAttribute("role", "combobox");
        input.setAttribute("aria-autocomplete", "list");
        input.setAttribute("aria-expanded", "false");
        input.setAttribute("aria-controls", this.listbox.id);
        input.setAttribute("autocomplete", "off");
        wrapper.appendChild(this.listbox);
        wrapper.appendChild(this.status);

        var self = this;
        input.addEventListener("input", function () {
            self.schedule();
        });
        input.addEventListener("keydown", function (event) {
            self.keydown(event);
        });
        input.addEventListener("blur", function () {
            // A click on an option keeps the focus (mousedown is prevented), so a blur means leaving.
            self.close();
        });
        this.listbox.addEventListener("mousedown", function (event) {
            event.preventDefault();
        });
        this.listbox.addEventListener("click", function (event) {
            var option = event.target.closest("[role=option]");
            if (option) {
                self.choose(Number(option.getAttribute("data-index")));
            }
        });
    }

    Combobox.prototype.schedule = function () {
        var self = this;
        window.clearTimeout(this.timer);
        this.timer = window.setTimeout(function () {
            self.load();
        }, DELAY);
    };

    Combobox.prototype.load = function () {
        var query = this.input.value.trim();
        if (query.length < MIN_LENGTH) {
            this.lastQuery = null;
            this.render(null);
            return;
        }
        if (query === this.lastQuery) {
            this.open();
            return;
        }
        if (this.controller) {
            this.controller.abort();
        }
        var self = this;
        var controller = window.AbortController ? new AbortController() : null;
        this.controller = controller;
        fetch(this.url + "?q=" + encodeURIComponent(query), {
            headers: { Accept: "application/json" },
            signal: controller ? controller.signal : undefined
        })
            .then(function (response) {
                return response.ok ? response.json() : null;
            })
            .then(function (data) {
                if (controller && controller.signal.aborted) {
                    return;
                }
                // Only the answer to what the field says now.
                if (self.input.value.trim() !== query) {
                    return;
                }
                self.lastQuery = query;
                self.render(data);
            })
            .catch(function () {
                /* aborted or offline: the field stays a plain search field */
            });
    };

    Combobox.prototype.render = function (data) {
        var self = this;
        this.listbox.textContent = "";
        this.options = [];
        this.setActive(-1);
        if (!data || !data.groups || !data.groups.length) {
            this.close();
            text(this.status, data && data.count === 0 ? "Ingen forslag." : "");
            return;
        }
        data.groups.forEach(function (group, groupIndex) {
            var headingId = self.idPrefix + "-g" + groupIndex;
            var groupEl = create("div", "suggest__group", { role: "group", "aria-labelledby": headingId });
            groupEl.appendChild(text(create("div", "suggest__heading", { id: headingId, role: "presentation" }), group.label));
            group.suggestions.forEach(function (item) {
                var index = self.options.length;
                var option = create("div", "suggest__option", {
                    id: self.idPrefix + "-o" + index,
                    role: "option",
                    "aria-selected": "false",
                    "data-index": String(index)
                });
                option.appendChild(text(create("span", "suggest__label"), item.label));
                if (item.detail) {
                    option.appendChild(text(create("span", "suggest__detail"), item.detail));
                }
                groupEl.appendChild(option);
                self.options.push({ el: option, item: item, kind: group.kind });
            });
            self.listbox.appendChild(groupEl);
        });
        this.open();
        var count = this.options.length;
        text(
            this.status,
            (count === 1 ? "1 forslag" : count + " forslag") + ". Brug pil op og pil ned for at vælge."
        );
    };

    Combobox.prototype.open = function () {
        if (!this.options.length || document.activeElement !== this.input) {
            return;
        }
        this.listbox.hidden = false;
        this.input.setAttribute("aria-expanded", "true");
    };

    Combobox.prototype.close = function () {
        window.clearTimeout(this.timer);
        this.listbox.hidden = true;
        this.input.setAttribute("aria-expanded", "false");
        this.setActive(-1);
    };

    Combobox.prototype.isOpen = function () {
        return !this.listbox.hidden;
    };

    Combobox.prototype.setActive = function (index) {
        if (this.active >= 0 && this.options[this.active]) {
            this.options[this.active].el.setAttribute("aria-selected", "false");
            this.options[this.active].el.classList.remove("is-active");
        }
        this.active = index;
        if (index >= 0 && this.options[index]) {
            var el = this.options[index].el;
            el.setAttribute("aria-selected", "true");
            el.classList.add("is-active");
            this.input.setAttribute("aria-activedescendant", el.id);
            if (el.scrollIntoView) {
                el.scrollIntoView({ block: "nearest" });
            }
        } else {
            this.input.removeAttribute("aria-activedescendant");
        }
    };

    Combobox.prototype.keydown = function (event) {
        var count = this.options.length;
        if (event.key === "ArrowDown" || event.key === "Down") {
            if (!count) {
                return;
            }
            event.preventDefault();
            if (!this.isOpen()) {
                this.open();
                this.setActive(0);
            } else {
                this.setActive(this.active + 1 < count ? this.active + 1 : 0);
            }
        } else if (event.key === "ArrowUp" || event.key === "Up") {
            if (!count || !this.isOpen()) {
                return;
            }
            event.preventDefault();
            this.setActive(this.active > 0 ? this.active - 1 : (this.active === 0 ? -1 : count - 1));
        } else if (event.key === "Enter") {
            if (this.isOpen() && this.active >= 0) {
                event.preventDefault();
                this.choose(this.active);
            } else {
                this.close();  // the form is submitted as typed
            }
        } else if (event.key === "Escape" || event.key === "Esc") {
            if (this.isOpen()) {
                event.preventDefault();
                event.stopPropagation();
                this.close();
            }
        } else if (event.key === "Tab") {
            this.close();
        }
    };

    Combobox.prototype.choose = function (index) {
        var chosen = this.options[index];
        if (!chosen) {
            return;
        }
        var item = chosen.item;
        this.close();
        if (item.url) {
            window.location.href = item.url;
            return;
        }
        if (!item.param) {
            return;
        }
        var form = this.input.form;
        var name = item.param.name;
        var value = item.param.value;
        if (name === "q") {
            this.input.value = value;
        } else {
            // A subject or kommune: that filter, without the letters typed to find it.
            this.input.value = "";
            var existing = Array.prototype.find.call(form.querySelectorAll("input[name]"), function (el) {
                return el.getAttribute("name") === name && el.value === value;
            });
            if (existing && (existing.type === "checkbox" || existing.type === "radio")) {
                existing.checked = true;
            } else if (!existing) {
                form.appendChild(create("input", "", { type: "hidden", name: name, value: value }));
            }
        }
        this.lastQuery = null;
        if (form.requestSubmit) {
            form.requestSubmit();
        } else {
            form.submit();
        }
    };

    function enhance() {
        Array.prototype.forEach.call(document.querySelectorAll("[data-suggest]"), function (wrapper) {
            if (!wrapper.suggest) {
                new Combobox(wrapper);  // eslint-disable-line no-new
            }
        });
    }

    document.addEventListener("search:updated", enhance);
    enhance();
})();
