/** Training's chunk (TrainingRoute imports it on demand), with its styles. */
import './training.css';
export { TrainingScreen } from './TrainingScreen.tsx';
