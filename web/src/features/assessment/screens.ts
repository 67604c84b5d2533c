/** The assessment screens' chunk (AssessmentRoute imports it on demand), with their styles. */
import './assessment.css';
export { AssessmentScreen } from './AssessmentScreen.tsx';
export { RoundScreen } from './RoundScreen.tsx';
