import { FieldLocator } from '../manifest/locate'
import type { DesiredObject, ManifestProblem } from '../manifest/types'
import type { GitSource } from '../ports'
import { validateObjects, type SchemaViolation } from './validate'

/**
 * Turns violations into problems at the line of the field itself, given the
 * text of the files they come from; an object whose file text or document is
 * not known (a rendered chart) keeps the line its document starts on. Each
 * object's problems are in the order of its lines.
 */
export function placeViolations(
  violations: readonly SchemaViolation[],
  texts: ReadonlyMap<string, string>,
): ManifestProblem[] {
  const locators = new Map<string, FieldLocator>()
  const groups = new Map<DesiredObject, ManifestProblem[]>()
  for (const v of violations) {
    const { file, line, document } = v.desired.origin
    const text = texts.get(file)
    let locator = locators.get(file)
    if (!locator && text !== undefined) locators.set(file, (locator = new FieldLocator(text)))
    const at = document === undefined ? undefined : locator?.locate(document, v.field)
    const message = v.message + quoteHint(v.message, at?.plain)
    const problem: ManifestProblem = at
      ? { file, line: at.line, column: at.column, message }
      : { file, line, message }
    const group = groups.get(v.desired)
    if (group) group.push(problem)
    else groups.set(v.desired, [problem])
  }
  const byPosition = (a: ManifestProblem, b: ManifestProblem): number =>
    (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0)
  return [...groups.values()].flatMap((group) => group.sort(byPosition))
}

/** The words YAML 1.1, and so kubectl, reads as booleans though people mean them as text. */
const YAML11_BOOLEANS = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/

/**
 * For a string field given an unquoted `yes`, `on` or `8080`: the fix, and for
 * the YAML 1.1 words the reason, which the type error alone does not give.
 */
function quoteHint(message: string, plain: string | undefined): string {
  if (plain === undefined || !message.includes('must be of type string')) return ''
  const why = YAML11_BOOLEANS.test(plain)
    ? `kubectl reads an unquoted ${plain} as a boolean, as YAML 1.1 does`
    : `an unquoted ${plain} is not text in YAML`
  return ` (${why}: write "${plain}" in quotes)`
}

/**
 * Schema problems of a revision's objects. The happy path reads nothing more
 * from Git; only when there are problems to place are their files listed and
 * read again.
 */
export async function schemaProblems(
  source: GitSource,
  sha: string,
  path: string,
  objects: readonly DesiredObject[],
): Promise<ManifestProblem[]> {
  const violations = await validateObjects(objects)
  if (violations.length === 0) return []
  const wanted = new Set(violations.map((v) => v.desired.origin.file))
  return placeViolations(violations, await readTexts(source, sha, path, wanted))
}

async function readTexts(
  source: GitSource,
  sha: string,
  path: string,
  wanted: ReadonlySet<string>,
): Promise<Map<string, string>> {
  const texts = new Map<string, string>()
  const decoder = new TextDecoder()
  try {
    for (const file of await source.listFiles(sha, path)) {
      if (wanted.has(file.path))
        texts.set(file.path, decoder.decode(await source.readBlob(file.oid)))
    }
  } catch {
    // The problems keep the lines their documents start on.
  }
  return texts
}
