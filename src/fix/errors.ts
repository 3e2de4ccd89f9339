// Why --fix refused to write: always exit 2, always naming the file, never holding a secret.
import { ScanError } from '../errors.js';

export class FixRefusedError extends ScanError {}
