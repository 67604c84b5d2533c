import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

/**
 * The API's OpenAPI 3.1 document as a test oracle: every operation it lists, and a check that
 * a real answer has a documented status, a documented content type and a body that matches the
 * documented schema with every object closed to fields the document does not name.
 */

type JsonSchema = { [keyword: string]: any } | boolean;

export interface OpenApiDoc {
  paths: Record<string, Record<string, any>>;
  components?: { schemas?: Record<string, JsonSchema>; securitySchemes?: Record<string, any> };
  security?: Record<string, string[]>[];
  servers?: { url: string }[];
}

export interface Operation {
  /** e.g. `GET /depots/{id}`, as the document spells the path. */
  key: string;
  method: string;
  path: string;
  spec: any;
}

export interface Answer {
  status: number;
  mediaType: string | undefined;
  /** Parsed when the media type is JSON, else the text; binary bodies are not decoded. */
  body: unknown;
  size: number;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];
const ROOT = 'https://fp-supplies.test/components.json';
const COMPONENT_REF = '#/components/schemas/';

const SCHEMA_MAPS = ['properties', 'patternProperties', 'dependentSchemas', '$defs'];
const SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const SCHEMA_ONE = ['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains', 'propertyNames', 'unevaluatedProperties', 'unevaluatedItems'];

const isJsonMedia = (media: string) => media === 'application/json' || media.endsWith('+json');
const mapValues = <T, U>(o: Record<string, T>, f: (v: T) => U) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)]));

const typesOf = (s: any): string[] | undefined => (s.type === undefined ? undefined : Array.isArray(s.type) ? s.type : [s.type]);
const isObjectSchema = (s: any) => typeof s === 'object' && (typesOf(s)?.includes('object') ?? s.properties !== undefined);

export class Contract {
  readonly operations: Operation[];
  readonly apiBase: string;
  private readonly ajv: Ajv2020;
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly components: Record<string, JsonSchema>;

