// The frame builder used to feed xdp_parse crafted frames through BPF_PROG_RUN.
import { describe, expect, test } from 'vitest';
import { buildFrame, headerOffsets, internetChecksum, refreshIpv4Checksum, type FrameSpec } from '../../labs/lib/frames.ts';

const hex = (bytes: Uint8Array, from: number, to: number) => Buffer.from(bytes.subarray(from, to)).toString('hex');

describe('internetChecksum', () => {
  test('the textbook IPv4 header (192.168.0.1 → 192.168.0.199) sums to b861', () => {
    const header = Buffer.from('450000730000400040110000c0a80001c0a800c7', 'hex');
    expect(internetChecksum([...header])).toBe(0xb861);
  });
  test('a header that carries its checksum sums to 0', () => {
    const header = Buffer.from('45000073000040004011b861c0a80001c0a800c7', 'hex');
    expect(internetChecksum([...header])).toBe(0);
  });
  test('an odd length is padded with a zero byte', () => {
    expect(internetChecksum([0x01])).toBe(internetChecksum([0x01, 0x00]));
  });
});

describe('buildFrame', () => {
  test('an untagged IPv4 echo request: EtherType 0x0800, ICMP type 8, valid checksums', () => {
    const spec: FrameSpec = { family: 4, l4: { kind: 'echo-request' }, payload: 16 };
    const frame = buildFrame(spec);
    expect(frame.length).toBe(14 + 20 + 8 + 16);
    expect(hex(frame, 12, 14)).toBe('0800');
    expect(frame[14 + 9]).toBe(1); // protocol ICMP
    expect(frame[34]).toBe(8); // echo request
    expect(internetChecksum([...frame.subarray(14, 34)])).toBe(0);
    expect(internetChecksum([...frame.subarray(34)])).toBe(0);
  });

  test('QinQ: an 802.1ad tag, then an 802.1Q tag, then the EtherType', () => {
    const frame = buildFrame({ family: 6, l4: { kind: 'echo-request' }, vlans: [{ tpid: 0x88a8, id: 20 }, { tpid: 0x8100, id: 30 }] });
    expect(hex(frame, 12, 22)).toBe('88a8' + '0014' + '8100' + '001e' + '86dd');
    expect(frame[22 + 6]).toBe(58); // next header ICMPv6
    expect(frame[22 + 40]).toBe(128); // echo request
  });

  test('a tag with a priority carries it in the top 3 bits of the TCI, the VLAN id in the low 12', () => {
    const frame = buildFrame({ family: 4, l4: { kind: 'udp', dport: 1 }, vlans: [{ tpid: 0x8100, id: 10, pcp: 5 }] });
    expect(hex(frame, 12, 18)).toBe('8100' + 'a00a' + '0800');
  });

  test('UDP over IPv6 has a checksum that verifies against the pseudo-header', () => {
    const frame = buildFrame({ family: 6, l4: { kind: 'udp', dport: 5000 }, payload: 10 });
    const ip6 = frame.subarray(14, 54);
    const udp = [...frame.subarray(54)];
    const pseudo = [...ip6.subarray(8, 40), 0, 0, 0, udp.length, 0, 0, 0, 17];
    expect(hex(frame, 54 + 2, 54 + 4)).toBe('1388');
    expect(internetChecksum([...pseudo, ...udp])).toBe(0);
  });

  test('echo replies: type 0 for IPv4, 129 for IPv6', () => {
    expect(buildFrame({ family: 4, l4: { kind: 'echo-reply' } })[34]).toBe(0);
    expect(buildFrame({ family: 6, l4: { kind: 'echo-reply' } })[54]).toBe(129);
  });
});

describe('headerOffsets', () => {
  test('counts 4 bytes per tag and the IP header of each family', () => {
    expect(headerOffsets({ family: 4, l4: { kind: 'echo-request' } })).toMatchObject({ l3: 14, l4: 34 });
    expect(headerOffsets({ family: 6, l4: { kind: 'udp', dport: 1 }, vlans: [{ tpid: 0x8100, id: 1 }] })).toMatchObject({ l3: 18, l4: 58 });
  });
});

describe('refreshIpv4Checksum', () => {
  test('after an option byte is edited, the header (options included) sums to 0 again, behind a VLAN tag too', () => {
    const frame = buildFrame({ family: 4, l4: { kind: 'echo-request' }, ipOptions: 4, vlans: [{ tpid: 0x8100, id: 5 }] });
    frame[18 + 20] = 0; // the first option byte: end of list
    expect(internetChecksum([...frame.subarray(18, 18 + 24)])).not.toBe(0);
    refreshIpv4Checksum(frame, 18);
    expect(internetChecksum([...frame.subarray(18, 18 + 24)])).toBe(0);
  });
});
