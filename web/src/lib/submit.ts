// One way to send an action: busy while it runs, and the API's Chinese refusal kept whole and by
// field, so that a form shows each message next to the input it concerns.
import { reactive } from "vue";
import { ApiFailure } from "@/api/client";

export interface Submission {
  busy: boolean;
  error: string;
  fields: Record<string, string>;
  run(call: () => Promise<unknown>): Promise<boolean>;
  reset(): void;
}

export function useSubmission(): Submission {
  const state: Submission = reactive({
    busy: false,
    error: "",
    fields: {} as Record<string, string>,
    async run(call: () => Promise<unknown>): Promise<boolean> {
      state.busy = true;
      state.reset();
      try {
        await call();
        return true;
      } catch (failure) {
        state.error = failure instanceof Error ? failure.message : "提交失败";
        state.fields = failure instanceof ApiFailure ? failure.fieldErrors() : {};
        return false;
      } finally {
        state.busy = false;
      }
    },
    reset(): void {
      state.error = "";
      state.fields = {};
    },
  });
  return state;
}