  constructor(readonly doc: OpenApiDoc) {
    this.components = doc.components?.schemas ?? {};
    this.apiBase = new URL(doc.servers?.[0]?.url ?? '/api', 'http://server.test').pathname.replace(/\/$/, '');
    this.operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      METHODS.filter((m) => item[m]).map((m) => ({ key: `${m.toUpperCase()} ${path}`, method: m.toUpperCase(), path, spec: item[m] })),
    );
    this.ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false });
    addFormats(this.ajv);
    // OpenAPI's own keywords and its marker for a file body are annotations, not assertions.
    this.ajv.addVocabulary(['example', 'discriminator', 'xml', 'externalDocs']);
    this.ajv.addFormat('binary', true);
    this.ajv.addSchema({ $id: ROOT, $defs: mapValues(this.components, (s) => this.closed(s)) });
  }

  /**
   * The schema as a test reads it: `$ref`s pointing into the closed components, `allOf` of
   * objects merged into one object, and every object without `additionalProperties` closed.
   * Merging first matters: closing each member of an `allOf` alone would refuse the fields
   * the other members add.
   */
  closed(schema: JsonSchema): JsonSchema {
    if (typeof schema !== 'object' || schema === null) return schema;
    const s = schema.allOf ? this.mergedAllOf(schema) : schema;
    const out: Record<string, any> = {};
    for (const [k, v] of Object.entries(s)) {
      if (SCHEMA_MAPS.includes(k)) out[k] = mapValues(v as Record<string, JsonSchema>, (x) => this.closed(x));
      else if (SCHEMA_LISTS.includes(k)) out[k] = (v as JsonSchema[]).map((x) => this.closed(x));
      else if (SCHEMA_ONE.includes(k)) out[k] = this.closed(v as JsonSchema);
      else if (k === '$ref') out[k] = (v as string).startsWith(COMPONENT_REF) ? `${ROOT}#/$defs/${(v as string).slice(COMPONENT_REF.length)}` : v;
      else out[k] = v;
    }
    if (isObjectSchema(out) && !('additionalProperties' in out) && !('patternProperties' in out) && !('unevaluatedProperties' in out)) out.additionalProperties = false;
    return out;
  }

  /** A schema with its `$ref`s followed and its own `allOf` merged, for merging into a parent. */
  private flattened(schema: JsonSchema): JsonSchema {
    if (typeof schema !== 'object') return schema;
    if (typeof schema.$ref === 'string' && schema.$ref.startsWith(COMPONENT_REF)) {
      const name = schema.$ref.slice(COMPONENT_REF.length);
      if (!(name in this.components)) throw new Error(`$ref to a missing component ${name}`);
      return this.flattened(this.components[name]);
    }
    return schema.allOf ? this.mergedAllOf(schema) : schema;
  }

  mergedAllOf(schema: { [keyword: string]: any }): JsonSchema {
    const { allOf, ...rest } = schema;
    const parts = [...(allOf as JsonSchema[]).map((p) => this.flattened(p)), ...(rest.properties ? [rest] : [])];
    if (!parts.every(isObjectSchema)) return schema;
    const objects = parts as { [keyword: string]: any }[];
    const properties: Record<string, JsonSchema> = {};
    for (const part of objects) {
      for (const [name, sub] of Object.entries<JsonSchema>(part.properties ?? {})) properties[name] = name in properties ? { allOf: [properties[name], sub] } : sub;
    }
    const typeLists = objects.map(typesOf).filter((t): t is string[] => t !== undefined);
    const types = typeLists.reduce((acc, t) => acc.filter((x) => t.includes(x)), typeLists[0] ?? ['object']);
    const additional = objects.find((p) => 'additionalProperties' in p)?.additionalProperties;
    return {
      ...rest,
      type: types.length === 1 ? types[0] : types,
      properties,
      required: [...new Set(objects.flatMap((p) => p.required ?? []))],
      ...(additional !== undefined && { additionalProperties: additional }),
    };
  }

  /** Compiles a schema of the document (closed) with the same validator the checks use. */
  validator(schema: JsonSchema, cacheKey?: string): ValidateFunction {
    const cached = cacheKey === undefined ? undefined : this.validators.get(cacheKey);
    if (cached) return cached;
    const compiled = this.ajv.compile(this.closed(schema));
    if (cacheKey !== undefined) this.validators.set(cacheKey, compiled);
    return compiled;
  }

  /** Follows a local `$ref` (to a shared response, parameter or request body) to what it names. */
  resolved(node: any): any {
    if (typeof node?.$ref !== 'string' || !node.$ref.startsWith('#/')) return node;
    const target = node.$ref
      .slice(2)
      .split('/')
      .reduce((at: any, part: string) => at?.[part.replace(/~1/g, '/').replace(/~0/g, '~')], this.doc);
    if (target === undefined) throw new Error(`$ref to nothing: ${node.$ref}`);
    return this.resolved(target);
  }

  /** The documented response for a status: exact, then its range (`4XX`), then `default`. */
  response(op: Operation, status: number): any {
    const r = op.spec.responses ?? {};
    return this.resolved(r[String(status)] ?? r[`${String(status)[0]}XX`] ?? r.default);
  }

  /** The operation's parameters, its path's shared ones included. */
  parameters(op: Operation): { name: string; in: string; required?: boolean; schema?: any }[] {
    const own = (op.spec.parameters ?? []).map((p: any) => this.resolved(p));
    const shared = (this.doc.paths[op.path].parameters ?? []).map((p: any) => this.resolved(p));
    return [...own, ...shared.filter((p: any) => !own.some((o: any) => o.name === p.name && o.in === p.in))];
  }

  /** The operation's request body, if it takes one. */
  requestBody(op: Operation): { required?: boolean; content: Record<string, { schema?: JsonSchema }> } | undefined {
    return this.resolved(op.spec.requestBody);
  }

  /** The schemes one of which an operation needs; empty when it is open to anyone. */
  security(op: Operation): Record<string, string[]>[] {
    return op.spec.security ?? this.doc.security ?? [];
  }

  /** Whether the document says this operation needs a scheme of the given kind, e.g. an apiKey in a cookie. */
  needs(op: Operation, test: (scheme: any) => boolean): boolean {
    const requirements = this.security(op);
    if (requirements.length === 0 || requirements.some((r) => Object.keys(r).length === 0)) return false;
    const schemes = this.doc.components?.securitySchemes ?? {};
    return requirements.every((r) => Object.keys(r).some((name) => test(schemes[name])));
  }

  /** Every way the answer disagrees with the document; empty when it agrees. */
  disagreements(op: Operation, answer: Answer): string[] {
    const documented = this.response(op, answer.status);
    if (!documented) return [`status ${answer.status} is not documented (documented: ${Object.keys(op.spec.responses ?? {}).join(', ')})`];
    const content: Record<string, { schema?: JsonSchema }> = documented.content ?? {};
    const media = Object.keys(content);
    if (media.length === 0) return answer.size === 0 ? [] : [`status ${answer.status} is documented without a body, but the answer has ${answer.size} bytes of ${answer.mediaType}`];
    if (answer.mediaType === undefined) return [`status ${answer.status} has no content type (documented: ${media.join(', ')})`];
    const [type] = answer.mediaType.split('/');
    const key = media.find((m) => m === answer.mediaType) ?? media.find((m) => m === `${type}/*`) ?? media.find((m) => m === '*/*');
    if (key === undefined) return [`content type ${answer.mediaType} is not documented for status ${answer.status} (documented: ${media.join(', ')})`];
    const schema = content[key].schema;
    if (schema === undefined || !isJsonMedia(answer.mediaType)) return [];
    const validate = this.validator(schema, `${op.key} ${answer.status} ${key}`);
    if (validate(answer.body)) return [];
    return [`body of ${answer.status} ${key} does not match the document: ${describeErrors(validate.errors)}`];
  }
}

