import './public.css';

/**
 * Safety on public pages (issue 4, GOV.UK "Exit this page"):
 *  - the quick exit blanks the page at once and replaces it with a neutral site, so Back does not
 *    return here; pressing Shift three times in a row does the same;
 *  - links and searches between public pages replace the current history entry, so after several
 *    pages and a quick exit, Back never shows a support page.
 * Nothing is stored: no cookies, no local storage.
 */
const SHIFT_PRESSES = 3;
const SHIFT_WINDOW_MS = 1000;

function quickExit(url: string): void {
  document.body.classList.add('quick-exit-blank');
  document.title = '';
  document.body.replaceChildren();
  window.location.replace(url);
}

function exitUrl(): string | undefined {
  return document.querySelector<HTMLAnchorElement>('[data-quick-exit]')?.href;
}

document.addEventListener('click', (event) => {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const link = (event.target as Element | null)?.closest?.('a');
  if (!link) return;
  if (link.hasAttribute('data-quick-exit')) {
    event.preventDefault();
    quickExit(link.href);
    return;
  }
  const target = new URL(link.href, window.location.href);
  if (target.origin === window.location.origin && !target.pathname.startsWith('/personal') && !link.hasAttribute('download') && link.hash === '') {
    event.preventDefault();
    window.location.replace(target.href);
  }
});

document.addEventListener('submit', (event) => {
  const form = event.target as HTMLFormElement;
  if (form.method.toLowerCase() !== 'get') return;
  event.preventDefault();
  const url = new URL(form.action || window.location.href, window.location.href);
  url.search = new URLSearchParams(new FormData(form) as unknown as Record<string, string>).toString();
  window.location.replace(url.href);
});

let shiftTimes: number[] = [];
document.addEventListener('keyup', (event) => {
  if (event.key !== 'Shift') {
    shiftTimes = [];
    return;
  }
  const now = performance.now();
  shiftTimes = [...shiftTimes.filter((time) => now - time < SHIFT_WINDOW_MS), now];
  if (shiftTimes.length >= SHIFT_PRESSES) {
    const url = exitUrl();
    if (url) quickExit(url);
  }
});
