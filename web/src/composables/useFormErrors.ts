// Holds the last ApiError of a form and answers "what did the server say about this field?".
import { ref } from 'vue'
import { ApiError } from '@/api/client'

export function useFormErrors() {
  const error = ref<unknown>(null)

  function fieldError(field: string): string | undefined {
    return error.value instanceof ApiError ? error.value.fieldMessage(field) : undefined
  }

  /** Keeps the error; returns it for callers that branch on status. */
  function fail(e: unknown): unknown {
    error.value = e
    return e
  }

  function clear(): void {
    error.value = null
  }

  /** Runs an action, recording its error; true when it succeeded. */
  async function attempt(action: () => Promise<unknown>): Promise<boolean> {
    clear()
    try {
      await action()
      return true
    } catch (e) {
      fail(e)
      return false
    }
  }

  return { error, fieldError, fail, clear, attempt }
}

export function statusOf(e: unknown): number | null {
  return e instanceof ApiError ? e.status : null
}
