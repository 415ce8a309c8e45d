// The booking pages inside Telegram (issue 16). Loaded after Telegram's telegram-web-app.js, only on
// Mini App pages. The server verifies the launch data on every request that carries it.
(function () {
  var app = window.Telegram && window.Telegram.WebApp;
  if (!app || !app.initData) return;
  var initData = app.initData;
  // Links and form posts cannot carry a header: a session cookie for this salon's pages carries it.
  var slug = location.pathname.split("/")[1] || "";
  document.cookie =
    "zapis_tg=" + encodeURIComponent(initData) + "; Path=/" + slug + "; SameSite=Lax" + (location.protocol === "https:" ? "; Secure" : "");
  // htmx requests (day strip, times, the phone check) send it as the documented header.
  document.addEventListener("htmx:configRequest", function (event) {
    event.detail.headers["X-Telegram-Init-Data"] = initData;
  });
  // Follow the user's Telegram theme: its colours become the page's CSS variables.
  var theme = app.themeParams || {};
  var variables = {
    secondary_bg_color: "--bg",
    bg_color: "--card",
    text_color: "--ink",
    hint_color: "--muted",
    button_color: "--accent",
    section_separator_color: "--line",
  };
  var root = document.documentElement;
  Object.keys(variables).forEach(function (name) {
    var colour = theme[name];
    if (typeof colour === "string" && /^#[0-9a-fA-F]{6}$/.test(colour)) root.style.setProperty(variables[name], colour);
  });
  root.classList.add("telegram");
  app.ready();
  app.expand();
})();
