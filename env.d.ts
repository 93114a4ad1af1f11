// Our own UI strings (content/i18n/en.json) become typed keys for Astro.locals.t.
declare namespace StarlightApp {
  type UIStrings = typeof import('./content/i18n/en.json');
  interface I18n extends UIStrings {}
}
