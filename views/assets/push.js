// "Remind me in this browser" on a visit's page: registers the salon's service worker, asks the
// browser for permission and a push subscription for the salon's VAPID key, and hands the
// subscription to the server with this visit's manage token (the only thing that lets an anonymous
// page attach a browser to a client). Browsers without push never see the button.
(function () {
  var button = document.getElementById("push-subscribe");
  if (!button) return;
  if (!("serviceWorker" in navigator) || !("PushManager" in window) || !("Notification" in window)) return;
  var box = button.parentNode;
  var note = document.getElementById("push-note");
  box.hidden = false;

  function say(key) {
    note.textContent = button.getAttribute("data-" + key);
    note.hidden = false;
  }

  function keyBytes(base64url) {
    var text = atob(base64url.replace(/-/g, "+").replace(/_/g, "/"));
    var bytes = new Uint8Array(text.length);
    for (var i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    return bytes;
  }

  button.addEventListener("click", function () {
    button.disabled = true;
    Notification.requestPermission()
      .then(function (permission) {
        if (permission !== "granted") throw "denied";
        return Promise.all([navigator.serviceWorker.register(button.getAttribute("data-worker")), fetch(button.getAttribute("data-key")).then(function (r) { return r.json(); })]);
      })
      .then(function (got) {
        return navigator.serviceWorker.ready.then(function (registration) {
          return registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(got[1].public_key) });
        });
      })
      .then(function (subscription) {
        var json = subscription.toJSON();
        return fetch(button.getAttribute("data-subscribe"), {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ token: button.getAttribute("data-token"), subscription: { endpoint: json.endpoint, keys: json.keys } }),
        });
      })
      .then(function (response) {
        if (!response.ok) throw "failed";
        button.hidden = true;
        say("done");
      })
      .catch(function (problem) {
        button.disabled = false;
        say(problem === "denied" ? "denied" : "failed");
      });
  });
})();
