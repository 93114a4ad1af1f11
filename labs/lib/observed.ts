// The words of observations that many labs share ("10 sent, 0 received"), in
// the run's language: expected and observed are built by the same function, so
// they compare equal in every locale, and --lang ko prints them in Korean.
import type { Locale } from './locale.ts';

export interface ObservedWords {
  /** A ping's outcome: packets sent and replies received. */
  sentReceived(sent: number, received: number): string;
  /** Replies received. */
  received(count: number): string;
}

const WORDS: { readonly [L in Locale]: ObservedWords } = {
  en: {
    sentReceived: (sent, received) => `${sent} sent, ${received} received`,
    received: (count) => `${count} received`,
  },
  ko: {
    sentReceived: (sent, received) => `${sent}개 보냄, ${received}개 받음`,
    received: (count) => `${count}개 받음`,
  },
};

/** The shared observation words in the run's language: observed(ctx).sentReceived(10, 0). */
export function observed(ctx: { readonly locale: Locale }): ObservedWords {
  return WORDS[ctx.locale];
}
