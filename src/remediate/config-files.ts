// Rewriters for configuration files: .env, CI and Compose YAML, Kubernetes, Dockerfile, Terraform, and the manual-only kinds. Pure.
import type { Language } from './language.js';
import { bareValue, endsLine, quotedLiteral } from './literal.js';
import { deleteLine, envLine, insertAt, manual, moved, replaceLiteral, type Handler, type Manual, type Part, type PartFix, type RewriteContext } from './part.js';

const DOTENV_KEY = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*=/;

/** A handler that never rewrites: the suggestion is advice only. */
function manualOnly(replacement: (name: string) => string, reason: string): Handler {
  return { expression: replacement, rewrite: (_ctx, _part, name) => manual(name, reason) };
}

const dotenv: Handler = {
  expression: (name) => `a line ${name}=… in the git-ignored .env (moved out of this tracked file)`,
  ownName: (_ctx, part) => DOTENV_KEY.exec(part.lineText)?.[1],
  rewrite: (ctx, part, name): PartFix | Manual => {
    if (!DOTENV_KEY.test(part.lineText)) return manual(name, 'not a KEY=value line');
    // A .env file is the local store itself (the fixer checks that git does not track it).
    if (ctx.file === '.env' || ctx.file.endsWith('/.env')) return { name, edits: [], envLine: '', local: true };
    return { name, edits: [deleteLine(ctx, part)], envLine: part.lineText.replace(/^\s*export\s+/, '') };
  },
};

/** The YAML scalar that is exactly the secret: quoted, or plain up to the end of the line or a comment. */
function yamlScalar(part: Part): ReturnType<typeof quotedLiteral> {
  const quoted = quotedLiteral(part.lineText, part.column, part.endColumn, 'yaml');
  if (quoted) return quoted;
  const bare = bareValue(part.lineText, part.column, part.endColumn);
  return bare;
}

function yamlHandler(expression: (name: string) => string, language: Language): Handler {
  return {
    expression,
    rewrite: (_ctx, part, name) => {
      const literal = yamlScalar(part);
      if (!literal) return manual(name, `the secret shares its ${language === 'github-actions' ? 'value' : 'scalar'} with other text; replace it by hand`);
      return moved(name, part, [replaceLiteral(part, literal, expression(name))]);
    },
  };
}

