import { signal } from '@preact/signals';

/** On narrow screens the depot tree is a drawer over the page. */
export const drawerOpen = signal(false);
