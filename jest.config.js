// One Jest run over every package. TypeScript (and ESM-only dependencies such as jose) are
// transpiled by SWC; workspace packages resolve to their TypeScript source, so tests need no build.
/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/shared', '<rootDir>/attachments', '<rootDir>/service', '<rootDir>/addin-outlook', '<rootDir>/addin-gmail', '<rootDir>/manifest', '<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  transform: {
    '^.+\\.(t|m?j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  // ESM-only packages, wherever npm placed them (office-addin-mock's manifest dependency brings strip-bom and uuid;
  // pdfjs-dist ships only .mjs, hence .mjs in the transform above).
  transformIgnorePatterns: ['^(?!.*/node_modules/(jose|pdfjs-dist|strip-bom|uuid|@azure/msal-[a-z]+|pkijs|asn1js|@peculiar/utils|@noble/hashes|bytestreamjs|openid-client|oauth4webapi|otpauth)/).*/node_modules/'],
  moduleNameMapper: {
    '^@phiguard/core$': '<rootDir>/shared/src/index.ts',
    '^@phiguard/attachments$': '<rootDir>/attachments/src/index.ts',
    '^@phiguard/attachments/html$': '<rootDir>/attachments/src/formats/html.ts',
    '^@phiguard/attachments/node-ocr$': '<rootDir>/attachments/src/ocr/node-ocr.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
};
