import path from 'node:path'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'
import { projectRoot } from '../helpers/paths'

const eslint = new ESLint({ cwd: projectRoot })

/** Lints `code` as if it lived at `file` and returns the layering messages. */
async function layering(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(projectRoot, file) })
  return result!.messages
    .filter((m) => m.ruleId === 'drydock/layering' || m.ruleId?.startsWith('no-restricted'))
    .map((m) => m.message)
}

describe('the layering rule', () => {
  it.each([
    [
      'src-main/sim/x.ts',
      "import { HostService } from '../host/host-service'",
      'src-main/sim may not import src-main/host',
    ],
    [
      'src-main/gitops/x.ts',
      "import { Simulation } from '../sim/simulation'",
      'src-main/gitops may not import src-main/sim',
    ],
    [
      'src-main/host/x.ts',
      "import { main } from '../cli/main'",
      'src-main/host may not import src-main/cli',
    ],
    [
      'src-main/sim/x.ts',
      "import fs from 'node:fs'",
      'src-main/sim is pure: no Node modules ("node:fs")',
    ],
    [
      'src-main/gitops/x.ts',
      "import path from 'path'",
      'src-main/gitops is pure: no Node modules ("path")',
    ],
    [
      'src-main/host/x.ts',
      "import { app } from 'electron'",
      'only src-main/electron and src-main/preload may import electron',
    ],
    [
      'src-renderer/src/x.ts',
      "import { HostService } from '../../src-main/host/host-service'",
      'the renderer may import only src-main/shared',
    ],
    [
      'src-main/sim/x.ts',
      'export const t = Date.now()',
      'the simulation is deterministic: use the virtual clock (kernel/clock.ts), not Date',
    ],
    ['src-main/sim/x.ts', 'export const r = Math.random()', 'use the seeded Prng (kernel/prng.ts)'],
  ])('fails %s doing %s', async (file, code, message) => {
    expect((await layering(file, code)).some((m) => m.includes(message))).toBe(true)
  })

  it.each([
    ['src-main/host/x.ts', "import { Simulation } from '../sim/simulation'"],
    ['src-main/git/x.ts', "import type { GitSource } from '../gitops/ports'"],
    ['src-main/sim/x.ts', "import type { Snapshot } from '../shared/dto'"],
    ['src-renderer/src/x.ts', "import type { Snapshot } from '../../src-main/shared/dto'"],
    ['src-main/cli/x.ts', "import { startWebServer } from '../web/server'"],
  ])('allows %s doing %s', async (file, code) => {
    expect(await layering(file, code)).toEqual([])
  })
})
