import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
export const fixturesDir = path.join(projectRoot, 'test', 'fixtures')
export const binPath = path.join(projectRoot, 'src-main', 'cli', 'bin.mjs')
export const scenarioDir = (name: string): string => path.join(projectRoot, 'repos', name)
