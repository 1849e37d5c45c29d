import fs from 'node:fs'
import path from 'node:path'
import { parseAllDocuments } from 'yaml'
import type { KubeObject } from '../../../src-main/sim/api/meta'
import type { Prng } from '../../../src-main/sim/kernel/prng'
import { fixturesDir, projectRoot } from '../../helpers/paths'

/** One object of the corpus and where it came from, so a failure can name it. */
export interface Specimen {
  object: KubeObject
  /** `test/fixtures/deployments/web.yaml#2`: the file and the document's index in it. */
  source: string
}

function yamlFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((e) => {
      const full = path.join(dir, e.name)
      if (e.isDirectory()) return yamlFiles(full)
      return /\.ya?ml$/.test(e.name) ? [full] : []
    })
}

/** Every object in the fixtures and the course scenarios that parses as YAML, in file order. */
export function loadCorpus(): Specimen[] {
  const files = [...yamlFiles(fixturesDir), ...yamlFiles(path.join(projectRoot, 'repos'))]
  const out: Specimen[] = []
  for (const file of files) {
    const docs = parseAllDocuments(fs.readFileSync(file, 'utf8'))
    docs.forEach((doc, i) => {
      if (doc.errors.length > 0) return
      const value = doc.toJS() as unknown
      if (value && typeof value === 'object' && 'kind' in value && 'metadata' in value)
        out.push({
          object: value as KubeObject,
          source: `${path.relative(projectRoot, file)}#${i}`,
        })
    })
  }
  return out
}

/**
 * The corpus as another repository might hold it: shuffled, and a random part
 * of it left out. Each adds or removes fixtures without anyone touching a file,
 * which is what shifts the mutation stream onto paths nobody has walked.
 */
export function corpusVariant(corpus: readonly Specimen[], prng: Prng): Specimen[] {
  const keep = 0.3 + 0.7 * prng.next()
  const out = corpus.filter(() => prng.next() < keep)
  for (let i = out.length - 1; i > 0; i--) {
    const j = prng.int(i + 1)
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out.length > 0 ? out : [...corpus]
}
