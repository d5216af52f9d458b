/**
 * CardService as plain data: every builder records its calls (`setX(v)` → `x`, `addX(v)` → `xs`
 * list) and `build()` returns the record, so tests read cards as objects. Enums read as their names.
 */
export interface CardNode {
  readonly type: string;
  readonly [field: string]: unknown;
}

export function fakeCardService(): Record<string, unknown> {
  const records = new WeakMap<object, Record<string, unknown>>();
  const unwrap = (value: unknown): unknown => (typeof value === 'object' && value !== null && records.has(value) ? records.get(value) : value);
  const builder = (type: string): object => {
    const record: Record<string, unknown> = { type };
    const proxy: object = new Proxy(
      {},
      {
        get: (_, name) => {
          if (typeof name !== 'string') return undefined;
          if (name === 'build') return () => record;
          return (...args: unknown[]) => {
            const value = args.length === 1 ? unwrap(args[0]) : args.map(unwrap);
            const field = name.replace(/^(set|add)/, '').replace(/^./, (c) => c.toLowerCase());
            if (name.startsWith('add')) ((record[field.endsWith('s') ? field : `${field}s`] ??= []) as unknown[]).push(value);
            else record[field] = value;
            return proxy;
          };
        },
      },
    );
    records.set(proxy, record);
    return proxy;
  };
  const enumeration = new Proxy({}, { get: (_, name) => (typeof name === 'string' ? name : undefined) });
  return new Proxy(
    {},
    {
      get: (_, name) => {
        if (typeof name !== 'string') return undefined;
        if (name.startsWith('new')) return () => builder(name.slice(3));
        return enumeration;
      },
    },
  );
}

/** Every string anywhere in a card, in order: what the user can read on it. */
export function cardTexts(node: unknown): string[] {
  if (typeof node === 'string') return [node];
  if (Array.isArray(node)) return node.flatMap(cardTexts);
  if (typeof node === 'object' && node !== null) return Object.entries(node).flatMap(([key, value]) => (key === 'type' || key === 'parameters' ? [] : cardTexts(value)));
  return [];
}

/** Every button on a card: its text and the parameters its action sends. */
export function cardButtons(node: unknown): Array<{ text: string; parameters: Record<string, string> }> {
  if (Array.isArray(node)) return node.flatMap(cardButtons);
  if (typeof node !== 'object' || node === null) return [];
  const record = node as Record<string, unknown>;
  const own =
    record['type'] === 'TextButton'
      ? [{ text: String(record['text']), parameters: ((record['onClickAction'] as Record<string, unknown> | undefined)?.['parameters'] ?? {}) as Record<string, string> }]
      : [];
  return [...own, ...Object.values(record).flatMap(cardButtons)];
}
