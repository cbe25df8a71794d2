// The messages of both languages, merged from one file per area: zh-CN/<area>.ts (the product's
// language) and en/<area>.ts (typed as the zh-CN file, so a missing or extra key fails the type
// check). A new area adds its two files and nothing else. Areas may add keys to a shared
// namespace (each area names its own menu entries under `nav`), but no key may be defined twice.
// In vue-i18n's message syntax { } @ $ | are special: do not use them as plain text.

export type MessageTree = { [key: string]: string | MessageTree }

/** Merges the area files into one tree; throws when two of them define the same key. */
export function mergeMessages(parts: Record<string, MessageTree>): MessageTree {
  const into = (target: MessageTree, source: MessageTree, file: string, path: string) => {
    for (const [k, v] of Object.entries(source)) {
      const here = target[k]
      if (typeof v === 'object' && (here === undefined || typeof here === 'object')) {
        into((target[k] = here ?? {}) as MessageTree, v, file, `${path}${k}.`)
      } else if (here !== undefined) {
        throw new Error(`message ${path}${k} is defined twice (again in ${file})`)
      } else {
        target[k] = v
      }
    }
  }
  const out: MessageTree = {}
  for (const file of Object.keys(parts).sort()) into(out, parts[file]!, file, '')
  return out
}

/** The area files of one language by area name (`experts`, `common`, …). */
function areas(files: Record<string, MessageTree>): Record<string, MessageTree> {
  return Object.fromEntries(Object.entries(files).map(([file, tree]) => [file.replace(/^.*\/(.*)\.ts$/, '$1'), tree]))
}

export const ZH_CN_AREAS = areas(import.meta.glob<MessageTree>('./zh-CN/*.ts', { eager: true, import: 'default' }))
export const EN_AREAS = areas(import.meta.glob<MessageTree>('./en/*.ts', { eager: true, import: 'default' }))

export const zhCN: MessageTree = mergeMessages(ZH_CN_AREAS)
export const en: MessageTree = mergeMessages(EN_AREAS)
