// heic-decode ships no types: the part of it that heif.ts uses.
declare module 'heic-decode' {
  interface ImageInFile {
    readonly width: number;
    readonly height: number;
    decode(): Promise<{ readonly width: number; readonly height: number; readonly data: Uint8ClampedArray }>;
  }
  const decode: {
    /** The file's top-level images, sized from the container and decoded on demand; `dispose` frees them all. */
    all(input: { buffer: Uint8Array }): Promise<ImageInFile[] & { dispose(): void }>;
  };
  export = decode;
}
