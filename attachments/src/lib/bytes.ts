/** The bytes of a view as their own ArrayBuffer, for libraries that take one (a view may be a window on a larger buffer). */
export function arrayBufferOf(data: Uint8Array): ArrayBuffer {
  return data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
}
