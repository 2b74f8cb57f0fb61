/**
 * "Is this object valid?" without generating code: a schema is walked once into plain closures
 * that answer yes or no with ajv's semantics (draft-07, strict: false, the formats the store
 * checks). Compiling the bundled schemas with ajv costs about half a second per process, and almost
 * every object checked is valid, so a valid object never pays for ajv. Anything this rejects goes
 * to ajv, which stays the authority and writes every message; a schema using anything outside the
 * subset below gets no checker at all and is compiled by ajv as before.
 */
import { createRequire } from 'node:module';

export type SchemaCheck = (data: unknown) => boolean;
type Schema = Record<string, unknown>;

/** Keywords ajv enforces that this checker does not implement: such a schema is left to ajv. */
const LEFT_TO_AJV = new Set([
  'const', 'multipleOf', 'uniqueItems', 'contains', 'minContains', 'maxContains', 'additionalItems', 'prefixItems',
  'dependencies', 'dependentRequired', 'dependentSchemas', 'propertyNames', 'patternProperties', 'if', 'then', 'else',
  '$id', '$anchor', '$dynamicRef', '$dynamicAnchor', '$recursiveRef', '$recursiveAnchor', '$vocabulary',
  'unevaluatedProperties', 'unevaluatedItems', 'discriminator', '$async', '$data',
]);
const TYPES = new Set(['string', 'number', 'integer', 'boolean', 'null', 'array', 'object']);

/** Raised while building: the schema needs ajv. */
class NeedsAjv extends Error {}
const needAjv = (): never => {
  throw new NeedsAjv();
};

const isObject = (data: unknown): data is Record<string, unknown> => typeof data === 'object' && data !== null && !Array.isArray(data);

function isType(type: string, data: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof data === 'string';
    case 'number':
      return typeof data === 'number';
    case 'integer':
      return typeof data === 'number' && !((data as number) % 1) && !Number.isNaN(data);
    case 'boolean':
      return typeof data === 'boolean';
    case 'null':
      return data === null;
    case 'array':
      return Array.isArray(data);
    default:
      return isObject(data);
  }
}

/** Length in code points, as ajv counts it (ucs2length). */
function countCodePoints(text: string): number {
  let length = 0;
  for (let pos = 0; pos < text.length; length += 1) {
    const code = text.charCodeAt(pos++);
    if (code >= 0xd800 && code <= 0xdbff && pos < text.length && (text.charCodeAt(pos) & 0xfc00) === 0xdc00) pos += 1;
  }
  return length;
}

/** fast-deep-equal on parsed YAML/JSON, as ajv's enum compares objects. */
function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    if (a.constructor !== b.constructor) return false;
    if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((item, index) => deepEqual(item, (b as unknown[])[index]));
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every((key) => Object.prototype.hasOwnProperty.call(b, key) && deepEqual((a as Schema)[key], (b as Schema)[key]));
  }
  return a !== a && b !== b;
}

type FormatDefinition = true | RegExp | ((value: string) => boolean) | { type?: string; validate: RegExp | ((value: unknown) => boolean) };
let fullFormats: Record<string, FormatDefinition> | undefined;

function buildFormatCheck(name: unknown, checked: ReadonlySet<string>): SchemaCheck | undefined {
  // A format the store does not check makes ajv warn: leave that to ajv.
  if (typeof name !== 'string' || !checked.has(name)) return needAjv();
  fullFormats ??= (createRequire(import.meta.url)('ajv-formats/dist/formats.js') as { fullFormats: Record<string, FormatDefinition> }).fullFormats;
  const definition = fullFormats[name];
  if (definition === undefined) return needAjv();
  if (definition === true) return undefined;
  const test = (rule: RegExp | ((value: never) => boolean)) => (rule instanceof RegExp ? (value: unknown) => rule.test(value as string) : (rule as (value: unknown) => boolean));
  if (definition instanceof RegExp || typeof definition === 'function') {
    const valid = test(definition);
    return (data) => typeof data !== 'string' || valid(data);
  }
  const valid = test(definition.validate);
  const type = definition.type ?? 'string';
  return (data) => typeof data !== type || valid(data);
}

