/** Base of every error `compilePattern` throws; `path` points into the pattern JSON. */
export class PatternError extends Error {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(`${message} (at ${path})`);
    this.name = new.target.name;
  }
}

/** The pattern is malformed: Amazon EventBridge itself would reject it. */
export class InvalidPatternError extends PatternError {}

/**
 * The pattern uses an operator this bus does not implement (e.g. `cidr`). It is an error rather
 * than a silent non-match so that the local stack refuses to start with a rule it cannot honour.
 */
export class UnsupportedPatternError extends PatternError {
  constructor(
    readonly operator: string,
    path: string,
  ) {
    super(`Unsupported event pattern operator "${operator}"`, path);
  }
}

/** Renders a JSON path like `detail.state[0].anything-but` from its steps. */
export function jsonPath(steps: readonly (string | number)[]): string {
  if (steps.length === 0) return '$';
  return steps
    .map((step, i) => {
      if (typeof step === 'number') return `[${step}]`;
      return i === 0 ? step : `.${step}`;
    })
    .join('');
}
