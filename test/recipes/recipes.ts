/**
 * The recipes under examples/backends/: every folder with an executable recipe.sh (see
 * examples/backends/CONTRACT.md), and its optional recipe.json.
 */
import { accessSync, constants, existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../../../..');
/** RECIPES_DIR: another folder of recipes, for the harness's own test (harness.test.ts). */
export const BACKENDS = process.env.RECIPES_DIR || join(ROOT, 'examples', 'backends');

/** recipe.json: options of the harness for one recipe; every key optional. */
export interface RecipeOptions {
  /** A checker profile (src/check/profiles.ts), e.g. "django-session-security". */
  profile?: string;
  /** Seconds, for servers whose answer carries no expireAfter; omit it: the default is the EXPIRE_AFTER the harness starts the recipe with. */
  expireAfter?: number;
  /** What the recipe runs on, when `recipe.sh version` does not say, e.g. "Django 5.2". */
  framework?: string;
  /** Seconds `recipe.sh start` may take until the port answers (default 60). */
  startTimeout?: number;
}

export interface Recipe {
  name: string;
  dir: string;
  script: string;
  options: RecipeOptions;
  /** Why recipe.json is unusable; that recipe fails, the others still run. */
  problem?: string;
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

const KINDS: Record<keyof RecipeOptions, 'string' | 'seconds'> = { profile: 'string', expireAfter: 'seconds', framework: 'string', startTimeout: 'seconds' };

/** recipe.json, checked: a known key of the wrong type is an error; other keys are the recipe's own. */
function readOptions(dir: string): RecipeOptions {
  const path = join(dir, 'recipe.json');
  if (!existsSync(path)) return {};
  const options = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  if (!options || typeof options !== 'object' || Array.isArray(options)) throw new Error(`${path}: not a JSON object`);
  for (const [key, kind] of Object.entries(KINDS)) {
    const value = options[key];
    if (value === undefined) continue;
    const ok = kind === 'string' ? typeof value === 'string' : Number.isSafeInteger(value) && (value as number) > 0;
    if (!ok) throw new Error(`${path}: "${key}" must be ${kind === 'string' ? 'a string' : 'whole positive seconds (a JSON number)'}, not ${JSON.stringify(value)}`);
  }
  return options as RecipeOptions;
}

/** `only`: names to keep (RECIPES=express,fastify), for working on a few recipes. */
export function findRecipes(only = process.env.RECIPES?.split(',').filter(Boolean)): Recipe[] {
  return readdirSync(BACKENDS, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && executable(join(BACKENDS, entry.name, 'recipe.sh')))
    .filter((entry) => !only?.length || only.includes(entry.name))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const dir = join(BACKENDS, name);
      const recipe: Recipe = { name, dir, script: join(dir, 'recipe.sh'), options: {} };
      try {
        recipe.options = readOptions(dir);
      } catch (error) {
        recipe.problem = (error as Error).message;
      }
      return recipe;
    });
}
