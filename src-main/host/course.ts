import fs from 'node:fs'
import path from 'node:path'
import { materialiseRepository, type RepositoryStep } from '../git/materialise'

/** The file in each step folder that holds the commit message; it is not part of the tree. */
export const STEP_MESSAGE_FILE = 'message.txt'

/** Where materialised course repositories live: git-ignored, inside `repos/`. */
export function buildDir(projectRoot: string): string {
  return path.join(projectRoot, 'repos', '.build')
}

export const DEMO_SCENARIO = 'first-deployment'

async function readTree(dir: string, base = ''): Promise<Record<string, string>> {
  const files: Record<string, string> = {}
  for (const entry of await fs.promises.readdir(dir, { withFileTypes: true })) {
    const rel = base ? `${base}/${entry.name}` : entry.name
    if (entry.isDirectory()) Object.assign(files, await readTree(path.join(dir, entry.name), rel))
    else if (rel !== STEP_MESSAGE_FILE)
      files[rel] = await fs.promises.readFile(path.join(dir, entry.name), 'utf8')
  }
  return files
}

/** A scenario's steps, in folder order: each folder is the whole tree at that commit. */
export async function readScenario(scenarioDir: string): Promise<RepositoryStep[]> {
  const stepsDir = path.join(scenarioDir, 'steps')
  const names = (await fs.promises.readdir(stepsDir, { withFileTypes: true }))
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()
  const steps: RepositoryStep[] = []
  for (const name of names) {
    const dir = path.join(stepsDir, name)
    const messageFile = path.join(dir, STEP_MESSAGE_FILE)
    if (!fs.existsSync(messageFile))
      throw new Error(`${messageFile} is missing: every step needs its commit message`)
    const message = (await fs.promises.readFile(messageFile, 'utf8')).trim() + '\n'
    steps.push({ message, files: await readTree(dir) })
  }
  return steps
}

/** Writes the scenario as a real Git repository, one commit per step; returns its path and the commit shas. */
export async function materialiseScenario(
  projectRoot: string,
  scenario: string,
  nowMs: number,
): Promise<{ dir: string; shas: string[] }> {
  const steps = await readScenario(path.join(projectRoot, 'repos', scenario))
  const dir = path.join(buildDir(projectRoot), scenario)
  const shas = await materialiseRepository(dir, steps, { endTimeMs: nowMs })
  return { dir, shas }
}

/** The demo repository, created on first use. */
export async function ensureDemoRepository(projectRoot: string, nowMs: number): Promise<string> {
  const dir = path.join(buildDir(projectRoot), DEMO_SCENARIO)
  if (fs.existsSync(path.join(dir, '.git', 'HEAD'))) return dir
  return (await materialiseScenario(projectRoot, DEMO_SCENARIO, nowMs)).dir
}
