/**
 * The layering rules of DESIGN.md are enforced by ESLint (eslint.config.js). These
 * run the project's real config over small snippets placed at paths in each layer,
 * so a config change that stops catching a wrong import fails here.
 */
import { ESLint } from 'eslint';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tseslint from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
let eslint: ESLint;
/** Import rules by name (no-restricted-imports) and by resolved folder (folderZones). */
const LAYER_RULES = ['no-restricted-imports', 'import-x/no-restricted-paths'];

beforeAll(() => {
  // The snippets are not files on disk, which the type-aware project service refuses;
  // import rules need no types, so type-aware linting is switched off on top of the real config.
  eslint = new ESLint({ cwd: root, overrideConfig: tseslint.configs.disableTypeChecked });
});

async function restrictedImports(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, filePath) });
  const fatal = result!.messages.filter((message) => message.fatal);
  expect(fatal, `parse errors in ${filePath}`).toEqual([]);
  return result!.messages
    .filter((message) => LAYER_RULES.includes(message.ruleId ?? ''))
    .map((message) => message.message);
}

describe('layer import rules', () => {
  it.each([
    [
      'renderer importing a Node built-in',
      'renderer/src/__lint_fixture.tsx',
      "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n",
    ],
    [
      'renderer importing a bare Node built-in',
      'renderer/src/__lint_fixture.ts',
      "import path from 'path';\nexport const p = path;\n",
    ],
    [
      'renderer importing electron',
      'renderer/src/__lint_fixture.ts',
      "import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;\n",
    ],
    [
      'renderer importing main-process code',
      'renderer/src/__lint_fixture.ts',
      "import type { StationCore } from '../../electron/core/station-core';\nexport type C = StationCore;\n",
    ],
    [
      'shared importing a Node built-in',
      'shared/__lint_fixture.ts',
      "import { createHash } from 'node:crypto';\nexport const c = createHash;\n",
    ],
    [
      'shared importing main-process code',
      'shared/__lint_fixture.ts',
      "import type { StationCore } from '../electron/core/station-core';\nexport type C = StationCore;\n",
    ],
    [
      'core/ importing archive/ (a type only)',
      'electron/core/__lint_fixture.ts',
      "import type { ArchiveShipper } from '../archive/shipper';\nexport type S = ArchiveShipper;\n",
    ],
    [
      'core/ importing cli/',
      'electron/core/replay/__lint_fixture.ts',
      "import { parseOptions } from '../../cli/options';\nexport const p = parseOptions;\n",
    ],
    [
      'core/ importing simulator/',
      'electron/core/__lint_fixture.ts',
      "import { trainingFeedStarter } from '../simulator/worker-host';\nexport const t = trainingFeedStarter;\n",
    ],
    [
      'core/ importing transport/',
      'electron/core/station/__lint_fixture.ts',
      "import { startWebServer } from '../../transport/web-server';\nexport const w = startWebServer;\n",
    ],
    [
      'core/ importing electron',
      'electron/core/__lint_fixture.ts',
      "import type { App } from 'electron';\nexport type A = App;\n",
    ],
    [
      'archive/ importing cli/',
      'electron/archive/__lint_fixture.ts',
      "import { argsOrExit } from '../cli/entry';\nexport const a = argsOrExit;\n",
    ],
    [
      'transport/ importing electron',
      'electron/transport/__lint_fixture.ts',
      "import { ipcMain } from 'electron';\nexport const i = ipcMain;\n",
    ],
    [
      'the preload importing a Node built-in',
      'electron/preload/__lint_fixture.ts',
      "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n",
    ],
    [
      'components/ importing live/',
      'renderer/src/components/__lint_fixture.tsx',
      "import { Workspace } from '../live/Workspace';\nexport const w = Workspace;\n",
    ],
    [
      'components/ importing access/',
      'renderer/src/components/__lint_fixture.tsx',
      "import { AccountsDialog } from '../access/AccountsDialog';\nexport const a = AccountsDialog;\n",
    ],
    [
      'components/ importing replay/',
      'renderer/src/components/form/__lint_fixture.tsx',
      "import type { ReplayStore } from '../../replay/replay-store';\nexport type R = ReplayStore;\n",
    ],
    [
      'electron/ importing the renderer',
      'electron/__lint_fixture.ts',
      "import type { Anything } from '../renderer/src/anything';\nexport type A = Anything;\n",
    ],
  ])('%s is an error', async (_label, filePath, code) => {
    const errors = await restrictedImports(code, filePath);
    expect(errors).toHaveLength(1);
  });

  it.each([
    [
      'renderer importing shared/',
      'renderer/src/__lint_fixture.ts',
      "import { LIMITS } from '../../shared/feed/limits';\nexport const l = LIMITS;\n",
    ],
    [
      'shared importing shared/',
      'shared/__lint_fixture.ts',
      "import { LIMITS } from './feed/limits';\nexport const l = LIMITS;\n",
    ],
    [
      'electron/ importing shared/ and Node',
      'electron/__lint_fixture.ts',
      "import { join } from 'node:path';\nimport { LIMITS } from '../shared/feed/limits';\nexport const x = [join, LIMITS];\n",
    ],
    [
      'electron/main/ importing electron, core/ and archive/',
      'electron/main/__lint_fixture.ts',
      "import type { App } from 'electron';\nimport { startStationCore } from '../core/station-core';\nimport { archivePortsOf } from '../archive/station-link';\nexport const x: [App | null, unknown, unknown] = [null, startStationCore, archivePortsOf];\n",
    ],
    [
      'archive/ importing core/',
      'electron/archive/__lint_fixture.ts',
      "import type { ArchiveLink } from '../core/archive-ports';\nexport type L = ArchiveLink;\n",
    ],
    [
      'live/ importing components/',
      'renderer/src/live/__lint_fixture.tsx',
      "import { Ago } from '../components/Ago';\nexport const a = Ago;\n",
    ],
  ])('%s passes', async (_label, filePath, code) => {
    expect(await restrictedImports(code, filePath)).toEqual([]);
  });
});

