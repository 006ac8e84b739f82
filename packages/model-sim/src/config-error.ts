/**
 * A setting that stops model-sim at startup. The message names the environment variable and what a
 * valid value looks like, so an operator can fix it without reading code.
 */
export class ConfigError extends Error {
  readonly code = 'config_invalid';
  readonly isRetryable = false;
  readonly variable: string;

  constructor(variable: string, problem: string, options?: ErrorOptions) {
    super(`${variable} ${problem}`, options);
    this.name = 'ConfigError';
    this.variable = variable;
  }
}
