/** Reverses the front coding of build-names.mjs: each word is a digit (letters kept from the previous word) and the rest. */
export function frontDecode(text: string): string[] {
  const words: string[] = [];
  let prev = '';
  let i = 0;
  while (i < text.length) {
    const keep = text.charCodeAt(i) - 48;
    let j = i + 1;
    while (j < text.length && (text.charCodeAt(j) < 48 || text.charCodeAt(j) > 57)) j++;
    prev = prev.slice(0, keep) + text.slice(i + 1, j);
    words.push(prev);
    i = j;
  }
  return words;
}
