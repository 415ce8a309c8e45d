// Inside the widget's iframe, once a visit is booked: tells the salon's page (the parent) so its
// analytics can count it. Posted to each origin the salon allows by name, never to "*": the browser
// delivers it only when the parent really is that origin, so no other site learns of the booking.
(function () {
  var me = document.currentScript;
  if (!me || window.parent === window) return;
  var message = { type: "zapis:booked", booking_id: Number(me.getAttribute("data-booking")) };
  (me.getAttribute("data-origins") || "").split(" ").forEach(function (origin) {
    if (origin) window.parent.postMessage(message, origin);
  });
  // told once: a reload of this page is not another booking
  history.replaceState(null, "", location.pathname + location.search.replace(/([?&])new=1(&|$)/, "$1").replace(/[?&]$/, ""));
})();
