import type { Localized } from '../../../labs/lib/locale.ts';
import type { PublishedDrop } from '../../lib/xdp-paper.ts';
import type { FigureText } from './lang.ts';

export interface DropBenchChartLabels extends Omit<FigureText, 'text' | 'caption'> {
  /** Heading of the recorded run: date, kernel, CPU, load. */
  run: (r: { date: string; kernel: string; cpu: string; load: string }) => string;
  paper: (where: string) => string;
  /** Path labels by the lab's path id. */
  paths: Record<string, string>;
  published: Record<PublishedDrop['id'], string>;
  caption: (generatorNs: string) => string;
  /** One text-alternative item per bar. */
  item: (label: string, ns: string, group: string) => string;
  groupRun: string;
  groupPaper: string;
  ns: (value: string) => string;
}

export const labels: Localized<DropBenchChartLabels> = {
  en: {
    title: 'Receive cost per frame, by drop path, beside the XDP paper',
    desc: 'Horizontal bars, nanoseconds per frame, shorter is cheaper. Top: the recorded run of this lab, each path’s kernel time per frame less the generator’s own. Bottom: the single-core drop figures of the XDP paper, converted from Mpps.',
    run: (r) => `This lab, veth, one CPU: ${r.date}, Linux ${r.kernel}, load ${r.load} on ${r.cpu} CPUs`,
    paper: (where) => `XDP paper, CoNEXT 2018 (${where}): physical NIC, one core`,
    paths: {
      native: 'native XDP',
      generic: 'generic XDP',
      tc: 'tc clsact (BPF)',
      'nft-ingress': 'nft netdev ingress',
      'nft-prerouting': 'nft ip prerouting',
      'iptables-raw': 'iptables raw',
      none: 'no filter (UDP)',
    },
    published: { xdp: 'XDP', dpdk: 'DPDK', 'linux-raw': 'Linux, raw table drop', 'linux-conntrack': 'Linux, conntrack' },
    caption: (g) => `Nanoseconds per frame, shorter is cheaper. This lab’s bars are medians of five rounds, with the generator’s own ${g} per frame, measured in the same rounds, taken off; the paper’s are 1000 ÷ its Mpps.`,
    item: (label, ns, group) => `${group}: ${label}, ${ns} per frame`,
    groupRun: 'This lab',
    groupPaper: 'XDP paper',
    ns: (v) => `${v} ns`,
  },
  ko: {
    title: '드롭 경로별 프레임당 수신 비용과 XDP 논문의 수치',
    desc: '가로 막대, 프레임당 나노초, 짧을수록 쌉니다. 위: 이 실습을 기록한 실행에서 각 경로의 프레임당 커널 시간에서 생성기 자신의 시간을 뺀 값. 아래: XDP 논문의 단일 코어 드롭 수치를 Mpps에서 환산한 값.',
    run: (r) => `이 실습, veth, CPU 하나: ${r.date}, 리눅스 ${r.kernel}, CPU ${r.cpu}개에 부하 ${r.load}`,
    paper: (where) => `XDP 논문, CoNEXT 2018(${where}): 실제 NIC, 코어 하나`,
    paths: {
      native: '네이티브 XDP',
      generic: '제네릭 XDP',
      tc: 'tc clsact(BPF)',
      'nft-ingress': 'nft netdev ingress',
      'nft-prerouting': 'nft ip prerouting',
      'iptables-raw': 'iptables raw',
      none: '필터 없음(UDP)',
    },
    published: { xdp: 'XDP', dpdk: 'DPDK', 'linux-raw': '리눅스, raw 테이블 드롭', 'linux-conntrack': '리눅스, conntrack' },
    caption: (g) => `프레임당 나노초, 짧을수록 쌉니다. 이 실습의 막대는 다섯 라운드의 중앙값이며, 같은 라운드에서 잰 생성기 자신의 비용(프레임당 ${g})을 뺀 값입니다. 논문의 막대는 1000 ÷ 논문의 Mpps입니다.`,
    item: (label, ns, group) => `${group}: ${label}, 프레임당 ${ns}`,
    groupRun: '이 실습',
    groupPaper: 'XDP 논문',
    ns: (v) => `${v}ns`,
  },
};
