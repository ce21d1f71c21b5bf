// Phone width (≤ 768 px, the styles' .wide-only / .cards break) as a reactive flag, for components
// whose layout is a prop rather than CSS (descriptions' columns, a dialog's width).
import { onBeforeUnmount, ref, type Ref } from "vue";

const QUERY = "(max-width: 768px)";

export function useNarrow(): Ref<boolean> {
  const media = window.matchMedia(QUERY);
  const narrow = ref(media.matches);
  const follow = (event: MediaQueryListEvent): void => {
    narrow.value = event.matches;
  };
  media.addEventListener("change", follow);
  onBeforeUnmount(() => media.removeEventListener("change", follow));
  return narrow;
}
