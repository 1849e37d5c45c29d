import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { GitSource, TreeFile } from '../../gitops/ports'
import { SYMLINK_MODE } from '../../gitops/render/files'

const EXECUTABLE_MODE = '100755'
/** Files written at once: enough to keep the disk busy, few enough to stay under open-file limits. */
const WRITE_CONCURRENCY = 16

/**
 * Writes the tree of a commit into a fresh temporary folder, from the git
 * objects (what syncs is the commit, not uncommitted edits), runs `use` on it
 * and removes the folder, whatever happens. Symbolic links are written only when
 * they stay inside the tree, so a tool never reads outside it. `scratch` is an
 * empty folder beside the tree, for the tool's own files.
 */
export async function withCommitTree<T>(
  source: GitSource,
  sha: string,
  use: (dir: string, scratch: string) => Promise<T>,
): Promise<T> {
  const root = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'drydock-render-'))
  try {
    const dir = path.join(root, 'repo')
    const scratch = path.join(root, 'scratch')
    await fs.promises.mkdir(dir)
    await fs.promises.mkdir(scratch)
    await writeTree(source, sha, dir)
    return await use(dir, scratch)
  } finally {
    await fs.promises.rm(root, { recursive: true, force: true })
  }
}

async function writeTree(source: GitSource, sha: string, dir: string): Promise<void> {
  const files = await source.listFiles(sha, '')
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < files.length) await writeFile(source, dir, files[next++]!)
  }
  await Promise.all(Array.from({ length: WRITE_CONCURRENCY }, worker))
}

async function writeFile(source: GitSource, dir: string, file: TreeFile): Promise<void> {
  const full = path.join(dir, ...file.path.split('/'))
  await fs.promises.mkdir(path.dirname(full), { recursive: true })
  const blob = await source.readBlob(file.oid)
  if (file.mode === SYMLINK_MODE) {
    const target = Buffer.from(blob).toString('utf8')
    const resolved = path.resolve(path.dirname(full), target)
    if (!path.isAbsolute(target) && resolved.startsWith(dir + path.sep))
      await fs.promises.symlink(target, full)
    return
  }
  await fs.promises.writeFile(full, blob, { mode: file.mode === EXECUTABLE_MODE ? 0o755 : 0o644 })
}
