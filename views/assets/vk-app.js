// Inside the salon's VK Mini App (pages in embed mode "vk"): tells VK the app is ready, fills the
// client's name from their VK profile, and offers to take the phone from VK, which asks the user
// in its own dialog. Nothing here is trusted by the server: it only saves typing.
(function () {
  var bridge = window.vkBridge;
  var me = document.currentScript;
  if (!bridge || !me) return;
  bridge.send("VKWebAppInit").catch(function () {});
  var form = document.querySelector("form.details");
  if (!form) return;
  var name = form.querySelector('[name="name"]');
  var field = document.getElementById("phone-field");
  if (name && !name.value) {
    bridge.send("VKWebAppGetUserInfo").then(function (user) {
      if (!name.value) name.value = [user.first_name, user.last_name].filter(Boolean).join(" ");
    }, function () {});
  }
  if (!field) return;
  var button = document.createElement("button");
  button.type = "button";
  button.className = "button secondary vk-phone";
  button.textContent = me.getAttribute("data-phone-label");
  button.addEventListener("click", function () {
    bridge.send("VKWebAppGetPhoneNumber").then(function (answer) {
      var digits = String(answer.phone_number || "").replace(/\D/g, "");
      // htmx replaces the field after each change: the input is looked up when it is needed
      var phone = form.querySelector('[name="phone"]');
      if (!digits || !phone) return;
      phone.value = "+" + digits;
      phone.dispatchEvent(new Event("change", { bubbles: true }));
    }, function () {});
  });
  field.insertAdjacentElement("afterend", button);
})();
