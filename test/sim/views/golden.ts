import fs from 'node:fs'
import path from 'node:path'
import { expect } from 'vitest'
import { projectRoot } from '../../helpers/paths'

const goldenDir = path.join(projectRoot, 'test', 'sim', 'views', 'golden')

/**
 * Compares `text` byte for byte with `golden/<name>.txt`. `UPDATE_GOLDEN=1`
 * rewrites the file instead; a missing file fails with how to create it.
 */
export function expectGolden(name: string, text: string): void {
  const file = path.join(goldenDir, `${name}.txt`)
  if (process.env.UPDATE_GOLDEN === '1') {
    fs.writeFileSync(file, text)
    return
  }
  if (!fs.existsSync(file))
    throw new Error(
      `no golden file ${path.relative(projectRoot, file)}: run with UPDATE_GOLDEN=1 to write it`,
    )
  expect(text, `${name}.txt (UPDATE_GOLDEN=1 rewrites it)`).toBe(fs.readFileSync(file, 'utf8'))
}