describe('import cycles', () => {
  // A cycle needs real files to follow, so two modules are written to a scratch tree
  // laid out like the repository and linted with the project's own config.
  async function cycleErrors(files: Record<string, string>, lint: string): Promise<string[]> {
    const dir = mkdtempSync(join(tmpdir(), 'lint-cycle-'));
    try {
      for (const [path, code] of Object.entries(files)) {
        mkdirSync(join(dir, path, '..'), { recursive: true });
        writeFileSync(join(dir, path), code);
      }
      const scratch = new ESLint({
        cwd: dir,
        overrideConfigFile: join(root, 'eslint.config.js'),
        overrideConfig: tseslint.configs.disableTypeChecked,
      });
      const [result] = await scratch.lintFiles([lint]);
      expect(result!.messages.filter((m) => m.fatal)).toEqual([]);
      return result!.messages.filter((m) => m.ruleId === 'import-x/no-cycle').map((m) => m.message);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it.each([
    ['shared', 'shared/a.ts', 'shared/b.ts'],
    ['electron', 'electron/core/station/a.ts', 'electron/core/station/b.ts'],
    ['renderer', 'renderer/src/a.tsx', 'renderer/src/b.ts'],
  ])('a cycle between two %s modules is an error', async (_layer, a, b) => {
    const errors = await cycleErrors(
      {
        [a]: "import { b } from './b';\nexport const a = (): unknown => b;\n",
        [b]: "import { a } from './a';\nexport const b = (): unknown => a;\n",
      },
      a,
    );
    expect(errors).toHaveLength(1);
  });

  it('one-way imports pass', async () => {
    const errors = await cycleErrors(
      {
        'shared/a.ts': "import { b } from './b';\nexport const a = (): unknown => b;\n",
        'shared/b.ts': 'export const b = 1;\n',
      },
      'shared/a.ts',
    );
    expect(errors).toEqual([]);
  });
});

describe('casts', () => {
  it('`as unknown as` is an error in the source; reviewedCast is the way', async () => {
    const lint = async (code: string) => {
      const [result] = await eslint.lintText(code, {
        filePath: join(root, 'electron/core/__lint_fixture.ts'),
      });
      return result!.messages.filter((m) => m.ruleId === 'no-restricted-syntax').length;
    };
    expect(await lint('export const x = 1 as unknown as string;\n')).toBe(1);
    expect(
      await lint(
        "import { reviewedCast } from '../../shared/reviewed-cast';\nexport const x = reviewedCast<string>(1, 'a test');\n",
      ),
    ).toBe(0);
  });
});
