import fs from 'node:fs'
import path from 'node:path'
import { readScenario } from '../../src-main/host/course'
import { commitFiles, initRepo } from './git'
import { scenarioDir } from './paths'

/**
 * Replays a course scenario's first `count` steps as commits made with the real
 * git CLI, into a fresh temp repository. Returns the repository and the shas.
 */
export async function courseRepo(
  name: string,
  count?: number,
): Promise<{ dir: string; shas: string[]; commitStep(i: number): string }> {
  const steps = await readScenario(scenarioDir(name))
  const dir = initRepo()
  const shas: string[] = []
  let previous: string[] = []
  const commitStep = (i: number): string => {
    const step = steps[i]!
    const files: Record<string, string | null> = { ...step.files }
    for (const old of previous) if (!(old in step.files)) files[old] = null
    previous = Object.keys(step.files)
    const sha = commitFiles(dir, files, step.message)
    shas.push(sha)
    return sha
  }
  for (let i = 0; i < (count ?? steps.length); i++) commitStep(i)
  return { dir, shas, commitStep }
}

export function writeAndCommitRaw(dir: string, file: string, content: string): void {
  fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
  fs.writeFileSync(path.join(dir, file), content)
}
