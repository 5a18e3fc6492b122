/**
 * The harness itself (recipes.test.ts), run on a folder holding one recipe whose setup
 * exits 77 ("toolchain not available here"): skipped on a developer's machine, a failure
 * under CI=true, so that CI can never pass with a recipe left out.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const HARNESS = fileURLToPath(new URL('./recipes.test.js', import.meta.url));

/** The harness in a node --test of its own, on `dir`; its environment without the parent runner's. */
function harness(dir: string, ci: boolean): Promise<{ code: number; output: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, RECIPES_DIR: dir };
  delete env.NODE_TEST_CONTEXT;
  delete env.RECIPES;
  if (ci) env.CI = 'true';
  else delete env.CI;
  return new Promise((resolve) => {
    execFile(process.execPath, ['--test', '--test-reporter=tap', HARNESS], { env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? -1) : 0, output: stdout + stderr });
    });
  });
}

describe('the recipes harness, with a recipe whose toolchain is missing', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'recipes-harness-'));
    mkdirSync(join(dir, 'no-toolchain'));
    const script = join(dir, 'no-toolchain', 'recipe.sh');
    writeFileSync(script, '#!/usr/bin/env bash\n[ "$1" = setup ] && { echo "no-toolchain: not here" >&2; exit 77; }\nexit 2\n');
    chmodSync(script, 0o755);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('locally: reported as skipped, and the run passes', async () => {
    const { code, output } = await harness(dir, false);
    assert.equal(code, 0, output);
    assert.match(output, /^ok \d+ - no-toolchain # SKIP recipe\.sh setup: toolchain not available here \(exit 77\)/m, output);
    assert.match(output, /^# skipped 1$/m, output);
  });

  test('with CI=true: a failure that says 77 is one in CI, and the run fails', async () => {
    const { code, output } = await harness(dir, true);
    assert.equal(code, 1, output);
    assert.match(output, /^not ok \d+ - no-toolchain$/m, output);
    assert.match(output, /77 is a failure in CI/, output);
    assert.match(output, /^# skipped 0$/m, output);
  });
});
