/**
 * The string checks of `k8s.io/apimachinery/pkg/util/validation` and
 * `pkg/api/validate/content`, each returning the API server's messages (empty
 * when the value is valid). Callers wrap them in field errors.
 */

const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?'
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`
const DNS1035_LABEL_FMT = '[a-z]([-a-z0-9]*[a-z0-9])?'
const LABEL_KEY_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]'
const LABEL_VALUE_FMT = `(${LABEL_KEY_FMT})?`

const dns1123Label = new RegExp(`^${DNS1123_LABEL_FMT}$`)
const dns1123Subdomain = new RegExp(`^${DNS1123_SUBDOMAIN_FMT}$`)
const dns1035Label = new RegExp(`^${DNS1035_LABEL_FMT}$`)
const labelKeyName = new RegExp(`^${LABEL_KEY_FMT}$`)

/** `validation.RegexError`: the message, examples and the regular expression, with Go's odd double spaces. */
function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${fmt}')`
  return `${msg} (e.g. ${examples.map((e) => `'${e}', `).join(' or ')}regex used for validation is '${fmt}')`
}

export function maxLenError(length: number): string {
  return `must be no more than ${length} characters`
}

const EMPTY_ERROR = 'must be non-empty'

export function isDNS1123Label(value: string): string[] {
  const errs: string[] = []
  if (value.length > 63) errs.push(maxLenError(63))
  if (!dns1123Label.test(value)) {
    errs.push(
      regexError(
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
        DNS1123_LABEL_FMT,
        'my-name',
        '123-abc',
      ),
    )
  }
  return errs
}

export function isDNS1123Subdomain(value: string): string[] {
  const errs: string[] = []
  if (value.length > 253) errs.push(maxLenError(253))
  if (!dns1123Subdomain.test(value)) {
    errs.push(
      regexError(
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
        DNS1123_SUBDOMAIN_FMT,
        'example.com',
      ),
    )
  }
  return errs
}

export function isDNS1035Label(value: string): string[] {
  const errs: string[] = []
  if (value.length > 63) errs.push(maxLenError(63))
  if (!dns1035Label.test(value)) {
    errs.push(
      regexError(
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
        DNS1035_LABEL_FMT,
        'my-name',
        'abc-123',
      ),
    )
  }
  return errs
}

const LABEL_KEY_MSG =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"

/** `content.IsLabelKey` (what `IsQualifiedName` is now): an optional DNS-subdomain prefix, `/`, and a name. */
export function isLabelKey(value: string): string[] {
  const errs: string[] = []
  const slash = value.indexOf('/')
  let name = value
  if (slash >= 0) {
    const prefix = value.slice(0, slash)
    name = value.slice(slash + 1)
    if (name.includes('/')) {
      return [
        `a valid label key ${regexError(LABEL_KEY_MSG, LABEL_KEY_FMT, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
      ]
    }
    if (prefix.length === 0) errs.push(`prefix part ${EMPTY_ERROR}`)
    else errs.push(...isDNS1123Subdomain(prefix).map((m) => `prefix part ${m}`))
  }
  if (name.length === 0) errs.push(`name part ${EMPTY_ERROR}`)
  else if (name.length > 63) errs.push(`name part ${maxLenError(63)}`)
  if (!labelKeyName.test(name)) {
    errs.push(
      `name part ${regexError(LABEL_KEY_MSG, LABEL_KEY_FMT, 'MyName', 'my.name', '123-abc')}`,
    )
  }
  return errs
}

export function isLabelValue(value: string): string[] {
  const errs: string[] = []
  if (value.length > 63) errs.push(maxLenError(63))
  if (value.length > 0 && !labelKeyName.test(value)) {
    errs.push(
      regexError(
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
        LABEL_VALUE_FMT,
        'MyValue',
        'my_value',
        '12345',
      ),
    )
  }
  return errs
}

/**
 * `maskTrailingDash`: a `generateName` prefix may end in `-` since five characters
 * follow it, so the check replaces its last two characters with one `a`.
 */
export function maskTrailingDash(name: string): string {
  return name.length > 1 && name.endsWith('-') ? `${name.slice(0, -2)}a` : name
}
