/** The non-conforming screens' chunk (QualityRoute imports it on demand), with their styles. */
import './quality.css';
export { QualityScreen } from './QualityScreen.tsx';
export { WriteOffNewScreen } from './WriteOffNewScreen.tsx';
export { WriteOffRoute } from './WriteOffScreen.tsx';
export { TraceScreen, ProductTraceScreen } from './TraceScreen.tsx';
