/** The adverse-reaction screens' chunk (AdverseReactionsRoute imports it on demand), with their styles. */
import './adverse-reactions.css';
export { AdverseReactionsScreen } from './AdverseReactionsScreen.tsx';
export { ReportFormScreen } from './ReportFormScreen.tsx';
export { AdverseReactionScreen } from './AdverseReactionScreen.tsx';
export { SignalScreen } from './SignalScreen.tsx';
