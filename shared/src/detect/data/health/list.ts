/** Splits a "|"- or newline-separated word list written as one template string (smaller than an array literal). */
export function termList(source: string): string[] {
  return source.split(/\s*[|\n]\s*/).filter((t) => t !== '');
}

/** Every "prefix suffix" phrase: body parts × findings ("knee pain"), qualifiers × settings ("sleep center"). */
export function combine(prefixes: readonly string[], suffixes: readonly string[]): string[] {
  return prefixes.flatMap((p) => suffixes.map((s) => `${p} ${s}`));
}
