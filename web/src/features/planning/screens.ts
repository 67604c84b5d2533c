/** The planning screens' chunk (PlanningRoute imports it on demand), with their messages and styles. */
import './planning.css';
export { PlanningScreen } from './PlanningScreen.tsx';
export { DemandPlanScreen } from './DemandPlanScreen.tsx';
export { AllocationPlanScreen } from './AllocationPlanScreen.tsx';
