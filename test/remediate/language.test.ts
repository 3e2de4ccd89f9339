import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { detectLanguage } from '../../src/remediate/language.js';

const cases: { name: string; path: string; text?: string; want: string }[] = [
  { name: 'reads .mjs as JavaScript', path: 'src/a.mjs', want: 'javascript' },
  { name: 'reads .tsx as TypeScript', path: 'web/App.tsx', want: 'typescript' },
  { name: 'reads .py as Python', path: 'jobs/upload.py', want: 'python' },
  { name: 'reads .go as Go', path: 'cmd/main.go', want: 'go' },
  { name: 'reads .java as Java', path: 'App.java', want: 'java' },
  { name: 'reads .kts as Kotlin', path: 'build.gradle.kts', want: 'kotlin' },
  { name: 'reads a Gemfile as Ruby', path: 'Gemfile', want: 'ruby' },
  { name: 'reads .php as PHP', path: 'public/index.php', want: 'php' },
  { name: 'reads .cs as C#', path: 'Program.cs', want: 'csharp' },
  { name: 'reads .sh as shell', path: 'scripts/deploy.sh', want: 'shell' },
  { name: 'reads an extension-less script by its bash shebang', path: 'bin/deploy', text: '#!/usr/bin/env bash\necho hi\n', want: 'shell' },
  { name: 'reads an extension-less script by its python shebang', path: 'bin/tool', text: '#!/usr/bin/python3\n', want: 'python' },
  { name: 'reads an extension-less script by its node shebang', path: 'bin/cli', text: '#!/usr/bin/env node\n', want: 'javascript' },
  { name: 'reads .env as dotenv', path: '.env', want: 'dotenv' },
  { name: 'reads .env.production as dotenv', path: 'deploy/.env.production', want: 'dotenv' },
  { name: 'reads prod.env as dotenv', path: 'config/prod.env', want: 'dotenv' },
  { name: 'reads .properties as properties', path: 'src/main/resources/application.properties', want: 'properties' },
  { name: 'reads an AWS credentials file as ini', path: '.aws/credentials', want: 'ini' },
  { name: 'reads an AWS config file as ini', path: 'home/.aws/config', want: 'ini' },
  { name: 'reads a workflow as GitHub Actions', path: '.github/workflows/ci.yml', want: 'github-actions' },
  { name: 'reads compose.yaml as docker-compose', path: 'compose.yaml', want: 'docker-compose' },
  { name: 'reads docker-compose.prod.yml as docker-compose', path: 'ops/docker-compose.prod.yml', want: 'docker-compose' },
  { name: 'reads YAML with apiVersion and kind as Kubernetes', path: 'k8s/app.yaml', text: 'apiVersion: v1\nkind: Pod\n', want: 'kubernetes' },
  { name: 'reads other YAML as plain YAML', path: 'config/app.yml', text: 'db:\n  password: x\n', want: 'yaml' },
  { name: 'reads a Dockerfile', path: 'Dockerfile', want: 'dockerfile' },
  { name: 'reads Dockerfile.dev as a Dockerfile', path: 'docker/Dockerfile.dev', want: 'dockerfile' },
  { name: 'reads web.dockerfile as a Dockerfile', path: 'web.dockerfile', want: 'dockerfile' },
  { name: 'reads .tf as Terraform', path: 'infra/main.tf', want: 'terraform' },
  { name: 'reads .tfvars as Terraform variables', path: 'infra/prod.tfvars', want: 'terraform-vars' },
  { name: 'reads .json as JSON', path: 'config.json', want: 'json' },
  { name: 'falls back to text', path: 'notes/README', want: 'text' },
];

describe('remediate/language', () => {
  for (const c of cases) it(c.name, () => assert.equal(detectLanguage(c.path, c.text), c.want));
});