/** The Kubernetes Secret name: `<metadata.name>-secrets` of the document holding the line, else app-secrets. */
function secretName(ctx: RewriteContext, line: number): string {
  for (let i = line - 2; i >= 0; i--) {
    if (/^metadata:\s*$/.test(ctx.lines[i] as string)) {
      for (let j = i + 1; j < ctx.lines.length && /^\s+\S|^\s*$/.test(ctx.lines[j] as string); j++) {
        const name = /^\s{1,4}name:\s*["']?([a-z0-9][a-z0-9.-]*)["']?\s*$/.exec(ctx.lines[j] as string)?.[1];
        if (name) return `${name}-secrets`;
      }
    }
    if (/^---/.test(ctx.lines[i] as string)) break;
  }
  return 'app-secrets';
}

/** The kind of the YAML document holding `line`. */
function documentKind(ctx: RewriteContext, line: number): string | undefined {
  let start = 0;
  for (let i = line - 1; i >= 0; i--) {
    if (/^---/.test(ctx.lines[i] as string)) {
      start = i + 1;
      break;
    }
  }
  for (let i = start; i < ctx.lines.length && !/^---/.test(ctx.lines[i] as string); i++) {
    const kind = /^kind:\s*["']?(\w+)/.exec(ctx.lines[i] as string)?.[1];
    if (kind) return kind;
  }
  return undefined;
}

const ENV_VALUE = /^(\s*(?:-\s+)?)value:\s*$/;

const kubernetes: Handler = {
  expression: (name, ctx) => `valueFrom: {secretKeyRef: {name: ${ctx.lines.length > 0 ? secretName(ctx, 1) : 'app-secrets'}, key: ${name}}}`,
  // The env entry's own name is what the program reads.
  ownName: (ctx, part) => {
    for (let i = part.line - 1; i >= Math.max(0, part.line - 4); i--) {
      const name = /^\s*(?:-\s+)?name:\s*["']?([A-Za-z_][A-Za-z0-9_]*)["']?\s*$/.exec(ctx.lines[i] ?? '')?.[1];
      if (name) return name;
    }
    return undefined;
  },
  rewrite: (ctx, part, name) => {
    const kind = documentKind(ctx, part.line);
    if (kind === 'Secret' || kind === 'ConfigMap') return manual(name, `a ${kind} manifest holds the value: keep it out of git (Sealed Secrets, External Secrets or SOPS)`);
    const literal = yamlScalar(part);
    const head = literal ? ENV_VALUE.exec(part.lineText.slice(0, literal.start - 1)) : null;
    if (!literal || !head || !endsLine(part.lineText, literal.end)) return manual(name, 'only `value:` of a container env entry can be rewritten to a secretKeyRef');
    const keyColumn = (head[1] as string).length + 1;
    const text = `valueFrom: {secretKeyRef: {name: ${secretName(ctx, part.line)}, key: ${name}}}`;
    return moved(name, part, [{ line: part.line, column: keyColumn, endLine: part.line, endColumn: literal.end, text, expect: part.lineText.slice(keyColumn - 1, literal.end - 1) }], { replacement: text });
  },
};

/** Header of the innermost HCL block open at `line` (strings and comments ignored, roughly). */
function hclBlockHeader(lines: string[], line: number): string | undefined {
  const stack: string[] = [];
  for (let i = 0; i < line - 1; i++) {
    const original = lines[i] as string;
    // Blank out strings and comments, keeping offsets, so braces inside them do not count.
    const text = original.replace(/"(?:[^"\\]|\\.)*"/g, (m) => `"${' '.repeat(m.length - 2)}"`).replace(/(?:#|\/\/).*$/, (m) => ' '.repeat(m.length));
    for (let c = 0; c < text.length; c++) {
      if (text[c] === '{') stack.push(original.slice(0, c).trim() || (stack.at(-1) ?? ''));
      else if (text[c] === '}') stack.pop();
    }
  }
  return stack.at(-1);
}

const PROVIDER_ATTRIBUTES: Record<string, string> = { access_key: 'AWS_ACCESS_KEY_ID', secret_key: 'AWS_SECRET_ACCESS_KEY', token: 'AWS_SESSION_TOKEN' };
const HCL_ATTRIBUTE = /^\s*([A-Za-z_][\w-]*)\s*=\s*$/;

/** Whether a line declares `variable "<name>"`. Line by line: one multi-line `^\s*variable` regex over the whole
 *  file was quadratic (its `\s*` ran across every following blank line, from every line start: 48 s for 300 KB). */
function declaresVariable(lines: string[], variable: string): boolean {
  const declaration = new RegExp(`^\\s*variable\\s+"${variable.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`);
  return lines.some((line) => declaration.test(line));
}

function tfVariable(name: string): string {
  return name.replace(/^TF_VAR_/, '').toLowerCase();
}

const terraform: Handler = {
  expression: (name) => `var.${tfVariable(name)}`,
  nameFor: (base) => (base.startsWith('AWS_') ? base : `TF_VAR_${base.toLowerCase()}`),
  rewrite: (ctx, part, name) => {
    const literal = quotedLiteral(part.lineText, part.column, part.endColumn, 'terraform');
    const attribute = literal ? HCL_ATTRIBUTE.exec(part.lineText.slice(0, literal.start - 1))?.[1] : undefined;
    if (!literal || !attribute || !endsLine(part.lineText, literal.end, /^\s*(?:(?:#|\/\/).*)?$/)) return manual(name, 'only a plain `name = "secret"` attribute can be rewritten');
    const header = hclBlockHeader(ctx.lines, part.line) ?? '';
    if (/^provider\s+"aws"$/.test(header)) {
      const standard = PROVIDER_ATTRIBUTES[attribute];
      if (!standard) return manual(name, `provider "aws" attribute ${attribute}: remove it by hand`);
      // The provider reads only the standard names: a second key set (another provider block, or .env) cannot share them.
      if (name !== standard) return manual(name, `provider "aws" ${attribute}: ${standard} already stands for another key (another provider "aws" block, or .env); give this provider a profile or assume_role and remove ${attribute} by hand`);
      const line = envLine(standard, part.value);
      if (line === undefined) return manual(name, 'the value cannot be written to .env safely');
      return { name: standard, edits: [deleteLine(ctx, part)], envLine: line, replacement: `the provider's own credential chain: no ${attribute} in provider "aws" (it reads ${standard}, a profile or a role)` };
    }
    if (/^variable\b/.test(header)) return manual(name, 'the secret is a variable default: delete the default, add sensitive = true and set TF_VAR_ instead');
    const tfName = name.startsWith('TF_VAR_') ? name : `TF_VAR_${name.toLowerCase()}`;
    const variable = tfVariable(tfName);
    const edits = [replaceLiteral(part, literal, `var.${variable}`)];
    if (!declaresVariable(ctx.lines, variable)) {
      const last = ctx.lines.length;
      const lastText = ctx.lines[last - 1] ?? '';
      const lead = lastText === '' ? ctx.eol : `${ctx.eol}${ctx.eol}`;
      const block = `variable "${variable}" {${ctx.eol}  type      = string${ctx.eol}  sensitive = true${ctx.eol}}${ctx.eol}`;
      edits.push({ ...insertAt(last, `${lead}${block}`), column: lastText.length + 1, endColumn: lastText.length + 1 });
    }
    return moved(tfName, part, edits, { replacement: `var.${variable}` });
  },
};

export const CONFIG_HANDLERS: Partial<Record<Language, Handler>> = {
  dotenv,
  'github-actions': yamlHandler((name) => `\${{ secrets.${name} }}`, 'github-actions'),
  'docker-compose': yamlHandler((name) => `\${${name}}`, 'docker-compose'),
  kubernetes,
  terraform,
  dockerfile: manualOnly(
    (name) => `RUN --mount=type=secret,id=${name},env=${name} <command> (and docker buildx build --secret id=${name},env=${name})`,
    'a Dockerfile needs its ARG/ENV turned into a build secret where it is used',
  ),
  properties: manualOnly((name) => `a git-ignored local file for this line (or key=\${${name}} where the framework resolves placeholders)`, 'the program reads this file itself; move the line into a git-ignored local file'),
  ini: manualOnly((name) => `a git-ignored local copy of this file (or ${name} from the environment)`, 'the program reads this file itself; move the line into a git-ignored local copy'),
  'terraform-vars': manualOnly((name) => `TF_VAR_${name.toLowerCase()} from the environment (or a git-ignored *.auto.tfvars)`, 'move the line into a git-ignored *.auto.tfvars or set TF_VAR_ in the environment'),
  json: manualOnly((name) => `${name} from the environment, read by the code that loads this JSON`, 'JSON cannot read the environment: load the value in code'),
  yaml: manualOnly((name) => `${name} from the environment, read by the code that loads this YAML`, 'plain YAML cannot read the environment: load the value in code'),
  text: manualOnly((name) => `${name} from the environment`, 'unknown file type'),
};
