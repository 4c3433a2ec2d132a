import { readFileSync } from 'node:fs';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * Test support: the official HSDS 3.0 compiled schemas vendored in `hsds-3.0/` (see its README),
 * compiled once per test file. Non-strict, because the compiled schemas carry HSDS's own keywords
 * (`core`, `constraints`, `datapackage_metadata` …) that a strict validator refuses.
 */
export type HsdsValidators = { service: ValidateFunction; organization: ValidateFunction };

export function hsdsValidators(): HsdsValidators {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const schema = (name: string) => JSON.parse(readFileSync(new URL(`./hsds-3.0/${name}.json`, import.meta.url), 'utf8')) as object;
  return { service: ajv.compile(schema('service')), organization: ajv.compile(schema('organization')) };
}

/** Every schema error of every record, named by the record's id, so a failure says what to fix. */
export function schemaErrors(validate: ValidateFunction, records: Array<{ id?: unknown }>): string[] {
  return records.flatMap((record) => {
    const id = String(record.id);
    if (validate(record)) return [];
    return (validate.errors ?? []).map((error) => `${id}${error.instancePath} ${error.message ?? ''}`);
  });
}
