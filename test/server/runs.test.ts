// Runs through the server's API, for real: a lab's events in the asked
// language ending with the same document `--json` prints, a client that
// disconnects mid-run (nothing left behind), and an exercise check that fails
// on the starter and passes with the solution in place, moving the progress.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { findLab } from '../../labs/catalog/index.ts';
import type { RunEvent } from '../../labs/runner/event-reporter.ts';
import { runLabJson } from '../support/run-lab.ts';
import { api, leftovers, readEvents, recordedPids, runIdOf, startBook, untilIdle, withSolutionInPlace, xdpPrograms, type Book } from './book.ts';

let book: Book;
// The learner's progress goes to a folder of the test's own, not to root's real one.
const stateHome = mkdtempSync(join(tmpdir(), 'xdp-labs-state-'));
beforeAll(async () => {
  book = await startBook({ XDG_STATE_HOME: stateHome });
});
afterAll(async () => {
  await book?.stop();
  rmSync(stateHome, { recursive: true, force: true });
});

const ofType = <T extends RunEvent['type']>(events: RunEvent[], type: T) => events.filter((e): e is Extract<RunEvent, { type: T }> => e.type === type);

describe('lab runs', () => {
  test('a run streams its steps and checks in Korean and ends with the --json document', async () => {
    const lab = findLab('xdp-pass')!;
    const response = await api(book, '/api/labs/xdp-pass/runs', { body: JSON.stringify({ lang: 'ko' }) });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    const events = await readEvents(response);

    const done = events.at(-1)!;
    expect(done.type).toBe('done');
    const result = (done as Extract<RunEvent, { type: 'done' }>).result as Awaited<ReturnType<typeof runLabJson>>['report'];
    expect(result).toMatchObject({ lab: 'xdp-pass', target: 'local', status: 'pass', ok: true });

    const started = ofType(events, 'step').filter((s) => s.state === 'running').map((s) => s.title);
    expect(started).toEqual([...lab.steps.map((s) => s.title.ko), '정리']);
    expect(ofType(events, 'step').filter((s) => s.state === 'failed')).toEqual([]);
    const checks = ofType(events, 'check');
    expect(checks.map((c) => c.id)).toEqual(lab.checks.map((c) => c.id));
    expect(checks.map((c) => c.text)).toEqual(lab.checks.map((c) => c.text.ko));
    // Each check event carries what the document says about it, and arrives before the end.
    expect(checks.map(({ id, ok, expected, observed }) => ({ id, ok, expected, observed }))).toEqual(result.checks);
    expect(events.indexOf(checks.at(-1)!)).toBeLessThan(events.indexOf(done));

    // The same document the command line prints with --json: the same fields, the same checks.
    // The command line in the same language: observed and expected values follow --lang too.
    const cli = await runLabJson('xdp-pass', 'local', ['--lang', 'ko']);
    expect(Object.keys(result).sort()).toEqual(Object.keys(cli.report).sort());
    expect(result.checks.map(({ id, expected }) => ({ id, expected }))).toEqual(cli.report.checks.map(({ id, expected }) => ({ id, expected })));
  });

  test('a client that disconnects mid-run cancels it, and cleanup leaves nothing behind', async () => {
    const before = await xdpPrograms();
    const controller = new AbortController();
    const response = await api(book, '/api/labs/xdp-drop/runs', { body: '{}', signal: controller.signal });
    // Disconnect once the network exists and the first program is attached (the lo step is running).
    const events = await readEvents(response, (event, all) => event.type === 'check' && all.some((e) => e.type === 'check' && e.id === 'lo-generic-attached'));
    const runId = runIdOf(events)!;
    expect(runId).toMatch(/^[0-9a-f]{4}$/);
    const pids = recordedPids(runId);
    controller.abort();
    await untilIdle(book);
    // It was stopped, not run to its end: the server saw it end with checks never observed.
    const ended = /■ lab xdp-drop: stopped by the page, (\d+) of 12 checks observed; cleanup done/.exec(book.output());
    expect(ended, book.output()).not.toBeNull();
    expect(Number(ended![1])).toBeLessThan(12);
    expect(await leftovers(runId, { pids, before, programs: ['xdp_drop'] })).toEqual([]);
  });
});

describe('exercise checks', () => {
  const progress = async () => (await (await api(book, '/api/exercises/progress', { method: 'GET' })).json()) as Record<string, string>;
  const check = async () => readEvents(await api(book, '/api/exercises/frame-length/checks', { body: '{}' }));

  test('the starter fails with its failing checks; with the solution in place it passes and the progress changes', async () => {
    expect((await progress())['frame-length']).toBe('not-started');
    const first = await check();
    const failed = ofType(first, 'check').filter((c) => !c.ok);
    expect(failed.length).toBeGreaterThan(0);
    expect(failed[0]!.frame, 'a failing unit check names its frame').toBeTruthy();
    expect((first.at(-1) as Extract<RunEvent, { type: 'done' }>).result).toMatchObject({ exercise: 'frame-length', status: 'fail' });
    expect((await progress())['frame-length']).toBe('failing');

    const second = await withSolutionInPlace('frame-length', check);
    expect(ofType(second, 'check').filter((c) => !c.ok)).toEqual([]);
    expect((second.at(-1) as Extract<RunEvent, { type: 'done' }>).result).toMatchObject({ exercise: 'frame-length', status: 'pass' });
    expect((await progress())['frame-length']).toBe('passed');
  });
});