class CheckBuilder {
  private readonly built = new Map<object, SchemaCheck>();
  constructor(
    private readonly root: Schema,
    private readonly formats: ReadonlySet<string>,
    private readonly eager: boolean,
  ) {}

  /** A check built now (eager) or on first use: an object meets a small part of a big schema. */
  private later(make: () => SchemaCheck): SchemaCheck {
    if (this.eager) return make();
    let check: SchemaCheck | undefined;
    return (data) => (check ??= make())(data);
  }

  private sub(node: unknown): SchemaCheck {
    return this.later(() => this.build(node));
  }

  build(node: unknown, isRoot = false): SchemaCheck {
    if (node === true) return () => true;
    if (node === false) return () => false;
    if (!isObject(node)) return needAjv();
    const known = this.built.get(node);
    if (known) return known;
    let check: SchemaCheck | undefined;
    this.built.set(node, (data) => check!(data)); // a reference back to a node being built (recursive definitions)
    for (const keyword of Object.keys(node)) if (LEFT_TO_AJV.has(keyword) && !(keyword === '$id' && isRoot)) needAjv();
    const checks = [...this.buildValueChecks(node), ...this.buildStructureChecks(node)];
    check = checks.length === 1 ? checks[0] : (data) => checks.every((part) => part(data));
    this.built.set(node, check);
    return check;
  }

  private buildValueChecks(node: Schema): SchemaCheck[] {
    const checks: SchemaCheck[] = [];
    if ('type' in node) {
      const types = Array.isArray(node.type) ? [...(node.type as unknown[])] : [node.type];
      if (types.length === 0 || !types.every((type) => typeof type === 'string' && TYPES.has(type))) needAjv();
      if ('nullable' in node) {
        if (node.nullable === true) types.push('null');
        else if (node.nullable !== false || types.includes('null')) needAjv();
      }
      checks.push(types.length === 1 ? (data) => isType(types[0] as string, data) : (data) => types.some((type) => isType(type as string, data)));
    } else if ('nullable' in node) needAjv();
    if ('enum' in node) {
      if (!Array.isArray(node.enum) || node.enum.length === 0) needAjv();
      const values = node.enum as unknown[];
      checks.push((data) => values.some((value) => (typeof value === 'object' && value !== null ? deepEqual(data, value) : data === value)));
    }
    const limit = (keyword: string, fails: (data: number, bound: number) => boolean) => {
      if (!(keyword in node)) return;
      const bound = node[keyword];
      if (typeof bound !== 'number') needAjv();
      checks.push((data) => typeof data !== 'number' || !(fails(data, bound as number) || Number.isNaN(data)));
    };
    limit('minimum', (data, bound) => data < bound);
    limit('maximum', (data, bound) => data > bound);
    limit('exclusiveMinimum', (data, bound) => data <= bound);
    limit('exclusiveMaximum', (data, bound) => data >= bound);
    const count = (keyword: string, applies: (data: unknown) => boolean, measure: (data: never) => number, fails: (size: number, bound: number) => boolean) => {
      if (!(keyword in node)) return;
      const bound = node[keyword];
      if (typeof bound !== 'number') needAjv();
      checks.push((data) => !applies(data) || !fails(measure(data as never), bound as number));
    };
    const isString = (data: unknown) => typeof data === 'string';
    count('minLength', isString, countCodePoints, (size, bound) => size < bound);
    count('maxLength', isString, countCodePoints, (size, bound) => size > bound);
    count('minItems', Array.isArray, (data: unknown[]) => data.length, (size, bound) => size < bound);
    count('maxItems', Array.isArray, (data: unknown[]) => data.length, (size, bound) => size > bound);
    count('minProperties', isObject, (data: object) => Object.keys(data).length, (size, bound) => size < bound);
    count('maxProperties', isObject, (data: object) => Object.keys(data).length, (size, bound) => size > bound);
    if ('pattern' in node) {
      if (typeof node.pattern !== 'string') needAjv();
      let pattern: RegExp;
      try {
        pattern = new RegExp(node.pattern as string, 'u');
      } catch {
        return needAjv();
      }
      checks.push((data) => typeof data !== 'string' || pattern.test(data));
    }
    if ('format' in node) {
      const format = buildFormatCheck(node.format, this.formats);
      if (format) checks.push(format);
    }
    return checks;
  }

