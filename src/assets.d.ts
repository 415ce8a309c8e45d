// Imports of embedded assets: src/http/assets.ts imports them as files (their path, read on first use), other modules as text.
declare module "*.css" {
  const text: string;
  export default text;
}
declare module "htmx.org/dist/htmx.min.js" {
  const text: string;
  export default text;
}
declare module "swagger-ui-dist/swagger-ui-bundle.js" {
  const text: string;
  export default text;
}
declare module "*.svg" {
  const text: string;
  export default text;
}
declare module "*/calendar-drag.js" {
  const text: string;
  export default text;
}
// issue 16
declare module "*/telegram-mini-app.js" {
  const text: string;
  export default text;
}
// issue 16: the widget and its iframe's script
declare module "*/widget.js" {
  const text: string;
  export default text;
}
declare module "*/embed-frame.js" {
  const text: string;
  export default text;
}
declare module "*/vk-app.js" {
  const text: string;
  export default text;
}
declare module "@vkontakte/vk-bridge/dist/browser.min.js" {
  const text: string;
  export default text;
}
declare module "*/push.js" {
  const text: string;
  export default text;
}
declare module "*/push-sw.js" {
  const text: string;
  export default text;
}
