// The booking widget for a salon's own site: <script src="https://…/<slug>/widget.js" async></script>
// adds a "book" button, and turns any element with data-zapis-service="<id>" and/or
// data-zapis-staff="<id>" into one that opens that service or master. The booking pages open in an
// iframe overlay (/<slug>?embed=1); they post {type: "zapis:booked", booking_id} to this page.
// Options on the script tag: data-zapis-button="off" (no floating button), data-label, data-lang.
(function (config) {
  "use strict";
  var script = document.currentScript;
  if (!script || !script.src) return;
  var base = script.src.replace(/\/widget\.js(\?.*)?$/, "");
  var lang = (script.getAttribute("data-lang") || document.documentElement.lang || "").slice(0, 2);
  var label = script.getAttribute("data-label") || config.labels[lang] || config.labels[config.locale];
  var id = /^\d{1,9}$/;
  var overlay = null;

  function style(el, props) {
    for (var k in props) el.style[k] = props[k];
    return el;
  }

  function pageFor(service, staff) {
    service = id.test(service || "") ? service : null;
    staff = id.test(staff || "") ? staff : null;
    if (service && staff) return base + "/book/time?s=" + service + "&m=" + staff + "&embed=1";
    if (service) return base + "/book?s=" + service + "&embed=1";
    if (staff) return base + "?m=" + staff + "&embed=1";
    return base + "?embed=1";
  }

  function onKey(event) {
    if (event.key === "Escape") close();
  }

  function close() {
    if (!overlay) return;
    overlay.parentNode.removeChild(overlay);
    overlay = null;
    document.removeEventListener("keydown", onKey);
  }

  function open(url) {
    close();
    var phone = window.innerWidth < 600;
    overlay = style(document.createElement("div"), {
      position: "fixed", top: "0", right: "0", bottom: "0", left: "0", zIndex: "2147483647",
      background: "rgba(0,0,0,.5)", display: "flex", alignItems: "center", justifyContent: "center",
    });
    overlay.setAttribute("data-zapis-overlay", "");
    var box = style(document.createElement("div"), {
      position: "relative", background: "#fff", overflow: "hidden",
      width: phone ? "100%" : "480px", height: phone ? "100%" : "min(760px, 92vh)", borderRadius: phone ? "0" : "12px",
    });
    var frame = style(document.createElement("iframe"), { width: "100%", height: "100%", border: "0", display: "block" });
    frame.src = url;
    frame.title = label;
    var shut = style(document.createElement("button"), {
      position: "absolute", top: "6px", right: "6px", width: "36px", height: "36px", border: "0", borderRadius: "18px",
      background: "rgba(0,0,0,.6)", color: "#fff", font: "22px/36px sans-serif", cursor: "pointer", padding: "0",
    });
    shut.type = "button";
    shut.textContent = "\u00d7";
    shut.setAttribute("aria-label", "Close");
    shut.addEventListener("click", close);
    overlay.addEventListener("click", function (event) {
      if (event.target === overlay) close();
    });
    box.appendChild(frame);
    box.appendChild(shut);
    overlay.appendChild(box);
    document.body.appendChild(overlay);
    document.addEventListener("keydown", onKey);
  }

  function start() {
    var marked = document.querySelectorAll("[data-zapis-service],[data-zapis-staff]");
    Array.prototype.forEach.call(marked, function (el) {
      el.addEventListener("click", function (event) {
        event.preventDefault();
        open(pageFor(el.getAttribute("data-zapis-service"), el.getAttribute("data-zapis-staff")));
      });
    });
    if (script.getAttribute("data-zapis-button") === "off") return;
    var button = style(document.createElement("button"), {
      position: "fixed", right: "16px", bottom: "16px", zIndex: "2147483646", padding: "14px 22px", border: "0",
      borderRadius: "28px", background: config.accent, color: config.onAccent, font: "600 16px/1.2 system-ui, sans-serif",
      boxShadow: "0 4px 14px rgba(0,0,0,.25)", cursor: "pointer",
    });
    button.type = "button";
    button.textContent = label;
    button.setAttribute("data-zapis-book", "");
    button.addEventListener("click", function () {
      open(pageFor(null, null));
    });
    document.body.appendChild(button);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})(/*CONFIG*/);
