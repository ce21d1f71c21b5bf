// Whether the page is at phone width (the same 768 px as styles.css), for components whose
// layout is a prop rather than CSS (descriptions' columns, dialogs' width).
import { onBeforeUnmount, ref, type Ref } from "vue";

const QUERY = "(max-width: 768px)";

export function useNarrow(): Ref<boolean> {
  const media = window.matchMedia(QUERY);
  const narrow = ref(media.matches);
  const changed = (event: MediaQueryListEvent): void => {
    narrow.value = event.matches;
  };
  media.addEventListener("change", changed);
  onBeforeUnmount(() => media.removeEventListener("change", changed));
  return narrow;
}
