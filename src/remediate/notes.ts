// Texts that go with suggestions: the AWS advice (DOMAIN §4.3) and per-language hints. Pure data.

export const AWS_NOTE =
  'The AWS SDKs and CLI read AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN) from the environment by themselves: ' +
  'you can usually drop the explicit credentials and build the client without them. Better than any static key: an IAM role ' +
  '(EC2/ECS/Lambda/EKS), IAM Identity Center (aws sso login + AWS_PROFILE) or GitHub OIDC (aws-actions/configure-aws-credentials). ' +
  'Rotate this key in IAM first: removing it from git does not revoke it.';

export const LANGUAGE_NOTES: Partial<Record<string, string>> = {
  typescript: 'process.env values are typed string | undefined: check them once at start-up.',
  python: 'os.environ["X"] fails fast with KeyError when the variable is missing.',
  php: "getenv() returns false when the variable is missing (or use $_ENV, depending on variables_order).",
  shell: '${X:?} stops the script when the variable is unset or empty.',
  'github-actions': 'Store the value as a repository or environment secret (gh secret set NAME).',
  'docker-compose': 'Compose reads ${X} from the shell or from the .env file next to the compose file (or --env-file).',
  kubernetes: 'Create the Secret outside git, e.g. kubectl create secret generic NAME --from-env-file=.env (or use External Secrets / Sealed Secrets).',
  dockerfile:
    'ARG and ENV values persist in the image history and config. Build with docker buildx build --secret id=X,env=X and read it in ' +
    'RUN --mount=type=secret,id=X,env=X … only where needed.',
  terraform: 'Terraform reads TF_VAR_<name> from the environment; mark such variables sensitive = true.',
  dotenv: 'Commit a .env.example with empty values instead; keep the real .env out of git.',
};
