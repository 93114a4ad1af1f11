// Errors the runner knows how to explain. Everything a learner can get wrong or
// lack ends up as one of these, with a hint that says what to do next.

export interface LabErrorDetails {
  /** What to do about it, one or two sentences. */
  hint?: string;
  /** The command that failed, as the learner could type it. */
  command?: string;
  exitCode?: number;
  stderr?: string;
}

/** Something went wrong while a lab ran: a command failed, a tool is missing, the kernel refused. */
export class LabError extends Error {
  override name = 'LabError';
  readonly details: LabErrorDetails;
  constructor(message: string, details: LabErrorDetails = {}) {
    super(message);
    this.details = details;
  }
}

/** The command line itself was wrong: exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
  readonly hint: string | undefined;
  constructor(message: string, hint?: string) {
    super(message);
    this.hint = hint;
  }
}

/** The lab cannot run here at all (no root, no Linux, no BPF): exit code 1, nothing was created. */
export class PrerequisiteError extends LabError {
  override name = 'PrerequisiteError';
}

/** Thrown by ctx.skip() without a list of checks: the lab stops, cleans up, and reports skip, not fail. */
export class SkipRun extends LabError {
  override name = 'SkipRun';
}
