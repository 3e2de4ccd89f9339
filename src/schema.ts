// The one Ajv instance (allErrors) and the helper that turns its errors into readable lines.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';

let ajv: Ajv | undefined;

function instance(): Ajv {
  ajv ??= new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
  return ajv;
}

export function compileSchema<T>(schema: object): ValidateFunction<T> {
  return instance().compile<T>(schema);
}

/** "/rules/3/regex: must be string" style lines, one per error. */
export function describeErrors(errors: ErrorObject[] | null | undefined, prefix = ''): string[] {
  return (errors ?? []).map((e) => {
    const where = e.instancePath === '' ? '(root)' : e.instancePath;
    let detail = e.message ?? 'is invalid';
    if (e.keyword === 'additionalProperties') detail = `has unknown property "${String((e.params as { additionalProperty: string }).additionalProperty)}"`;
    if (e.keyword === 'enum') detail = `must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    return `${prefix}${where}: ${detail}`;
  });
}
