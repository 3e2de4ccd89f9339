// The one door to the SigV4 signer (@smithy/signature-v4 + @aws-crypto/sha256-js), loaded on first use only.
import { lazyRequire } from '../lazy-require.js';

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  /** Session token of temporary (ASIA) credentials; sent and signed as X-Amz-Security-Token. */
  sessionToken?: string;
}

export interface RequestToSign {
  method: string;
  protocol: 'http:' | 'https:';
  hostname: string;
  port?: number;
  path: string;
  query?: Record<string, string>;
  /** Lower-case names; must include `host` exactly as it will be sent (host[:port]). */
  headers: Record<string, string>;
  body?: string;
}

export interface SigningScope {
  region: string;
  service: string;
  signingDate?: Date;
}

type Signer = (request: RequestToSign, credentials: AwsCredentials, scope: SigningScope) => Promise<Record<string, string>>;

let loaded: Promise<Signer> | undefined;

/** Named exports under Node; under the esbuild bundle a CommonJS package arrives as `default` only. */
function exportOf<M extends object, K extends keyof M>(module: M, name: K): NonNullable<M[K]> {
  const found = module[name] ?? ('default' in module ? (module.default as M | undefined)?.[name] : undefined);
  if (found === undefined || found === null) throw new Error(`the signing library has no export ${String(name)}`);
  return found;
}

// Loaded on first use, which keeps ~10 packages off the start-up path of scans that do not validate (DOMAIN.md §3.6).
// A require, not import(): the CLI runs as a CommonJS bundle through node:vm, where import() has no loader.
async function loadSigner(): Promise<Signer> {
  const signerModule = lazyRequire('@smithy/signature-v4') as typeof import('@smithy/signature-v4');
  const hashModule = lazyRequire('@aws-crypto/sha256-js') as typeof import('@aws-crypto/sha256-js');
  const SignatureV4 = exportOf(signerModule, 'SignatureV4');
  const Sha256 = exportOf(hashModule, 'Sha256');
  return async (request, credentials, scope) => {
    const signer = new SignatureV4({
      credentials: { ...credentials },
      region: scope.region,
      service: scope.service,
      sha256: Sha256,
      // x-amz-content-sha256 is for S3 and Glacier; the AWS test suite and STS sign without it.
      applyChecksum: false,
      uriEscapePath: true,
    });
    const signed = await signer.sign({ ...request, query: request.query ?? {}, headers: { ...request.headers } }, scope.signingDate ? { signingDate: scope.signingDate } : {});
    return signed.headers as Record<string, string>;
  };
}

/** Returns the request's headers plus `authorization`, `x-amz-date` and (with a session token) `x-amz-security-token`. */
export async function signRequest(request: RequestToSign, credentials: AwsCredentials, scope: SigningScope): Promise<Record<string, string>> {
  loaded ??= loadSigner();
  const sign = await loaded;
  return sign(request, credentials, scope);
}
