// drop-bench's counters and summary, from outputs captured on this machine.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { columns, costTable, median, parseClsactDrops, parseIptablesDrops, parseNftCounter, parseRxPackets, receiveCosts, resultTable, TABLE_WORDS } from '../../labs/lib/bench.ts';
import { mpps, parseLivegen } from '../../labs/lib/livegen.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');

describe('drop counters of each path', () => {
  test('tc: the clsact qdisc counts TC_ACT_SHOT as drops', () => {
    expect(parseClsactDrops(fixture('tc-qdisc-clsact-drops.json'))).toBe(1000);
  });
  test('tc: no clsact qdisc is an error', () => {
    expect(() => parseClsactDrops('[{"kind":"noqueue"}]')).toThrow(/clsact/);
  });
  test('nft: the rule counter', () => {
    expect(parseNftCounter(fixture('nft-table-netdev-counter.json'))).toBe(1000);
  });
  test('iptables: the DROP rule line of -L -v -x', () => {
    expect(parseIptablesDrops(fixture('iptables-raw-prerouting.txt'))).toBe(1000);
    expect(() => parseIptablesDrops('Chain PREROUTING (policy ACCEPT 0 packets, 0 bytes)\n')).toThrow(/no DROP rule/);
  });
  test('ip -s -j link: received frames', () => {
    expect(parseRxPackets(fixture('ip-stats-veth.json'))).toBe(43285085);
  });
});

describe('livegen', () => {
  test('its JSON line, and Mpps by the kernel clock', () => {
    const result = parseLivegen(fixture('livegen-output.json'));
    expect(result).toEqual({ frames: 200000, frameBytes: 60, kernelNs: 634800000, wallNs: 1982515238 });
    expect(mpps(result)).toBeCloseTo(0.315, 3);
  });
  test('anything else is an error', () => {
    expect(() => parseLivegen('{"frames":1}')).toThrow(/no result/);
  });
});

describe('summary', () => {
  test('median of odd and even counts', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow();
  });
  test('the table: medians and how many times faster the baseline is', () => {
    const lines = resultTable(
      [
        { label: 'native XDP', runs: [4, 5, 6] },
        { label: 'tc', runs: [2, 2.5, 3] },
      ],
      'native XDP',
    );
    expect(lines[0]).toMatch(/^path\s+Mpps\s+native÷/);
    expect(lines[1]).toMatch(/^native XDP\s+5\.00\s+1\.00×/);
    expect(lines[2]).toMatch(/^tc\s+2\.50\s+2\.00×/);
  });
  test('receive costs: each round less the generator of the same round, and a round missing on one side is an error', () => {
    expect(receiveCosts([400, 380, 420], [200, 170, 230])).toEqual([200, 210, 190]);
    expect(() => receiveCosts([400, 380], [200])).toThrow(/2 path rounds but 1 generator rounds/);
  });
  test('the cost table: the generator alone first, then each path with and without it', () => {
    const lines = costTable([{ id: 'native', label: 'native XDP', totalNs: [400, 380, 420], receiveNs: [200, 210, 190] }], [200, 170, 230]);
    expect(lines[0]).toMatch(/^path\s+ns\/fr\s+rx ns/);
    expect(lines[1]).toMatch(/^generator alone\s+200\s+—\s+\(200 170 230\)$/);
    expect(lines[2]).toMatch(/^native XDP\s+400\s+200\s+\(200 210 190\)$/);
  });
  test('the tables in Korean: Hangul counts two columns, so every column still lines up in a terminal', () => {
    expect([columns('native÷'), columns('—'), columns('생성기 단독'), columns('네이티브÷')]).toEqual([7, 1, 11, 9]);
    /** The terminal column where `text` ends on `line`. */
    const endOf = (line: string, text: string) => columns(line.slice(0, line.indexOf(text) + text.length));
    const results = resultTable(
      [
        { label: '네이티브 XDP', runs: [4, 5, 6] },
        { label: 'tc clsact (BPF)', runs: [2, 2.5, 3] },
      ],
      '네이티브 XDP',
      TABLE_WORDS.ko,
    );
    expect(results[0]).toMatch(/^경로\s+Mpps\s+네이티브÷\s+\(측정마다\)$/);
    expect([endOf(results[0]!, 'Mpps'), endOf(results[1]!, '5.00'), endOf(results[2]!, '2.50')]).toEqual(Array(3).fill(endOf(results[0]!, 'Mpps')));
    expect([endOf(results[0]!, '÷'), endOf(results[1]!, '1.00×'), endOf(results[2]!, '2.00×')]).toEqual(Array(3).fill(endOf(results[0]!, '÷')));
    const costs = costTable([{ id: 'none', label: '필터 없음 (UDP, 소켓 없음)', totalNs: [2600, 2700, 2650], receiveNs: [2400, 2500, 2450] }], [200, 170, 230], TABLE_WORDS.ko);
    expect(costs[1]).toMatch(/^생성기 단독\s+200\s+—\s+\(200 170 230\)$/);
    expect([endOf(costs[0]!, 'ns/fr'), endOf(costs[1]!, '200'), endOf(costs[2]!, '2650')]).toEqual(Array(3).fill(endOf(costs[0]!, 'ns/fr')));
  });
});