function describeErrors(errors: ErrorObject[] | null | undefined, max = 6): string {
  const all = (errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message}${e.keyword === 'additionalProperties' ? ` '${e.params.additionalProperty}'` : ''}`);
  const unique = [...new Set(all)];
  return unique.slice(0, max).join('; ') + (unique.length > max ? ` (and ${unique.length - max} more)` : '');
}

/** Reads an answer: JSON bodies parsed, text kept, binary only measured. */
export async function readAnswer(res: Response): Promise<Answer> {
  const bytes = new Uint8Array(await res.arrayBuffer());
  const mediaType = res.headers.get('content-type')?.split(';')[0].trim().toLowerCase() || undefined;
  let body: unknown;
  if (mediaType && isJsonMedia(mediaType)) {
    const text = new TextDecoder().decode(bytes);
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
  } else if (mediaType?.startsWith('text/') || mediaType === 'image/svg+xml') {
    body = new TextDecoder().decode(bytes);
  }
  return { status: res.status, mediaType, body, size: bytes.length };
}

/**
 * A minimal instance of a (closed) schema: required properties only, the first enum value,
 * the least number or string the bounds allow. `undefined` when the schema is beyond it
 * (patterns, refinements the document cannot state); the caller then names a body itself.
 */
const STRING_CANDIDATES = ['sample', '2026-11-22', '2026-11', 'KJ-9901', '06901234567892'];

export function sampleOf(contract: Contract, schema: JsonSchema, depth = 0): unknown {
  if (typeof schema !== 'object' || depth > 12) return undefined;
  if (schema.$ref) {
    const name = String(schema.$ref).split('/').pop()!;
    return sampleOf(contract, (contract.doc.components?.schemas ?? {})[name], depth + 1);
  }
  if ('const' in schema) return schema.const;
  if (schema.default !== undefined) return schema.default;
  if (schema.enum) return schema.enum[0];
  if (schema.example !== undefined) return schema.example;
  if (schema.anyOf || schema.oneOf) return sampleOf(contract, (schema.anyOf ?? schema.oneOf)[0], depth + 1);
  if (schema.allOf) return sampleOf(contract, contract.mergedAllOf(schema), depth + 1);
  const type = typesOf(schema)?.find((t) => t !== 'null') ?? (schema.properties ? 'object' : undefined);
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const name of schema.required ?? []) out[name] = sampleOf(contract, schema.properties?.[name] ?? {}, depth + 1);
      return out;
    }
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => sampleOf(contract, schema.items ?? {}, depth + 1));
    case 'integer':
    case 'number': {
      const low = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? Math.floor(schema.exclusiveMinimum) + 1 : 1);
      return Math.max(low, 1) <= (schema.maximum ?? Infinity) ? Math.max(low, 1) : low;
    }
    case 'string':
      if (schema.format === 'date') return '2026-11-22';
      if (schema.format === 'date-time') return '2026-11-22T08:00:00Z';
      return STRING_CANDIDATES.find((c) => (!schema.pattern || new RegExp(schema.pattern, 'u').test(c)) && c.length >= (schema.minLength ?? 0) && c.length <= (schema.maxLength ?? Infinity));
    case 'boolean':
      return true;
    default:
      return undefined;
  }
}
