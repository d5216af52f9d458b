// The userland punycode package, imported by file: a bare 'punycode' would resolve to Node's deprecated built-in.
declare module 'punycode/punycode.js' {
  const punycode: { toUnicode(domain: string): string; toASCII(domain: string): string };
  export default punycode;
}
