// Unsaved edits are not lost without a word: while a form differs from what was loaded (or last
// saved), leaving the page asks first (another page in the app: a confirmation box; closing or
// reloading the tab: the browser's own question).
//
//   const guard = useLeaveGuard(() => form.value)
//   after loading or saving: guard.markSaved()       (the current state is the saved one)
//   guard.dirty.value                                 (for the sticky bar's 未保存 hint)
import { computed, onBeforeUnmount, onMounted, ref, type ComputedRef } from 'vue'
import { onBeforeRouteLeave } from 'vue-router'
import { ElMessageBox } from 'element-plus'
import { useI18n } from 'vue-i18n'

/** A stable text for a form's state: key order does not matter, undefined equals absent. */
export function snapshot(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort)
    if (v && typeof v === 'object') {
      return Object.fromEntries(
        Object.keys(v as object)
          .sort()
          .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
          .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
      )
    }
    return v
  }
  return JSON.stringify(sort(value)) ?? ''
}

export interface LeaveGuard {
  dirty: ComputedRef<boolean>
  /** The current state is saved (or freshly loaded): leaving asks nothing. */
  markSaved(): void
  /** Leave once without asking (after a save that navigates, or a deliberate discard). */
  release(): void
}

export function useLeaveGuard(state: () => unknown): LeaveGuard {
  const { t } = useI18n()
  const saved = ref(snapshot(state()))
  const released = ref(false)
  const dirty = computed(() => !released.value && snapshot(state()) !== saved.value)

  onBeforeRouteLeave(async () => {
    if (!dirty.value) return true
    try {
      await ElMessageBox.confirm(t('leave.text'), t('leave.title'), {
        confirmButtonText: t('leave.discard'),
        cancelButtonText: t('leave.stay'),
        type: 'warning',
      })
      return true
    } catch {
      return false
    }
  })

  const onUnload = (e: BeforeUnloadEvent) => {
    if (!dirty.value) return
    e.preventDefault()
    e.returnValue = ''
  }
  onMounted(() => window.addEventListener('beforeunload', onUnload))
  onBeforeUnmount(() => window.removeEventListener('beforeunload', onUnload))

  return {
    dirty,
    markSaved: () => {
      saved.value = snapshot(state())
      released.value = false
    },
    release: () => (released.value = true),
  }
}
