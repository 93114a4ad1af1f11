// Errors the runner knows how to explain. Everything a learner can get wrong or
// lack ends up as one of these, with a hint that says what to do next, in every
// locale: the reporter prints the one --lang asked for.
import { inLocale, type Locale, type Text } from './locale.ts';

export interface LabErrorDetails {
  /** What to do about it, one or two sentences, in every locale. */
  hint?: Text;
  /** The command that failed, as the learner could type it. */
  command?: string;
  exitCode?: number;
  stderr?: string;
}

/**
 * Something went wrong while a lab ran: a command failed, a tool is missing, the kernel refused.
 * The message is a Text, in every locale, and the reporter prints the run's: a bare
 * string does not type-check, so no error can reach a learner in English only.
 */
export class LabError extends Error {
  override name = 'LabError';
  readonly details: LabErrorDetails;
  /** The message in every locale; Error.message holds the English one (for logs and stacks). */
  readonly text: Text;
  constructor(message: Text, details: LabErrorDetails = {}) {
    super(inLocale(message, 'en'));
    this.text = message;
    this.details = details;
  }
}

/** The command line itself was wrong: exit code 2. Said in every locale, since it is thrown before the locale may be known. */
export class UsageError extends Error {
  override name = 'UsageError';
  readonly text: Text;
  readonly hint: Text | undefined;
  constructor(message: Text, hint?: Text) {
    super(inLocale(message, 'en'));
    this.text = message;
    this.hint = hint;
  }
}

/** What an error says, in one locale: for the reporter and for --json. */
export interface Explained {
  message: string;
  hint?: string | undefined;
}

export function explainError(error: unknown, locale: Locale): Explained {
  if (error instanceof LabError) return { message: inLocale(error.text, locale), hint: error.details.hint && inLocale(error.details.hint, locale) };
  if (error instanceof UsageError) return { message: inLocale(error.text, locale), hint: error.hint && inLocale(error.hint, locale) };
  return { message: error instanceof Error ? error.message : String(error) };
}

/** The lab cannot run here at all (no root, no Linux, no BPF): exit code 1, nothing was created. */
export class PrerequisiteError extends LabError {
  override name = 'PrerequisiteError';
  constructor(message: Text, details: LabErrorDetails = {}) {
    super(message, details);
  }
}

/** Thrown by ctx.skip() without a list of checks: the lab stops, cleans up, and reports skip, not fail. */
export class SkipRun extends LabError {
  override name = 'SkipRun';
  constructor(reason: Text) {
    super(reason);
  }
}
