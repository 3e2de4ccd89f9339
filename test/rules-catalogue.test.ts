// The catalogue's breadth (issue 15): at least 650 rules, and a rule for every provider that strangers' corpora
// showed missing, named by the rule that reads its key.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { builtinRuleSet } from './helpers/rules.js';

const { loaded } = builtinRuleSet();
const ids = new Set(loaded.map((r) => r.rule.id));

/** Issue 15's "Providers missing today", each with the rule that now reads its key. */
const PROVIDERS: [provider: string, ruleId: string][] = [
  ['Code Climate', 'codeclimate-reporter-id'], ['Gradle', 'gradle-develocity-access-key'], ['Dependency-Track', 'dependency-track-api-key'],
  ['crates.io', 'cratesio-api-token'], ['Packagecloud', 'packagecloud-api-token'], ['Cloudsmith', 'cloudsmith-api-key'], ['Drone', 'drone-access-token'],
  ['Semaphore', 'semaphore-api-token'], ['Codemagic', 'codemagic-api-token'], ['Octopus Deploy', 'octopus-deploy-api-key'], ['Harness', 'harness-api-token'],
  ['TeamCity', 'teamcity-access-token'], ['Coveralls', 'coveralls-repo-token'], ['Codacy', 'codacy-api-token'], ['BrowserStack', 'browserstack-access-key'],
  ['Sauce Labs', 'saucelabs-access-key'], ['Sidekiq', 'sidekiq-gem-credentials'], ['OpenShift', 'openshift-user-token'],
  ['Yandex Cloud', 'yandex-cloud-api-key'], ['Aiven', 'aiven-api-token'], ['VMware', 'vmware-cloud-api-token'], ['Railway', 'railway-api-token'],
  ['Portainer', 'portainer-api-key'], ['TrueNAS', 'truenas-api-key'], ['Authress', 'authress-service-client-key'], ['Etsy', 'etsy-api-key'],
  ['MessageBird', 'messagebird-api-key'],
  ['Wise', 'wise-api-token'], ['GoCardless', 'gocardless-access-token'], ['Lemon Squeezy', 'lemonsqueezy-api-key'], ['Alchemy', 'alchemy-api-key'],
  ['Infura', 'infura-api-secret'], ['Etherscan', 'etherscan-api-key'], ['Moralis', 'moralis-api-key'],
  ['Deepgram', 'deepgram-api-key'], ['AssemblyAI', 'assemblyai-api-key'], ['ElevenLabs', 'elevenlabs-api-key'], ['Clarifai', 'clarifai-pat'],
  ['Tavily', 'tavily-api-key'], ['Jina', 'jina-api-key'], ['Firecrawl', 'firecrawl-api-key'], ['NVIDIA', 'nvidia-api-key'],
  ['Confluent', 'confluent-api-secret'], ['Tableau', 'tableau-pat-secret'], ['Hasura', 'hasura-admin-secret'],
  ['JumpCloud', 'jumpcloud-api-key'], ['Duo', 'duo-secret-key'], ['Logz.io', 'logzio-api-token'], ['Better Stack', 'betterstack-token'], ['Opsgenie', 'opsgenie-api-key'],
];

/** Issue 15's "Shapes that are wrong or narrow today", each with the rule that reads the shape. */
const SHAPES: [shape: string, ruleId: string][] = [
  ['GitHub refresh tokens in the documented long form (ghr_ + 76)', 'github-refresh-token-long'],
  ['Slack rotating xoxe.xoxp- tokens', 'slack-config-access-token'], ['Slack legacy bot tokens with one numeric part', 'slack-legacy-bot-token'],
  ['Slack configuration refresh tokens', 'slack-config-refresh-token'], ['Azure DevOps 84-character PATs', 'azure-devops-pat-v2'],
  ['Azure App Configuration connection strings', 'azure-app-configuration-connection-string'], ['Azure storage keys outside AccountKey=', 'azure-storage-key-in-code'],
  ['Microsoft Teams outlook.office.com/webhook URLs', 'teams-incoming-webhook-url'], ['Figma legacy UUID tokens', 'figma-legacy-personal-access-token'],
  ['SonarQube legacy tokens', 'sonarqube-legacy-token'], ['npm legacy UUID tokens', 'npm-legacy-token'], ['Facebook EAA… tokens of every type', 'facebook-graph-access-token'],
  ['Sourcegraph legacy sgp_ tokens', 'sourcegraph-access-token'], ['Cohere keys named CO_API_KEY', 'cohere-api-key'],
];

