// keyfence's own version: it lives below cli/ (validate/ sends it as the User-Agent); the CLI imports it from here.
export { toolVersion } from '../version.js';
