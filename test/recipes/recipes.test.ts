/**
 * Every backend recipe (examples/backends/*\/recipe.sh, CONTRACT.md), for real: setup,
 * start on a free loopback port with short times, then the conformance checker and a
 * browser round trip. Exit 77 from setup skips a recipe locally, and fails in CI.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { checkRecipe, describeResult } from './conformance.js';
import { findRecipes, ROOT, type Recipe } from './recipes.js';
import { freePort, runScript, startServer, type RunningServer } from './recipe-process.js';
import { roundTrip } from './round-trip.js';
import { signIn } from './sign-in.js';

/** Short but real: the checker's --slow probes and the browser wait for these. */
const WARN_AFTER = 4;
const EXPIRE_AFTER = 10;
const SESSION_SECURITY_JS = join(ROOT, 'dist', 'cdn', 'session-security.js');
const SKIPPED = 77;
const SETUP_MS = 20 * 60 * 1000; // first setups download toolchains (apt, pip, Maven, Go)
const CI = process.env.CI === 'true';

async function version(recipe: Recipe): Promise<string | undefined> {
  const run = await runScript(recipe, 'version', 30_000);
  const line = run.code === 0 ? run.output.split('\n').find((l) => l.trim()) : undefined;
  return line?.trim() ?? recipe.options.framework;
}

test('the bundle the recipes serve is built', () => {
  assert.ok(existsSync(SESSION_SECURITY_JS), `${SESSION_SECURITY_JS} is missing: run npm run build`);
});

for (const recipe of findRecipes()) {
  test(recipe.name, { timeout: SETUP_MS + 10 * 60 * 1000 }, async (t) => {
    assert.equal(recipe.problem, undefined, 'recipe.json');
    const started = Date.now();
    const setup = await runScript(recipe, 'setup', SETUP_MS);
    if (setup.code === SKIPPED && !CI) {
      t.skip(`recipe.sh setup: toolchain not available here (exit 77)${setup.output ? `: ${setup.output.split('\n').pop()}` : ''}`);
      return;
    }
    assert.equal(setup.code, 0, `recipe.sh setup exited ${setup.code}${setup.code === SKIPPED ? ' (77 is a failure in CI)' : ''}:\n${setup.output}`);
    t.diagnostic(`setup ${((Date.now() - started) / 1000).toFixed(1)} s; ${(await version(recipe)) ?? 'version not reported'}`);

    const env = { WARN_AFTER: String(WARN_AFTER), EXPIRE_AFTER: String(EXPIRE_AFTER), SESSION_SECURITY_JS, USER_SECRET: `recipes-test-${recipe.name}-secret-0123456789` };
    const server: RunningServer = await startServer(recipe, env, await freePort(), (recipe.options.startTimeout ?? 60) * 1000);
    /** A failing step also shows what the server printed. */
    const step = (fn: (t: TestContext) => Promise<void>) => async (t: TestContext) => {
      try {
        await fn(t);
      } catch (error) {
        t.diagnostic(`server output (end):\n${server.output() || '(none)'}`);
        throw error;
      }
    };
    try {
      await t.test(
        'session-security-check passes every MUST',
        step(async (t) => {
          const since = Date.now();
          const { problems, warnings } = await checkRecipe(server.base, () => signIn(server.base), { profile: recipe.options.profile, expireAfter: recipe.options.expireAfter ?? EXPIRE_AFTER });
          for (const warning of warnings) t.diagnostic(describeResult(warning));
          t.diagnostic(`checker ${((Date.now() - since) / 1000).toFixed(1)} s`);
          assert.deepEqual(problems.map(describeResult), [], 'MUST probes that failed or did not run');
        }),
      );
      await t.test(
        'browser round trip: warn, stay signed in, expire',
        step(async (t) => {
          const since = Date.now();
          await roundTrip(server.base, { warnAfter: WARN_AFTER, expireAfter: EXPIRE_AFTER }, (line) => t.diagnostic(line));
          t.diagnostic(`round trip ${((Date.now() - since) / 1000).toFixed(1)} s`);
        }),
      );
    } finally {
      await server.stop();
    }
  });
}
