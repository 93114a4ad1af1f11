// The Run / "Check my program" buttons of the page's RunPanels. They come alive
// only on a page `npm start` served (it marks its pages with a meta tag, so a
// static copy of the book never calls an API it does not have). A run is one
// POST whose response streams NDJSON events (labs/runner/event-reporter.ts);
// Stop closes it, and the server cancels the run, whose cleanup still runs.
import { renderEvent, type Strings, type View } from './run-view.ts';

interface Status {
  ready: boolean;
  target: 'local' | 'vagrant' | null;
  reason?: string;
  offTarget: string[];
  running: string[];
}

const fill = (text: string, values: Record<string, string | number>) => text.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? `{${key}}`));

function apiPath(kind: string, name: string): string {
  return kind === 'lab' ? `/api/labs/${encodeURIComponent(name)}/runs` : `/api/exercises/${encodeURIComponent(name)}/checks`;
}

async function waitUntilIdle(key: string): Promise<void> {
  for (;;) {
    const response = await fetch('/api/status', { credentials: 'same-origin' }).catch(() => undefined);
    if (!response?.ok) return;
    const status = (await response.json()) as Status;
    if (!status.running.includes(key)) return;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

/** Reads an NDJSON body and hands each event to `onEvent` as soon as its line is complete. */
async function readEvents(body: ReadableStream<Uint8Array>, onEvent: (event: Record<string, unknown>) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let newline: number;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline).trim();
      buffer = buffer.slice(newline + 1);
      if (line) onEvent(JSON.parse(line) as Record<string, unknown>);
    }
  }
}

function setUp(panel: HTMLElement, status: Status): void {
  const { kind = 'lab', name = '', lang = 'en' } = panel.dataset;
  const strings = JSON.parse(panel.dataset['strings'] ?? '{}') as Strings;
  const button = panel.querySelector<HTMLButtonElement>('.run-button')!;
  const say = panel.querySelector<HTMLElement>('.run-status')!;
  const view: View = {
    steps: panel.querySelector('.run-steps')!,
    checks: panel.querySelector('.run-checks')!,
    error: panel.querySelector('.run-error')!,
    status: say,
    strings,
    total: Number(panel.dataset['total'] ?? 0),
    fill,
  };
  const key = `${kind}:${name}`;
  const targetName = status.target ? strings[`target.${status.target}`] ?? status.target : '';
  const idle = () => {
    button.textContent = strings['run'] ?? 'Run';
    delete button.dataset['running'];
    button.disabled = false;
  };
  panel.hidden = false;
  if (!status.ready) {
    say.textContent = strings[status.reason ?? 'no-target'] ?? status.reason ?? '';
    return;
  }
  if (kind === 'lab' && status.offTarget.includes(name)) {
    say.textContent = fill(strings['offTarget'] ?? '', { target: targetName });
    return;
  }
  say.textContent = fill(strings['where'] ?? '', { target: targetName });
  idle();

  let controller: AbortController | undefined;
  button.addEventListener('click', async () => {
    if (controller) {
      // Stop: closing the request cancels the run; the button comes back once its cleanup is over.
      controller.abort();
      return;
    }
    controller = new AbortController();
    button.textContent = strings['stop'] ?? 'Stop';
    button.dataset['running'] = '';
    view.steps.replaceChildren();
    view.checks.replaceChildren();
    view.error.replaceChildren();
    say.textContent = strings['running'] ?? '';
    panel.dataset['state'] = 'running';
    try {
      const response = await fetch(apiPath(kind, name), {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ lang }),
        signal: controller.signal,
      });
      if (!response.ok || !response.body) {
        const refusal = (await response.json().catch(() => ({}))) as { error?: string };
        say.textContent = response.status === 409 ? (strings['busy'] ?? '') : fill(strings['refused'] ?? '', { message: refusal.error ?? String(response.status) });
        panel.dataset['state'] = 'refused';
      } else {
        await readEvents(response.body, (event) => renderEvent(view, event));
        panel.dataset['state'] = 'finished';
        // An exercise check changes the learner's progress: badges on the page read it again.
        if (kind === 'exercise') document.dispatchEvent(new CustomEvent('xdp-labs:progress-changed'));
      }
    } catch (error) {
      if (controller.signal.aborted) {
        say.textContent = strings['stopping'] ?? '';
        button.disabled = true;
        await waitUntilIdle(key);
        say.textContent = strings['stopped'] ?? '';
        panel.dataset['state'] = 'stopped';
      } else {
        say.textContent = strings['lost'] ?? String(error);
        panel.dataset['state'] = 'lost';
      }
    } finally {
      controller = undefined;
      idle();
    }
  });
}

async function start(): Promise<void> {
  const panels = [...document.querySelectorAll<HTMLElement>('.run-panel')];
  if (panels.length === 0 || !document.querySelector('meta[name="xdp-labs-server"]')) return;
  const response = await fetch('/api/status', { credentials: 'same-origin' }).catch(() => undefined);
  if (!response) return;
  if (response.status === 403) {
    for (const panel of panels) {
      const strings = JSON.parse(panel.dataset['strings'] ?? '{}') as Strings;
      panel.hidden = false;
      panel.querySelector<HTMLElement>('.run-button')!.hidden = true;
      panel.querySelector<HTMLElement>('.run-status')!.textContent = strings['needsToken'] ?? '';
    }
    return;
  }
  if (!response.ok) return;
  const status = (await response.json()) as Status;
  for (const panel of panels) setUp(panel, status);
}

void start();
