/**
 * Reverses the front coding of build-names.mjs: each word is a digit (letters kept from the previous
 * word) and the rest. Decodes text[start, end), where the word before `start` began with `prev`.
 */
export function frontDecode(text: string, start = 0, end = text.length, prev = ''): string[] {
  const words: string[] = [];
  // One native match splits the words; a loop over characters is slow before the JIT warms up.
  for (const part of text.slice(start, end).match(/\d\D*/g) ?? []) {
    prev = prev.slice(0, part.charCodeAt(0) - 48) + part.slice(1);
    words.push(prev);
  }
  return words;
}
