// @ts-check
// The sidebar lists pages by slug; Starlight resolves each slug to the page of the
// reader's locale, so the same list serves English and Korean.
/** @param {string} en @param {string} ko @param {string[]} items */
const group = (en, ko, items) => ({ label: en, translations: { ko }, items });

export const sidebar = [
  group('Start here', '시작하기', ['index', 'first-program', 'labs', 'workshop-setup']),
  group('How Linux receives a packet', '리눅스가 패킷을 받는 과정', ['network-stack', 'packet-flow', 'nic-napi-skb']),
  group('XDP', 'XDP', ['xdp', 'reference/xdp-md', 'reference/xdp-action']),
  group('Lab catalog', '실습 모음', [
    // Teaching order, the same as labs/catalog/index.ts.
    'labs/xdp-md', 'labs/xdp-parse', 'labs/xdp-counter',
    'labs/xdp-aborted', 'labs/xdp-tx', 'labs/xdp-redirect', 'labs/xdp-forward',
    'labs/xdp-frags', 'labs/xdp-meta', 'labs/xdp-dispatcher', 'labs/af-xdp',
    'labs/skb-evidence', 'labs/drop-bench',
  ]),
  group('Exercises', '연습문제', ['exercises', 'exercises/frame-length', 'exercises/bounds-check', 'exercises/parse-drop', 'exercises/port-filter', 'exercises/proto-count', 'exercises/blocklist', 'exercises/icmp-echo', 'exercises/devmap-redirect', 'exercises/vlan-pop', 'exercises/fib-forward', 'exercises/syn-guard', 'exercises/l4-balancer']),
  group('Help', '도움말', ['troubleshooting', 'debugging', 'compatibility', 'glossary']),
];
