// Fields and pools, loaded once and shared by the forms and filters that offer them.
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { listFields, listPools } from '@/api/taxonomy'
import type { FieldNode, Pool } from '@/api/taxonomy'

export const useTaxonomyStore = defineStore('taxonomy', () => {
  const fields = ref<FieldNode[]>([])
  const pools = ref<Pool[]>([])
  const fieldsLoaded = ref(false)
  const poolsLoaded = ref(false)

  async function loadFields(force = false): Promise<FieldNode[]> {
    if (!fieldsLoaded.value || force) {
      fields.value = (await listFields()).items
      fieldsLoaded.value = true
    }
    return fields.value
  }

  async function loadPools(force = false): Promise<Pool[]> {
    if (!poolsLoaded.value || force) {
      pools.value = (await listPools()).items
      poolsLoaded.value = true
    }
    return pools.value
  }

  return { fields, pools, loadFields, loadPools }
})

/** The node and its descendants, flattened (for looking names up). */
export function flattenFields(nodes: FieldNode[]): FieldNode[] {
  const out: FieldNode[] = []
  const walk = (list: FieldNode[]) => {
    for (const n of list) {
      out.push(n)
      if (n.children?.length) walk(n.children)
    }
  }
  walk(nodes)
  return out
}
