// xml2js ships no types and @types/xml2js is not installed; tests use only this call.
declare module 'xml2js' {
  export function parseStringPromise(xml: string): Promise<unknown>;
}