  private buildStructureChecks(node: Schema): SchemaCheck[] {
    const checks: SchemaCheck[] = [];
    if ('required' in node) {
      if (!Array.isArray(node.required) || !node.required.every((name) => typeof name === 'string')) needAjv();
      const required = node.required as string[];
      checks.push((data) => !isObject(data) || required.every((name) => data[name] !== undefined));
    }
    const properties = 'properties' in node ? (isObject(node.properties) ? node.properties : needAjv()) : {};
    const propertyChecks = Object.entries(properties).map(([name, schema]) => [name, this.sub(schema)] as const);
    if (propertyChecks.length > 0) {
      checks.push((data) => !isObject(data) || propertyChecks.every(([name, check]) => data[name] === undefined || check(data[name])));
    }
    if ('additionalProperties' in node && node.additionalProperties !== true) {
      const declared = new Set(Object.keys(properties));
      const additional = this.sub(node.additionalProperties);
      checks.push((data) => {
        if (!isObject(data)) return true;
        for (const name in data) if (!declared.has(name) && !additional(data[name])) return false;
        return true;
      });
    }
    if ('items' in node) {
      if (Array.isArray(node.items)) needAjv();
      const item = this.sub(node.items);
      checks.push((data) => {
        if (!Array.isArray(data)) return true;
        for (let index = 0; index < data.length; index += 1) if (!item(data[index])) return false;
        return true;
      });
    }
    const list = (keyword: string) => (Array.isArray(node[keyword]) && (node[keyword] as unknown[]).length > 0 ? (node[keyword] as unknown[]).map((schema) => this.sub(schema)) : needAjv());
    if ('allOf' in node) {
      const all = list('allOf');
      checks.push((data) => all.every((check) => check(data)));
    }
    if ('anyOf' in node) {
      const any = list('anyOf');
      checks.push((data) => any.some((check) => check(data)));
    }
    if ('oneOf' in node) {
      const one = list('oneOf');
      checks.push((data) => one.filter((check) => check(data)).length === 1);
    }
    if ('not' in node) {
      const not = this.sub(node.not);
      checks.push((data) => !not(data));
    }
    if ('$ref' in node) checks.push(this.later(() => this.build(this.resolve(node.$ref))));
    return checks.length > 0 ? checks : [() => true];
  }

  /** A `#/…` JSON pointer into the root schema, decoded as ajv decodes it. */
  private resolve(ref: unknown): unknown {
    if (typeof ref !== 'string' || !ref.startsWith('#')) return needAjv();
    let target: unknown = this.root;
    const fragment = ref.slice(1);
    if (fragment === '') return target;
    if (!fragment.startsWith('/')) return needAjv();
    for (const part of fragment.slice(1).split('/')) {
      const key = decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~');
      if (!isObject(target) && !Array.isArray(target)) return needAjv();
      if (!Object.prototype.hasOwnProperty.call(target, key)) return needAjv();
      target = (target as Schema)[key];
    }
    return target;
  }
}

const leavesToAjv = (error: unknown) => error instanceof NeedsAjv || error instanceof URIError;

export interface BuildOptions {
  /** Build the whole schema now, so that anything outside the subset shows at once (tests). */
  eager?: boolean;
}

/**
 * A checker for `schema`: true means valid as ajv would say; false means "ask ajv" (invalid, or a
 * part of the schema this does not implement exactly like ajv). Undefined when that is already
 * clear from the top of the schema. `formats`: the format names the store checks.
 */
export function buildSchemaCheck(schema: unknown, formats: ReadonlySet<string>, options: BuildOptions = {}): SchemaCheck | undefined {
  if (!isObject(schema)) return undefined;
  let check: SchemaCheck;
  try {
    check = new CheckBuilder(schema, formats, options.eager ?? false).build(schema, true);
  } catch (error) {
    if (leavesToAjv(error)) return undefined;
    throw error;
  }
  return (data) => {
    try {
      return check(data);
    } catch (error) {
      if (leavesToAjv(error)) return false;
      throw error;
    }
  };
}
