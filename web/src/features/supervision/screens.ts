/** The supervision screens' chunk (SupervisionRoute imports it on demand), with their styles. */
import './supervision.css';
export { SupervisionScreen } from './SupervisionScreen.tsx';
export { VisitScreen } from './VisitScreen.tsx';