/** Providers TruffleHog or Betterleaks detect that the catalogue lacked, where the key has a prefix, signature or fixed structure. */
const TAIL: [provider: string, ruleId: string][] = [
  ['Azure Cosmos DB (ACDb)', 'azure-cosmosdb-key'], ['Azure Storage (+ASt) outside a connection string', 'azure-storage-identifiable-key'],
  ['Azure Batch (+ABa)', 'azure-batch-key'], ['Azure API Management (APIM)', 'azure-apim-key'], ['Azure ML classic (+AMC)', 'azure-ml-classic-key'],
  ['Azure Service Bus, Event Hubs, Relay', 'azure-service-bus-key'], ['Azure Event Grid (AZEG)', 'azure-event-grid-key'], ['Azure IoT (AIoT)', 'azure-iot-key'],
  ['Azure Cache for Redis (AzCa)', 'azure-cache-redis-key'], ['Azure Container Registry (+ACR)', 'azure-container-registry-password'],
  ['Azure Functions (AzFu)', 'azure-function-key'], ['Azure AI services 84-character keys (JQQJ9)', 'azure-ai-services-key'],
  ['Tencent Cloud', 'tencent-cloud-secret-id'], ['Akamai EdgeGrid', 'akamai-edgegrid-token'], ['Paddle', 'paddle-api-key'], ['Paddle sandbox', 'paddle-sandbox-api-key'],
  ['WakaTime', 'wakatime-api-key'], ['Samsara', 'samsara-api-token'], ['MailerSend', 'mailersend-api-token'], ['Axiom', 'axiom-token'], ['Rootly', 'rootly-api-key'],
  ['Stytch', 'stytch-secret'], ['CockroachDB Cloud', 'cockroachdb-cloud-api-key'], ['ConfigCat', 'configcat-sdk-key'], ['Deno Deploy', 'deno-deploy-token'],
  ['Cerebras', 'cerebras-api-key'], ['Cartesia', 'cartesia-api-key'], ['CAST AI', 'castai-api-key'], ['Devin', 'devin-api-key'], ['Devin service users', 'devin-service-user-token'],
  ['Aikido', 'aikido-client-secret'], ['Aikido CI', 'aikido-ci-token'], ['Asaas', 'asaas-api-key'], ['Endor Labs', 'endorlabs-api-credential'],
  ['DataStax Astra DB', 'datastax-astra-token'], ['Resend', 'resend-api-key'], ['Unkey', 'unkey-root-key'], ['WorkOS', 'workos-api-key'], ['Cursor', 'cursor-api-key'],
  ['Gemini AQ. keys', 'google-ai-studio-aq-api-key'], ['MiniMax', 'minimax-api-key'], ['Together AI', 'together-api-key'], ['UpCloud', 'upcloud-api-token'],
  ['Weights & Biases wandb_v1_ keys', 'wandb-api-key-v1'], ['Slack session cookies', 'slack-session-cookie'], ['Slack client session tokens', 'slack-session-token'],
  ['GitLab session cookies', 'gitlab-session-cookie'], ['Brave Search', 'brave-search-api-key'], ['Canva', 'canva-client-secret'], ['Elastic Cloud Serverless', 'elastic-cloud-serverless-api-key'],
];

describe('rule catalogue', () => {
  it('holds at least 650 rules', () => assert.ok(ids.size >= 650, `${ids.size} rules`));
  for (const [provider, id] of PROVIDERS) it(`has a rule for ${provider} (${id})`, () => assert.ok(ids.has(id)));
  for (const [shape, id] of SHAPES) it(`reads ${shape} (${id})`, () => assert.ok(ids.has(id)));
  for (const [provider, id] of TAIL) it(`has a rule for ${provider}, which TruffleHog or Betterleaks detects (${id})`, () => assert.ok(ids.has(id)));
});
