import fs from 'node:fs'
import path from 'node:path'
import git from 'isomorphic-git'

export interface RepositoryStep {
  message: string
  /** The whole tree at this step: path → content. */
  files: Record<string, string>
}

export interface MaterialiseOptions {
  author?: { name: string; email: string }
  /** Author time of the last commit, in ms; earlier steps are spaced a minute apart before it. */
  endTimeMs: number
}

/**
 * Writes a fresh Git repository with one commit per step, in order, through
 * isomorphic-git: the work tree, index and branch end exactly as `git` itself would
 * leave them, so `git status` is clean and `git log` lists the steps.
 */
export async function materialiseRepository(
  dir: string,
  steps: RepositoryStep[],
  options: MaterialiseOptions,
): Promise<string[]> {
  const author = options.author ?? { name: 'Drydock Course', email: 'course@drydock.dev' }
  await fs.promises.rm(dir, { recursive: true, force: true })
  await fs.promises.mkdir(dir, { recursive: true })
  await git.init({ fs, dir, defaultBranch: 'main' })
  const shas: string[] = []
  let previous = new Set<string>()
  for (const [i, step] of steps.entries()) {
    for (const file of previous) {
      if (file in step.files) continue
      await fs.promises.rm(path.join(dir, file), { force: true })
      await git.remove({ fs, dir, filepath: file })
    }
    for (const [file, content] of Object.entries(step.files)) {
      const full = path.join(dir, file)
      await fs.promises.mkdir(path.dirname(full), { recursive: true })
      await fs.promises.writeFile(full, content)
      await git.add({ fs, dir, filepath: file })
    }
    const timestamp = Math.floor((options.endTimeMs - (steps.length - 1 - i) * 60_000) / 1000)
    const who = { ...author, timestamp, timezoneOffset: 0 }
    shas.push(await git.commit({ fs, dir, message: step.message, author: who, committer: who }))
    previous = new Set(Object.keys(step.files))
  }
  return shas
}
