/** Jest runs the TypeScript sources as ES modules through ts-jest (type-checking is `npm run build`). */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, diagnostics: false }] },
  testMatch: ['<rootDir>/tests/**/*.test.ts'],
  testTimeout: 30000
};
