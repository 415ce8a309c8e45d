// The salon's service worker for browser reminders: shows each push as a notification and opens
// the visit's page when it is clicked. The push arrives encrypted for this browser (RFC 8291); the
// browser has decrypted it by the time it gets here.
self.addEventListener("push", function (event) {
  var message = {};
  try {
    message = event.data ? event.data.json() : {};
  } catch (e) {
    message = { body: event.data ? event.data.text() : "" };
  }
  event.waitUntil(self.registration.showNotification(message.title || "", { body: message.body || "", data: { url: message.url || "" } }));
});

self.addEventListener("notificationclick", function (event) {
  event.notification.close();
  var url = event.notification.data && event.notification.data.url;
  if (url) event.waitUntil(self.clients.openWindow(url));
});
