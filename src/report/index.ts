// Format name → reporter. Formats other issues add (sarif, github, junit) register here.
import type { Reporter } from './types.js';
import { jsonReporter } from './json.js';
import { textReporter } from './text.js';
import { sarifReporter } from './sarif.js';
import { githubReporter } from './github.js';
import { junitReporter } from './junit.js';
import { gitlabReporter } from './gitlab.js';

export const REPORTERS: Record<string, Reporter> = {
  text: textReporter,
  json: jsonReporter,
  sarif: sarifReporter,
  github: githubReporter,
  junit: junitReporter,
  gitlab: gitlabReporter,
};
