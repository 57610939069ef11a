import { CliError } from '../cli-error';

/**
 * The properties of one resource (or a part of them) being turned into code: each field the
 * import understands is taken out, and `done()` fails on any field left, naming the resource and
 * the field, so nothing the source says is silently dropped.
 */
export class Fields {
  private readonly rest: Record<string, unknown>;
  private readonly children: Fields[] = [];

  /**
   * @param label the resource, `resource Mesh (AWS::AppMesh::Mesh)`
   * @param path where this part is in the resource's properties, `Spec.Listeners[0]` (empty: the properties)
   */
  constructor(value: unknown, private readonly label: string, private readonly path = '') {
    this.rest = value && typeof value === 'object' && !Array.isArray(value) ? { ...(value as Record<string, unknown>) } : {};
  }

  /** `resource Mesh (AWS::AppMesh::Mesh) field Spec.EgressFilter`, for messages. */
  public get where(): string {
    return this.path ? `${this.label} field ${this.path}` : this.label;
  }

  /** Where a field of this part is, for messages. */
  public field(key: string): string {
    return `${this.label} field ${this.at(key)}`;
  }

  private at(key: string): string {
    return this.path ? `${this.path}.${key}` : key;
  }

  /** A part of this one that is not a field of the source (a default to convert the same way). */
  public empty(key: string): Fields {
    return new Fields({}, this.label, this.at(key));
  }

  /** Takes a field's value out. */
  public take(key: string): unknown {
    const value = this.rest[key];
    delete this.rest[key];
    return value;
  }

  public string(key: string): string | undefined {
    const value = this.take(key);
    if (value === undefined || typeof value === 'string') return value;
    throw new CliError(`${this.field(key)}: expected a string, got ${JSON.stringify(value)}`);
  }

  public number(key: string): number | undefined {
    const value = this.take(key);
    if (value === undefined || typeof value === 'number') return value;
    if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
    throw new CliError(`${this.field(key)}: expected a number, got ${JSON.stringify(value)}`);
  }

  public boolean(key: string): boolean | undefined {
    const value = this.take(key);
    if (value === undefined || typeof value === 'boolean') return value;
    if (value === 'true' || value === 'false') return value === 'true';
    throw new CliError(`${this.field(key)}: expected true or false, got ${JSON.stringify(value)}`);
  }

  /** A nested object, whose fields must be taken too. */
  public object(key: string): Fields | undefined {
    const value = this.take(key);
    if (value === undefined) return undefined;
    const child = new Fields(value, this.label, this.at(key));
    this.children.push(child);
    return child;
  }

  /** A list of objects. */
  public list(key: string): Fields[] {
    const value = this.take(key);
    if (value === undefined) return [];
    if (!Array.isArray(value)) throw new CliError(`${this.field(key)}: expected a list, got ${JSON.stringify(value)}`);
    const items = value.map((v, i) => new Fields(v, this.label, `${this.at(key)}[${i}]`));
    this.children.push(...items);
    return items;
  }

  /** A list of strings. */
  public strings(key: string): string[] | undefined {
    const value = this.take(key);
    if (value === undefined) return undefined;
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
      throw new CliError(`${this.field(key)}: expected a list of strings, got ${JSON.stringify(value)}`);
    }
    return value as string[];
  }

  /** Which one of `keys` is present (App Mesh unions: exactly one of them). */
  public oneOf(keys: string[]): string | undefined {
    const present = keys.filter((k) => this.rest[k] !== undefined);
    if (present.length > 1) throw new CliError(`${this.where}: has ${present.join(' and ')}; App Mesh takes one of ${keys.join(', ')}`);
    return present[0];
  }

  /** Fails on a field nobody took: the import cannot express it, and will not drop it. */
  public done(): void {
    for (const [key, value] of Object.entries(this.rest)) {
      if (value === undefined) continue;
      throw new CliError(`${this.label} field ${this.at(key)}: appmesh-kit cannot express this field (${JSON.stringify(value).slice(0, 80)}), `
        + 'so the import stops rather than drop it');
    }
    for (const child of this.children) child.done();
  }
}
