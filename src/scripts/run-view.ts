// Draws a run's events (labs/runner/event-reporter.ts) into a RunPanel: each
// step with its state, time and latest details; each check as it arrives, with
// what was expected and what was observed; errors with their hint; and the
// closing summary from the done event's document (the same one --json prints).
export type Strings = Record<string, string>;

export interface View {
  steps: HTMLElement;
  checks: HTMLElement;
  error: HTMLElement;
  status: HTMLElement;
  strings: Strings;
  /** How many checks the lab or exercise declares. */
  total: number;
  fill(text: string, values: Record<string, string | number>): string;
}

type Event = Record<string, unknown>;

/** Details kept under a step: enough to see what it is doing, not a log. */
const DETAILS_SHOWN = 4;
const MARKS: Record<string, string> = { running: '…', done: '✔', failed: '✘' };

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Short values inline; a frame dump or a verifier log keeps its lines. */
function value(text: string): HTMLElement {
  return text.includes('\n') ? element('pre', 'run-value', text) : element('code', 'run-value', text);
}

const seconds = (ms: unknown) => (Number(ms) / 1000).toFixed(1);

function renderStep(view: View, event: Event): void {
  const id = `step-${String(event['step'])}`;
  let row = view.steps.querySelector<HTMLLIElement>(`[data-step="${id}"]`);
  if (!row) {
    row = element('li', 'run-step');
    row.dataset['step'] = id;
    row.append(element('span', 'run-mark'), element('span', 'run-title', String(event['title'])), element('span', 'run-time'), element('ul', 'run-details'));
    view.steps.append(row);
  }
  const state = String(event['state']);
  row.dataset['state'] = state;
  row.querySelector('.run-mark')!.textContent = MARKS[state] ?? '';
  row.querySelector('.run-time')!.textContent = event['durationMs'] === undefined ? '' : `${seconds(event['durationMs'])} s`;
}

function renderDetail(view: View, event: Event): void {
  const details = view.steps.querySelector(`[data-step="step-${String(event['step'])}"] .run-details`);
  if (!details) return;
  details.append(element('li', '', String(event['text'])));
  while (details.children.length > DETAILS_SHOWN) details.firstElementChild!.remove();
}

function renderCheck(view: View, event: Event): void {
  const skipped = event['skip'] !== undefined;
  const ok = event['ok'] === true;
  const row = element('li', 'run-check');
  row.dataset['id'] = String(event['id']);
  row.dataset['verdict'] = skipped ? 'skip' : ok ? 'pass' : 'fail';
  // When the page received it, for the latency benchmark (the event's `at` is when the runner recorded it).
  row.dataset['receivedAt'] = String(performance.timeOrigin + performance.now());
  row.dataset['recordedAt'] = String(event['at']);
  const verdict = view.strings[skipped ? 'skipped' : ok ? 'status.pass' : 'status.fail'] ?? '';
  const head = element('p', 'run-check-head');
  head.append(element('span', 'run-verdict', verdict), ' ', element('code', '', String(event['id'])), ' ', String(event['text'] ?? ''));
  const facts = element('dl', 'run-facts');
  const fact = (label: string, text: string) => {
    const dd = element('dd', '');
    dd.append(value(text));
    facts.append(element('dt', '', label), dd);
  };
  if (!ok && !skipped) fact(view.strings['expected'] ?? 'expected', String(event['expected']));
  fact(view.strings['observed'] ?? 'observed', String(event['observed']));
  if (event['frame']) fact(view.strings['frame'] ?? 'frame', String(event['frame']));
  row.append(head, facts);
  view.checks.append(row);
}

function renderError(view: View, event: Event): void {
  const box = element('div', 'run-error-box');
  box.append(element('p', 'run-error-message', String(event['message'])));
  if (event['command']) box.append(value(String(event['command'])));
  if (event['stderr']) box.append(element('pre', 'run-value', String(event['stderr'])));
  if (event['hint']) box.append(element('p', 'run-hint', `→ ${String(event['hint'])}`));
  view.error.append(box);
}

function renderDone(view: View, event: Event): void {
  const result = (event['result'] ?? {}) as { status?: string; ok?: boolean; durationMs?: number; checks?: { ok: boolean; skip?: string }[]; error?: { message: string } };
  const checks = result.checks ?? [];
  const status = result.status ?? (result.ok ? 'pass' : 'error');
  const word = view.strings[`status.${status}`] ?? status;
  const passed = checks.filter((c) => c.ok && c.skip === undefined).length;
  const summary = view.fill(view.strings['summary'] ?? '', { passed, total: Math.max(view.total, checks.length), seconds: seconds(result.durationMs ?? 0) });
  view.status.textContent = checks.length > 0 ? `${word}: ${summary}` : word;
  view.status.dataset['result'] = status;
}

export function renderEvent(view: View, event: Event): void {
  switch (event['type']) {
    case 'step':
      return renderStep(view, event);
    case 'check':
      return renderCheck(view, event);
    case 'note':
      if (event['level'] === 'detail') return renderDetail(view, event);
      if (event['level'] === 'warn') view.steps.append(element('li', 'run-note', `! ${String(event['text'])}`));
      return;
    case 'error':
      return renderError(view, event);
    case 'done':
      return renderDone(view, event);
  }
}
