/** The climate screens' chunk (ClimateRoute imports it on demand). */
export { ClimateScreen } from './ClimateScreen.tsx';
export { AreaScreen } from './AreaScreen.tsx';
export { RecordScreen } from './RecordScreen.tsx';
