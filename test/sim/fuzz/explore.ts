/**
 * Runs the manifest fuzz over many seeds and corpus variants and groups the
 * failures by where they broke, to find every crash at once rather than the
 * first. Not a test: a tool to run before changing what the fuzz covers.
 *
 *   npx tsx test/sim/fuzz/explore.ts [--seeds 1-100] [--steps 1500] [--variants | --corpus N] [--strict] [--api-words]
 *
 * `--variants` runs each seed on the corpus reshuffled and thinned with that
 * seed; `--corpus N` runs every seed on variant N. `--strict` validates and
 * freezes what the controllers write.
 * `--api-words` also lists the refusals worded by a JavaScript error rather than
 * by the API server (a validator that crashed on a field of the wrong shape).
 *
 * Each failure prints the options that replay it alone.
 */
import { loadCorpus } from './corpus'
import { runFuzz } from './run'

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`)
  return i < 0 ? undefined : process.argv[i + 1]
}

function range(text: string): number[] {
  const [from, to] = text.split('-').map(Number)
  const out: number[] = []
  for (let n = from!; n <= (to ?? from!); n++) out.push(n)
  return out
}

/** Where a failure broke: its message without the numbers, and the first frame in src-main. */
function signature(e: unknown): string {
  const cause = (e as { cause?: unknown }).cause
  const inner = cause instanceof Error ? cause : (e as Error)
  const frame = inner.stack?.split('\n').find((l) => l.includes('src-main/')) ?? ''
  const where = frame.replace(/^.*src-main\//, 'src-main/').replace(/\)$/, '')
  return `${inner.message.replace(/\d+/g, 'N').slice(0, 160)} @ ${where}`
}

const seeds = range(arg('seeds') ?? '1-50')
const steps = Number(arg('steps') ?? 1500)
const variants = process.argv.includes('--variants')
const fixedCorpus = arg('corpus') === undefined ? undefined : Number(arg('corpus'))
const strict = process.argv.includes('--strict')
/** Refusals in JavaScript's words, by the phrase V8 used, with the first that said it. */
const jsWorded = new Map<string, { count: number; first: string }>()
const collectJsWorded = (report: string, message: string): void => {
  const phrase =
    /[\w.]+ is not (a function|iterable)|Cannot read properties of \w+ \(reading '[^']*'\)|Cannot use 'in' operator to search for '[^']*'|Cannot convert [\w ]+/.exec(
      message,
    )?.[0] ?? message
  const kind = /^[\w.]+/.exec(message)?.[0] ?? ''
  const sig = `${kind}: ${phrase}`
  const entry = jsWorded.get(sig)
  if (entry) entry.count++
  else jsWorded.set(sig, { count: 1, first: report })
}
const apiWords = process.argv.includes('--api-words')
const corpus = loadCorpus()
const found = new Map<string, { count: number; first: string }>()
let clean = 0
const started = process.cpuUsage()
for (const seed of seeds) {
  try {
    runFuzz({
      seed,
      steps,
      corpus,
      strict,
      jsWordedRefusals: apiWords ? collectJsWorded : undefined,
      corpusSeed: variants ? seed : fixedCorpus,
    })
    clean++
  } catch (e) {
    const sig = signature(e)
    const entry = found.get(sig)
    if (entry) entry.count++
    else {
      found.set(sig, { count: 1, first: (e as Error).message })
      console.log(`\n=== new: ${sig}\n${(e as Error).message}`)
    }
  }
}
const cpuS = (process.cpuUsage(started).user / 1e6).toFixed(1)
console.log(
  `\n${clean}/${seeds.length} seeds clean (${steps} steps each${variants ? ', corpus variants' : fixedCorpus === undefined ? '' : `, corpus variant ${fixedCorpus}`}${strict ? ', strict' : ''}; ${cpuS} s CPU); ${found.size} distinct failures:`,
)
for (const [sig, { count }] of found) console.log(`  ${count}× ${sig}`)
if (apiWords) {
  console.log(`\n${jsWorded.size} kinds of refusal in JavaScript's words:`)
  for (const [sig, { count, first }] of jsWorded) console.log(`\n  ${count}× ${sig}\n${first}`)
}
