// The width class of the window, for layouts that change with it: `phone` (< 768 px: the menu
// is a drawer, detail labels go above their values), `tablet` (768–1199 px: the menu starts
// collapsed to icons), `desktop`. One listener for the whole app.
import { computed, readonly, ref } from 'vue'

export const PHONE_MAX = 767
export const TABLET_MAX = 1199

export type WidthClass = 'phone' | 'tablet' | 'desktop'

export function widthClass(width: number): WidthClass {
  return width <= PHONE_MAX ? 'phone' : width <= TABLET_MAX ? 'tablet' : 'desktop'
}

const width = ref(typeof window === 'undefined' ? 1366 : window.innerWidth)
let listening = false

function listen(): void {
  if (listening || typeof window === 'undefined') return
  listening = true
  window.addEventListener('resize', () => (width.value = window.innerWidth), { passive: true })
}

export function useViewport() {
  listen()
  const cls = computed(() => widthClass(width.value))
  return {
    width: readonly(width),
    widthClass: cls,
    isPhone: computed(() => cls.value === 'phone'),
    isTablet: computed(() => cls.value === 'tablet'),
  }
}

/** Props for el-descriptions: labels above values and one column on a phone. */
export function useDescriptionLayout(columns = 3) {
  const { widthClass: cls } = useViewport()
  return computed(() =>
    cls.value === 'phone'
      ? { column: 1, direction: 'vertical' as const }
      : cls.value === 'tablet'
        ? { column: Math.min(columns, 2), direction: 'horizontal' as const }
        : { column: columns, direction: 'horizontal' as const },
  )
}
