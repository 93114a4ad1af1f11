// The words of observations that many labs share ("10 sent, 0 received"), in
// the run's language: expected and observed are built by the same function, so
// they compare equal in every locale, and --lang ko prints them in Korean.
// A word only one lab says lives in that lab, in a { en, ko } table of its own.
import type { Locale } from './locale.ts';

export interface ObservedWords {
  /** A ping's outcome: packets sent and replies received. */
  sentReceived(sent: number, received: number): string;
  /** Replies received. */
  received(count: number): string;
  /** UDP datagrams counted (by a receiver's UDP layer, say). */
  datagrams(count: number): string;
  /** Frames counted (by a program, a socket, a device). */
  frames(count: number): string;
  /** A length or a total in bytes. */
  bytes(count: number): string;
  /** How many times a program ran (bpftool's run_cnt, a program's own counter). */
  runs(count: number): string;
  /** ICMP echo requests seen (in a capture, by a program). */
  echoRequests(count: number): string;
  /** What a list, a map or a reading holds when it holds nothing. */
  readonly none: string;
  /** The same, where the English says "nothing" (no counter moved, no answer). */
  readonly nothing: string;
  /** A map slot or a table with no entry. */
  readonly empty: string;
  /** An attach that was meant to be refused and was not. */
  readonly attached: string;
}

const WORDS: { readonly [L in Locale]: ObservedWords } = {
  en: {
    sentReceived: (sent, received) => `${sent} sent, ${received} received`,
    received: (count) => `${count} received`,
    datagrams: (count) => `${count} datagrams`,
    frames: (count) => `${count} frames`,
    bytes: (count) => `${count} bytes`,
    runs: (count) => `${count} runs`,
    echoRequests: (count) => `${count} ${count === 1 ? 'echo request' : 'echo requests'}`,
    none: 'none',
    nothing: 'nothing',
    empty: 'empty',
    attached: 'attached',
  },
  ko: {
    sentReceived: (sent, received) => `${sent}개 보냄, ${received}개 받음`,
    received: (count) => `${count}개 받음`,
    datagrams: (count) => `데이터그램 ${count}개`,
    frames: (count) => `프레임 ${count}개`,
    bytes: (count) => `${count}바이트`,
    runs: (count) => `${count}번 실행`,
    echoRequests: (count) => `에코 요청 ${count}개`,
    none: '없음',
    nothing: '없음',
    empty: '비어 있음',
    attached: '붙음',
  },
};

/** The shared observation words in the run's language: observed(ctx).sentReceived(10, 0). */
export function observed(ctx: { readonly locale: Locale }): ObservedWords {
  return WORDS[ctx.locale];
}
