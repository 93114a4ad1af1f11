// Starlight's search button imports Pagefind's UI at the first idle moment of
// every page: 26 KB of gzipped JavaScript (94 KB raw) that most readers never
// use, which alone breaks the site's 15 KB budget for JS on a page. astro.config.mjs
// points the bare '@pagefind/default-ui' import at this module instead. It takes
// the same options and fetches and mounts the real UI only when the reader reaches
// for search: the pointer over or focus on the search button (so it is usually
// ready by the click), a click, or Ctrl/⌘+K. Pagefind's index loads on the first
// query either way, so searching feels the same.
type PagefindOptions = Record<string, unknown>;

const SEARCH_BUTTON = 'site-search button[data-open-modal]';
const SEARCH_DIALOG = 'site-search dialog';

let mounted: Promise<void> | undefined;

function mount(options: PagefindOptions): Promise<void> {
  mounted ??= (async () => {
    // A subpath, so this import is not redirected back here by the alias.
    // @ts-expect-error -- Pagefind's UI ships without type declarations.
    const { PagefindUI } = (await import('@pagefind/default-ui/npm_dist/mjs/ui-core.mjs')) as {
      PagefindUI: new (options: PagefindOptions) => unknown;
    };
    new PagefindUI(options);
    // Opened before the UI existed: Starlight's focus() found no input, so give it focus now.
    if (document.querySelector<HTMLDialogElement>(SEARCH_DIALOG)?.open) {
      document.querySelector<HTMLInputElement>(`${SEARCH_DIALOG} input`)?.focus();
    }
  })();
  return mounted;
}

export class PagefindUI {
  constructor(options: PagefindOptions) {
    const load = (): void => void mount(options);
    if (document.querySelector<HTMLDialogElement>(SEARCH_DIALOG)?.open) {
      load();
      return;
    }
    const button = document.querySelector(SEARCH_BUTTON);
    for (const type of ['pointerenter', 'focus', 'click', 'touchstart']) button?.addEventListener(type, load, { once: true, passive: true });
    window.addEventListener('keydown', (event) => {
      if ((event.ctrlKey || event.metaKey) && event.key === 'k') load();
    });
  }
}
