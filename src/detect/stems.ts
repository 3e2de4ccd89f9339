// Stems of every head word of the name lexicon (credential-names.ts): where a credential-like name may be. The
// prefilter's one pass over a text reports where they occur, so the assignment detector need not search again.
export const STEMS: readonly string[] = ['pass', 'pwd', 'secret', 'token', 'key', 'auth', 'cred', 'salt', 'pepper', 'nonce', 'seed', 'verifier'];
