import type { ManifestProblem } from '../manifest/types'
import type { GitSource, TreeFile } from '../ports'
import { dirnameOf, joinPath, normalisePath } from './paths'

/** Argo CD's and Drydock's limit for one manifest file. */
export const MAX_MANIFEST_BYTES = 10 * 1024 * 1024

export const SYMLINK_MODE = '120000'

/** Linux gives up after 40 links in a row (ELOOP); so does Drydock. */
const MAX_LINK_HOPS = 40

export type FileText = { text: string; sizeBytes: number } | { problem: ManifestProblem }

const decoder = new TextDecoder('utf-8', { fatal: true })

/**
 * A file's text as the commit holds it, or why it cannot be a manifest: over
 * 10 MiB, or binary (NUL bytes, or not UTF-8). `file.path` names it in problems.
 */
export async function readText(source: GitSource, file: TreeFile): Promise<FileText> {
  const blob = await source.readBlob(file.oid)
  const problem = (message: string) => ({ problem: { file: file.path, line: 1, message } })
  if (blob.length > MAX_MANIFEST_BYTES)
    return problem(
      `file is ${(blob.length / 1024 / 1024).toFixed(1)} MiB, over the 10 MiB limit for a manifest: split it into smaller files`,
    )
  if (blob.includes(0))
    return problem(
      'binary file (it has NUL bytes): a manifest must be YAML or JSON text; remove it, or rename it without a .yaml, .yml or .json extension',
    )
  try {
    return { text: decoder.decode(blob), sizeBytes: blob.length }
  } catch {
    return problem(
      'not UTF-8 text: a manifest must be YAML or JSON saved as UTF-8; re-save it as UTF-8, or remove it',
    )
  }
}

export type LinkTarget =
  { file: TreeFile } | { problem: ManifestProblem; outside?: true } | { note: string }

/**
 * Follows a symbolic link (git mode 120000, whose blob holds the target) through
 * the commit's tree, as Argo CD allows links that stay inside the repository and
 * refuses the repository for any that leaves it ("out-of-bounds symlinks").
 */
export async function followLink(
  source: GitSource,
  sha: string,
  link: TreeFile,
): Promise<LinkTarget> {
  let current = link
  for (let hop = 0; hop < MAX_LINK_HOPS; hop++) {
    const target = new TextDecoder().decode(await source.readBlob(current.oid))
    const resolved = target.startsWith('/')
      ? undefined
      : normalisePath(joinPath(dirnameOf(current.path), target))
    if (resolved === undefined)
      return {
        outside: true,
        problem: {
          file: link.path,
          line: 1,
          message: `symbolic link points outside the repository (to "${target}"); Argo CD refuses a repository with out-of-bounds symlinks: commit the file itself instead of a link`,
        },
      }
    const entry = await findEntry(source, sha, resolved)
    if (entry === 'folder')
      return { note: `${link.path}: ignored, a link to the folder ${resolved} is not followed` }
    if (!entry)
      return {
        problem: {
          file: link.path,
          line: 1,
          message: `symbolic link to "${target}": ${resolved} does not exist in this commit; commit it, or remove the link`,
        },
      }
    if (entry.mode !== SYMLINK_MODE) return { file: { ...entry, path: link.path } }
    current = entry
  }
  return {
    problem: {
      file: link.path,
      line: 1,
      message: `symbolic link: too many levels of symbolic links (more than ${MAX_LINK_HOPS}); make it point at the file`,
    },
  }
}

async function findEntry(
  source: GitSource,
  sha: string,
  path: string,
): Promise<TreeFile | 'folder' | undefined> {
  const siblings = await source.listFiles(sha, dirnameOf(path)).catch(() => [])
  const entry = siblings.find((f) => f.path === path)
  if (entry) return entry
  return siblings.some((f) => f.path.startsWith(`${path}/`)) ? 'folder' : undefined
}
