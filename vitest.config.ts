import { defineConfig, type Plugin } from 'vitest/config';

/**
 * @yeoman/adapter 4.0.2 and 5.0.0 give their TestAdapter `Duplex.from(async () => {})` as the prompt
 * output. Since Node 24 (nodejs/node#55077) a Duplex made from an async function that returns
 * before its input ends is destroyed with an AbortError, and nobody listens for that error: every
 * yeoman-test run then reports two uncaught AbortErrors. The sink the adapter means is a writable
 * that drops what it is given, which is what this writes in its place.
 */
const BROKEN_OUTPUT = 'output: Duplex.from(async () => { }),';
function yeomanTestAdapterOutput(): Plugin {
  return {
    name: 'yeoman-test-adapter-output',
    transform(code, id) {
      if (!/@yeoman[\\/]adapter[\\/]dist[\\/]testing[\\/]test-adapter\.js$/.test(id)) return undefined;
      if (!code.includes(BROKEN_OUTPUT)) {
        // Fixed upstream, or changed: look again rather than patch blindly.
        if (code.includes('Duplex.from(async')) throw new Error(`${id}: the prompt output changed shape; review vitest.config.ts`);
        return undefined;
      }
      return code
        .replace(BROKEN_OUTPUT, 'output: new Writable({ write(_chunk, _encoding, callback) { callback(); } }),')
        .replace("import { Duplex } from 'node:stream';", "import { Duplex, Writable } from 'node:stream';");
    },
  };
}

// yeoman-test changes the working directory, so every test file runs in its own process.
export default defineConfig({
  plugins: [yeomanTestAdapterOutput()],
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Loaded through Vite (not Node) so that the plugin above reaches the TestAdapter.
    server: { deps: { inline: ['yeoman-test', '@yeoman/adapter'] } },
  },
});
