// The route table, assembled from one file per area in this folder: a new area adds its file
// (`export default defineArea({ shell: [...], standalone: [...] })`) and nothing else. Order does
// not matter: vue-router ranks paths by how specific they are, and the menu sorts by meta.menu.
import type { RouteRecordRaw } from 'vue-router'
import type { AreaRoutes } from '../meta'

const areas = import.meta.glob<AreaRoutes>('./*.ts', { eager: true, import: 'default' })

/** Each area's routes by its file name (`experts`, `admin`, …), in file-name order. */
export const AREAS: Record<string, AreaRoutes> = Object.fromEntries(
  Object.keys(areas)
    .filter((file) => file !== './index.ts')
    .sort()
    .map((file) => [file.replace(/^\.\/(.*)\.ts$/, '$1'), areas[file]!]),
)

export function assembleRoutes(list: AreaRoutes[]): RouteRecordRaw[] {
  return [
    ...list.flatMap((a) => a.standalone ?? []),
    {
      path: '/',
      component: () => import('@/components/shell/AppShell.vue'),
      children: list.flatMap((a) => a.shell ?? []),
    },
  ]
}

export const routes: RouteRecordRaw[] = assembleRoutes(Object.values(AREAS))
