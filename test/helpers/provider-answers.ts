// The documented answers of every provider keyfence checks live, written from the providers' docs (each entry's
// `docs`), not from the rules: where the provider reads the credential, what it says to a live one (with identity
// fields) and to a dead one. The loopback double (provider-double.ts) serves them; the catalogue test runs every rule.

import { randomBytes } from 'node:crypto';

export interface DoubleRequest {
  method: string;
  host: string;
  /** Path after the host, without the query. */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface DoubleAnswer {
  status: number;
  body?: unknown;
  /** Sent as it is when the answer is not JSON. */
  text?: string;
  headers?: Record<string, string>;
}

export interface ProviderAnswers {
  /** The rules this endpoint answers for (each validating rule must appear in exactly one entry). */
  rules: string[];
  /** Hosts the provider serves this endpoint on (a tenant's: any host ending so). */
  hosts: string[];
  tenantSuffix?: string;
  method: 'GET' | 'POST';
  path: RegExp;
  /** The credential as the provider reads it from the request, or undefined when it is not where the docs say. */
  credential: (req: DoubleRequest) => string | undefined;
  /** How a (secret, other half) pair looks to `credential`: the double knows a credential by this. */
  key?: (secret: string, id?: string) => string;
  live: DoubleAnswer;
  /** Identity the verdict must carry for the live answer (label → value). */
  identity?: Record<string, string>;
  dead: DoubleAnswer;
  /** What the dead answer must become (Mandrill answers errors with 500, so a dead key stays unknown). */
  deadVerdict?: 'invalid' | 'unknown';
  /** For checks that ask several sites: the one that knows the live credential (or how the secret names it). */
  liveAt?: string | ((secret: string) => string);
  /** Text to scan instead of the rule's first match example (when that example cannot be checked as it is). */
  sample?: () => string;
  /** The other half of the credential, written next to the secret in the scanned text. */
  partner?: { line: (value: string) => string; value: string };
  /** The request must also carry these (e.g. a JSON body field), or the double refuses it as malformed. */
  requires?: (req: DoubleRequest) => boolean;
  docs: string[];
}

const header = (req: DoubleRequest, name: string): string | undefined => {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
};
const after = (prefix: string, value: string | undefined): string | undefined => (value?.startsWith(prefix) ? value.slice(prefix.length) : undefined);
const bearer = (req: DoubleRequest): string | undefined => after('Bearer ', header(req, 'authorization'));
const basic = (req: DoubleRequest): string | undefined => {
  const encoded = after('Basic ', header(req, 'authorization'));
  return encoded === undefined ? undefined : Buffer.from(encoded, 'base64').toString('utf8');
};
const json = (req: DoubleRequest): Record<string, unknown> => {
  try {
    return JSON.parse(req.body) as Record<string, unknown>;
  } catch {
    return {};
  }
};
const unauthorized = (body: unknown = { message: 'Unauthorized' }): DoubleAnswer => ({ status: 401, body });
const models = { status: 200, body: { object: 'list', data: [{ id: 'model-1', object: 'model' }] } };

const GITHUB_DOCS = ['https://docs.github.com/en/rest/users/users#get-the-authenticated-user'];

export const PROVIDERS: ProviderAnswers[] = [
  {
    rules: ['github-personal-access-token', 'github-oauth-token', 'github-user-to-server-token', 'github-fine-grained-pat', 'github-legacy-token'],
    hosts: ['api.github.com'], method: 'GET', path: /^\/user$/, credential: bearer,
    live: { status: 200, body: { login: 'octocat', id: 1, type: 'User' }, headers: { 'x-oauth-scopes': 'repo, gist' } },
    identity: { login: 'octocat', type: 'User', scopes: 'repo, gist' },
    dead: unauthorized({ message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' }), docs: GITHUB_DOCS,
  },
  {
    rules: ['github-app-installation-token'], hosts: ['api.github.com'], method: 'GET', path: /^\/installation\/repositories$/, credential: bearer,
    live: { status: 200, body: { total_count: 3, repositories: [{ full_name: 'acme/app' }] } }, identity: { repositories: '3' },
    dead: unauthorized({ message: 'Bad credentials' }), docs: ['https://docs.github.com/en/rest/apps/installations#list-repositories-accessible-to-the-app-installation'],
  },
  {
    rules: ['gitlab-personal-access-token'], hosts: ['gitlab.com'], method: 'GET', path: /^\/api\/v4\/personal_access_tokens\/self$/, credential: (r) => header(r, 'private-token'),
    live: { status: 200, body: { id: 4, name: 'ci', active: true, scopes: ['api', 'read_repository'], user_id: 42, expires_at: '2030-01-01' } },
    identity: { name: 'ci', scopes: 'api, read_repository', user: '42' },
    dead: unauthorized({ message: '401 Unauthorized' }), docs: ['https://docs.gitlab.com/api/personal_access_tokens/#get-details-on-a-personal-access-token'],
  },
  {
    rules: ['slack-bot-token', 'slack-user-token', 'slack-legacy-token'], hosts: ['slack.com'], method: 'POST', path: /^\/api\/auth\.test$/, credential: bearer,
    live: { status: 200, body: { ok: true, url: 'https://acme.slack.com/', team: 'Acme', user: 'deploy-bot', team_id: 'T0001', user_id: 'U0001' } },
    identity: { team: 'Acme', user: 'deploy-bot', url: 'https://acme.slack.com/' },
    // Slack answers 200 with ok:false to a dead token.
    dead: { status: 200, body: { ok: false, error: 'invalid_auth' } }, docs: ['https://api.slack.com/methods/auth.test'],
  },
  {
    rules: ['slack-webhook-url'], hosts: ['hooks.slack.com'], method: 'POST', path: /^\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]+$/, credential: (r) => r.path.slice('/services/'.length),
    key: (secret) => secret.replace('https://hooks.slack.com/services/', ''),
    // A live webhook refuses the empty message; nothing is posted.
    requires: (r) => json(r).text === '',
    live: { status: 400, text: 'no_text' }, dead: { status: 403, text: 'invalid_token' }, docs: ['https://api.slack.com/messaging/webhooks#handling_errors'],
  },
  {
    rules: ['stripe-secret-key', 'stripe-restricted-key', 'stripe-test-secret-key'], hosts: ['api.stripe.com'], method: 'GET', path: /^\/v1\/account$/, credential: basic, key: (s) => `${s}:`,
    live: { status: 200, body: { id: 'acct_1Acme', object: 'account', email: 'billing@acme.test', country: 'DE', business_profile: { name: 'Acme GmbH' } } },
    identity: { account: 'acct_1Acme', email: 'billing@acme.test', business: 'Acme GmbH', country: 'DE' },
    dead: unauthorized({ error: { type: 'invalid_request_error', message: 'Invalid API Key provided: sk_live_****' } }), docs: ['https://docs.stripe.com/api/errors'],
  },
  {
    rules: ['openai-api-key', 'openai-project-key', 'openai-service-account-key'], hosts: ['api.openai.com'], method: 'GET', path: /^\/v1\/models$/, credential: bearer,
    live: { ...models, headers: { 'openai-organization': 'acme-research' } }, identity: { organization: 'acme-research' },
    dead: unauthorized({ error: { code: 'invalid_api_key', type: 'invalid_request_error' } }), docs: ['https://platform.openai.com/docs/guides/error-codes'],
  },
  {
    rules: ['openai-admin-key'], hosts: ['api.openai.com'], method: 'GET', path: /^\/v1\/organization\/projects$/, credential: bearer,
    live: { status: 200, body: { object: 'list', data: [{ id: 'proj_1', name: 'Default' }] } }, dead: unauthorized({ error: { code: 'invalid_api_key' } }),
    docs: ['https://platform.openai.com/docs/api-reference/projects/list'],
  },
  {
    rules: ['anthropic-api-key'], hosts: ['api.anthropic.com'], method: 'GET', path: /^\/v1\/models$/, credential: (r) => header(r, 'x-api-key'),
    requires: (r) => header(r, 'anthropic-version') !== undefined,
    live: { status: 200, body: { data: [{ id: 'claude-x', type: 'model' }], has_more: false } },
    dead: unauthorized({ type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } }), docs: ['https://docs.anthropic.com/en/api/errors'],
  },
  {
    rules: ['anthropic-admin-key'], hosts: ['api.anthropic.com'], method: 'GET', path: /^\/v1\/organizations\/users$/, credential: (r) => header(r, 'x-api-key'),
    requires: (r) => header(r, 'anthropic-version') !== undefined,
    live: { status: 200, body: { data: [{ id: 'user_1', type: 'user' }], has_more: true } },
    dead: unauthorized({ type: 'error', error: { type: 'authentication_error' } }), docs: ['https://docs.anthropic.com/en/api/admin-api/users/list-users'],
  },
  {
    rules: ['gcp-api-key', 'google-ai-studio-api-key'], hosts: ['generativelanguage.googleapis.com'], method: 'GET', path: /^\/v1beta\/models$/, credential: (r) => header(r, 'x-goog-api-key'),
    live: { status: 200, body: { models: [{ name: 'models/gemini-x' }] } },
    // Google's refusal of an unknown key: 400 with reason API_KEY_INVALID.
    dead: { status: 400, body: { error: { code: 400, message: 'API key not valid. Please pass a valid API key.', status: 'INVALID_ARGUMENT', details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com' }] } } },
    docs: ['https://cloud.google.com/docs/authentication/api-keys', 'https://ai.google.dev/api/models#method:-models.list'],
  },
  {
    rules: ['npm-access-token'], hosts: ['registry.npmjs.org'], method: 'GET', path: /^\/-\/whoami$/, credential: bearer,
    live: { status: 200, body: { username: 'acme-publisher' } }, identity: { user: 'acme-publisher' }, dead: unauthorized({ error: 'Unauthorized' }),
    docs: ['https://docs.npmjs.com/cli/v10/commands/npm-whoami'],
  },
  ...['upload.pypi.org', 'test.pypi.org'].map(
    (host): ProviderAnswers => ({
      rules: [host === 'test.pypi.org' ? 'pypi-test-upload-token' : 'pypi-upload-token'], hosts: [host], method: 'POST', path: /^\/legacy\/$/, credential: basic, key: (s) => `__token__:${s}`,
      // An upload without a file or digest: refused after the token is checked, so nothing is published.
      requires: (r) => r.body.includes('name=":action"') && !r.body.includes('sha256_digest'),
      live: { status: 400, text: '<html><title>400 Include at least one message digest.</title></html>' },
      dead: { status: 403, text: '<html><title>403 Invalid or non-existent authentication information.</title></html>' },
      docs: ['https://docs.pypi.org/api/upload/'],
    }),
  ),
  {
    rules: ['twilio-auth-token'], hosts: ['api.twilio.com'], method: 'GET', path: /^\/2010-04-01\/Accounts\/AC[0-9a-f]{32}\.json$/, credential: basic, key: (s, id) => `${id}:${s}`,
    partner: { line: (v) => `TWILIO_ACCOUNT_SID=${v}`, value: 'AC' + '0123456789abcdef0123456789abcdef' },
    live: { status: 200, body: { sid: 'AC0123', friendly_name: 'Acme prod', status: 'active', type: 'Full' } }, identity: { account: 'Acme prod', status: 'active', type: 'Full' },
    dead: unauthorized({ code: 20003, message: 'Authenticate', status: 401 }), docs: ['https://www.twilio.com/docs/iam/api/account#fetch-an-account-resource'],
  },
  {
    rules: ['sendgrid-api-key'], hosts: ['api.sendgrid.com'], method: 'GET', path: /^\/v3\/scopes$/, credential: bearer,
    live: { status: 200, body: { scopes: ['mail.send', 'alerts.read'] } }, identity: { scopes: 'mail.send, alerts.read' },
    dead: unauthorized({ errors: [{ field: null, message: 'authorization required' }] }), docs: ['https://www.twilio.com/docs/sendgrid/api-reference/api-key-permissions'],
  },
  {
    rules: ['mailgun-api-key', 'mailgun-private-key'], hosts: ['api.mailgun.net', 'api.eu.mailgun.net'], liveAt: 'api.eu.mailgun.net', method: 'GET', path: /^\/v3\/domains$/, credential: basic, key: (s) => `api:${s}`,
    live: { status: 200, body: { total_count: 2, items: [{ name: 'mg.acme.test' }] } }, identity: { domains: '2' }, dead: { status: 401, text: 'Forbidden' },
    docs: ['https://documentation.mailgun.com/docs/mailgun/api-reference/#base-url'],
  },
  {
    rules: ['mailchimp-api-key'], hosts: Array.from({ length: 21 }, (_, i) => `us${i + 1}.api.mailchimp.com`), liveAt: (s) => `${/-(us[0-9]+)$/.exec(s)?.[1] ?? ''}.api.mailchimp.com`,
    // The rule's own example names data centre us84, which keyfence does not know (so it is never sent): use us21.
    sample: () => `MAILCHIMP_API_KEY=${randomBytes(16).toString('hex')}-us21`,
    method: 'GET', path: /^\/3\.0\/$/, credential: (r) => basic(r)?.split(':')[1],
    live: { status: 200, body: { account_id: 'a1', login_id: 'l1', account_name: 'Acme', email: 'owner@acme.test' } }, identity: { account: 'Acme', login: 'l1', email: 'owner@acme.test' },
    dead: unauthorized({ title: 'API Key Invalid', status: 401 }), docs: ['https://mailchimp.com/developer/marketing/docs/fundamentals/#api-structure'],
  },
  {
    rules: ['mailchimp-transactional-api-key'], hosts: ['mandrillapp.com'], method: 'POST', path: /^\/api\/1\.0\/users\/ping2$/, credential: (r) => json(r).key as string | undefined,
    live: { status: 200, body: { PING: 'PONG!' } },
    // Mandrill answers every error, a bad key included, with HTTP 500.
    dead: { status: 500, body: { status: 'error', code: -1, name: 'Invalid_Key', message: 'Invalid API key' } }, deadVerdict: 'unknown',
    docs: ['https://mailchimp.com/developer/transactional/docs/fundamentals/#api-errors'],
  },
  {
    rules: ['datadog-api-key'], hosts: ['api.datadoghq.com', 'api.us3.datadoghq.com', 'api.us5.datadoghq.com', 'api.datadoghq.eu', 'api.ap1.datadoghq.com', 'api.ap2.datadoghq.com', 'api.ddog-gov.com'],
    liveAt: 'api.datadoghq.eu', method: 'GET', path: /^\/api\/v1\/validate$/, credential: (r) => header(r, 'dd-api-key'),
    live: { status: 200, body: { valid: true } }, dead: { status: 403, body: { errors: ['Forbidden'] } }, docs: ['https://docs.datadoghq.com/api/latest/authentication/#validate-api-key'],
  },
  {
    rules: ['newrelic-user-api-key'], hosts: ['api.newrelic.com', 'api.eu.newrelic.com'], method: 'POST', path: /^\/graphql$/, credential: (r) => header(r, 'api-key'),
    requires: (r) => typeof json(r).query === 'string' && (json(r).query as string).includes('actor'),
    live: { status: 200, body: { data: { actor: { user: { email: 'sre@acme.test', name: 'SRE' } } } } }, identity: { email: 'sre@acme.test', name: 'SRE' },
    dead: unauthorized({ errors: [{ message: 'Invalid API key' }] }), docs: ['https://docs.newrelic.com/docs/apis/nerdgraph/get-started/introduction-new-relic-nerdgraph/'],
  },
  {
    rules: ['sentry-org-auth-token', 'sentry-user-auth-token'], hosts: ['sentry.io'], method: 'GET', path: /^\/api\/0\/organizations\/$/, credential: bearer,
    live: { status: 200, body: [{ id: '1', slug: 'acme', name: 'Acme' }] }, identity: { organizations: 'acme' }, dead: unauthorized({ detail: 'Invalid token' }),
    docs: ['https://docs.sentry.io/api/organizations/list-your-organizations/'],
  },
  {
    rules: ['heroku-api-key', 'heroku-api-key-v2'], hosts: ['api.heroku.com'], method: 'GET', path: /^\/account$/, credential: bearer,
    requires: (r) => /version=3/.test(header(r, 'accept') ?? ''),
    live: { status: 200, body: { email: 'ops@acme.test', id: 'u-1' } }, identity: { email: 'ops@acme.test' }, dead: unauthorized({ id: 'unauthorized', message: 'Invalid credentials provided.' }),
    docs: ['https://devcenter.heroku.com/articles/platform-api-reference#account-info'],
  },
  {
    rules: ['digitalocean-personal-access-token', 'digitalocean-oauth-token'], hosts: ['api.digitalocean.com'], method: 'GET', path: /^\/v2\/account$/, credential: bearer,
    live: { status: 200, body: { account: { email: 'ops@acme.test', status: 'active', uuid: 'x' } } }, identity: { email: 'ops@acme.test', status: 'active' },
    dead: unauthorized({ id: 'Unauthorized', message: 'Unable to authenticate you' }), docs: ['https://docs.digitalocean.com/reference/api/digitalocean/#tag/Account'],
  },
  {
    rules: ['cloudflare-api-token'], hosts: ['api.cloudflare.com'], method: 'GET', path: /^\/client\/v4\/user\/tokens\/verify$/, credential: bearer,
    live: { status: 200, body: { success: true, result: { id: 'tok-1', status: 'active' } } }, identity: { token: 'tok-1', status: 'active' },
    dead: unauthorized({ success: false, errors: [{ code: 1000, message: 'Invalid API Token' }] }), docs: ['https://developers.cloudflare.com/api/resources/user/subresources/tokens/methods/verify/'],
  },
  {
    rules: ['cloudflare-global-api-key'], hosts: ['api.cloudflare.com'], method: 'GET', path: /^\/client\/v4\/user$/, credential: (r) => `${header(r, 'x-auth-email')}|${header(r, 'x-auth-key')}`, key: (s, id) => `${id}|${s}`,
    partner: { line: (v) => `CLOUDFLARE_EMAIL=${v}`, value: 'ops@acme.test' },
    live: { status: 200, body: { success: true, result: { email: 'ops@acme.test' } } }, identity: { email: 'ops@acme.test' },
    dead: { status: 400, body: { success: false, errors: [{ code: 9103, message: 'Unknown X-Auth-Key or X-Auth-Email' }] } }, docs: ['https://developers.cloudflare.com/fundamentals/api/get-started/keys/'],
  },
  {
    rules: ['shopify-access-token', 'shopify-custom-app-token', 'shopify-private-app-token'], hosts: [], tenantSuffix: '.myshopify.com', method: 'GET', path: /^\/admin\/api\/[0-9-]+\/shop\.json$/,
    credential: (r) => header(r, 'x-shopify-access-token'),
    live: { status: 200, body: { shop: { name: 'Acme Shop', myshopify_domain: 'acme.myshopify.com' } } }, identity: { shop: 'Acme Shop', domain: 'acme.myshopify.com' },
    dead: unauthorized({ errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' }), docs: ['https://shopify.dev/docs/api/admin-rest/2024-10/resources/shop#get-shop'],
  },
  {
    rules: ['huggingface-access-token', 'huggingface-organization-token'], hosts: ['huggingface.co'], method: 'GET', path: /^\/api\/whoami-v2$/, credential: bearer,
    live: { status: 200, body: { name: 'acme-ml', type: 'user', auth: { accessToken: { role: 'read' } } } }, identity: { name: 'acme-ml', type: 'user', role: 'read' },
    dead: unauthorized({ error: 'Invalid credentials in Authorization header' }), docs: ['https://huggingface.co/docs/hub/security-tokens'],
  },
  {
    rules: ['linear-api-key', 'linear-oauth-token'], hosts: ['api.linear.app'], method: 'POST', path: /^\/graphql$/,
    // Personal API keys go bare in Authorization, OAuth tokens as Bearer.
    credential: (r) => {
      const value = header(r, 'authorization');
      if (value?.startsWith('lin_api_')) return value;
      return value?.startsWith('Bearer lin_oauth_') ? value.slice(7) : undefined;
    },
    requires: (r) => String(json(r).query ?? '').includes('viewer'),
    live: { status: 200, body: { data: { viewer: { id: 'u1', name: 'Ada', email: 'ada@acme.test' } } } }, identity: { name: 'Ada', email: 'ada@acme.test' },
    dead: { status: 400, body: { errors: [{ message: 'Authentication required, not authenticated', extensions: { code: 'AUTHENTICATION_ERROR' } }] } },
    docs: ['https://linear.app/developers/graphql#authentication'],
  },
  {
    rules: ['notion-api-token', 'notion-legacy-integration-token'], hosts: ['api.notion.com'], method: 'GET', path: /^\/v1\/users\/me$/, credential: bearer,
    requires: (r) => header(r, 'notion-version') !== undefined,
    live: { status: 200, body: { object: 'user', id: 'b1', name: 'Docs bot', type: 'bot', bot: { workspace_name: 'Acme' } } }, identity: { name: 'Docs bot', workspace: 'Acme' },
    dead: unauthorized({ object: 'error', status: 401, code: 'unauthorized', message: 'API token is invalid.' }), docs: ['https://developers.notion.com/reference/get-self'],
  },
  {
    rules: ['atlassian-api-token', 'atlassian-legacy-api-token'], hosts: [], tenantSuffix: '.atlassian.net', method: 'GET', path: /^\/rest\/api\/3\/myself$/, credential: basic, key: (s, id) => `${id}:${s}`,
    partner: { line: (v) => `JIRA_EMAIL=${v}`, value: 'ada@acme.test' },
    live: { status: 200, body: { accountId: '5b10', displayName: 'Ada', emailAddress: 'ada@acme.test' } }, identity: { name: 'Ada', account: '5b10' },
    dead: { status: 401, text: 'Basic authentication with passwords is deprecated.' }, docs: ['https://developer.atlassian.com/cloud/jira/platform/basic-auth-for-rest-apis/'],
  },
  {
    rules: ['okta-api-token'], hosts: [], tenantSuffix: '.okta.com', method: 'GET', path: /^\/api\/v1\/users\/me$/, credential: (r) => after('SSWS ', header(r, 'authorization')),
    live: { status: 200, body: { id: '00u1', profile: { login: 'ada@acme.test' } } }, identity: { login: 'ada@acme.test', user: '00u1' },
    dead: unauthorized({ errorCode: 'E0000011', errorSummary: 'Invalid token provided' }), docs: ['https://developer.okta.com/docs/guides/create-an-api-token/main/'],
  },
  {
    rules: ['postman-api-key'], hosts: ['api.getpostman.com'], method: 'GET', path: /^\/me$/, credential: (r) => header(r, 'x-api-key'),
    live: { status: 200, body: { user: { username: 'ada', email: 'ada@acme.test', teamName: 'Acme' } } }, identity: { user: 'ada', team: 'Acme' },
    dead: unauthorized({ error: { name: 'AuthenticationError', message: 'Invalid API Key.' } }), docs: ['https://learning.postman.com/docs/developer/postman-api/authentication/'],
  },
  {
    rules: ['vercel-access-token', 'vercel-prefixed-token'], hosts: ['api.vercel.com'], method: 'GET', path: /^\/v2\/user$/, credential: bearer,
    live: { status: 200, body: { user: { username: 'ada', email: 'ada@acme.test' } } }, identity: { user: 'ada' },
    dead: { status: 403, body: { error: { code: 'forbidden', message: 'Not authorized', invalidToken: true } } }, docs: ['https://vercel.com/docs/rest-api/reference/welcome#authentication'],
  },
  {
    rules: ['netlify-personal-access-token', 'netlify-access-token'], hosts: ['api.netlify.com'], method: 'GET', path: /^\/api\/v1\/user$/, credential: bearer,
    live: { status: 200, body: { email: 'ada@acme.test', full_name: 'Ada' } }, identity: { email: 'ada@acme.test', name: 'Ada' }, dead: unauthorized({ code: 401, message: 'Access Denied' }),
    docs: ['https://docs.netlify.com/api/get-started/#authentication'],
  },
  {
    rules: ['doppler-personal-token', 'doppler-cli-token', 'doppler-service-token', 'doppler-service-account-token'], hosts: ['api.doppler.com'], method: 'GET', path: /^\/v3\/me$/, credential: bearer,
    live: { status: 200, body: { workplace: { name: 'Acme' }, type: 'personal', name: 'laptop' } }, identity: { workplace: 'Acme', type: 'personal' },
    dead: unauthorized({ messages: ['Invalid Auth token'], success: false }), docs: ['https://docs.doppler.com/reference/auth-me'],
  },
  {
    rules: ['telegram-bot-token'], hosts: ['api.telegram.org'], method: 'GET', path: /^\/bot[0-9]+:[A-Za-z0-9_-]+\/getMe$/, credential: (r) => /^\/bot([^/]+)\/getMe$/.exec(r.path)?.[1],
    live: { status: 200, body: { ok: true, result: { id: 12345, is_bot: true, username: 'acme_bot' } } }, identity: { bot: 'acme_bot', id: '12345' },
    dead: unauthorized({ ok: false, error_code: 401, description: 'Unauthorized' }), docs: ['https://core.telegram.org/bots/api#making-requests'],
  },
  {
    rules: ['discord-bot-token'], hosts: ['discord.com'], method: 'GET', path: /^\/api\/v10\/users\/@me$/, credential: (r) => after('Bot ', header(r, 'authorization')),
    live: { status: 200, body: { id: '80351', username: 'acme-bot', bot: true } }, identity: { bot: 'acme-bot', id: '80351' }, dead: unauthorized({ message: '401: Unauthorized', code: 0 }),
    docs: ['https://discord.com/developers/docs/reference#authentication'],
  },
  {
    rules: ['discord-webhook-url'], hosts: ['discord.com'], method: 'GET', path: /^\/api\/webhooks\/[0-9]+\/[A-Za-z0-9_-]+$/, credential: (r) => r.path.slice('/api/webhooks/'.length),
    key: (secret) => /\/api\/webhooks\/(.+)$/.exec(secret)?.[1] ?? '',
    live: { status: 200, body: { id: '1', type: 1, name: 'Deploys', channel_id: '555', guild_id: '777', token: 'the-token-itself' } }, identity: { name: 'Deploys', channel: '555', guild: '777' },
    dead: { status: 404, body: { message: 'Unknown Webhook', code: 10015 } }, docs: ['https://discord.com/developers/docs/resources/webhook#get-webhook-with-token'],
  },
  {
    rules: ['dropbox-short-lived-token', 'dropbox-long-lived-token'], hosts: ['api.dropboxapi.com'], method: 'POST', path: /^\/2\/users\/get_current_account$/, credential: bearer,
    requires: (r) => r.body === 'null' || r.body === '',
    live: { status: 200, body: { account_id: 'dbid:1', email: 'ada@acme.test', name: { display_name: 'Ada L.' } } }, identity: { email: 'ada@acme.test', name: 'Ada L.' },
    dead: unauthorized({ error_summary: 'invalid_access_token/', error: { '.tag': 'invalid_access_token' } }), docs: ['https://www.dropbox.com/developers/documentation/http/documentation#users-get_current_account'],
  },
  {
    rules: ['asana-personal-access-token'], hosts: ['app.asana.com'], method: 'GET', path: /^\/api\/1\.0\/users\/me$/, credential: bearer,
    live: { status: 200, body: { data: { gid: '1', name: 'Ada', email: 'ada@acme.test' } } }, identity: { name: 'Ada', email: 'ada@acme.test' },
    dead: unauthorized({ errors: [{ message: 'Not Authorized' }] }), docs: ['https://developers.asana.com/reference/getuser'],
  },
  {
    rules: ['airtable-personal-access-token', 'airtable-api-key'], hosts: ['api.airtable.com'], method: 'GET', path: /^\/v0\/meta\/whoami$/, credential: bearer,
    live: { status: 200, body: { id: 'usrAcme', scopes: ['data.records:read'] } }, identity: { user: 'usrAcme', scopes: 'data.records:read' },
    dead: unauthorized({ error: { type: 'AUTHENTICATION_REQUIRED', message: 'Authentication required' } }), docs: ['https://airtable.com/developers/web/api/get-user-id-scopes'],
  },
  {
    rules: ['square-access-token', 'square-legacy-access-token'], hosts: ['connect.squareup.com', 'connect.squareupsandbox.com'], method: 'GET', path: /^\/v2\/merchants\/me$/, credential: bearer,
    live: { status: 200, body: { merchant: { id: 'M1', business_name: 'Acme Cafe', country: 'US' } } }, identity: { merchant: 'Acme Cafe', id: 'M1', country: 'US' },
    dead: unauthorized({ errors: [{ category: 'AUTHENTICATION_ERROR', code: 'UNAUTHORIZED', detail: 'This request could not be authorized.' }] }),
    docs: ['https://developer.squareup.com/reference/square/merchants-api/retrieve-merchant'],
  },
  {
    rules: ['paypal-client-secret'], hosts: ['api-m.paypal.com', 'api-m.sandbox.paypal.com'], liveAt: 'api-m.sandbox.paypal.com', method: 'POST', path: /^\/v1\/oauth2\/token$/, credential: basic, key: (s, id) => `${id}:${s}`,
    requires: (r) => new URLSearchParams(r.body).get('grant_type') === 'client_credentials',
    partner: { line: (v) => `PAYPAL_CLIENT_ID=${v}`, value: 'A' + 'Xq7'.repeat(26) + 'Z' },
    live: { status: 200, body: { scope: 'https://uri.paypal.com/services/invoicing', access_token: 'A21AAthisIsAnAccessTokenNotToBeShown0123456789abcdef', token_type: 'Bearer', app_id: 'APP-80W284485P519543T', expires_in: 32400 } },
    identity: { app: 'APP-80W284485P519543T' },
    dead: unauthorized({ error: 'invalid_client', error_description: 'Client Authentication failed' }), docs: ['https://developer.paypal.com/api/rest/authentication/'],
  },
  {
    rules: ['mapbox-secret-token'], hosts: ['api.mapbox.com'], method: 'GET', path: /^\/tokens\/v2$/, credential: (r) => r.query.get('access_token') ?? undefined,
    live: { status: 200, body: { code: 'TokenValid', token: { usage: 'sk', user: 'acme-maps', scopes: ['styles:read'] } } }, identity: { user: 'acme-maps', scopes: 'styles:read' },
    dead: unauthorized({ code: 'TokenInvalid' }), docs: ['https://docs.mapbox.com/api/accounts/tokens/#retrieve-a-token'],
  },
  {
    rules: ['grafana-cloud-api-token'], hosts: ['grafana.com'], method: 'GET', path: /^\/api\/v1\/tokens$/, credential: bearer,
    live: { status: 200, body: { items: [] } },
    // Grafana Cloud refuses revoked tokens and under-privileged live ones alike.
    dead: unauthorized({ code: 'Unauthorized', message: 'Unauthorized' }), deadVerdict: 'unknown', docs: ['https://grafana.com/docs/grafana-cloud/developer-resources/api-reference/cloud-api/'],
  },
  {
    rules: ['grafana-service-account-token', 'grafana-api-key'], hosts: [], tenantSuffix: '.grafana.net', method: 'GET', path: /^\/api\/org$/, credential: bearer,
    live: { status: 200, body: { id: 1, name: 'Main Org.' } }, identity: { org: 'Main Org.' }, dead: unauthorized({ message: 'Invalid API key' }),
    docs: ['https://grafana.com/docs/grafana/latest/developers/http_api/org/#get-current-organization'],
  },
  {
    rules: ['snyk-api-token'], hosts: ['api.snyk.io', 'api.eu.snyk.io', 'api.au.snyk.io'], method: 'GET', path: /^\/rest\/self$/, credential: (r) => after('token ', header(r, 'authorization')),
    requires: (r) => r.query.has('version'),
    live: { status: 200, body: { data: { attributes: { username: 'ada', email: 'ada@acme.test' } } } }, identity: { user: 'ada', email: 'ada@acme.test' },
    dead: unauthorized({ errors: [{ status: '401', detail: 'Unauthorized' }] }), docs: ['https://docs.snyk.io/snyk-api/reference/users'],
  },
  {
    rules: ['circleci-personal-token', 'circleci-legacy-token'], hosts: ['circleci.com'], method: 'GET', path: /^\/api\/v2\/me$/, credential: (r) => header(r, 'circle-token'),
    live: { status: 200, body: { login: 'ada', name: 'Ada', id: 'u1' } }, identity: { login: 'ada', name: 'Ada' }, dead: unauthorized({ message: 'You must log in first.' }),
    docs: ['https://circleci.com/docs/api/v2/index.html#operation/getCurrentUser'],
  },
  simple('buildkite-api-token', 'api.buildkite.com', /^\/v2\/access-token$/, bearer, { uuid: 'b-1', scopes: ['read_builds'] }, { token: 'b-1', scopes: 'read_builds' }, 'https://buildkite.com/docs/apis/rest-api/access-token'),
  simple('fastly-api-token', 'api.fastly.com', /^\/tokens\/self$/, (r) => header(r, 'fastly-key'), { name: 'ci', scopes: ['global:read'], user_id: 'u1' }, { name: 'ci', scopes: 'global:read' }, 'https://www.fastly.com/documentation/reference/api/auth-tokens/user/'),
  simple('figma-personal-access-token', 'api.figma.com', /^\/v1\/me$/, (r) => header(r, 'x-figma-token'), { handle: 'ada', email: 'ada@acme.test' }, { handle: 'ada' }, 'https://www.figma.com/developers/api#get-me-endpoint'),
  simple('terraform-cloud-api-token', 'app.terraform.io', /^\/api\/v2\/account\/details$/, bearer, { data: { attributes: { username: 'ada', email: 'ada@acme.test' } } }, { user: 'ada' }, 'https://developer.hashicorp.com/terraform/cloud-docs/api-docs/account'),
  simple('replicate-api-token', 'api.replicate.com', /^\/v1\/account$/, bearer, { type: 'user', username: 'ada' }, { user: 'ada', type: 'user' }, 'https://replicate.com/docs/reference/http#accounts.get'),
  simple('openrouter-api-key', 'openrouter.ai', /^\/api\/v1\/key$/, bearer, { data: { label: 'ci-key', usage: 0 } }, { label: 'ci-key' }, 'https://openrouter.ai/docs/api-reference/api-keys/get-current-key'),
  simple('groq-api-key', 'api.groq.com', /^\/openai\/v1\/models$/, bearer, models.body, {}, 'https://console.groq.com/docs/api-reference#models-list'),
  simple('mistral-api-key', 'api.mistral.ai', /^\/v1\/models$/, bearer, models.body, {}, 'https://docs.mistral.ai/api/#tag/models'),
  simple('deepseek-api-key', 'api.deepseek.com', /^\/models$/, bearer, models.body, {}, 'https://api-docs.deepseek.com/api/list-models'),
  simple('xai-api-key', 'api.x.ai', /^\/v1\/api-key$/, bearer, { name: 'ci', team_id: 't-1' }, { name: 'ci', team: 't-1' }, 'https://docs.x.ai/docs/api-reference#get-api-key-info'),
  {
    rules: ['cohere-api-key'], hosts: ['api.cohere.com'], method: 'POST', path: /^\/v1\/check-api-key$/, credential: bearer,
    live: { status: 200, body: { valid: true, organization_name: 'Acme' } }, identity: { organization: 'Acme' }, dead: { status: 200, body: { valid: false } },
    docs: ['https://docs.cohere.com/reference/checkapikey'],
  },
  simple('linode-api-token', 'api.linode.com', /^\/v4\/profile$/, bearer, { username: 'ada', email: 'ada@acme.test' }, { user: 'ada' }, 'https://techdocs.akamai.com/linode-api/reference/get-profile'),
  simple('vultr-api-key', 'api.vultr.com', /^\/v2\/account$/, bearer, { account: { name: 'Ada', email: 'ada@acme.test' } }, { name: 'Ada' }, 'https://www.vultr.com/api/#tag/account'),
  simple('hetzner-cloud-api-token', 'api.hetzner.cloud', /^\/v1\/locations$/, bearer, { locations: [{ name: 'fsn1' }] }, {}, 'https://docs.hetzner.cloud/#authentication'),
  simple('render-api-key', 'api.render.com', /^\/v1\/owners$/, bearer, [{ owner: { name: 'Acme', email: 'ops@acme.test' } }], { owner: 'Acme' }, 'https://api-docs.render.com/reference/list-owners'),
  simple('supabase-personal-access-token', 'api.supabase.com', /^\/v1\/organizations$/, bearer, [{ id: 'o1', name: 'Acme' }], { organizations: 'Acme' }, 'https://supabase.com/docs/reference/api/v1-list-all-organizations'),
  simple('neon-api-key', 'console.neon.tech', /^\/api\/v2\/users\/me$/, bearer, { email: 'ada@acme.test', name: 'Ada' }, { email: 'ada@acme.test' }, 'https://api-docs.neon.tech/reference/getcurrentuserinfo'),
  simple('brevo-api-key', 'api.brevo.com', /^\/v3\/account$/, (r) => header(r, 'api-key'), { email: 'ada@acme.test', companyName: 'Acme' }, { company: 'Acme' }, 'https://developers.brevo.com/reference/getaccount'),
  simple('launchdarkly-access-token', 'app.launchdarkly.com', /^\/api\/v2\/caller-identity$/, (r) => header(r, 'authorization'), { tokenName: 'ci', accountId: 'acc-1' }, { token: 'ci', account: 'acc-1' }, 'https://apidocs.launchdarkly.com/tag/Other#operation/getCallerIdentity'),
  {
    ...simple('honeycomb-api-key', 'api.honeycomb.io', /^\/1\/auth$/, (r) => header(r, 'x-honeycomb-team'), { team: { slug: 'acme' }, environment: { slug: 'prod' } }, { team: 'acme', environment: 'prod' }, 'https://api-docs.honeycomb.io/api/auth/getauth'),
    hosts: ['api.honeycomb.io', 'api.eu1.honeycomb.io'],
    liveAt: 'api.eu1.honeycomb.io',
  },
  simple('intercom-access-token', 'api.intercom.io', /^\/me$/, bearer, { name: 'Ada', email: 'ada@acme.test', app: { name: 'Acme' } }, { app: 'Acme' }, 'https://developers.intercom.com/docs/references/rest-api/api.intercom.io/admins/identifyadmin'),
  simple('typeform-personal-access-token', 'api.typeform.com', /^\/me$/, bearer, { alias: 'ada', email: 'ada@acme.test' }, { alias: 'ada' }, 'https://www.typeform.com/developers/create/reference/retrieve-own-account/'),
  simple('pulumi-access-token', 'api.pulumi.com', /^\/api\/user$/, (r) => after('token ', header(r, 'authorization')), { githubLogin: 'ada', name: 'Ada' }, { user: 'ada' }, 'https://www.pulumi.com/docs/pulumi-cloud/reference/cloud-rest-api/#authentication'),
  simple('contentful-personal-access-token', 'api.contentful.com', /^\/users\/me$/, bearer, { email: 'ada@acme.test', firstName: 'Ada' }, { name: 'Ada' }, 'https://www.contentful.com/developers/docs/references/content-management-api/#/reference/users'),
  simple('travis-ci-api-token', 'api.travis-ci.com', /^\/user$/, (r) => after('token ', header(r, 'authorization')), { login: 'ada' }, { login: 'ada' }, 'https://developer.travis-ci.com/authentication'),
  simple('pinecone-api-key', 'api.pinecone.io', /^\/indexes$/, (r) => header(r, 'api-key'), { indexes: [] }, {}, 'https://docs.pinecone.io/reference/api/authentication'),
];

/** A GET endpoint answering 200 with `body` to the credential and 401 to anything else. */
function simple(rule: string, host: string, path: RegExp, credential: ProviderAnswers['credential'], body: unknown, identity: Record<string, string>, doc: string): ProviderAnswers {
  return { rules: [rule], hosts: [host], method: 'GET', path, credential, live: { status: 200, body }, identity, dead: unauthorized(), docs: [doc] };
}
