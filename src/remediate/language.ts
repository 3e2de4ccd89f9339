// Which language or file type a path holds, from its name, extension, shebang or (for YAML) its content. Pure.

export type Language =
  | 'javascript'
  | 'typescript'
  | 'python'
  | 'go'
  | 'java'
  | 'kotlin'
  | 'ruby'
  | 'php'
  | 'csharp'
  | 'shell'
  | 'dotenv'
  | 'properties'
  | 'ini'
  | 'github-actions'
  | 'docker-compose'
  | 'kubernetes'
  | 'yaml'
  | 'dockerfile'
  | 'terraform'
  | 'terraform-vars'
  | 'json'
  | 'text';

const EXTENSIONS: Record<string, Language> = {
  js: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  jsx: 'javascript',
  ts: 'typescript',
  mts: 'typescript',
  cts: 'typescript',
  tsx: 'typescript',
  py: 'python',
  pyw: 'python',
  go: 'go',
  java: 'java',
  kt: 'kotlin',
  kts: 'kotlin',
  rb: 'ruby',
  rake: 'ruby',
  gemspec: 'ruby',
  php: 'php',
  cs: 'csharp',
  sh: 'shell',
  bash: 'shell',
  zsh: 'shell',
  ksh: 'shell',
  env: 'dotenv',
  properties: 'properties',
  ini: 'ini',
  cfg: 'ini',
  conf: 'ini',
  toml: 'ini',
  tf: 'terraform',
  hcl: 'terraform',
  tfvars: 'terraform-vars',
  json: 'json',
  yml: 'yaml',
  yaml: 'yaml',
  dockerfile: 'dockerfile',
};

const NAMES: Record<string, Language> = {
  dockerfile: 'dockerfile',
  containerfile: 'dockerfile',
  gemfile: 'ruby',
  rakefile: 'ruby',
  credentials: 'ini',
  '.env': 'dotenv',
  '.envrc': 'shell',
  '.bashrc': 'shell',
  '.zshrc': 'shell',
  '.profile': 'shell',
};

const SHEBANGS: [RegExp, Language][] = [
  [/\b(?:ba|z|k|da)?sh\b/, 'shell'],
  [/\bpython[\d.]*\b/, 'python'],
  [/\bnode\b|\bdeno\b|\bbun\b/, 'javascript'],
  [/\bruby\b/, 'ruby'],
  [/\bphp\b/, 'php'],
];

function fromShebang(text: string): Language | undefined {
  if (!text.startsWith('#!')) return undefined;
  const first = text.slice(0, text.indexOf('\n') === -1 ? undefined : text.indexOf('\n'));
  return SHEBANGS.find(([pattern]) => pattern.test(first))?.[1];
}

function yamlKind(path: string, text: string): Language {
  if (/(^|\/)\.github\/workflows\/[^/]+$/.test(path) || /(^|\/)action\.ya?ml$/.test(path)) return 'github-actions';
  const base = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  if (/^(docker-)?compose([.-][\w.-]+)?\.ya?ml$/.test(base)) return 'docker-compose';
  if (/^apiVersion:\s*\S/m.test(text) && /^kind:\s*\S/m.test(text)) return 'kubernetes';
  return 'yaml';
}

/** The language of `path` (repo-relative, forward slashes); `text` helps with shebangs and YAML flavours. */
export function detectLanguage(path: string, text = ''): Language {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const lower = base.toLowerCase();
  const named = NAMES[lower];
  if (named) return named;
  if (lower.startsWith('.env.') || lower === '.env') return 'dotenv';
  if (lower.startsWith('dockerfile.') || lower.endsWith('.dockerfile') || lower.startsWith('containerfile.')) return 'dockerfile';
  if (/(^|\/)\.aws\/config$/.test(path)) return 'ini';
  const dot = lower.lastIndexOf('.');
  const extension = dot > 0 ? lower.slice(dot + 1) : '';
  const byExtension = EXTENSIONS[extension];
  if (byExtension === 'yaml') return yamlKind(path, text);
  if (byExtension) return byExtension;
  return fromShebang(text) ?? 'text';
}
